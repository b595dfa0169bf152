import { base64Decode, base64Encode } from './base64.ts';

/** One `-----BEGIN <label>-----` ... `-----END <label>-----` block of a PEM file. */
export interface PemBlock {
  readonly label: string;
  /** The decoded bytes, or null when the base64 inside is damaged. */
  readonly der: Uint8Array | null;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;

/** Every PEM block in a file, in order; text around the blocks is ignored (as OpenSSL does). */
export function pemBlocks(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  for (const m of text.matchAll(BLOCK)) {
    const label = m[1] ?? '';
    const body = m[2] ?? '';
    // Encapsulated headers (Proc-Type, DEK-Info) mark an encrypted legacy key: not decodable here.
    const der = /^[A-Za-z-]+:/m.test(body) ? null : base64Decode(body);
    out.push({ label, der });
  }
  return out;
}

/** Writes DER as PEM: base64 in 64-column lines, as OpenSSL prints it. */
export function toPem(label: string, der: Uint8Array): string {
  const b64 = base64Encode(der);
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
