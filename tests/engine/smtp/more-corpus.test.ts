import { describe, expect, it } from 'vitest';
import { compareLogs } from '../../../src/corpus/compare.ts';
import { normalize } from '../../../src/corpus/normalize.ts';
import { CORPUS_REMOTE_HOSTS, CORPUS_STRIP_PROXY, RemoteWorld } from '../../../src/engine/remote/remote-world.ts';
import { parseScenarioConfig } from '../../../src/corpus/scenario-config.ts';
import { MX_CERT_PATH, MX_EXAMPLE_NET_CERT } from '../../../src/engine/tls/data/lab-pki.ts';
import { corpusFile, makeLab, scenarioParams, stampToMs } from '../queue/harness.ts';

/**
 * Replays the outbound scenarios of the corpus's `more/` folder (STARTTLS stripping, TLS-1.0-only
 * MX with the plaintext fallback, DANE without DNSSEC, policy maps, verify with a CA file):
 * submission, every delivery attempt's log (per daemon), postqueue -p / -f, postsuper -d ALL and
 * the client lines the first hop saw. The TLS model decides every handshake (TLSv1-only MX against
 * >=TLSv1.2, the CA file and the IP nexthop), with the remote hosts config.txt describes.
 */
const SCENARIOS = [
  'strip-outbound-may',
  'strip-outbound-encrypt',
  'outbound-tls1only-may',
  'outbound-tls1only-may-ge12-fallback',
  'outbound-tls1only-encrypt-ge12',
  'outbound-policy-map',
  'outbound-dane-no-dnssec',
  'outbound-verify-selfsigned-with-cafile',
] as const;

const DAEMONS = new Set(['postfix/pickup', 'postfix/cleanup', 'postfix/qmgr', 'postfix/smtp', 'postfix/local', 'postfix/postsuper']);

interface Phase {
  /** Normalized and raw lines, index-aligned. */
  readonly norm: readonly string[];
  readonly raw: readonly string[];
}

function phases(name: string): Phase[] {
  const norm = corpusFile('more', name, 'transcript.normalized.txt').split('\n');
  const raw = corpusFile('more', name, 'transcript.txt').split('\n');
  const cuts = norm.flatMap((l, i) => (l.startsWith('# === phase ') ? [i] : []));
  if (cuts.length === 0) return [{ norm, raw }];
  return cuts.map((c, k) => ({ norm: norm.slice(c, cuts[k + 1]), raw: raw.slice(c, cuts[k + 1]) }));
}

