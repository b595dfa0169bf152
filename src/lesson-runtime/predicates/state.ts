/**
 * The `state` predicates: how the learner's server behaves now, probed on scratch copies of its world
 * (the configuration Postfix has loaded, not the files on disk), so a check never changes the lab.
 */
import type { ParameterView } from '../../engine/config/parameter-view.ts';
import { MAIN_CF_PATH } from '../../engine/config/main-cf.ts';
import { MASTER_CF_PATH } from '../../engine/config/master-cf.ts';
import { sClientHello } from '../../engine/tls/client-hello.ts';
import { serverTls } from '../../engine/tls/server-tls.ts';
import type { LabWorld } from '../../shell/programs/net/lab-env.ts';
import { LabEvents } from '../events.ts';
import { connectProbe, ehloKeywords, PROBE_HELO, replyCode, type ProbeConnection } from '../probe.ts';
import type { PredicateArgs } from './args.ts';
import type { PredicateContext } from './context.ts';

/** The listener's service on `port` of a world, if Postfix listens there. */
function serviceOn(world: LabWorld, port: number): string | null {
  return world.master.config?.listeners.find((l) => l.port === port)?.service ?? null;
}

function wrapperMode(world: LabWorld, port: number): boolean {
  const service = serviceOn(world, port);
  const cfg = world.master.config;
  if (service === null || cfg === null) return false;
  return cfg.paramsFor(service, 'inet').get('smtpd_tls_wrappermode') === 'yes';
}

/**
 * A connection to `port` brought to the point where SMTP commands are read: banner read (after the
 * handshake in wrapper mode). Null when nothing answers.
 */
function greeted(world: LabWorld, port: number): { conn: ProbeConnection; wrapper: boolean } | null {
  const conn = connectProbe(world.network, port);
  if (conn === null) return null;
  const wrapper = wrapperMode(world, port);
  let banner = conn.open();
  if (wrapper) banner = conn.handshake().after;
  if (replyCode(banner) !== 220) {
    conn.close();
    return null;
  }
  return { conn, wrapper };
}

/** The EHLO reply lines on `port` (after STARTTLS and a handshake when asked), or null. */
export function ehloReply(world: LabWorld, port: number, afterStarttls = false): string[] | null {
  const g = greeted(world, port);
  if (g === null) return null;
  const { conn, wrapper } = g;
  let reply = conn.send(`EHLO ${PROBE_HELO}`);
  if (afterStarttls && !wrapper) {
    if (replyCode(conn.send('STARTTLS')) !== 220 || !conn.handshake().ok) {
      conn.close();
      return null;
    }
    reply = conn.send(`EHLO ${PROBE_HELO}`);
  }
  conn.close();
  return replyCode(reply) === 250 ? reply : null;
}

/** Up to the point where the ClientHello goes: after `220 2.0.0 Ready to start TLS`, or at once in wrapper mode. */
function atHandshake(world: LabWorld, port: number): { conn: ProbeConnection; starttlsReply: string[] } | null {
  const conn = connectProbe(world.network, port);
  if (conn === null) return null;
  if (wrapperMode(world, port)) {
    conn.open();
    return conn.closed ? null : { conn, starttlsReply: [] };
  }
  if (replyCode(conn.open()) !== 220 || replyCode(conn.send(`EHLO ${PROBE_HELO}`)) !== 250) {
    conn.close();
    return null;
  }
  const starttlsReply = conn.send('STARTTLS');
  return { conn, starttlsReply };
}

/** Protocol lists and other values compare by their words: `!TLSv1, !TLSv1.1` is `!TLSv1,!TLSv1.1`. */
function sameValue(a: string, b: string): boolean {
  const words = (s: string): string =>
    s
      .trim()
      .split(/[\s,]+/)
      .filter(Boolean)
      .join(' ');
  return words(a) === words(b);
}

/** The loaded parameters (of a service with its -o overrides), or null while stopped. */
function loadedParams(ctx: PredicateContext, service?: string): ParameterView | null {
  const cfg = ctx.world.master.config;
  if (cfg === null) return null;
  if (service === undefined) return cfg.main;
  // A service master.cf does not run has no effective value (paramsFor would fall back to main.cf's).
  return cfg.listeners.some((l) => l.service === service) ? cfg.paramsFor(service, 'inet') : null;
}

