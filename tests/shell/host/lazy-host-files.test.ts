/**
 * Host files whose text the browser fetches on use (src/shell/lazy-data.ts): /etc/ssl/openssl.cnf and
 * /etc/services (host-etc.ts) and the certificates of ca-certificates. Node's table (lab-programs.ts) has their text at
 * once; the browser's (lab-programs.browser.ts) lists and sizes them at once and fetches their text when a
 * command line may read it. Every command must print the same either way.
 *
 * The browser-style lab runs in a fresh module graph (vi.resetModules) with lab-programs.ts replaced by
 * lab-programs.browser.ts, as the Vite plugin does in the client build, so that nothing has handed the texts
 * over yet; each line first awaits what the shell awaits (`programs.ensure(wordsOfLine(line))`).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { createLabWorld } from '../../../src/engine/world/lab-world.ts';
import { createLabShell } from '../../../src/shell/lab-shell.ts';
import { caCertificatesData, hostFilesData } from '../../../src/shell/lazy-data.ts';
import { wordsOfLine } from '../../../src/shell/registry.ts';
import { emptyImage } from '../../../src/lesson-runtime/lab-image.ts';
import { scenarioNamed } from '../../../src/lesson-runtime/scenarios/index.ts';
import { buildScenarioWorld, filesDelta } from '../../../src/lesson-runtime/scenario-world.ts';
import { labBundle } from './lab-bundle.ts';
import { hostRecords } from './recordings.ts';
import { MemoryPort } from '../../../src/shell/memory-port.ts';

const CNF = '/etc/ssl/openssl.cnf';
const SERVICES = '/etc/services';

type Result = { stdout: string; stderr: string; exitCode: number };

function eager(line: string, tty = false, stdin?: string): Result {
  const shell = createLabShell(createLabWorld());
  return result(shell.runLine(line, { tty, ...(stdin === undefined ? {} : { stdin }) }));
}

function result(r: Result): Result {
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
}

/** A lab as the browser has it: the browser's command table, and no text handed over yet. */
async function browserLab() {
  vi.resetModules();
  vi.doMock('../../../src/shell/lab-programs.ts', () => import('../../../src/shell/lab-programs.browser.ts'));
  try {
    const world = await import('../../../src/engine/world/lab-world.ts');
    const labShell = await import('../../../src/shell/lab-shell.ts');
    const hostEtc = await import('../../../src/engine/world/data/host-etc.ts');
    const ca = await import('../../../src/engine/world/data/ca-certificates.ts');
    const scenarios = await import('../../../src/lesson-runtime/scenario-world.ts');
    const lazyData = await import('../../../src/shell/lazy-data.ts');
    const labWorld = world.createLabWorld();
    const shell = labShell.createLabShell(labWorld);
    return {
      world: labWorld,
      shell,
      scenarios,
      /** Fetches the CA listing alone, as a Tab in /etc/ssl/certs/ does. */
      listing: () => lazyData.caListingData().load(),
      loaded: () => ({ host: hostEtc.hostFileTextsLoaded(), ca: ca.caCertificatesLoaded(), caList: ca.caCertificateListLoaded() }),
      /** The line as the terminal runs it: what it may need first, then the line. */
      async run(line: string, tty = false, stdin?: string): Promise<Result> {
        await shell.programs.ensure(wordsOfLine(line), { cwd: '/root', line });
        const r = shell.runLine(line, { tty, ...(stdin === undefined ? {} : { stdin }) });
        return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
      },
    };
  } finally {
    vi.doUnmock('../../../src/shell/lab-programs.ts');
  }
}

describe('/etc/ssl/openssl.cnf (Node: text at once)', () => {
  it('head -30: as recorded on Debian 12 (openssl-cnf-head.txt)', () => {
    const rec = hostRecords('openssl-cnf-head.txt').find((r) => r.cmd === 'head -30 /etc/ssl/openssl.cnf');
    expect(rec).toBeDefined();
    const got = eager('head -30 /etc/ssl/openssl.cnf');
    expect(got.stdout).toBe(rec?.stdout);
    expect(got.stderr).toBe(rec?.stderr);
    expect(got.exitCode).toBe(rec?.status);
  });

  it("the whole file is the package's conffile (the md5 dpkg lists for it); ls -l gives its size", () => {
    const world = createLabWorld();
    createLabShell(world);
    const text = world.fs.read(CNF) ?? '';
    expect(createHash('md5').update(text).digest('hex')).toBe('fe1993ec22f6b8a46cb9706acd8fc68f');
    expect(eager(`ls -l ${CNF}`).stdout).toMatch(new RegExp(`^-rw-r--r-- 1 root root ${Buffer.byteLength(text)} .* ${CNF}\n$`));
  });
});