function blocks(p: Phase, header: RegExp): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  p.norm.forEach((l, i) => {
    if (!header.test(l)) return;
    let end = i + 1;
    while (end < p.norm.length && !/^(# ===|C: \$ )/.test(p.norm[end] ?? '')) end++;
    out.push({ start: i + 1, end });
  });
  return out;
}

function logTime(rawLine: string): number | null {
  const m = /^L: (\w{3}) (\d{2}) (\d{2}):(\d{2}):(\d{2}) /.exec(rawLine);
  if (m === null) return null;
  return Date.UTC(2026, 11, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
}

describe.each(SCENARIOS)('more/%s', (name) => {
  const all = phases(name);
  it.each(all.map((p, i) => [i + 1, p] as const))('phase %i replays as recorded', (n, phase) => {
    // The recorder's message (more/next.py `outbound`): the subject names the scenario, and the phase when there are several.
    const subject = all.length > 1 ? `${name} phase ${n}` : name;
    const { norm, raw } = phase;
    // Parameters: base + config.txt, then what the phase's own `postconf` shows.
    const overrides: Record<string, string> = {};
    const files: Record<string, string> = { '/etc/aliases': 'postmaster:    root\n' };
    norm.forEach((l, i) => {
      if (l === 'C: $ cat /etc/postfix/tls_policy') files['/etc/postfix/tls_policy'] = `${(norm[i + 1] ?? '').slice(3)}\n`;
      if (l.startsWith('C: $ postconf ')) {
        for (let j = i + 1; j < norm.length && (norm[j] ?? '').startsWith('S: '); j++) {
          const m = /^S: (\S+) = (.*)$/.exec(norm[j] ?? '');
          if (m !== null) overrides[m[1] ?? ''] = m[2] ?? '';
        }
      }
    });
    const params = scenarioParams(name, overrides, 'more');

    // Attempts: each `# === mail log lines ...` block.
    const attempts = blocks(phase, /^# === mail log lines of /);

    const stamp = /message-id=<(\d{14})\./.exec(norm.join('\n'))?.[1] ?? '';
    const rx = /queued as RX(\d{4})/.exec(norm.join('\n'));
    const firstNumbers: Record<string, number> = {};
    if (rx !== null) for (const h of CORPUS_REMOTE_HOSTS) firstNumbers[`${h.address}:${h.port}`] = Number(rx[1]);
    // The TLS 1.0-only MX as config.txt describes it (its cipher list included).
    const prep = parseScenarioConfig(corpusFile('more', name, 'config.txt')).preparations;
    const hosts = CORPUS_REMOTE_HOSTS.map((h) => {
      const only = prep.find((p) => p.kind === 'tls-only-mx' && p.port === h.port);
      return only?.kind === 'tls-only-mx' ? { ...h, tls: { ...h.tls, protocols: [only.version], cipherList: only.cipherList } } : h;
    });
    const remote = new RemoteWorld([...hosts, CORPUS_STRIP_PROXY], { firstNumbers });
    const lab = makeLab({ params, startMs: stampToMs(stamp), remote, files: { ...files, [MX_CERT_PATH]: MX_EXAMPLE_NET_CERT } });

    let logMark = 0;
    let attempt = 0;
    for (let i = 0; i < norm.length; i++) {
      const l = norm[i] ?? '';
      if (l.startsWith('# message injected with: ')) {
        const m = /sendmail -f (\S+) (.+?) \(rc=/.exec(l);
        lab.queue.sendmail(
          ['-f', m?.[1] ?? '', ...(m?.[2] ?? '').split(' ')],
          `From: alice@example.org\nTo: bob@example.net\nSubject: outbound ${subject}\n\nhello\n`,
        );
      } else if (l.startsWith('# === mail log lines of ')) {
        const a = attempts[attempt++];
        const want = norm
          .slice(a?.start ?? 0, a?.end ?? 0)
          .filter((x) => x.startsWith('L: '))
          .map((x) => x.slice(3))
          .join('\n');
        const all = lab
          .normalizedLog()
          .split('\n')
          .filter((x) => x !== '');
        const mine = all.slice(logMark).join('\n');
        logMark = all.length;
        expect(compareLogs(want, mine, (d) => DAEMONS.has(d))).toEqual([]);
      } else if (l.startsWith('C: $ postqueue') || l.startsWith('C: $ postsuper') || l === 'C: $ mailq') {
        const argv = l.slice(5).split(' ');
        if (argv[1] === '-f') {
          // The next attempt's first log line says when the retry ran.
          const next = raw.slice(i).find((x) => x.startsWith('L: '));
          const t = next === undefined ? null : logTime(next);
          if (t !== null) lab.now.ms = t;
        }
        const r =
          argv[0] === 'mailq'
            ? lab.queue.mailq()
            : argv[0] === 'postqueue'
              ? lab.queue.postqueue(argv.slice(1))
              : lab.queue.postsuper(argv.slice(1));
        const want: string[] = [];
        let exit = -1;
        for (let j = i + 1; j < norm.length; j++) {
          const k = norm[j] ?? '';
          if (k.startsWith('S:') || k.startsWith('E:')) want.push(k.replace(/ $/, ''));
          else if (k.startsWith('# exit status ')) {
            exit = Number(k.slice(14));
            break;
          } else break;
        }
        const tag = (s: string, t: string): string[] =>
          s === ''
            ? []
            : s
                .replace(/\n$/, '')
                .split('\n')
                .map((x) => `${t} ${x}`);
        const mine = normalize([...tag(r.stdout, 'S:'), ...tag(r.stderr, 'E:')].join('\n'))
          .split('\n')
          .filter((x) => x !== '')
          .map((x) => x.replace(/ $/, ''));
        expect(mine).toEqual(want);
        expect(r.exitCode).toBe(exit);
      }
    }
    expect(attempt).toBe(attempts.length);

    // The first hop's view: the proxy's blocks where a proxy relayed, else the MX's.
    const proxy = blocks(phase, /^# === what the STARTTLS-stripping proxy/);
    const first = proxy.length > 0 ? proxy : blocks(phase, /^# === what the fake remote MX/);
    const wantClient = first.flatMap(({ start, end }) => norm.slice(start, end).filter((x) => x.startsWith('C:')));
    const mineClient = normalize(lab.net.sessions.flatMap((s) => s.lines).join('\n'))
      .split('\n')
      .filter((x) => x.startsWith('C:'));
    expect(mineClient).toEqual(wantClient);
  });
});
