import type { ParameterView } from '../config/parameter-view.ts';
import type { SimFs } from '../world/sim-fs.ts';
import { domainOf, isLocalDomain, localPartOf, qualify } from './address.ts';
import { DEBIAN_ALIASES, parseAliases } from './aliases.ts';
import type { CleanMessage, CleanRecipient } from './cleanup.ts';
import { deliveredToHeader, mboxFromLine, returnPathHeader, xOriginalToHeader } from './header-texts.ts';
import { LOCAL_DELIVERED, localUnknownUser } from './log-texts.ts';
import { mboxTime } from './mail-date.ts';
import { listParam, param } from './params.ts';
import { readTableText } from './lookup-table.ts';

/** What local(8) did with one recipient (after alias expansion there may be several). */
export type LocalOutcome =
  | { readonly kind: 'delivered'; readonly to: string; readonly dsn: string; readonly text: string }
  | { readonly kind: 'bounced'; readonly to: string; readonly dsn: string; readonly text: string }
  /** An alias pointed to a remote address: the queue forwards a copy (`status=sent (forwarded as QID)`). */
  | { readonly kind: 'forward'; readonly to: string; readonly target: string };

/** Accounts of the simulated machine: /etc/passwd when present, else root alone. */
function localUsers(fs: SimFs | null): Set<string> {
  const text = fs?.read('/etc/passwd');
  if (text === undefined) return new Set(['root']);
  const users = new Set<string>();
  for (const line of text.split('\n')) {
    const name = line.split(':')[0]?.trim();
    if (name !== undefined && name !== '' && !name.startsWith('#')) users.add(name.toLowerCase());
  }
  return users;
}

function aliasTable(fs: SimFs | null, params: ParameterView): Map<string, string[]> {
  const merged = new Map<string, string[]>();
  for (const spec of listParam(params, 'alias_maps')) {
    const text = readTableText(fs, spec) ?? (spec.endsWith('/etc/aliases') && fs !== null ? DEBIAN_ALIASES : null);
    if (text === null) continue;
    for (const [k, v] of parseAliases(text)) if (!merged.has(k)) merged.set(k, v);
  }
  return merged;
}

/** mbox From_ quoting: a body line that starts with `From ` gets a `>`. */
function quoteFrom(line: string): string {
  return line.startsWith('From ') ? `>${line}` : line;
}

/**
 * local(8): alias expansion, then delivery to /var/mail/<user> in mbox format (the format the
 * corpus's postmaster-notice.txt shows). Never throws.
 */
export function deliverLocal(
  msg: CleanMessage,
  rcpt: CleanRecipient,
  params: ParameterView,
  fs: SimFs | null,
  now: number,
): LocalOutcome[] {
  const aliases = aliasTable(fs, params);
  const users = localUsers(fs);
  const out: LocalOutcome[] = [];
  const seen = new Set<string>();

  const deliver = (addr: string, depth: number): void => {
    const key = addr.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    const user = localPartOf(addr).toLowerCase();
    const expansion = depth < 10 ? aliases.get(user) : undefined;
    if (expansion !== undefined) {
      for (const t of expansion) {
        if (t.startsWith('|') || t.startsWith('/') || t.toLowerCase().startsWith(':include:')) continue;
        const target = qualify(t.replace(/^"|"$/g, ''), params);
        if (isLocalDomain(domainOf(target), params)) deliver(target, depth + 1);
        else out.push({ kind: 'forward', to: addr, target });
      }
      return;
    }
    if (!users.has(user)) {
      out.push({ kind: 'bounced', to: addr, dsn: '5.1.1', text: localUnknownUser(user) });
      return;
    }
    if (fs !== null) {
      const spool = param(params, 'mail_spool_directory').replace(/\/+$/, '') || '/var/mail';
      const path = `${spool}/${user}`;
      const entry = [
        mboxFromLine(msg.sender, mboxTime(now)),
        returnPathHeader(msg.sender),
        xOriginalToHeader(rcpt.orig),
        deliveredToHeader(rcpt.addr),
        ...msg.lines.map(quoteFrom),
        '',
      ].join('\n');
      fs.write(path, `${fs.read(path) ?? ''}${entry}\n`, fs.stat(path)?.mode ?? 0o600);
    }
    out.push({ kind: 'delivered', to: addr, dsn: '2.0.0', text: LOCAL_DELIVERED });
  };

  deliver(rcpt.addr, 0);
  return out;
}