describe('browser-style lazy table: the same output as the eager one', () => {
  it('before the text comes: listed, sized, dated and moded as the eager table shows it', async () => {
    const lab = await browserLab();
    expect(lab.loaded()).toEqual({ host: false, ca: false, caList: false });
    await lab.shell.programs.ensure(['ls']);
    // The folders are there before the CA listing: /etc/ssl, /usr/share and /usr/share/ca-certificates list as in Node.
    for (const line of [
      `ls -l ${CNF}`,
      `ls -l ${SERVICES}`,
      'ls -l /etc',
      'ls -l /etc/ssl',
      'ls -l /usr/share',
      'ls -la /usr/share/ca-certificates',
      'ls -ld /etc/ssl/certs',
    ])
      expect(lab.shell.runLine(line), line).toMatchObject(eager(line));
    // These lines would want the data (they name the files): run without awaiting it, they show what comes first.
    expect(lab.loaded()).toEqual({ host: false, ca: false, caList: false });
    // The listing alone (what a Tab fetches): links and sizes as in Node, the text not yet.
    await lab.listing();
    const line = 'ls -l /etc/ssl/certs/ISRG_Root_X1.pem /usr/share/ca-certificates/mozilla/ISRG_Root_X1.crt';
    expect(lab.shell.runLine(line), line).toMatchObject(eager(line));
    expect(lab.loaded()).toEqual({ host: false, ca: false, caList: true });
  });

  const LINES: readonly (readonly [string, boolean?, string?])[] = [
    [`cat ${CNF}`],
    [`head -30 ${CNF}`],
    [`tail -n 4 ${CNF}`],
    [`wc ${CNF}`],
    [`grep -n provider ${CNF}`],
    [`sed -n 10,14p ${CNF}`],
    [`less ${CNF}`],
    [`nano ${CNF}`, true, '\x18'],
    ['ls -l /etc/ssl'],
    ['grep -rc HOME /etc/ssl'],
    ['cd /etc/ssl && wc -l openssl.cnf'],
    ['cd /etc/postfix && cd .. && grep -rn tsa_policy1 .'],
    ['cd /etc/postfix && cd .. && grep -rn tsa_policy1'],
    ['cd /etc/postfix && cd .. && cat ssl/*.cnf | wc -c'],
    [`cp ${CNF} /tmp/o.cnf && wc -c /tmp/o.cnf`],
    [`mv ${CNF} /root/o.cnf && wc -c /root/o.cnf && ls /etc/ssl`],
    [`chmod 600 ${CNF} && ls -l ${CNF} && wc -c ${CNF}`],
    [`cat ${SERVICES}`],
    [`grep -n submission ${SERVICES}`],
    [`wc ${SERVICES}`],
    ['cd /etc && grep -c /tcp services'],
    ['cd /etc/postfix && tail -3 ../services'],
    [`echo 'lab 2600/tcp' >> ${SERVICES} && tail -3 ${SERVICES} && wc -c ${SERVICES} && ls -l ${SERVICES}`],
    [`chmod 600 ${SERVICES} && ls -l ${SERVICES} && head -3 ${SERVICES}`],
    [`less ${SERVICES}`],
    ['openssl x509 -in /etc/ssl/certs/ISRG_Root_X1.pem -noout -subject -enddate'],
    ['wc -c /etc/ssl/certs/ca-certificates.crt'],
    ['grep -c BEGIN /usr/share/ca-certificates/mozilla/ISRG_Root_X1.crt'],
  ];

  it.each(LINES.map((l) => [l[0], l] as const))('%s', async (_, [line, tty = false, stdin]) => {
    const lab = await browserLab();
    const got = await lab.run(line, tty, stdin);
    expect(got).toEqual(eager(line, tty, stdin));
  });

  it('postconf and the Postfix commands fetch nothing; the lab certificate is there at once', async () => {
    const lab = await browserLab();
    for (const line of [
      'postconf -n',
      'postfix check',
      'postfix reload',
      'openssl x509 -in /etc/postfix/tls/mail.example.org.crt -noout -subject',
      'ss -lt',
      'ss -ltn',
    ]) {
      const got = await lab.run(line);
      expect(got, line).toEqual(eager(line));
    }
    expect(lab.loaded()).toEqual({ host: false, ca: false, caList: false });
  });

  it('a lab image: nothing to keep while the text is not here, and an edit or a removal kept as in Node', async () => {
    const s = scenarioNamed('lab-default');
    expect(s).toBeDefined();
    if (s === undefined) return;
    const lab = await browserLab();
    const before = lab.scenarios.buildScenarioWorld(s, null).world;
    expect(lab.scenarios.filesDelta(s, before.fs)).toEqual(filesDelta(s, buildScenarioWorld(s, null).world.fs));
    expect(lab.scenarios.filesDelta(s, before.fs)[CNF]).toBeUndefined();
    expect(lab.scenarios.filesDelta(s, before.fs)[SERVICES]).toBeUndefined();
    // Removed, then restored from the image: still removed (the file is one of the machine's own).
    before.fs.remove(CNF);
    const image = { ...emptyImage(s, null), files: lab.scenarios.filesDelta(s, before.fs) };
    expect(image.files[CNF]).toBeNull();
    expect(lab.scenarios.buildScenarioWorld(s, image).world.fs.stat(CNF)).toBeUndefined();
    // A copy made before the text came reads it once it is here.
    const copy = lab.scenarios.buildScenarioWorld(s, null).world;
    await lab.run(`cat ${CNF}`);
    expect(copy.fs.read(CNF)).toBe(createLabWorld().fs.read(CNF));
  });

  it("master.cf's service names: looked up in the boot table until /etc/services is edited, then in the file", async () => {
    const lab = await browserLab();
    const lines = [
      "printf 'imap2 inet n - y - - smtpd\\n127.0.0.1:pop3 inet n - y - - smtpd\\n' >> /etc/postfix/master.cf",
      'postfix reload',
      'ss -ltn',
      'ss -lt',
    ];
    const node = createLabShell(createLabWorld());
    for (const line of lines) expect(await lab.run(line), line).toEqual(result(node.runLine(line)));
    expect(lab.shell.runLine('ss -ltn').stdout).toMatch(/127\.0\.0\.1:143 .*\n.*127\.0\.0\.1:110 /);
    expect(lab.loaded().host).toBe(false);
    // An edit through the shell fetches the text first, then master reads the edited file.
    const edit = ["sed -i 's/^imap2.*/imap2 1143\\/tcp imap/' /etc/services", 'postfix reload', 'ss -ltn', 'ss -lt'];
    for (const line of edit) expect(await lab.run(line), line).toEqual(result(node.runLine(line)));
    expect(lab.loaded().host).toBe(true);
    expect(lab.shell.runLine('ss -ltn').stdout).toMatch(/127\.0\.0\.1:1143 /);
  });

  it('a file written before the text came (a restored image, a program) is read as it is', async () => {
    const lab = await browserLab();
    lab.world.fs.write(SERVICES, 'pop3 2110/tcp\n');
    const lines = [
      "printf 'pop3 inet n - y - - smtpd\\nimap2 inet n - y - - smtpd\\n' >> /etc/postfix/master.cf",
      'postfix reload',
      'ss -ltn',
    ];
    const node = createLabShell(createLabWorld());
    node.runLine(`echo 'pop3 2110/tcp' > ${SERVICES}`);
    for (const line of lines) expect(await lab.run(line), line).toEqual(result(node.runLine(line)));
    expect(lab.shell.runLine('ss -ltn').stdout).toMatch(/:2110 /);
    expect(lab.shell.runLine('ss -ltn').stdout).not.toMatch(/:143 /);
    expect(lab.loaded().host).toBe(false);
  });

  it('which lines want the text: the file, its folders, globs, . and .., recursive flags', () => {
    const data = hostFilesData();
    const wants = (line: string): boolean => wordsOfLine(line).some((w) => data.wanted(w));
    for (const line of [
      `cat ${CNF}`,
      'less openssl.cnf',
      'cd /etc/ssl',
      'cd ssl',
      'ls /etc',
      'cat *',
      'grep -r x .',
      'grep -rn x',
      'ls ..',
      'ls -R',
    ])
      expect(wants(line), line).toBe(true);
    for (const line of [
      'postconf -n',
      'postfix reload',
      'telnet localhost 25',
      'cat /etc/postfix/main.cf',
      'ls -l /etc/postfix',
      'echo ready',
      'telnet localhost smtp',
      'ss -lt',
    ])
      expect(wants(line), line).toBe(false);
    for (const line of [`cat ${SERVICES}`, 'grep smtp services', 'tail ../services', `echo x >> ${SERVICES}`, `nano ${SERVICES}`])
      expect(wants(line), line).toBe(true);
    // The certificates' text (about 120 kB gzip) is not fetched for openssl.cnf or /etc/ssl/private.
    const ca = caCertificatesData();
    for (const line of [`cat ${CNF}`, 'less /etc/ssl/openssl.cnf', 'ls -l /etc/ssl/private', 'ls /etc/ssl/private/'])
      expect(
        wordsOfLine(line).some((w) => ca.wanted(w)),
        line,
      ).toBe(false);
    for (const line of ['ls /etc/ssl', 'ls /etc/ssl/', 'cat /etc/ssl/*', 'ls /etc/ssl/certs', 'ls /etc/ssl/privateer'])
      expect(
        wordsOfLine(line).some((w) => ca.wanted(w)),
        line,
      ).toBe(true);
  });
});

