/** Reads the host-tool recordings of tests/corpus-extra/host-tools/ (recorded from real Debian 12 programs). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const HOST_TOOLS_DIR = fileURLToPath(new URL('../../corpus-extra/host-tools/', import.meta.url));

export interface CommandRecord {
  readonly cmd: string;
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number;
}

/** openssl-inspect.json (tests/corpus-extra/recorder/record_openssl.py). */
export function opensslRecords(): readonly CommandRecord[] {
  const doc = JSON.parse(readFileSync(`${HOST_TOOLS_DIR}openssl-inspect.json`, 'utf8')) as { records: CommandRecord[] };
  return doc.records;
}

/** OpenSSL's per-process thread ID at the start of its error lines varies from run to run. */
export function maskThreadId(text: string): string {
  return text.replace(/^[0-9A-F]{16}:error:/gm, '<tid>:error:');
}

/** One command of H1's host-tool recordings (`$ cmd`, then `--- stdout ---`/`--- stderr ---`/`--- terminal ---` blocks). */
export interface HostRecord {
  readonly cmd: string;
  /** True for `(run on a pty: ...)` commands: `terminal` holds stdout and stderr merged. */
  readonly pty: boolean;
  readonly stdout: string;
  readonly stderr: string;
  readonly terminal: string;
  readonly status: number;
  /** `--- log lines written meanwhile (...) ---`, when the recording has them. */
  readonly log: readonly string[] | null;
}

/** Parses a host-tools/*.txt recording (read as written: LF line ends). */
export function hostRecords(file: string): HostRecord[] {
  const text = readFileSync(`${HOST_TOOLS_DIR}${file}`, 'utf8');
  const out: HostRecord[] = [];
  let cur: { cmd: string; pty: boolean; blocks: Map<string, string[]>; status: number } | null = null;
  let block: string[] | null = null;
  const flush = (): void => {
    if (cur === null) return;
    const b = (k: string): string => {
      const lines = cur?.blocks.get(k);
      return lines === undefined ? '' : lines.map((l) => `${l}\n`).join('');
    };
    out.push({
      cmd: cur.cmd,
      pty: cur.pty,
      stdout: b('stdout'),
      stderr: b('stderr'),
      terminal: b('terminal'),
      status: cur.status,
      log: cur.blocks.has('log') ? (cur.blocks.get('log') ?? []) : null,
    });
  };
  for (const line of text.replace(/\n$/, '').split('\n')) {
    const cmd = /^\$ (.*?)(\s{4}\(run on a pty[^)]*\))?$/.exec(line);
    if (cmd !== null && (cur === null || block === null || line.startsWith('$ '))) {
      flush();
      cur = { cmd: cmd[1] ?? '', pty: cmd[2] !== undefined, blocks: new Map(), status: -1 };
      block = null;
      continue;
    }
    if (cur === null) continue;
    const head = /^--- (stdout|stderr|terminal|log lines written meanwhile[^-]*?|exit status (\d+))( \(empty\))? ---$/.exec(line);
    if (head !== null) {
      const kind = head[1] ?? '';
      if (head[2] !== undefined) {
        cur.status = Number(head[2]);
        block = null;
        continue;
      }
      const key = kind.startsWith('log') ? 'log' : kind;
      block = [];
      cur.blocks.set(key, block);
      if (head[3] !== undefined) block = null;
      continue;
    }
    block?.push(line);
  }
  flush();
  return out;
}

/** The mail.log normalization of the recordings' `.normalized.txt` files. */
export function normalizeLogLine(line: string): string {
  return line.replace(/^[A-Z][a-z]{2} [ 0-9]\d \d{2}:\d{2}:\d{2} /, '<TIMESTAMP> ').replace(/\[\d+\]/g, '[<PID>]');
}
