import { queueListTime } from './mail-date.ts';
import type { ToolResult } from './tool-result.ts';
import { lines } from './tool-result.ts';
import { QUEUE_DOWN_WARNING, QUEUE_EMPTY, QUEUE_HEADER, queueTrailer } from './tool-texts.ts';

/** One queued message as `postqueue -p` shows it. */
export interface QueueListing {
  readonly queueId: string;
  /** `*` active, `!` on hold, '' otherwise (deferred, incoming, maildrop). */
  readonly mark: '' | '*' | '!';
  readonly size: number;
  readonly arrivedAt: number;
  readonly sender: string;
  /** Undelivered recipients, in order, each with the reason of its last failure (null: not tried yet). */
  readonly recipients: readonly { readonly address: string; readonly reason: string | null }[];
}

/**
 * `postqueue -p` / `mailq` (postqueue/showq_compat.c), checked against the corpus
 * (outbound-encrypt-nostarttls, outbound-verify-starttls, more/*): the id with its mark in an
 * 11-column field, the size in 7 columns, the arrival time, the sender; each reason in
 * parentheses right-aligned to end at column 78 (more/README.md 10) before the recipients it
 * applies to; recipients indented 41 columns; a blank line after each message; the trailer.
 */
export function formatQueue(entries: readonly QueueListing[]): string {
  if (entries.length === 0) return lines(QUEUE_EMPTY);
  const out: string[] = [QUEUE_HEADER];
  let total = 0;
  for (const e of entries) {
    total += e.size;
    const id = `${e.queueId}${e.mark}`.padEnd(11, ' ');
    out.push(
      `${id} ${e.size.toString().padStart(7, ' ')} ${queueListTime(e.arrivedAt).padEnd(20, ' ')} ${e.sender === '' ? 'MAILER-DAEMON' : e.sender}`,
    );
    let lastReason: string | null = null;
    for (const r of e.recipients) {
      if (r.reason !== null && r.reason !== lastReason) {
        out.push(`${' '.repeat(Math.max(0, 76 - r.reason.length))}(${r.reason})`);
      }
      lastReason = r.reason;
      out.push(`${' '.repeat(41)}${r.address}`);
    }
    out.push('');
  }
  out.push(queueTrailer(Math.floor(total / 1024), entries.length));
  return lines(...out);
}

/** The whole `postqueue -p` run: while Postfix is stopped it warns and reads the queue directly (terminal/term-postfix-cli). */
export function showQueue(entries: readonly QueueListing[], running: boolean): ToolResult {
  return { stdout: formatQueue(entries), stderr: running ? '' : lines(QUEUE_DOWN_WARNING), exitCode: 0 };
}

function jsonString(s: string): string {
  return JSON.stringify(s);
}

/**
 * `postqueue -j`: one JSON object per message and line (postqueue(1), Postfix 3.1+; not in the corpus).
 */
export function formatQueueJson(entries: readonly QueueListing[]): string {
  return lines(
    ...entries.map((e) => {
      const rcpts = e.recipients
        .map((r) => `{"address": ${jsonString(r.address)}${r.reason !== null ? `, "delay_reason": ${jsonString(r.reason)}` : ''}}`)
        .join(', ');
      const queue = e.mark === '*' ? 'active' : e.mark === '!' ? 'hold' : 'deferred';
      return `{"queue_name": "${queue}", "queue_id": "${e.queueId}", "arrival_time": ${Math.floor(e.arrivedAt / 1000)}, "message_size": ${e.size}, "forced_expire": false, "sender": ${jsonString(e.sender)}, "recipients": [${rcpts}]}`;
    }),
  );
}