/** Every recorded command on the CA files (tests/corpus-extra/host-tools/ca-*.txt), less the /tmp scratch ones. */
const CA_RECORDED: readonly (readonly [string, boolean])[] = [
  ...new Map(
    [
      'ca-ls-etc-ssl-certs-tty.txt',
      'ca-ls-l-etc-ssl-certs-tty.txt',
      'ca-ls-l-etc-ssl-certs.txt',
      'ca-ls-mozilla.txt',
      'ca-pem-link.txt',
      'ls-etc-ssl-certs.txt',
    ]
      .flatMap((f) => hostRecords(f))
      .filter((r) => !r.cmd.includes('/tmp/') && !r.cmd.includes('/usr/local/'))
      .map((r) => [`${r.cmd} ${r.pty}`, [r.cmd, r.pty] as const]),
  ).values(),
];

describe('the CA listing (names, sizes, links) fetched on use: every reader as in Node', () => {
  it('the recordings cover the listing forms', () => {
    expect(CA_RECORDED.length).toBeGreaterThanOrEqual(15);
  });

  it.each(CA_RECORDED.map(([cmd, pty]) => [`${cmd}${pty ? ' (tty)' : ''}`, cmd, pty] as const))('%s', async (_, cmd, pty) => {
    const lab = await browserLab();
    expect(await lab.run(cmd, pty)).toEqual(eager(cmd, pty));
    expect(lab.loaded().caList).toBe(true);
  });

  it.each([
    'ls -lL /usr/share/ca-certificates/mozilla/ISRG_Root_X1.crt /etc/ssl/certs/4042bcee.0',
    'realpath /etc/ssl/certs/ISRG_Root_X1.pem /etc/ssl/certs/ca-certificates.crt',
    'ls /etc/ssl/certs/*.pem | wc -l',
    'ls -d /etc/ssl/c*/ISRG*',
    'echo /etc/ssl/certs/4*',
    'cd /etc/ssl/certs && ls | head -3 && ls -l ca-certificates.crt',
    'cd /etc/ssl && ls -R | wc -l',
    'cd /usr/share && grep -rc BEGIN ca-certificates | tail -2',
    'cd /etc && grep -rl BEGIN ssl | wc -l',
    'cd /usr/share/ca-certificates && ls mozilla | tail -2',
    'ls -l /usr/share',
  ])('%s', async (line) => {
    const lab = await browserLab();
    expect(await lab.run(line)).toEqual(eager(line));
  });

  it('a world made before the listing came (a scenario, a copy) lists it once it is here', async () => {
    const lab = await browserLab();
    const s = scenarioNamed('lab-default');
    if (s === undefined) throw new Error('no lab-default scenario');
    const early = lab.scenarios.buildScenarioWorld(s, null).world;
    expect(early.fs.isDir('/etc/ssl/certs')).toBe(true);
    expect(early.fs.list('/usr/share/ca-certificates')).toEqual(['mozilla']);
    expect(early.fs.list('/etc/ssl/certs')).toEqual([]);
    await lab.run('ls /etc/ssl/certs');
    const node = createLabWorld();
    createLabShell(node);
    expect(early.fs.list('/etc/ssl/certs')).toEqual(node.fs.list('/etc/ssl/certs'));
    expect(early.fs.read('/etc/ssl/certs/4042bcee.0')).toBe(node.fs.read('/etc/ssl/certs/4042bcee.0'));
    expect(lab.scenarios.filesDelta(s, early.fs)).toEqual(filesDelta(s, buildScenarioWorld(s, null).world.fs));
  });
});

