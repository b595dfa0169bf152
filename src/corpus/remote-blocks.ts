/**
 * The recorder's views of the remote side (corpus `outbound-*`, more/): what a fake MX saw and
 * what a STARTTLS-stripping proxy relayed, rendered from what the lab's remote world recorded.
 * Recorder remarks that depend on its own threads' timing (EOF order, a receiver's exception) are
 * copied from the recording at the same place among the lab's lines.
 */
import type { ProxyRecord } from '../engine/remote/strip-proxy.ts';
import type { TapEvent, TappedSession } from '../engine/world/sim-network.ts';
import { daemonOf } from './compare.ts';
import { normalize } from './normalize.ts';
import type { Step } from './transcript.ts';

/** Remote sessions and proxied connections of one delivery attempt or command, shared by its blocks. */
export interface RemotePool {
  readonly tapped: readonly TappedSession[];
  readonly proxies: readonly ProxyRecord[];
}

export const MX_BLOCK = /^# === what the fake remote MX on ([\d.]+):(\d+) saw\b/;
/** more/strip-outbound-*: `# === what the STARTTLS-stripping proxy on 127.0.0.3:2528 relayed ...`; strip-inbound: `# === <title>: what the proxy relayed. ...`. */
export const PROXY_BLOCK = /^# === (?:what the STARTTLS-stripping proxy on ([\d.]+):(\d+) relayed|.*: what the proxy relayed\.)/;
/** more/: `# === mail log lines of this delivery attempt ===`, `# === s_client -ign_eof: mail log lines ===`. */
export const LOG_BLOCK = /^# === (?:mail log lines of |.*: mail log lines ===$)/;
/** more/outbound-tls1only-may-ge12-fallback: `# (waiting 12 s so that ...)`. */
export const WAIT_EVENT = /^# \(waiting (\d+) s\b/;
/** more/outbound-policy-map: `# === phase 2: relayhost = ...`. */
export const PHASE_EVENT = /^# === phase (\d+): /;

const RECEIVER_REMARK = /^# (buffered after|receiver exception)/;
/** The fake MX's exception when the client vanished before its last reply went out (that reply never reached the wire). */
const LOST_REPLY = /^# receiver exception: SSLEOFError/;
const PROXY_REMARK = /^# proxy: (?!the deleted line was the last one)/;
const PROXY_TLS_REMARK = /^# proxy: (client sent a TLS record|relayed TLS bytes)/;

function stepLine(s: Step): string {
  switch (s.kind) {
    case 'client':
      return `C: ${s.text}`;
    case 'server':
      return `S: ${s.text}`;
    case 'stderr':
      return `E: ${s.text}`;
    case 'log':
      return `L: ${s.text}`;
    case 'command':
    case 'connect':
    case 'event':
    case 'exit':
    case 'inject':
    case 'tls':
      return s.raw;
  }
}

/** Where the block's remarks go among the lab's lines: after as many lines as preceded them in the recording. */
function withRemarks(recorded: readonly string[], lab: readonly string[], isRemark: (l: string) => boolean): string[] {
  const at = new Map<number, string[]>();
  let k = 0;
  for (const l of recorded) {
    if (isRemark(l)) at.set(k, [...(at.get(k) ?? []), l]);
    else k++;
  }
  const out: string[] = [...(at.get(0) ?? [])];
  lab.forEach((l, i) => {
    out.push(l);
    out.push(...(at.get(i + 1) ?? []));
  });
  for (const [n, ls] of at) if (n > lab.length) out.push(...ls);
  return out;
}

function splitLines(data: string): string[] {
  const out = data.split('\n').map((l) => l.replace(/\r$/, ''));
  if (out[out.length - 1] === '') out.pop();
  return out;
}

function eventLines(e: TapEvent): string[] {
  if (e.dir === 'tls') return [`# TLS handshake complete (receiver side): ${e.version} ${e.cipher}`];
  return splitLines(e.data).map((l) => `${e.dir === 'server' ? 'S' : 'C'}: ${l}`);
}

