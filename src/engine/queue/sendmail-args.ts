/** What a sendmail(1) command line asks for. */
export interface SendmailRequest {
  readonly mode: 'send' | 'list' | 'flush';
  /** -f / -r; null: the login name. */
  readonly sender: string | null;
  /** -F */
  readonly fullName: string | null;
  /** -t: take recipients from To:, Cc:, Bcc:. */
  readonly extract: boolean;
  /** -i / -oi: a line with a lone `.` does not end the input. */
  readonly ignoreDots: boolean;
  readonly recipients: readonly string[];
}

/** Options of Postfix's sendmail that take an argument and are accepted but have no effect here. */
const WITH_ARG = new Set(['B', 'C', 'L', 'N', 'O', 'R', 'V', 'X', 'h', 'o', 'q']);

/**
 * Parses sendmail's arguments (Postfix sendmail(1)). Options Postfix accepts for compatibility
 * are skipped. Never throws.
 */
export function parseSendmailArgs(args: readonly string[]): SendmailRequest {
  let mode: SendmailRequest['mode'] = 'send';
  let sender: string | null = null;
  let fullName: string | null = null;
  let extract = false;
  let ignoreDots = false;
  const recipients: string[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--') {
      i += 1;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    const flag = a[1] ?? '';
    const attached = a.slice(2);
    const value = (): string => {
      if (attached !== '') return attached;
      i += 1;
      return args[i] ?? '';
    };
    switch (flag) {
      case 'f':
      case 'r':
        sender = value().replace(/^<(.*)>$/, '$1');
        break;
      case 'F':
        fullName = value();
        break;
      case 't':
        extract = true;
        break;
      case 'i':
        ignoreDots = true;
        break;
      case 'o':
        if (attached === 'i') ignoreDots = true;
        else if (attached === '') i += 1;
        break;
      case 'b':
        if (attached === 'p') mode = 'list';
        break;
      case 'q':
        // -q (flush now) or -qInterval / -qR: a flush either way.
        mode = 'flush';
        break;
      default:
        if (WITH_ARG.has(flag) && attached === '') i += 1;
        break;
    }
  }
  for (; i < args.length; i++) recipients.push(args[i] ?? '');
  return { mode, sender, fullName, extract, ignoreDots, recipients: recipients.filter((r) => r !== '') };
}

/** The message on standard input as sendmail reads it: LF or CRLF line ends; a lone `.` ends it unless -i. */
export function readMessage(stdin: string, ignoreDots: boolean): string[] {
  const ls = stdin.split('\n').map((l) => l.replace(/\r$/, ''));
  if (ls[ls.length - 1] === '') ls.pop();
  if (ignoreDots) return ls;
  const dot = ls.indexOf('.');
  return dot < 0 ? ls : ls.slice(0, dot);
}

/** Addresses in header values (To:, Cc:, Bcc:) for sendmail -t: `<addr>` when present, else the bare word. */
export function headerAddresses(lines: readonly string[]): string[] {
  const out: string[] = [];
  let collecting = false;
  const values: string[] = [];
  for (const l of lines) {
    if (l === '') break;
    if (/^[ \t]/.test(l)) {
      if (collecting) values[values.length - 1] += ` ${l.trim()}`;
      continue;
    }
    const m = /^([!-9;-~]+):(.*)$/.exec(l);
    if (m === null) break;
    const name = (m[1] ?? '').toLowerCase();
    collecting = name === 'to' || name === 'cc' || name === 'bcc';
    if (collecting) values.push(m[2] ?? '');
  }
  for (const v of values) {
    for (const part of v.replace(/\([^)]*\)/g, '').split(',')) {
      const p = part.trim();
      if (p === '' || p.endsWith(':;')) continue;
      const angle = /<([^>]*)>/.exec(p);
      const addr = angle !== null ? (angle[1] ?? '') : (p.split(/\s+/).pop() ?? '');
      if (addr !== '') out.push(addr);
    }
  }
  return out;
}
