import { describe, expect, it } from 'vitest';
import { LAB_CERT_PATH, LAB_TLS_FILES } from '../../../src/engine/tls/data/lab-pki.ts';
import { steppingClock } from '../../../src/engine/world/clock.ts';
import { opensslCommand, SClientSession } from '../../../src/engine/tools/openssl/s-client.ts';
import type { ToolStep } from '../../../src/engine/tools/openssl/tool-io.ts';
import { screenText, streamText } from '../../../src/engine/tools/openssl/tool-io.ts';
import { corpusFile, normalize, scenarioMainCf } from '../tls/corpus.ts';
import { FakeNetwork, labNetwork } from './fake-smtpd.ts';
import { comparable, readRecording } from './sclient-corpus.ts';

const clock = steppingClock(Date.UTC(2026, 11, 1, 7, 10, 14));

/** Runs s_client as the recorder did: stdin written at once, then closed; stdout into a pipe. */
function record(network: FakeNetwork, argv: readonly string[], stdin: string): { steps: ToolStep[]; session: SClientSession } {
  const session = new SClientSession(argv.slice(2), { network, clock, stdoutIsTty: false, stdinIsTty: false });
  const steps = [session.start()];
  if (stdin !== '') steps.push(session.feed(stdin));
  steps.push(session.eof());
  return { steps, session };
}

const MATRIX = [
  'tls-protocols-default',
  'tls-protocols-restricted-may',
  'tls-mandatory-ignored-at-may',
  'tls-protocols-ge-syntax-may',
].flatMap((scenario) => ['tls1', 'tls1_1', 'tls1_2', 'tls1_3'].map((v) => [scenario, `sclient-${v}.txt`] as const));

describe('openssl s_client output against the corpus recordings', () => {
  it.each(MATRIX)('%s/%s', (scenario, file) => {
    const rec = readRecording(scenario, file);
    const network = labNetwork({ params: scenarioMainCf(scenario) });
    const { steps } = record(network, rec.argv, rec.stdin);
    expect(comparable(streamText(steps, 'stdout'))).toBe(comparable(rec.stdout));
    expect(comparable(streamText(steps, 'stderr'))).toBe(comparable(rec.stderr));
    expect(steps.at(-1)?.exitCode).toBe(rec.exit);
  });

  it('submissions-465-wrappermode/sclient-465.txt (implicit TLS: the banner comes after the handshake)', () => {
    const rec = readRecording('submissions-465-wrappermode', 'sclient-465.txt');
    const { steps } = record(labNetwork(), rec.argv, rec.stdin);
    expect(comparable(streamText(steps, 'stdout'))).toBe(comparable(rec.stdout));
    expect(comparable(streamText(steps, 'stderr'))).toBe(comparable(rec.stderr));
    expect(steps.at(-1)?.exitCode).toBe(rec.exit);
  });

  it('submissions-465-wrappermode/sclient-starttls-against-465.txt (waits for a banner forever; timeout kills it)', () => {
    const rec = readRecording('submissions-465-wrappermode', 'sclient-starttls-against-465.txt');
    const network = labNetwork();
    const session = new SClientSession(rec.argv.slice(2), { network, clock, stdoutIsTty: false, stdinIsTty: false });
    const steps = [session.start(), session.eof()];
    expect(steps.every((s) => s.exitCode === null)).toBe(true);
    steps.push(session.interrupt()); // timeout(1) sends SIGTERM: stdio's buffer is lost, nothing was printed
    expect(streamText(steps, 'stdout')).toBe(rec.stdout);
    expect(streamText(steps, 'stderr')).toBe(rec.stderr);
    expect(network.log).toContain('SSL_accept error from localhost[127.0.0.1]: lost connection');
  });

  it.each([
    ['sclient-strip-ign_eof-stdout.txt', 'stdout'],
    ['sclient-strip-ign_eof-stderr.txt', 'stderr'],
    ['sclient-strip-devnull-stdout.txt', 'stdout'],
    ['sclient-strip-devnull-stderr.txt', 'stderr'],
  ] as const)('more/strip-inbound-sclient/%s (STARTTLS stripped from EHLO: s_client tries anyway)', (file, stream) => {
    // The commands of the scenario's transcript; each file is one whole stream.
    const devnull = file.includes('devnull');
    const argv = ['-starttls', 'smtp', '-connect', '127.0.0.3:2529', '-crlf', ...(devnull ? [] : ['-ign_eof'])];
    const network = new FakeNetwork([{ port: 2529, address: '127.0.0.3', level: 'may', stripStarttls: true }]);
    const session = new SClientSession(argv, { network, clock, stdoutIsTty: false, stdinIsTty: false });
    // The recorder typed its lines two seconds apart: one read() each.
    const typed = devnull ? [] : ['EHLO client.example.com\n', 'QUIT\n'];
    const steps = [session.start(), ...typed.map((l) => session.feed(l)), session.eof()];
    const expected = corpusFile('more/strip-inbound-sclient', file);
    expect(expected.length).toBeGreaterThan(0);
    expect(comparable(streamText(steps, stream))).toBe(comparable(expected));
  });

  it('more/strip-inbound-sclient/sclient-strip-ign_eof-merged.txt (2>&1 into a pipe: stderr first, stdout when flushed)', () => {
    const network = new FakeNetwork([{ port: 2529, address: '127.0.0.3', level: 'may', stripStarttls: true }]);
    const session = new SClientSession(['-starttls', 'smtp', '-connect', '127.0.0.3:2529', '-crlf', '-ign_eof'], {
      network,
      clock,
      stdoutIsTty: false,
      stdinIsTty: false,
    });
    const steps = [session.start(), session.feed('EHLO client.example.com\n'), session.feed('QUIT\n'), session.eof()];
    expect(comparable(screenText(steps))).toBe(comparable(corpusFile('more/strip-inbound-sclient', 'sclient-strip-ign_eof-merged.txt')));
  });

  it('submission-587-openssl-sclient: -quiet shows only the server lines of the user commands', () => {
    const transcript = corpusFile('submission-587-openssl-sclient', 'transcript.normalized.txt').split('\n');
    const typed = transcript.filter((l) => l.startsWith('C: ') && !l.startsWith('C: $')).map((l) => `${l.slice(3)}\n`);
    const { steps } = record(
      labNetwork(),
      ['openssl', 's_client', '-starttls', 'smtp', '-connect', '127.0.0.1:587', '-crlf', '-quiet', '-ign_eof'],
      typed.join(''),
    );
    const out = streamText(steps, 'stdout').replace(/\r\n/g, '\n').split('\n').slice(0, -1);
    const err = streamText(steps, 'stderr').replace(/\r\n/g, '\n').split('\n').slice(0, -1);
    expect(out).toEqual(transcript.filter((l) => l.startsWith('S: ')).map((l) => l.slice(3)));
    expect(err).toEqual(transcript.filter((l) => l.startsWith('E: ')).map((l) => l.slice(3)));
  });
});

