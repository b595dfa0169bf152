import { sha256 } from './x509/sha256.ts';

/**
 * Deterministic "random" bytes for what real TLS fills with randomness (session IDs, master keys,
 * tickets, hex-dumped records): SHA-256 in counter mode over a seed string. Same seed, same bytes.
 */
export class ByteStream {
  readonly #seed: Uint8Array;
  #counter = 0;
  #pool: Uint8Array = new Uint8Array(0);
  #pos = 0;

  constructor(seed: string) {
    this.#seed = Uint8Array.from(seed, (c) => c.charCodeAt(0) & 0xff);
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(Math.max(0, n));
    for (let i = 0; i < out.length; i++) {
      if (this.#pos >= this.#pool.length) {
        const block = new Uint8Array(this.#seed.length + 4);
        block.set(this.#seed);
        new DataView(block.buffer).setUint32(this.#seed.length, this.#counter++);
        this.#pool = sha256(block);
        this.#pos = 0;
      }
      out[i] = this.#pool[this.#pos++] ?? 0;
    }
    return out;
  }

  /** Bytes whose last one is neither NUL nor space, so a hex dump of them is never truncated. */
  opaque(n: number): Uint8Array {
    const b = this.bytes(n);
    const last = b[b.length - 1];
    if (b.length > 0 && (last === 0 || last === 0x20)) b[b.length - 1] = 0x5a;
    return b;
  }

  /** An integer in [0, n). */
  below(n: number): number {
    const b = this.bytes(4);
    return ((((b[0] ?? 0) << 24) | ((b[1] ?? 0) << 16) | ((b[2] ?? 0) << 8) | (b[3] ?? 0)) >>> 0) % Math.max(1, n);
  }
}