const PROMPT_END = /root@mail:[^\n]*# $/;

/** Types `keys` into a shell's terminal and waits for its prompt (the browser's data comes by dynamic import). */
async function typed(port: MemoryPort, keys: string): Promise<string> {
  port.type(keys);
  let out = port.take();
  for (let i = 0; i < 1000 && !PROMPT_END.test(out); i++) {
    await new Promise((r) => setTimeout(r, 10));
    out += port.take();
  }
  return out;
}

/** The same keys, line by line, on the Node lab's terminal and the browser lab's: the two screens. */
async function bothScreens(lines: readonly string[]): Promise<{ node: string; browser: string }> {
  const lab = await browserLab();
  const node = createLabShell(createLabWorld());
  const ports = { node: new MemoryPort(200, 40), browser: new MemoryPort(200, 40) };
  node.attach(ports.node);
  lab.shell.attach(ports.browser);
  ports.node.take();
  ports.browser.take();
  const out = { node: '', browser: '' };
  for (const l of lines) {
    out.node += await typed(ports.node, l);
    out.browser += await typed(ports.browser, l);
  }
  return out;
}

describe('the terminal: lazy data reached through the current folder, and Tab', () => {
  it.each([
    [['cd /etc/ssl\r', 'grep -rc BEGIN . | tail -4\r']],
    [['cd /etc/ssl\r', 'grep -r BEGIN | wc -l\r']],
    [['cd /etc/postfix; cd ..; grep -rc BEGIN . | tail -3\r']],
    // No line names the certificates' folders: only the current folder (/etc) leads there.
    [['cd /etc/postfix\r', 'cd ..\r', 'grep -rc BEGIN . | tail -3\r']],
    [['cd /etc/postfix\r', 'cd ..\r', 'grep -rl BEGIN | wc -l\r']],
    [['cd /etc/ssl/certs\r', 'ls | wc -l; head -2 ISRG_Root_X1.pem\r']],
    [['cd /usr/share/ca-certificates\r', 'cat mozilla/* | wc -c\r']],
    [['cd /etc\r', 'cd ssl\r', 'ls -l certs/ca-certificates.crt; wc -c ../ssl/openssl.cnf\r']],
  ])('%j: as in Node', async (lines) => {
    const { node, browser } = await bothScreens(lines);
    expect(browser).toBe(node);
    expect(node).toMatch(/\d/);
  });

  it.each([
    [['ls /etc/ssl/certs/ISRG_Root_X1.p\t\r']],
    [['cat /usr/share/ca-certificates/mozilla/ISRG_Root_X\t\t\x15\r']],
    [['cd /etc/ssl/certs\r', 'ls ISRG_Root_X1.p\t| wc -c\r']],
    [['cd /etc/ssl\r', 'ls certs/4042\t\r']],
  ])('Tab %j: the first Tab lists what Node lists, and the keys after it follow in order', async (lines) => {
    const { node, browser } = await bothScreens(lines);
    expect(browser).toBe(node);
  });

  it("a Tab in /etc/ssl/certs/ fetches the listing only, not the certificates' text", async () => {
    const lab = await browserLab();
    const port = new MemoryPort(200, 40);
    lab.shell.attach(port);
    port.take();
    await typed(port, 'ls /etc/ssl/certs/ISRG_Root_X1.p\t\x15\r');
    expect(lab.loaded()).toEqual({ host: false, ca: false, caList: true });
  });
});

describe('weight', () => {
  it("the lab reaches the host files' text only through a dynamic import", async () => {
    const { staticInputs, allInputs } = await labBundle();
    expect(staticInputs.some((p) => p.endsWith('world/data/host-etc.ts'))).toBe(true);
    expect(staticInputs.some((p) => p.endsWith('host-etc-texts.ts'))).toBe(false);
    // /etc/services: the boot table of its TCP entries is static, its text is not.
    expect(staticInputs.some((p) => p.endsWith('config/data/etc-services.ts'))).toBe(true);
    expect(staticInputs.some((p) => p.endsWith('etc-services-text.ts'))).toBe(false);
    expect([...allInputs.keys()].some((p) => p.endsWith('etc-services-text.ts'))).toBe(true);
    expect([...allInputs.keys()].some((p) => p.endsWith('host-etc-texts.ts'))).toBe(true);
  });
});
