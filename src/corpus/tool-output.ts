import { parsePythonBytes } from './wire.ts';

/**
 * A whole tool run the recorder kept beside a transcript (`sclient-*.normalized.txt`):
 *
 *   $ openssl s_client -connect 127.0.0.1:465 -crlf -ign_eof
 *   # stdin: 'EHLO client.example.com\nQUIT\n'      (or: EHLO client.example.com / QUIT)
 *   # exit 0
 *   --- stdout ---
 *   ...
 *   --- stderr ---
 *   ...
 */
export interface ToolRun {
  readonly name: string;
  readonly command: string;
  readonly stdin: string;
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function parseToolRun(name: string, text: string): ToolRun | null {
  const lines = text.split('\n');
  const head = lines[0] ?? '';
  if (!head.startsWith('$ ')) return null;
  let command = head.slice(2).trim().replace(/\s+/g, ' ');
  let stdin = '';
  if (command.endsWith(' </dev/null')) command = command.slice(0, -' </dev/null'.length);
  let exitCode: number | null = null;
  let i = 1;
  for (; i < lines.length && (lines[i] ?? '').startsWith('# '); i++) {
    const l = lines[i] ?? '';
    const s = /^# stdin: (.*)$/.exec(l);
    if (s !== null) {
      const v = s[1] ?? '';
      const lit = v.startsWith("'") || v.startsWith('"') ? parsePythonBytes(`b${v}`) : null;
      stdin = lit ?? `${v.split(' / ').join('\n')}\n`;
    }
    const e = /^# exit (\d+)$/.exec(l);
    if (e !== null) exitCode = Number(e[1]);
  }
  const rest = lines.slice(i).join('\n');
  const m = /^--- stdout ---\n([\s\S]*?)--- stderr ---\n?([\s\S]*)$/.exec(rest);
  if (m === null) return null;
  return { name, command, stdin, exitCode, stdout: m[1] ?? '', stderr: m[2] ?? '' };
}

/** Lines that may differ because the lab's certificate is its own (issue: "the certificate PEM ... may differ"). */
function maskCertificate(text: string): string[] {
  const out: string[] = [];
  let inPem = false;
  for (const l of text.split('\n')) {
    if (l === '-----BEGIN CERTIFICATE-----') inPem = true;
    else if (l === '-----END CERTIFICATE-----') inPem = false;
    else if (inPem) {
      out.push('<PEM-LINE>');
      continue;
    }
    out.push(l);
  }
  return out;
}

export function toolOutputLines(text: string): string[] {
  return maskCertificate(text);
}

/**
 * more/strip-inbound-sclient keeps each s_client run as separate files,
 * `sclient-strip-<run>-stdout|stderr|merged.normalized.txt`, of the transcript command that
 * `<run>` names (`ign_eof`: the `-ign_eof` run, `devnull`: the `</dev/null` run; `merged`: the
 * same command again with `2>&1`). `commands` are the transcript's command lines.
 */
export function splitToolRuns(files: readonly { readonly name: string; readonly text: string }[], commands: readonly string[]): ToolRun[] {
  const groups = new Map<string, { stdout?: string; stderr?: string; merged?: string }>();
  for (const f of files) {
    const m = /^sclient-strip-(.+?)-(stdout|stderr|merged)\.normalized\.txt$/.exec(f.name);
    if (m === null) continue;
    const g = groups.get(m[1] ?? '') ?? {};
    g[(m[2] ?? 'stdout') as 'stdout' | 'stderr' | 'merged'] = f.text;
    groups.set(m[1] ?? '', g);
  }
  const out: ToolRun[] = [];
  const flag: Readonly<Record<string, string>> = { ign_eof: ' -ign_eof', devnull: ' </dev/null' };
  for (const [run, g] of groups) {
    const want = flag[run];
    if (want === undefined) continue;
    const norm = commands.map((c) => c.trim().replace(/\s+/g, ' '));
    const plain = norm.find((c) => c.includes(want) && !c.endsWith(' 2>&1'));
    const merged = norm.find((c) => c.includes(want) && c.endsWith(' 2>&1'));
    if (plain !== undefined && (g.stdout !== undefined || g.stderr !== undefined)) {
      out.push({ name: `sclient-strip-${run}`, command: plain, stdin: '', exitCode: null, stdout: g.stdout ?? '', stderr: g.stderr ?? '' });
    }
    if (merged !== undefined && g.merged !== undefined) {
      out.push({ name: `sclient-strip-${run}-merged`, command: merged, stdin: '', exitCode: null, stdout: g.merged, stderr: '' });
    }
  }
  return out;
}
