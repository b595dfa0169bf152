import { describe, expect, it } from 'vitest';
import { mapView } from '../../../src/engine/config/parameter-view.ts';
import { streamText } from '../../../src/engine/tools/openssl/tool-io.ts';
import { posttlsFinger } from '../../../src/engine/tools/posttls-finger/posttls-finger.ts';
import { steppingClock } from '../../../src/engine/world/clock.ts';
import { corpusFile, normalize, scenarioMainCf } from '../tls/corpus.ts';
import { FakeNetwork, labNetwork } from './fake-smtpd.ts';

const clock = steppingClock(Date.UTC(2026, 11, 1, 7, 12, 0));

interface Run {
  readonly args: string;
  readonly stdout: string[];
  readonly stderr: string[];
  readonly exit: number;
}

/** The `C: $ timeout 30 posttls-finger ...` blocks of a transcript with their S:/E: lines and exit status. */
function runs(scenario: string): Run[] {
  const out: Run[] = [];
  let cur: { args: string; stdout: string[]; stderr: string[] } | null = null;
  for (const line of corpusFile(scenario, 'transcript.normalized.txt').split('\n')) {
    const m = /^C: \$ timeout 30 posttls-finger (.*)$/.exec(line);
    if (m !== null) {
      cur = { args: (m[1] ?? '').replace(/'/g, ''), stdout: [], stderr: [] };
      continue;
    }
    if (cur === null) continue;
    if (line.startsWith('S: ')) cur.stdout.push(line.slice(3));
    else if (line.startsWith('E: ')) cur.stderr.push(line.slice(3));
    else if (line.startsWith('# exit status ')) {
      out.push({ ...cur, exit: Number(line.slice('# exit status '.length)) });
      cur = null;
    }
  }
  return out;
}

function lines(text: string): string[] {
  return normalize(text).split('\n').slice(0, -1);
}

describe('posttls-finger against the corpus', () => {
  const params = mapView(scenarioMainCf('posttls-finger'));
  it.each(runs('posttls-finger').map((r) => [r.args, r] as const))('posttls-finger %s', (_a, r) => {
    const step = posttlsFinger(['posttls-finger', ...r.args.split(' ')], { network: labNetwork(), clock, params });
    expect(lines(streamText([step], 'stdout'))).toEqual(r.stdout);
    expect(lines(streamText([step], 'stderr'))).toEqual(r.stderr);
    expect(step.exitCode).toBe(r.exit);
  });

  it.each(runs('more/strip-inbound-sclient').map((r) => [r.args, r] as const))(
    'STARTTLS stripped: posttls-finger %s says nothing of TLS',
    (_a, r) => {
      const network = new FakeNetwork([{ port: 2529, address: '127.0.0.3', level: 'may', stripStarttls: true }]);
      const step = posttlsFinger(['posttls-finger', ...r.args.split(' ')], { network, clock, params });
      expect(lines(streamText([step], 'stdout'))).toEqual(r.stdout);
      expect(step.exitCode).toBe(0);
    },
  );

  it('the smtpd side of each run logs what the corpus logged', () => {
    const network = labNetwork();
    for (const r of runs('posttls-finger')) posttlsFinger(['posttls-finger', ...r.args.split(' ')], { network, clock, params });
    const tls = network.log.filter((l) => /TLS connection established/.test(l));
    const expected = corpusFile('posttls-finger', 'raw.normalized.log')
      .split('\n')
      .filter((l) => /TLS connection established/.test(l))
      .map((l) => l.replace(/^.*?\]: /, ''));
    expect(tls).toEqual(expected);
  });
});

describe('posttls-finger without a corpus example (formats from posttls-finger.c)', () => {
  const params = mapView(scenarioMainCf('posttls-finger'));
  const run = (args: string, network = labNetwork()) => posttlsFinger(['posttls-finger', ...args.split(' ')], { network, clock, params });

  it('connection refused and unknown hosts still exit 0', () => {
    const r = run('[127.0.0.1]:26');
    expect(streamText([r], 'stdout')).toBe(
      'posttls-finger: Failed to establish session to [127.0.0.1]:26 via 127.0.0.1: connect to 127.0.0.1[127.0.0.1]:26: Connection refused\n',
    );
    expect(r.exitCode).toBe(0);
    expect(run('[nosuch.example]').exitCode).toBe(0);
  });

  it('STARTTLS rejected: no QUIT after it', () => {
    const out = streamText([run('-c [127.0.0.1]:25', labNetwork({ params: { smtpd_tls_cert_file: '/nonexistent' } }))], 'stdout');
    expect(out).toBe('posttls-finger: STARTTLS rejected: 454 4.7.0 TLS not available due to local problem\n');
  });

  it('a server that wants TLSv1.3 and a -p that stops at TLSv1.2', () => {
    const out = streamText(
      [run('-c -l may -p <=TLSv1.2 [127.0.0.1]:25', labNetwork({ params: { smtpd_tls_protocols: '>=TLSv1.3' } }))],
      'stdout',
    );
    expect(out).toBe(
      'posttls-finger: SSL_connect error to 127.0.0.1[127.0.0.1]:25: -1\n' +
        'posttls-finger: warning: TLS library problem: error:0A00042E:SSL routines::tlsv1 alert protocol version:../ssl/record/rec_layer_s3.c:1602:SSL alert number 70:\n',
    );
  });

  it('bad options and levels', () => {
    expect(streamText([run('-z [127.0.0.1]')], 'stderr')).toMatch(/^posttls-finger: invalid option -- 'z'\nusage: posttls-finger /);
    expect(run('-z [127.0.0.1]').exitCode).toBe(1);
    expect(streamText([run('-l maybe [127.0.0.1]')], 'stdout')).toBe('posttls-finger: fatal: Invalid TLS level "maybe"\n');
    expect(posttlsFinger(['posttls-finger'], { network: labNetwork(), clock, params }).exitCode).toBe(1);
    expect(() => run('')).not.toThrow();
    for (const a of [
      '-l',
      '-o x',
      '[127.0.0.1]:99999',
      '[',
      '-p !!! [127.0.0.1]',
      '-L ssl-expert [127.0.0.1]',
      '-w [127.0.0.1]:465',
      '-w [127.0.0.1]:25',
    ]) {
      expect(() => run(a)).not.toThrow();
    }
  });

  it('-w talks TLS first (submissions), -L debug shows the handshake', () => {
    const out = streamText([run('-c -w -l may [127.0.0.1]:465')], 'stdout');
    expect(out).toContain('posttls-finger: Untrusted TLS connection established to 127.0.0.1[127.0.0.1]:465: TLSv1.3');
    const dbg = streamText([run('-c -L debug -l may [127.0.0.1]:25')], 'stdout');
    expect(dbg.split('\n').slice(0, 3)).toEqual([
      'posttls-finger: initializing the client-side TLS engine',
      'posttls-finger: setting up TLS connection to 127.0.0.1[127.0.0.1]:25',
      'posttls-finger: 127.0.0.1[127.0.0.1]:25: TLS cipher list "aNULL:-aNULL:HIGH:MEDIUM:+RC4:@STRENGTH:!eNULL"',
    ]);
  });
});
