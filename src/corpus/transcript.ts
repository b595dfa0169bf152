/**
 * Parses the corpus's transcript format (`transcript.normalized.txt`, see the
 * corpus README): `C: ` client lines or `C: $ command`, `S: ` server/stdout
 * lines, `E: ` stderr, `L: ` log lines, `# ` recorder events.
 */
export type Step =
  /** `# --- new TCP connection to 127.0.0.1:25 (...) ---` */
  | { readonly kind: 'connect'; readonly raw: string; readonly host: string; readonly port: number }
  | { readonly kind: 'server'; readonly text: string }
  | { readonly kind: 'client'; readonly text: string }
  /**
   * `C: $ postconf -n`; `raw` keeps the recorder's remark, e.g. `    (run on a pty; stdout+stderr merged)`.
   * `stdinLines`: the remark `(stdin below, one line at a time)` says the `C:` lines that follow are its stdin.
   */
  | { readonly kind: 'command'; readonly raw: string; readonly command: string; readonly pty: boolean; readonly stdinLines: boolean }
  | { readonly kind: 'stderr'; readonly text: string }
  | { readonly kind: 'log'; readonly text: string }
  | { readonly kind: 'exit'; readonly raw: string; readonly code: number }
  /** `# TLS handshake complete: TLSv1.3, cipher ...` or `# TLS handshake FAILED: ...` (the recorder's own client). */
  | { readonly kind: 'tls'; readonly raw: string }
  /** `# message injected with: /usr/sbin/sendmail -f alice@example.org bob@example.net (rc=0)` */
  | { readonly kind: 'inject'; readonly raw: string; readonly sender: string; readonly recipients: readonly string[] }
  /** Any other `# ` line: a remark or an observation of the recorder. */
  | { readonly kind: 'event'; readonly raw: string };

const CONNECT = /^# --- new TCP connection to ([\d.]+):(\d+)\b/;
const INJECT = /^# message injected with: \/usr\/sbin\/sendmail -f (\S+) (.+?) \(rc=\d+\)$/;
/** more/strip-inbound-sclient: `...  (same run again, stdout+stderr merged: see sclient-strip-ign_eof-merged.txt)`. */
const REMARK = /^(.*?)\s{2,}\((run on a pty[^)]*|stdin below, one line at a time|same run again, [^)]*)\)$/;

export function parseTranscript(text: string): Step[] {
  const steps: Step[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const step = parseLine(line);
    if (step !== null) steps.push(step);
  }
  return steps;
}

function parseLine(line: string): Step | null {
  if (line.startsWith('C: $ ')) {
    const body = line.slice(5);
    const m = REMARK.exec(body);
    const remark = m?.[2] ?? '';
    return {
      kind: 'command',
      raw: line,
      command: m?.[1] ?? body,
      pty: remark.startsWith('run on a pty'),
      stdinLines: remark.startsWith('stdin below'),
    };
  }
  if (line.startsWith('C: ') || line === 'C:') return { kind: 'client', text: line.slice(3) };
  if (line.startsWith('S: ') || line === 'S:') return { kind: 'server', text: line.slice(3) };
  if (line.startsWith('E: ') || line === 'E:') return { kind: 'stderr', text: line.slice(3) };
  if (line.startsWith('L: ')) return { kind: 'log', text: line.slice(3) };
  if (line.startsWith('#')) {
    const c = CONNECT.exec(line);
    if (c !== null) return { kind: 'connect', raw: line, host: c[1] ?? '', port: Number(c[2]) };
    const ex = /^# exit status (\d+)$/.exec(line);
    if (ex !== null) return { kind: 'exit', raw: line, code: Number(ex[1]) };
    if (line.startsWith('# TLS handshake complete: ') || line.startsWith('# TLS handshake FAILED: ')) return { kind: 'tls', raw: line };
    const inj = INJECT.exec(line);
    if (inj !== null) {
      return { kind: 'inject', raw: line, sender: inj[1] ?? '', recipients: (inj[2] ?? '').split(' ') };
    }
    return { kind: 'event', raw: line };
  }
  return { kind: 'event', raw: line };
}