export const statePredicates = {
  'ehlo-lists': (ctx: PredicateContext, a: PredicateArgs<'ehlo-lists'>): boolean => {
    const reply = ehloReply(ctx.scratch(), a.port, a.afterStarttls ?? false);
    return reply !== null && ehloKeywords(reply).includes(a.keyword.toUpperCase());
  },
  'ehlo-lacks': (ctx: PredicateContext, a: PredicateArgs<'ehlo-lacks'>): boolean => {
    const reply = ehloReply(ctx.scratch(), a.port, a.afterStarttls ?? false);
    return reply !== null && !ehloKeywords(reply).includes(a.keyword.toUpperCase());
  },
  'mail-refused-before-starttls': (ctx: PredicateContext, a: PredicateArgs<'mail-refused-before-starttls'>): boolean => {
    const world = ctx.scratch();
    if (wrapperMode(world, a.port)) return false;
    const g = greeted(world, a.port);
    if (g === null) return false;
    g.conn.send(`EHLO ${PROBE_HELO}`);
    const reply = g.conn.send('MAIL FROM:<probe@example.com>');
    g.conn.close();
    return reply.some((l) => l.startsWith('530 5.7.0 Must issue a STARTTLS command first'));
  },
  'starttls-works': (ctx: PredicateContext, a: PredicateArgs<'starttls-works'>): boolean => {
    const h = atHandshake(ctx.scratch(), a.port);
    if (h === null) return false;
    const ok = (h.starttlsReply.length === 0 || replyCode(h.starttlsReply) === 220) && h.conn.handshake().ok;
    h.conn.close();
    return ok;
  },
  'starttls-454': (ctx: PredicateContext, a: PredicateArgs<'starttls-454'>): boolean => {
    const h = atHandshake(ctx.scratch(), a.port);
    if (h === null) return false;
    h.conn.close();
    return h.starttlsReply.some((l) => l.startsWith('454 4.7.0 TLS not available due to local problem'));
  },
  'old-tls-refused': (ctx: PredicateContext, a: PredicateArgs<'old-tls-refused'>): boolean => {
    const h = atHandshake(ctx.scratch(), a.port);
    if (h === null) return false;
    if (h.starttlsReply.length > 0 && replyCode(h.starttlsReply) !== 220) {
      h.conn.close();
      return false; // no TLS at all is not "refusing old TLS"
    }
    const only = a.protocol === 'TLSv1' ? 'tls1' : 'tls1_1';
    const r = h.conn.handshake(sClientHello({ only, cipher: 'DEFAULT@SECLEVEL=0' }));
    h.conn.close();
    return !r.ok;
  },
  listening: (ctx: PredicateContext, a: PredicateArgs<'listening'>): boolean => {
    const world = ctx.scratch();
    const r = world.network.connect('127.0.0.1', a.port);
    if (r.ok) r.endpoint.clientClosed();
    return r.ok;
  },
  'param-loaded': (ctx: PredicateContext, a: PredicateArgs<'param-loaded'>): boolean => {
    const params = loadedParams(ctx, a.service);
    return params !== null && sameValue(params.get(a.name), a.value);
  },
  outgoing: (ctx: PredicateContext, a: PredicateArgs<'outgoing'>): boolean => {
    const world = ctx.scratch();
    const seen = new LabEvents();
    world.network.observe(seen.connectionObserver);
    const before = world.log.records.length;
    world.queue.submitLocal('root', [a.to], `From: root\nTo: ${a.to}\nSubject: goal check\n\nA test message.\n`);
    const lines = world.log.records.slice(before).map((r) => r.text);
    const status = lines.flatMap((t) => {
      const m = /\bto=<([^>]*)>.*\bstatus=(\w+)/.exec(t);
      return m !== null && m[1]?.toLowerCase() === a.to.toLowerCase() ? [m[2]] : [];
    });
    const last = status[status.length - 1];
    if (last !== a.result) return false;
    if (a.tls === undefined) return true;
    const tls = seen.handshakes.some((h) => h.ok);
    return tls === a.tls;
  },
  'files-differ-from-loaded': (ctx: PredicateContext): boolean => {
    const loaded = ctx.loaded();
    if (loaded === null) return false;
    return ctx.world.fs.read(MAIN_CF_PATH) !== loaded.mainCf || ctx.world.fs.read(MASTER_CF_PATH) !== loaded.masterCf;
  },
  'cert-broken': (ctx: PredicateContext): boolean => {
    const params = loadedParams(ctx);
    if (params === null) return false;
    const level = params.get('smtpd_tls_security_level');
    if (level !== 'may' && level !== 'encrypt') return false;
    // tls_server_init as a new smtpd runs it: it only reads files, and logs nothing here.
    return serverTls.init(params, { enforce: false, files: ctx.world.fs.lookup }).context === null;
  },
  'only-smtpd-level': (ctx: PredicateContext): boolean => {
    const params = loadedParams(ctx);
    if (params === null) return false;
    const server = params.get('smtpd_tls_security_level');
    const client = params.get('smtp_tls_security_level');
    return (server === 'may' || server === 'encrypt') && (client === '' || client === 'none');
  },
} as const;
