/**
 * The handshake diagram's rows, from the engine's record of one connection (LabEvents'
 * ConnectionRecord): consecutive SMTP lines in one direction make one arrow, each TLS flight is an
 * arrow of its own, notes sit between the lanes, and the outcome closes the list. DOM-free, so the
 * drawing (handshake-diagram.ts) and its text alternative come from the same rows in the same order.
 */
import { assertNever } from '../../engine/util/assert-never.ts';
import type { ConnectionRecord } from '../../lesson-runtime/events.ts';

export type Side = 'client' | 'server';

export type DiagramRow =
  | { readonly kind: 'smtp'; readonly from: Side; readonly lines: readonly string[] }
  | { readonly kind: 'tls'; readonly from: Side; readonly flight: string; readonly detail: string | null; readonly failed: boolean }
  | { readonly kind: 'note'; readonly text: string };

export interface DiagramOutcome {
  readonly kind: 'tls' | 'plaintext' | 'failed';
  /** One sentence: "TLS TLSv1.3, cipher TLS_AES_256_GCM_SHA384", "Failed: alert 70: protocol version". */
  readonly text: string;
}

/** The reply that says STARTTLS failed on the server's side (corpus p25-may-cert-missing). */
export const TLS_NOT_AVAILABLE = /^454 4\.7\.0 TLS not available due to local problem/;

/** The note that marks where a completed handshake leaves plaintext behind (our words, not Postfix's). */
export const ENCRYPTED_FROM_HERE = 'Encrypted from here on: the SMTP lines below travel inside TLS.';

export function diagramRows(rec: ConnectionRecord): DiagramRow[] {
  const rows: DiagramRow[] = [];
  let encrypted = false;
  for (const step of rec.steps) {
    if (!encrypted && rec.outcome.tls !== null && step.kind !== 'tls' && rows[rows.length - 1]?.kind === 'tls') {
      encrypted = true;
      rows.push({ kind: 'note', text: ENCRYPTED_FROM_HERE });
    }
    switch (step.kind) {
      case 'smtp': {
        const last = rows[rows.length - 1];
        if (last?.kind === 'smtp' && last.from === step.from) rows[rows.length - 1] = { ...last, lines: [...last.lines, step.text] };
        else rows.push({ kind: 'smtp', from: step.from, lines: [step.text] });
        break;
      }
      case 'tls':
        rows.push({ kind: 'tls', from: step.from, flight: step.flight, detail: step.detail ?? null, failed: step.flight === 'Alert' });
        break;
      case 'note':
        rows.push({ kind: 'note', text: step.text });
        break;
      default:
        assertNever(step);
    }
  }
  return rows;
}

export function diagramOutcome(rec: ConnectionRecord): DiagramOutcome {
  const tls = rec.outcome.tls;
  if (rec.outcome.failure !== undefined) return { kind: 'failed', text: `Failed: ${rec.outcome.failure}` };
  if (tls !== null) return { kind: 'tls', text: `Encrypted with ${tls.version}, cipher ${tls.cipher}` };
  return { kind: 'plaintext', text: 'No TLS: everything went over the wire in plaintext' };
}

/** "telnet → 127.0.0.1 port 25 (smtp)": who talked to whom. */
export function diagramTitle(rec: ConnectionRecord): { client: string; server: string } {
  const service = rec.server.service === undefined ? '' : ` (${rec.server.service})`;
  return { client: rec.client, server: `${rec.server.host} port ${rec.server.port}${service}` };
}

/** One row in words, for the text alternative. */
export function describeRow(row: DiagramRow, names: { client: string; server: string }): string {
  const who = (from: Side) => (from === 'client' ? `${names.client} to the server` : 'Server to the client');
  switch (row.kind) {
    case 'smtp':
      return `${who(row.from)}: ${row.lines.join(' / ')}`;
    case 'tls':
      return `${who(row.from)}: TLS ${row.flight}${row.detail === null ? '' : ` (${row.detail})`}`;
    case 'note':
      return row.text;
    default:
      return assertNever(row);
  }
}
