/**
 * /etc/ssl/certs and /usr/share/ca-certificates (Debian 12's ca-certificates 20230311+deb12u1) against the
 * recordings of a Debian 12 machine: tests/corpus-extra/host-tools/ls-etc-ssl-certs.txt (host_tools.py) and
 * ca-*.txt (record_ca_certs.py). The recording machine has, besides Debian's files, a Java keystore folder and
 * two local CAs of its own infrastructure (see the recordings' headers): the lab is a stock server without
 * them, so where those show, the expectation drops them and says how.
 */
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLabWorld } from '../../../src/engine/world/lab-world.ts';
import { createLabShell } from '../../../src/shell/lab-shell.ts';
import { caCertificatesData } from '../../../src/shell/lazy-data.ts';
import { Registry, wordsOfLine } from '../../../src/shell/registry.ts';
import { labBundle } from './lab-bundle.ts';
import { hostRecords } from './recordings.ts';
import type { HostRecord } from './recordings.ts';

function lab() {
  const world = createLabWorld();
  return { world, shell: createLabShell(world) };
}

function record(file: string, cmd: string, pty = false): HostRecord {
  const r = hostRecords(file).find((h) => h.cmd === cmd && h.pty === pty);
  if (r === undefined) throw new Error(`no recording of ${cmd} in ${file}`);
  return r;
}

/** The recording machine's own entries in /etc/ssl/certs (not Debian's: Java keystore, two local CAs). */
const EXTRAS = ['java', 'custom-ca.pem', 'sandboxing-egress-ca.pem', '6ca38420.0', '6f7d0a94.0'];
const isExtra = (line: string): boolean => EXTRAS.some((n) => new RegExp(` '?${n.replace(/\./g, '\\.')}'?( |$)`).test(line));

/** Sizes of the two local CAs appended to the recording machine's bundle (ca-ls-mozilla.txt). */
function localCaSizes(): number {
  const r = record('ca-ls-mozilla.txt', 'ls -l /usr/local/share/ca-certificates');
  return r.stdout
    .split('\n')
    .filter((l) => l.startsWith('-'))
    .reduce((s, l) => s + Number(l.split(/ +/)[4]), 0);
}

/** 1 KiB blocks of a file on ext4 with 4 KiB blocks, as `ls -s` counts them. */
const blocks = (size: number): number => Math.ceil(size / 4096) * 4;

/**
 * The stock listing derived from the recorded one: the extras' lines out, and the bundle without the two local
 * CAs, dated with the links (a stock install writes it with them; the recording machine rebuilt it at boot).
 * `total` drops the extras' blocks (from the recorded `ls -ls`) and the bundle's difference.
 */
function stockListing(): { lines: string[]; total: number; bundleSize: number } {
  const full = record('ca-ls-l-etc-ssl-certs.txt', 'ls -l /etc/ssl/certs').stdout.split('\n').slice(0, -1);
  const withBlocks = record('ca-ls-l-etc-ssl-certs.txt', 'ls -ls /etc/ssl/certs').stdout.split('\n').slice(1, -1);
  const recordedTotal = Number(/^total (\d+)$/.exec(full[0] ?? '')?.[1]);
  const extraBlocks = withBlocks.filter(isExtra).reduce((s, l) => s + Number(l.trim().split(/ +/)[0]), 0);
  const bundleLine = full.find((l) => l.endsWith(' ca-certificates.crt')) ?? '';
  const recordedBundle = Number(bundleLine.split(/ +/)[4]);
  const bundleSize = recordedBundle - localCaSizes();
  const total = recordedTotal - extraBlocks - blocks(recordedBundle) + blocks(bundleSize);
  const lines = full
    .slice(1)
    .filter((l) => !isExtra(l))
    .map((l) => (l === bundleLine ? `-rw-r--r-- 1 root root ${bundleSize} Jun 24  2025 ca-certificates.crt` : l));
  return { lines, total, bundleSize };
}

