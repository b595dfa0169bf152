/** How OpenSSL 3.0 prints big numbers and byte strings in its `-text` outputs (ASN1_buf_print, BN printing). */
import { colonHex } from './sha256.ts';

export function lowerColon(bytes: Uint8Array): string {
  return colonHex(bytes).toLowerCase();
}

/** An unsigned INTEGER's bytes with one leading 00 when the top bit is set, as BN printing shows it. */
function bnBytes(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  const mag = b.subarray(i);
  if (((mag[0] ?? 0) & 0x80) === 0) return mag;
  const out = new Uint8Array(mag.length + 1);
  out.set(mag, 1);
  return out;
}

/** Colon hex in lines of `perLine` bytes, each but the last ending in `:` (ASN1_buf_print, X509_signature_dump). */
export function hexLines(bytes: Uint8Array, perLine: number, indent: number): string {
  const pad = ' '.repeat(indent);
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += perLine) {
    const last = i + perLine >= bytes.length;
    out.push(`${pad}${lowerColon(bytes.subarray(i, i + perLine))}${last ? '' : ':'}`);
  }
  return out.map((l) => `${l}\n`).join('');
}

/** A number as BN_print_fp/ASN1 printing shows a small one: `65537 (0x10001)`; big ones go in hex lines. */
export function bigNumber(label: string, b: Uint8Array, indent: number): string {
  const mag = bnBytes(b);
  const pad = ' '.repeat(indent);
  const strip = mag[0] === 0 ? mag.subarray(1) : mag;
  if (strip.length <= 8) {
    let v = 0n;
    for (const x of strip) v = v * 256n + BigInt(x);
    return `${pad}${label} ${v.toString()} (0x${v.toString(16)})\n`;
  }
  return `${pad}${label}\n${hexLines(mag, 15, indent + 4)}`;
}
