import { logServerVerifyFailed, logVerifyFailed, VERIFY_IP_MISMATCH, VERIFY_SELF_SIGNED } from './log-texts.ts';
import type { PeerTrust } from './types.ts';
import type { CertificateInfo } from './x509/certificate.ts';
import { certificatesFromPem, isSelfIssued } from './x509/certificate.ts';

/** How a Postfix TLS client judges the server certificate. */
export interface TrustInput {
  /** The session's security level (may, encrypt, fingerprint, verify, secure, dane...). */
  readonly level: string;
  /** The CAfile's PEM text ('' when none: no public CA is trusted by default). */
  readonly caFile: string;
  /** Names the certificate must match at verify/secure. */
  readonly matchNames: readonly string[];
  /** The nexthop is an IP address literal (`[127.0.0.2]:2526`). */
  readonly nexthopIsAddress: boolean;
  /** smtp_tls_fingerprint_cert_match entries (fingerprint level). */
  readonly fingerprints?: readonly string[];
}

export interface TrustResult {
  readonly trust: PeerTrust;
  /** The chain verified (Postfix's level-2 `depth=0 verify=1` once; otherwise verify=0 then 1). */
  readonly chainTrusted: boolean;
  /** `certificate verification failed for ...` and friends, logged at every loglevel; null when none. */
  readonly failure: ((peer: string) => string) | null;
}

const MATCHING_LEVELS = new Set(['verify', 'secure', 'dane', 'dane-only']);

function nameMatches(cert: CertificateInfo, names: readonly string[]): boolean {
  const presented = cert.dnsNames.length > 0 ? cert.dnsNames : cert.subject.filter(([k]) => k === 'CN').map(([, v]) => v);
  return names.some((want) =>
    presented.some((have) => {
      const h = have.toLowerCase();
      const w = want.toLowerCase();
      if (h === w) return true;
      return h.startsWith('*.') && w.endsWith(h.slice(1)) && !w.slice(0, w.length - h.length + 1).includes('.');
    }),
  );
}

/**
 * Trust as tls_client.c reports it (corpus outbound-verify-starttls, posttls-finger,
 * more/outbound-verify-selfsigned-with-cafile): a self-signed certificate nobody trusts is Untrusted
 * and, at verify/secure, logs `certificate verification failed for <peer>: self-signed certificate`;
 * a trusted chain with an IP nexthop fails on the name (`server certificate verification failed ...:
 * num=64:IP address mismatch`); Verified needs a trusted chain and a matching name.
 */
export function evaluateTrust(cert: CertificateInfo | null, t: TrustInput): TrustResult {
  if (cert === null) return { trust: 'anonymous', chainTrusted: false, failure: null };
  const cas = certificatesFromPem(t.caFile);
  const chainTrusted = cas.some(
    (ca) => ca.fingerprint === cert.fingerprint || (!isSelfIssued(cert) && ca.modulus !== '' && ca.subject.join() === cert.issuer.join()),
  );
  if (t.level === 'fingerprint') {
    const want = (t.fingerprints ?? []).map((f) => f.toUpperCase());
    return {
      trust: want.includes(cert.fingerprint) || want.includes(cert.pkeyFingerprint) ? 'verified' : 'untrusted',
      chainTrusted,
      failure: null,
    };
  }
  if (!MATCHING_LEVELS.has(t.level)) return { trust: chainTrusted ? 'trusted' : 'untrusted', chainTrusted, failure: null };
  if (!chainTrusted) {
    const reason = isSelfIssued(cert) ? VERIFY_SELF_SIGNED : 'unable to get local issuer certificate';
    return { trust: 'untrusted', chainTrusted, failure: (peer) => logVerifyFailed(peer, reason) };
  }
  if (t.nexthopIsAddress) return { trust: 'untrusted', chainTrusted, failure: (peer) => logServerVerifyFailed(peer, VERIFY_IP_MISMATCH) };
  if (!nameMatches(cert, t.matchNames)) {
    return { trust: 'untrusted', chainTrusted, failure: (peer) => logServerVerifyFailed(peer, 'num=62:hostname mismatch') };
  }
  return { trust: 'verified', chainTrusted, failure: null };
}