describe('ls -l /etc/ssl/certs', () => {
  it('ls -l /etc/ssl/certs | head: the recorded links byte for byte, and the total of a stock install', () => {
    const r = record('ls-etc-ssl-certs.txt', 'ls -l /etc/ssl/certs | head');
    const got = lab().shell.runLine('ls -l /etc/ssl/certs | head');
    const [gotTotal, ...gotRest] = got.stdout.split('\n');
    const [recTotal, ...recRest] = r.stdout.split('\n');
    expect(gotRest.join('\n')).toBe(recRest.join('\n'));
    // The recording says `total 620`, with the machine's extras; the lab's is that minus their blocks.
    expect(recTotal).toBe('total 620');
    expect(gotTotal).toBe(`total ${stockListing().total}`);
    expect(got.stderr).toBe(r.stderr);
    expect(got.exitCode).toBe(r.status);
  });

  it('the whole listing: every Debian entry as recorded (names, link targets, sizes, dates)', () => {
    const s = stockListing();
    const got = lab().shell.runLine('ls -l /etc/ssl/certs');
    expect(got.stdout).toBe(`total ${s.total}\n${s.lines.join('\n')}\n`);
    expect(s.lines.length).toBe(285);
  });

  it('ls on an 80-column terminal: shell-escape quoting and the aligning space, one name a line', () => {
    const r = record('ca-ls-etc-ssl-certs-tty.txt', 'ls /etc/ssl/certs', true);
    const got = lab().shell.runLine('ls /etc/ssl/certs', { tty: true });
    const want = r.terminal
      .split('\n')
      .filter((l) => !isExtra(l))
      .join('\n');
    expect(got.stdout.replace(/\r\n/g, '\n')).toBe(want);
    expect(want).toContain("\n'NetLock_Arany_=Class_Gold=_Főtanúsítvány.pem'\n");
  });
});

describe('ls -l /etc/ssl/certs on a terminal', () => {
  it('names quoted and aligned as GNU ls does, link targets quoted but not shifted', () => {
    const r = record('ca-ls-l-etc-ssl-certs-tty.txt', 'ls -l /etc/ssl/certs', true);
    const s = stockListing();
    const bundle = r.terminal.split('\n').find((l) => l.endsWith(' ca-certificates.crt')) ?? '';
    const want = r.terminal
      .split('\n')
      .filter((l) => !isExtra(l))
      .map((l) => (l === bundle ? `-rw-r--r-- 1 root root ${s.bundleSize} Jun 24  2025  ca-certificates.crt` : l))
      .join('\n')
      .replace(/^total \d+/, `total ${s.total}`);
    const got = lab().shell.runLine('ls -l /etc/ssl/certs', { tty: true });
    expect(got.stdout.replace(/\r\n/g, '\n')).toBe(want);
  });
});

describe('/usr/share/ca-certificates', () => {
  it.each([
    'ls -l /usr/share/ca-certificates',
    'ls -l /usr/share/ca-certificates/mozilla | head',
    'ls /usr/share/ca-certificates/mozilla | wc -l',
  ])('%s: as recorded', (cmd) => {
    const r = record('ca-ls-mozilla.txt', cmd);
    const got = lab().shell.runLine(cmd);
    expect(got.stdout).toBe(r.stdout);
    expect(got.stderr).toBe(r.stderr);
    expect(got.exitCode).toBe(r.status);
  });
});

describe('one certificate through its links (ca-pem-link.txt)', () => {
  const recs = hostRecords('ca-pem-link.txt');
  it.each(recs.map((r) => [r.cmd, r] as const))('%s', (cmd, r) => {
    const got = lab().shell.runLine(cmd);
    expect(got.stdout).toBe(r.stdout);
    expect(got.stderr).toBe(r.stderr);
    expect(got.exitCode).toBe(r.status);
  });

  it('the bundle is every certificate in /etc/ca-certificates.conf order, as big as recorded minus the local CAs', () => {
    const { world, shell } = lab();
    const bundle = world.fs.read('/etc/ssl/certs/ca-certificates.crt') ?? '';
    expect(Buffer.byteLength(bundle)).toBe(stockListing().bundleSize);
    expect(shell.runLine('grep -c BEGIN /etc/ssl/certs/ca-certificates.crt').stdout).toBe('142\n');
    const isrg = world.fs.read('/usr/share/ca-certificates/mozilla/ISRG_Root_X1.crt') ?? '';
    expect(bundle).toContain(isrg);
    expect(isrg.length).toBe(1939);
  });
});

