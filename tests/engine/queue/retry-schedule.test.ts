import { describe, expect, it } from 'vitest';
import { MainCf } from '../../../src/engine/config/main-cf.ts';
import { backoffLimits, deferredUntil, isDue, isQueueIdOk } from '../../../src/engine/queue/queue-schedule.ts';
import { labFiles } from '../../../src/engine/world/data/lab-files.ts';
import { createLabWorld, LAB_EPOCH } from '../../../src/engine/world/lab-world.ts';
import { normalize } from '../../../src/corpus/normalize.ts';
import { corpusFile } from './harness.ts';

/**
 * qmgr(8)'s retry schedule (Postfix 3.7 qmgr_active.c, qmgr.c; see queue-schedule.ts): a deferred
 * message's queue file is stamped now + (time in queue, within minimal_backoff_time and
 * maximal_backoff_time); the deferred queue is scanned when qmgr starts and every queue_run_delay.
 * The delivery that fails each time is the corpus's outbound-encrypt-nostarttls (MX without STARTTLS,
 * level encrypt), so every attempt must log what that recording logged.
 */
const S = 1000;

/** A clock that only World.advance moves. */
function manualClock(start: number) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

function world(settings: readonly (readonly [string, string])[] = []) {
  const base = labFiles()['/etc/postfix/main.cf'];
  const text = typeof base === 'string' ? base : (base?.content ?? '');
  const mainCf = MainCf.parse(text).withSettings([['smtp_tls_security_level', 'encrypt'], ['relayhost', '[127.0.0.2]:2527'], ...settings]);
  const w = createLabWorld({ clock: manualClock(LAB_EPOCH), files: { '/etc/postfix/main.cf': mainCf } });
  return w;
}

function submit(w: ReturnType<typeof world>): void {
  w.queue.submitLocal('alice@example.org', ['bob@example.net'], 'From: alice@example.org\nTo: bob@example.net\nSubject: q\n\nhello\n');
}

/** Seconds since LAB_EPOCH of every `(queue active)` line: one per delivery attempt. */
function attempts(w: ReturnType<typeof world>): number[] {
  return w.log.records
    .filter((r) => r.program === 'postfix/qmgr' && r.text.endsWith('(queue active)'))
    .map((r) => (r.time - LAB_EPOCH) / S);
}

const RECORDED = corpusFile('outbound-encrypt-nostarttls', 'raw.normalized.log')
  .split('\n')
  .filter((l) => l.includes('postfix/smtp['))
  .map((l) => l.replace(/^<TIMESTAMP> mail /, ''));

describe('the backoff rule (qmgr_active_done_3_generic)', () => {
  const lim = { minS: 300, maxS: 4000 };
  it('defers by the time in queue, at least minimal_backoff_time, at most maximal_backoff_time', () => {
    expect(deferredUntil(1000 * S, 1000 * S, lim)).toBe(1300 * S);
    expect(deferredUntil(1600 * S, 1000 * S, lim)).toBe(2200 * S);
    expect(deferredUntil(9000 * S, 1000 * S, lim)).toBe(13_000 * S);
  });
  it('lets the minimum win when the limits cross, as qmgr checks the maximum first', () => {
    expect(deferredUntil(1000 * S, 0, { minS: 500, maxS: 100 })).toBe(1500 * S);
  });
  it('a scan takes a file stamped at most one second ahead (qmgr_active_feed)', () => {
    expect(isDue(101 * S, 100 * S)).toBe(true);
    expect(isDue(102 * S, 100 * S)).toBe(false);
  });
  it('reads the limits from the qmgr parameters', () => {
    const view = {
      get: (n: string) => (n === 'minimal_backoff_time' ? '10s' : n === 'maximal_backoff_time' ? '1h' : ''),
      raw: () => '',
      isSet: () => true,
    };
    expect(backoffLimits(view)).toEqual({ minS: 10, maxS: 3600 });
  });
  it('accepts queue IDs as mail_queue_id_ok does', () => {
    expect(isQueueIdOk('5E6721604D6')).toBe(true);
    expect(isQueueIdOk('example_net')).toBe(true);
    expect(isQueueIdOk('../x')).toBe(false);
    expect(isQueueIdOk('')).toBe(false);
  });
});