/** The screens of terminal/term-sclient-587-interactive, one part per s_client run. */
function screenPart(label: string, occurrence = 0): string {
  const text = corpusFile('terminal/term-sclient-587-interactive', 'screen.normalized.txt');
  const blocks = text.split(/^=== after: /m).map((b) => b.split(/^=== /m)[0] ?? '');
  const matches = blocks.filter((b) => b.startsWith(label));
  const block = matches[occurrence] ?? '';
  return block.slice(block.indexOf('\n') + 1);
}

function typeSession(args: string, typed: readonly string[]): string {
  const session = new SClientSession(args.split(' ').slice(2), { network: labNetwork(), clock });
  let screen = `root@mail:~# ${args}\n${screenText([session.start()])}`;
  for (const line of typed) {
    if (!session.running) break;
    screen += `${line}\n${screenText([session.input(`${line}\n`)])}`;
  }
  if (!session.running) screen += 'root@mail:~# ';
  return comparable(screen.replace(/\r\n/g, '\n'));
}

describe('openssl s_client on a terminal (corpus terminal/term-sclient-587-interactive)', () => {
  const CMD = 'openssl s_client -starttls smtp -connect localhost:587 -crlf';

  it('the first screen, EHLO, AUTH, and QUIT trapped as the Q command', () => {
    const steps = ['EHLO client.example.com', 'AUTH PLAIN AGFsaWNlAHNlY3JldA==', 'QUIT'];
    expect(typeSession(CMD, [])).toBe(comparable(screenPart(`${CMD}   [capture`)).trimEnd() + '\n');
    expect(typeSession(CMD, steps)).toBe(comparable(screenPart('QUIT   [capture')).replace(/\n$/, ''));
  });

  it('RCPT TO is the R command: RENEGOTIATING, and TLSv1.3 cannot', () => {
    const steps = [
      'EHLO client.example.com',
      'AUTH PLAIN AGFsaWNlAHNlY3JldA==',
      'MAIL FROM:<alice@example.org>',
      'RCPT TO:<bob@example.net>',
    ];
    const screen = comparable(screenPart('RCPT TO:<bob@example.net>   [capture'));
    expect(typeSession(CMD, steps)).toBe(screen.replace(/\n$/, ''));
  });

  it.each([
    [`${CMD} -quiet`, ['EHLO client.example.com', 'AUTH PLAIN AGFsaWNlAHNlY3JldA==', 'QUIT'], 2],
    [`${CMD} -brief`, ['EHLO client.example.com', 'AUTH PLAIN AGFsaWNlAHNlY3JldA==', 'QUIT'], 3],
  ] as const)('%s', (cmd, typed, occurrence) => {
    expect(typeSession(cmd, typed)).toBe(
      comparable(screenPart('QUIT   [capture', occurrence - 1 + (occurrence === 2 ? 0 : 0))).replace(/\n$/, ''),
    );
  });
});

