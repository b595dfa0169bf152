import { serverTls } from '../../../../src/engine/tls/server-tls.ts';
import type { ServerTlsEngine } from '../../../../src/engine/tls/types.ts';
import type { Scenario } from './scenario.ts';

/** Log texts that the TLS engine's init() writes (tls_server_init, tls_certkey.c), not smtpd itself. */
export const TLS_INIT_LINE =
  /^(warning: (cannot get RSA|TLS library problem|No server certs|RSA private key|Invalid TLS protocol list)|initializing the server-side TLS engine)/;

/** The corpus smtpd lines written before the first connection that come from the TLS engine's init(). */
export function corpusTlsInitLines(s: Scenario): string[] {
  const out: string[] = [];
  for (const l of s.log) {
    const m = /^<TIMESTAMP> \S+ postfix\/(?:\S+\/)?smtpd\[<PID>\]: (.*)$/.exec(l);
    if (m === null) continue;
    const text = m[1] ?? '';
    if (text.startsWith('connect from ')) break;
    if (TLS_INIT_LINE.test(text)) out.push(text);
  }
  return out;
}

/**
 * A stand-in for the TLS engine's init() that answers what the recorded Postfix did: the corpus init
 * warnings, and no context when the recording answered STARTTLS with 454. Handshakes go to the
 * first-cut serverTls. This tests smtpd's side (when and where the lines are logged, 454 vs 220)
 * independently of how far the TLS model is.
 */
export function corpusTls(s: Scenario): ServerTlsEngine {
  const warnings = corpusTlsInitLines(s);
  const noContext = s.connections.some((c) =>
    c.events.some((e) => e.kind === 'server' && e.text.startsWith('454 4.7.0 TLS not available')),
  );
  return {
    init(params, opts) {
      const real = serverTls.init(params, opts);
      const context = noContext ? null : (real.context ?? { protocols: ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'], certFile: '' });
      return { context, warnings };
    },
    handshake: (ctx, hello, opts) => serverTls.handshake(ctx, hello, opts),
  };
}