describe('deferred mail is retried on the lab clock', () => {
  it('with the defaults: scans every 300 s, the interval doubles, capped at 4000 s', () => {
    const w = world();
    submit(w);
    expect(attempts(w)).toEqual([0]);
    w.advance(299 * S);
    expect(attempts(w)).toEqual([0]);
    w.advance(20_000 * S);
    // Stamps: 0+300, 300+300, 600+600, 1200+1200, 2400+2400, 4800+4000 (cap), 9000+4000 ...;
    // each retry waits for the next scan at a multiple of 300 s.
    expect(attempts(w)).toEqual([0, 300, 600, 1200, 2400, 4800, 9000, 13_200, 17_400]);
    // Every attempt logs what the recording logged for this delivery.
    const smtp = w
      .logLines()
      .filter((l) => l.includes('postfix/smtp['))
      .map((l) => normalize(l).replace(/^<TIMESTAMP> mail /, ''));
    expect(smtp).toHaveLength(9);
    for (const l of smtp) expect(l).toBe(RECORDED[0]);
    expect(w.queue.queueIds()).toHaveLength(1);
  });

  it('follows queue_run_delay and minimal/maximal_backoff_time from main.cf', () => {
    const w = world([
      ['queue_run_delay', '10s'],
      ['minimal_backoff_time', '15s'],
      ['maximal_backoff_time', '60s'],
    ]);
    submit(w);
    w.advance(200 * S);
    // 0 → stamp 15 → scan 20; 20 → stamp 40 → scan 40; 40 → 80; 80 → 140 (cap 60); 140 → 200.
    expect(attempts(w)).toEqual([0, 20, 40, 80, 140, 200]);
  });

  it('retries nothing while Postfix is stopped, and scans at once when it starts again', () => {
    const w = world();
    submit(w);
    w.postfix(['stop'], false);
    w.advance(1000 * S);
    expect(attempts(w)).toEqual([0]);
    w.postfix(['start'], false);
    expect(attempts(w)).toEqual([0, 1000]);
  });

  it('runDue on a real-time clock runs the scans that came due', () => {
    let now = LAB_EPOCH;
    const base = labFiles()['/etc/postfix/main.cf'];
    const text = typeof base === 'string' ? base : (base?.content ?? '');
    const mainCf = MainCf.parse(text).withSettings([
      ['smtp_tls_security_level', 'encrypt'],
      ['relayhost', '[127.0.0.2]:2527'],
    ]);
    const w = createLabWorld({ clock: { now: () => now }, files: { '/etc/postfix/main.cf': mainCf } });
    submit(w);
    now += 299 * S;
    w.runDue();
    expect(attempts(w)).toEqual([0]);
    now += 1 * S;
    w.runDue();
    expect(attempts(w)).toEqual([0, 300]);
    // advance() on a clock that cannot be moved only runs what is due.
    w.advance(10_000 * S);
    expect(attempts(w)).toEqual([0, 300]);
  });
});

describe('postqueue -f and -i', () => {
  it('-f retries every deferred message now, whatever its stamp; the schedule goes on from there', () => {
    const w = world();
    submit(w);
    submit(w);
    w.advance(5 * S);
    expect(w.queue.postqueue(['-f'])).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(attempts(w)).toEqual([0, 0, 5, 5]);
    // Stamped 5 + 300 = 305: the scan at 300 skips them, the one at 600 takes them.
    w.advance(595 * S);
    expect(attempts(w)).toEqual([0, 0, 5, 5, 600, 600]);
  });

  it('-i retries one message; an unknown ID is fine, a malformed one is refused', () => {
    const w = world();
    submit(w);
    submit(w);
    const [first] = w.queue.queueIds();
    w.advance(7 * S);
    expect(w.queue.postqueue(['-i', first ?? ''])).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(attempts(w)).toEqual([0, 0, 7]);
    expect(w.log.records.filter((r) => r.text.endsWith('(queue active)')).map((r) => r.text.split(':')[0])).toEqual([
      first,
      w.queue.queueIds()[1],
      first,
    ]);
    expect(w.queue.postqueue(['-i', 'ABCDEF123'])).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(w.queue.postqueue(['-i', 'a/b'])).toEqual({
      stdout: '',
      stderr: 'postqueue: fatal: Invalid request: "a/b"\n',
      exitCode: 64,
    });
    expect(attempts(w)).toEqual([0, 0, 7]);
  });
});

describe("the may client's plaintext fallback comes with the scheduled retry", () => {
  /** The smtp(8) lines the recording logged for one attempt (more/outbound-tls1only-may-ge12-fallback). */
  function recordedSmtp(block: string): string[] {
    const t = corpusFile('more', 'outbound-tls1only-may-ge12-fallback', 'transcript.normalized.txt').split('\n');
    const start = t.indexOf(`# === mail log lines of ${block} ===`);
    const out: string[] = [];
    for (let i = start + 1; i < t.length && (t[i] ?? '').startsWith('L: '); i++) {
      const l = t[i] ?? '';
      if (l.includes('postfix/smtp[')) out.push(l.replace(/^L: <TIMESTAMP> mail /, ''));
    }
    return out;
  }
  const smtpLines = (w: ReturnType<typeof world>, from: number): string[] =>
    w
      .logLines()
      .slice(from)
      .filter((l) => l.includes('postfix/smtp['))
      .map((l) =>
        normalize(l)
          .replace(/^<TIMESTAMP> mail /, '')
          .replace(/queued as RX\d{4}/, 'queued as RX0001'),
      );

  it.each([
    ['300s', 300],
    ['10s', 10],
  ])('queue_run_delay = %s: deferred with a handshake failure, then sent in plaintext at the first scan', (delay, at) => {
    // The recording's settings (config.txt) against the TLSv1-only MX of the remote world.
    const w = world([
      ['smtp_tls_security_level', 'may'],
      ['relayhost', '[127.0.0.2]:2530'],
      ['smtp_tls_protocols', '>=TLSv1.2'],
      ['minimal_backoff_time', '10s'],
      ['queue_run_delay', delay],
    ]);
    submit(w);
    expect(smtpLines(w, 0)).toEqual(recordedSmtp('the first delivery attempt'));
    const mark = w.logLines().length;
    w.advance((at - 1) * S);
    expect(attempts(w)).toEqual([0]);
    w.advance(1 * S);
    expect(attempts(w)).toEqual([0, at]);
    expect(smtpLines(w, mark)).toEqual(recordedSmtp('the retry'));
    expect(w.queue.queueIds()).toEqual([]);
  });
});