describe('s_client errors and options', () => {
  const run = (args: string, network = labNetwork()): ToolStep[] => {
    const s = new SClientSession(
      args.split(' ').filter((w) => w !== ''),
      { network, clock },
    );
    return [s.start()];
  };

  it.each([
    // local OpenSSL 3.0 (the corpus has no bad command lines)
    ['-foo', 's_client: Unknown option: -foo\ns_client: Use -help for summary.\n'],
    ['-connect', 's_client: Option -connect needs a value\ns_client: Use -help for summary.\n'],
    ['-verify 0', 's_client: Non-positive number "0" for option -verify\ns_client: Use -help for summary.\n'],
    ['-port x', 's_client: Can\'t parse "x" as a number\ns_client: Use -help for summary.\n'],
    ['-tls1_2 -tls1_3', 'Cannot supply multiple protocol flags\n'],
    ['-tls1 -no_tls1', "Cannot supply both a protocol flag and '-no_<prot>'\n"],
    ['localhost:25 extra', 's_client: Use -help for summary.\n'],
    ['-connect a:1:2', 's_client: -connect argument or target parameter malformed or ambiguous\n'],
    [
      '-starttls foo',
      's_client: Value must be one of:\n\tsmtp\n\tpop3\n\timap\n\tftp\n\txmpp\n\txmpp-server\n\ttelnet\n\tirc\n\tmysql\n\tpostgres\n\tlmtp\n\tnntp\n\tsieve\n\tldap\n',
    ],
    ['-ssl3', 's_client: Unknown option: -ssl3\ns_client: Use -help for summary.\n'],
  ])('%s', (args, stderr) => {
    const steps = run(args);
    expect(streamText(steps, 'stderr')).toBe(stderr);
    expect(streamText(steps, 'stdout')).toBe('');
    expect(steps.at(-1)?.exitCode).toBe(1);
  });

  it('-help goes to stderr with status 0', () => {
    const steps = run('-help');
    expect(streamText(steps, 'stderr').split('\n')[0]).toBe('Usage: s_client [options] [host:port]');
    expect(steps.at(-1)?.exitCode).toBe(0);
  });

  it('refused, unknown and unreachable hosts (local OpenSSL 3.0 texts)', () => {
    const strip = (s: string): string => s.replace(/^[0-9A-F]{16}:/gm, '');
    expect(strip(streamText(run('-connect 127.0.0.1:26'), 'stderr'))).toBe(
      'error:8000006F:system library:BIO_connect:Connection refused:../crypto/bio/bio_sock2.c:117:calling connect()\n' +
        'error:10000067:BIO routines:BIO_connect:connect error:../crypto/bio/bio_sock2.c:119:\nconnect:errno=111\n',
    );
    expect(strip(streamText(run('-connect nosuch.example:25'), 'stderr'))).toBe(
      'error:10080002:BIO routines:BIO_lookup_ex:system lib:../crypto/bio/bio_addr.c:746:Name or service not known\nconnect:errno=22\n',
    );
    expect(run('-connect 10.0.0.1:25').at(-1)?.exitCode).toBe(1);
  });

  it('a plaintext port without -starttls: wrong version number, 5 bytes read', () => {
    const steps = run('-connect localhost:25');
    expect(streamText(steps, 'stderr')).toMatch(
      /^[0-9A-F]{16}:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:..\/ssl\/record\/ssl3_record.c:350:\n$/,
    );
    expect(streamText(steps, 'stdout')).toContain('SSL handshake has read 5 bytes and written 297 bytes\n');
    expect(streamText(steps, 'stdout')).toContain('Early data was not sent\nVerify return code: 0 (ok)\n');
  });

  it('STARTTLS refused (level none): the handshake is attempted anyway and fails', () => {
    const steps = run('-starttls smtp -connect localhost:25', labNetwork({ level: 'none' }));
    expect(streamText(steps, 'stderr')).toMatch(/^Didn't find STARTTLS in server response, trying anyway...\n[0-9A-F]{16}:error:0A00010B:/);
    expect(steps.at(-1)?.exitCode).toBe(1);
  });

  it('-showcerts prints the PEM under the chain, -servername sends SNI (no servername warning, 25 more bytes)', () => {
    const out = streamText(run('-connect localhost:465 -showcerts -servername mail.example.org'), 'stdout');
    expect(out).toContain('v:NotBefore: Dec  1 07:02:58 2026 GMT; NotAfter: Nov 28 07:02:58 2036 GMT\n-----BEGIN CERTIFICATE-----\n');
    expect(out).toContain('---\nServer certificate\nsubject=CN = mail.example.org\n');
    expect(out).toContain('SSL handshake has read 1380 bytes and written 402 bytes\n');
    expect(streamText(run('-connect localhost:465 -servername mail.example.org'), 'stderr')).not.toContain("Can't use SSL_get_servername");
  });

  it('-CAfile with the lab certificate verifies it', () => {
    const s = new SClientSession(['-connect', 'localhost:465', '-CAfile', LAB_CERT_PATH], {
      network: labNetwork(),
      clock,
      files: (p) => LAB_TLS_FILES[p],
    });
    const steps = [s.start()];
    expect(streamText(steps, 'stderr')).toBe("Can't use SSL_get_servername\ndepth=0 CN = mail.example.org\nverify return:1\n");
    expect(streamText(steps, 'stdout')).toContain('Verification: OK\n');
    expect(streamText(steps, 'stdout')).toContain('Verify return code: 0 (ok)\n');
  });

  it('-state shows the handshake states (local OpenSSL 3.0 order)', () => {
    const err = streamText(run('-connect localhost:465 -state -tls1_2'), 'stderr');
    expect(err.split('\n').slice(0, 6)).toEqual([
      'SSL_connect:before SSL initialization',
      'SSL_connect:SSLv3/TLS write client hello',
      'SSL_connect:SSLv3/TLS write client hello',
      "Can't use SSL_get_servername",
      'SSL_connect:SSLv3/TLS read server hello',
      'depth=0 CN = mail.example.org',
    ]);
  });

  it('EOF without -ign_eof is DONE; Ctrl-C is 130; nothing throws on odd input', () => {
    const s = new SClientSession(['-starttls', 'smtp', '-connect', 'localhost:25'], { network: labNetwork(), clock });
    s.start();
    expect(s.eof()).toEqual({ output: [{ stream: 'stderr', text: 'DONE\n' }], exitCode: 0 });
    const t = new SClientSession(['-connect', 'localhost:465'], { network: labNetwork(), clock });
    t.start();
    expect(t.interrupt().exitCode).toBe(130);
    for (const args of [
      [''],
      ['-connect', ''],
      ['-connect', '[::1'],
      ['-connect', 'localhost:99999'],
      ['\u0000'],
      ['-starttls', 'pop3', '-connect', 'localhost:25'],
    ]) {
      const u = new SClientSession(args, { network: labNetwork(), clock });
      expect(() => [u.start(), u.input('\u0000\u00ff\n'), u.feed('x'.repeat(10000)), u.eof(), u.interrupt()]).not.toThrow();
    }
  });

  it('openssl version and unknown commands', () => {
    const env = { network: labNetwork(), clock };
    expect(opensslCommand(['openssl', 'version'], env)).toEqual({
      output: [{ stream: 'stdout', text: 'OpenSSL 3.0.22 25 Aug 2026 (Library: OpenSSL 3.0.22 25 Aug 2026)\n' }],
      exitCode: 0,
    });
    expect(streamText([opensslCommand(['openssl'], env) as ToolStep], 'stderr')).toMatch(/^help:\n\nStandard commands\n/);
    expect(opensslCommand(['openssl', 'foo'], env)).toEqual({
      output: [{ stream: 'stderr', text: 'Invalid command \'foo\'; type "help" for a list.\n' }],
      exitCode: 1,
    });
    void normalize;
  });
});
