import { diffLines, hunks } from './diff.ts';
import { maskVolatile } from './normalize.ts';

/**
 * How a replay is compared with a recording (corpus README, "Comparing a replay with a
 * recording"): transcripts line by line; logs per daemon, in order, because lines of
 * different daemons interleave by timing in a real log.
 */
export interface Mismatch {
  readonly what: string;
  readonly diff: readonly string[];
}

function lines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '');
}

/**
 * postconf re-reads a main.cf written within about a second (`hotReadCount`), warning again on every
 * read; how many times depends on where in its second the write fell, which differs from run to run
 * like a timestamp and is not in the recording. A run of such repeated warnings therefore compares as
 * its distinct lines plus a mark, on both sides. Only postconf's own stderr (`E: postconf: warning:`)
 * is folded: postfix check's twenty postconf runs (`S:` on a pty) are compared line by line.
 */
const HOT_REREAD = /^E: postconf: warning: .*: overriding earlier entry: /;

export function foldHotRereads(ls: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < ls.length;) {
    if (!HOT_REREAD.test(ls[i] ?? '')) {
      out.push(ls[i] ?? '');
      i++;
      continue;
    }
    let j = i;
    const seen: string[] = [];
    while (j < ls.length && HOT_REREAD.test(ls[j] ?? '')) {
      const l = ls[j] ?? '';
      if (!seen.includes(l)) seen.push(l);
      j++;
    }
    out.push(...seen);
    if (j - i > seen.length) out.push('# (postconf read the just-written main.cf again; the count depends on timing)');
    i = j;
  }
  return out;
}

/**
 * A certificate's PEM inside a transcript (s_client's `Server certificate`): the recording machine
 * of more/ made its own mail.example.org certificate, the lab has the corpus's. Masked on both
 * sides as in whole tool runs (tool-output.ts).
 */
export function maskPem(ls: readonly string[]): string[] {
  let inPem = false;
  return ls.map((l) => {
    const body = l.replace(/^[SE]: /, '');
    if (body === '-----BEGIN CERTIFICATE-----') inPem = true;
    else if (body === '-----END CERTIFICATE-----') inPem = false;
    else if (inPem) return `${l.slice(0, 3)}<PEM-LINE>`;
    return l;
  });
}

export function compareTranscripts(recorded: string, replayed: string): Mismatch | null {
  const a = foldHotRereads(maskPem(lines(recorded).map(maskVolatile)));
  const b = foldHotRereads(maskPem(lines(replayed).map(maskVolatile)));
  if (a.length === b.length && a.every((l, i) => l === b[i])) return null;
  return { what: 'transcript', diff: hunks(diffLines(a, b)) };
}

const LOG_LINE = /^<TIMESTAMP> \S+ (\S+?)\[<PID>\]: /;

/** The daemon a normalized log line comes from, e.g. `postfix/submission/smtpd`. */
export function daemonOf(line: string): string {
  return LOG_LINE.exec(line)?.[1] ?? '(unparsed)';
}

/** The recorder's own separators in a log (`### during openssl s_client -tls1`), not Postfix's. */
const RECORDER_MARK = /^### /;

function byDaemon(text: string): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const l of lines(text)) {
    if (RECORDER_MARK.test(l)) continue;
    const d = daemonOf(l);
    const list = m.get(d) ?? [];
    list.push(maskVolatile(l));
    m.set(d, list);
  }
  return m;
}

/** Compares logs per daemon; `only` limits the comparison to daemons it accepts. */
export function compareLogs(recorded: string, replayed: string, only: (daemon: string) => boolean = () => true): Mismatch[] {
  const a = byDaemon(recorded);
  const b = byDaemon(replayed);
  const names = [...new Set([...a.keys(), ...b.keys()])].filter(only).sort();
  const out: Mismatch[] = [];
  for (const d of names) {
    const x = a.get(d) ?? [];
    const y = b.get(d) ?? [];
    if (x.length === y.length && x.every((l, i) => l === y[i])) continue;
    out.push({ what: `log ${d}`, diff: hunks(diffLines(x, y)) });
  }
  return out;
}