/** What the fake MX at `address:port` saw: direct connections and those a proxy made for its clients. */
export function renderMxBlock(block: readonly Step[], pool: RemotePool, address: string, port: number): string[] {
  const recorded = block.map(stepLine);
  const sessions: TappedSession[] = [
    ...pool.tapped.filter((s) => s.address === address && s.port === port),
    ...pool.proxies
      .filter((p) => p.spec.upstreamAddress === address && p.spec.upstreamPort === port)
      .map((p) => ({ address, port, events: p.upstream })),
  ];
  const headers = recorded.filter((l) => l.startsWith('# --- receiver '));
  const lostReply = recorded.some((l) => LOST_REPLY.test(l));
  const lab: string[] = [];
  sessions.forEach((sess, i) => {
    const h = headers[i];
    lab.push(
      h?.includes(`${sess.address}:${sess.port} `) === true ? h : `# --- receiver ${sess.address}:${sess.port} accepted connection ---`,
    );
    const last = sess.events[sess.events.length - 1];
    const lost = i === sessions.length - 1 && lostReply && last?.dir === 'server';
    for (const e of lost ? sess.events.slice(0, -1) : sess.events) lab.push(...eventLines(e));
  });
  return withRemarks(recorded, lab, (l) => RECEIVER_REMARK.test(l));
}

/** What the stripping proxy relayed (its own view: whole reads, the lines it deleted). */
export function renderProxyBlock(block: readonly Step[], pool: RemotePool, address: string | null, port: number | null): string[] {
  const recorded = block.map(stepLine);
  const records = pool.proxies.filter((p) => address === null || (p.spec.address === address && p.spec.port === port));
  const lab: string[] = [];
  for (const r of records) {
    const { spec } = r;
    lab.push(
      `# --- proxy ${spec.address}:${spec.port} accepted connection from 127.0.0.1:<PORT>; upstream connection to ${spec.upstreamAddress}:${spec.upstreamPort} ---`,
    );
    for (const e of r.relayed) {
      if (e.dir === 'deleted') lab.push(`# proxy DELETED from the reply: ${e.line}`);
      else if (e.dir === 'last-fixed') lab.push('# proxy: the deleted line was the last one; the new last line now has "250 "');
      else lab.push(...splitLines(e.data).map((l) => `${e.dir === 'server' ? 'S' : 'C'}: ${l}`));
    }
  }
  const tls = records.some((r) => r.tls);
  const merged = withRemarks(recorded, lab, (l) => PROXY_REMARK.test(l));
  // The recorder saw TLS records pass: the lab says so only when its client started TLS too.
  return merged.map((l) => (PROXY_TLS_REMARK.test(l) && !tls ? '# lab: no TLS handshake went through the proxy' : l));
}

/** The steps of a block: up to the next block header, command or submission. */
export function blockEnd(steps: readonly Step[], k: number): number {
  const end = steps.findIndex(
    (s, i) =>
      i > k && (s.kind === 'command' || s.kind === 'inject' || s.kind === 'connect' || (s.kind === 'event' && s.raw.startsWith('# === '))),
  );
  return end < 0 ? steps.length : end;
}

/**
 * A block's log lines in the recording's interleaving where the daemons agree: lines of different
 * daemons interleave by timing in a real log (compare.ts compares logs per daemon for that reason),
 * so each recorded line takes the lab's next line of its daemon; lab lines left over follow in order.
 */
export function logBlockLines(block: readonly Step[], lab: readonly string[]): string[] {
  const byDaemon = new Map<string, string[]>();
  for (const l of lab) {
    const d = daemonOf(normalize(l));
    byDaemon.set(d, [...(byDaemon.get(d) ?? []), l]);
  }
  const used = new Set<string>();
  const out: string[] = [];
  for (const s of block) {
    if (s.kind !== 'log') continue;
    const next = byDaemon.get(daemonOf(s.text))?.shift();
    if (next === undefined) continue;
    used.add(next);
    out.push(next);
  }
  const rest = [...byDaemon.values()].flat();
  return [...out, ...lab.filter((l) => rest.includes(l))].map((l) => `L: ${l}`);
}