describe('symbolic links: coreutils texts (ca-symlink-messages.txt)', () => {
  /** The recording's scratch folder, made the same way: `ln -s /nonexistent/file dangling`, a loop, `link -> file`. */
  function scratch() {
    const l = lab();
    const fs = l.world.fs;
    fs.write('/tmp/ca-rec/file', 'hello\n');
    fs.symlink('/nonexistent/file', '/tmp/ca-rec/dangling');
    fs.symlink('loop1', '/tmp/ca-rec/loop2');
    fs.symlink('loop2', '/tmp/ca-rec/loop1');
    fs.symlink('file', '/tmp/ca-rec/link');
    return l;
  }
  // `ls -lL` with dangling links and loops (its `l?????????` rows) is not modelled; `test`/`[` are not in the lab's shell.
  const NOT_MODELLED = new Set(['cd /tmp/ca-rec && ls -lL']);
  const recs = hostRecords('ca-symlink-messages.txt').filter((r) => !NOT_MODELLED.has(r.cmd) && !r.cmd.includes('test -e'));

  it.each(recs.map((r) => [r.cmd, r] as const))('%s', (cmd, r) => {
    const got = scratch().shell.runLine(cmd);
    // Dates are the recording machine's clock (Dec  7 03:50) and the lab's: compare everything else.
    const date = (t: string): string => t.replace(/[A-Z][a-z]{2} [ \d]\d \d\d:\d\d/g, '<DATE>');
    expect(date(got.stdout)).toBe(date(r.stdout));
    expect(got.stderr).toBe(r.stderr);
    expect(got.exitCode).toBe(r.status);
  });

  it('writing through a link writes its target; rm removes the link only', () => {
    const { world, shell } = scratch();
    shell.runLine('echo bye > /tmp/ca-rec/link');
    expect(world.fs.read('/tmp/ca-rec/file')).toBe('bye\n');
    expect(shell.runLine('rm /tmp/ca-rec/link').exitCode).toBe(0);
    expect(world.fs.read('/tmp/ca-rec/file')).toBe('bye\n');
    expect(shell.runLine('ls /tmp/ca-rec').stdout).toBe('dangling\nfile\nloop1\nloop2\n');
  });

  it('a dangling link to a lab file that appears later starts to work', () => {
    const { world, shell } = scratch();
    expect(shell.runLine('cat /tmp/ca-rec/dangling').stderr).toBe('cat: /tmp/ca-rec/dangling: No such file or directory\n');
    world.fs.write('/nonexistent/file', 'now here\n');
    expect(shell.runLine('cat /tmp/ca-rec/dangling').stdout).toBe('now here\n');
  });
});

describe('weight: the certificates stay out of the boot code', () => {
  const root = fileURLToPath(new URL('../../../', import.meta.url));

  it('the listing module is a few kB gzip', () => {
    const list = readFileSync(`${root}src/engine/world/data/ca-certificates-list.ts`);
    expect(gzipSync(list).length).toBeLessThan(4000);
  });

  it("the lab (world and the browser's command table) reaches the certificates' listing and text only through dynamic imports", async () => {
    const { staticInputs, allInputs } = await labBundle();
    expect(staticInputs.some((p) => p.endsWith('world/data/ca-certificates.ts'))).toBe(true);
    expect(staticInputs.some((p) => p.endsWith('ca-certificates-list.ts'))).toBe(false);
    const listBytes = [...allInputs].find(([p]) => p.endsWith('ca-certificates-list.ts'))?.[1];
    expect(listBytes ?? 0).toBeGreaterThan(0);
    expect(listBytes ?? 0).toBeLessThan(8000);
    expect(staticInputs.some((p) => p.endsWith('ca-certificates-pem.ts'))).toBe(false);
    expect([...allInputs.keys()].some((p) => p.endsWith('ca-certificates-pem.ts'))).toBe(true);
  });

  it("a line that names the files fetches their text; the lab's own certificates and Postfix commands do not", () => {
    const data = caCertificatesData();
    const wants = (line: string): boolean => wordsOfLine(line).some((w) => data.wanted(w));
    for (const line of [
      'cat /etc/ssl/certs/ISRG_Root_X1.pem',
      'ls -l /usr/share/ca-certificates/mozilla',
      'cd /etc/ssl',
      'cd certs',
      'head -3 ISRG_Root_X1.pem',
      'grep -r BEGIN /etc',
    ])
      expect(wants(line), line).toBe(true);
    for (const line of [
      'postconf -n',
      'openssl x509 -in /etc/postfix/tls/mail.example.org.crt -noout -text',
      'postconf smtpd_tls_cert_file',
      'ls -l /etc/postfix',
    ])
      expect(wants(line), line).toBe(false);
    let loads = 0;
    const table = new Registry().addLazyData({ name: 't', wanted: data.wanted, load: () => Promise.resolve().then(() => void loads++) });
    expect(table.ensure(wordsOfLine('postconf -n'))).toBeNull();
    const wait = table.ensure(wordsOfLine('cat /etc/ssl/certs/ca-certificates.crt'));
    expect(wait).not.toBeNull();
    return wait?.then(() => {
      expect(loads).toBe(1);
      expect(table.ensure(wordsOfLine('ls /etc/ssl/certs'))).toBeNull();
    });
  });
});
