/**
 * Share links: a lab image in a URL fragment, `#lab=v1.<data>`. Pure (no DOM, no storage): the page
 * reads `location.hash` and decides what to do with the result.
 *
 * `<data>` is one letter naming the encoding, then base64url (no padding):
 * - `z`: the image's JSON compressed with raw deflate (the platform's CompressionStream('deflate-raw'));
 * - `j`: the JSON as it is (UTF-8), written where CompressionStream is missing.
 *
 * A fragment never reaches a server, so a link carries no more than what the learner chose to share.
 * Commands typed are not in the image, so a link never runs anything. Everything decoded goes through
 * parseLabImage (src/lesson-runtime/lab-image-check.ts), and the caller renders results as text only.
 */
import type { LabImage } from './lab-image.ts';
import { parseLabImage } from './lab-image-check.ts';

export const SHARE_PARAM = 'lab';
export const SHARE_VERSION = 1;
/** Longest fragment value accepted: far above any lab's changed files, below what chat tools mangle. */
export const MAX_SHARE_CHARS = 64 * 1024;
/** Longest JSON a link may inflate to (a deflate bomb stops here). */
export const MAX_SHARE_JSON_BYTES = 1024 * 1024;

export type ShareDecode =
  /** The fragment has no lab in it: open the page as usual. */
  | { readonly kind: 'none' }
  | { readonly kind: 'ok'; readonly image: LabImage }
  /** A lab was in the link but cannot be used: say why (as text) and open the default lab. */
  | { readonly kind: 'refused'; readonly reason: string };

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64.charAt((n >> 18) & 63) + B64.charAt((n >> 12) & 63);
    if (b !== undefined) out += B64.charAt((n >> 6) & 63);
    if (c !== undefined) out += B64.charAt(n & 63);
  }
  return out;
}

/** Null when the text is not base64url. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const q = [0, 1, 2, 3].map((k) => (i + k < text.length ? B64.indexOf(text.charAt(i + k)) : -1));
    const n = ((q[0] ?? 0) << 18) | ((q[1] ?? 0) << 12) | (Math.max(q[2] ?? 0, 0) << 6) | Math.max(q[3] ?? 0, 0);
    out[o++] = (n >> 16) & 255;
    if ((q[2] ?? -1) >= 0) out[o++] = (n >> 8) & 255;
    if ((q[3] ?? -1) >= 0) out[o++] = n & 255;
  }
  return out.subarray(0, o);
}

function hasStreams(): boolean {
  return typeof CompressionStream !== 'undefined' && typeof DecompressionStream !== 'undefined';
}

async function pipe(
  bytes: Uint8Array<ArrayBuffer>,
  stream: { readonly writable: WritableStream<BufferSource>; readonly readable: ReadableStream<Uint8Array> },
  limit: number,
): Promise<Uint8Array | null> {
  const writer = stream.writable.getWriter();
  // Written in the background: a reader that stops early must not leave the write pending unhandled.
  writer
    .write(bytes)
    .then(() => writer.close())
    .catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The fragment value for an image, without `#`: `lab=v1.z…`. */
export async function encodeShareFragment(image: LabImage): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(image));
  if (hasStreams()) {
    const packed = await pipe(json, new CompressionStream('deflate-raw'), Number.MAX_SAFE_INTEGER);
    if (packed !== null) return `${SHARE_PARAM}=v${SHARE_VERSION}.z${toBase64Url(packed)}`;
  }
  return `${SHARE_PARAM}=v${SHARE_VERSION}.j${toBase64Url(json)}`;
}

/** The `lab=` value in a fragment (`#a=b&lab=…` too), or null. */
function labParam(hash: string): string | null {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of body.split('&')) {
    if (part.startsWith(`${SHARE_PARAM}=`)) return part.slice(SHARE_PARAM.length + 1);
  }
  return null;
}

/** Reads `location.hash` (with or without `#`). Never throws. */
export async function decodeShareFragment(hash: string): Promise<ShareDecode> {
  const value = labParam(hash);
  if (value === null) return { kind: 'none' };
  if (value.length > MAX_SHARE_CHARS) {
    return { kind: 'refused', reason: `the lab in this link is too big (over ${MAX_SHARE_CHARS} characters)` };
  }
  const m = /^v(\d+)\.([a-z])(.*)$/s.exec(value);
  if (m === null) return { kind: 'refused', reason: 'the lab in this link is damaged (it has no version)' };
  const version = Number(m[1]);
  if (version !== SHARE_VERSION) {
    return {
      kind: 'refused',
      reason: `the lab in this link was made by ${version > SHARE_VERSION ? 'a newer' : 'another'} version of this site (link format ${version})`,
    };
  }
  const bytes = fromBase64Url(m[3] ?? '');
  if (bytes === null) return { kind: 'refused', reason: 'the lab in this link is damaged (it is not base64url)' };
  let json: Uint8Array | null;
  switch (m[2]) {
    case 'j':
      json = bytes.length > MAX_SHARE_JSON_BYTES ? null : bytes;
      break;
    case 'z':
      if (!hasStreams()) return { kind: 'refused', reason: 'this browser cannot unpack the lab in this link (no DecompressionStream)' };
      try {
        json = await pipe(bytes, new DecompressionStream('deflate-raw'), MAX_SHARE_JSON_BYTES);
      } catch {
        return { kind: 'refused', reason: 'the lab in this link is damaged (it does not unpack)' };
      }
      break;
    default:
      return { kind: 'refused', reason: 'the lab in this link is damaged (unknown encoding)' };
  }
  if (json === null) return { kind: 'refused', reason: 'the lab in this link is too big once unpacked' };
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch {
    return { kind: 'refused', reason: 'the lab in this link is damaged (it is not valid JSON)' };
  }
  const parsed = parseLabImage(data);
  if (!parsed.ok) return { kind: 'refused', reason: `the lab in this link is not a lab image (${parsed.error})` };
  return { kind: 'ok', image: parsed.image };
}

/** The fragment without the `lab=` part (what the address bar keeps once the link has been read). */
export function withoutShare(hash: string): string {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const rest = body.split('&').filter((p) => p !== '' && !p.startsWith(`${SHARE_PARAM}=`));
  return rest.length === 0 ? '' : `#${rest.join('&')}`;
}
