import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { digest, lowerHex, utf8Bytes } from '../../../src/engine/util/digest.ts';
import type { DigestName } from '../../../src/engine/util/digest.ts';
import { MAIL_EXAMPLE_ORG_CERT } from '../../../src/engine/tls/data/lab-certs.ts';

/** node:crypto's name for each of ours. */
const NODE: Readonly<Record<DigestName, string>> = { md5: 'md5', sha1: 'sha1', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' };

/** Lengths around the 55/56/64-byte padding boundaries, and a few blocks long. */
const LENGTHS = [0, 1, 3, 55, 56, 57, 63, 64, 65, 111, 112, 113, 119, 120, 127, 128, 129, 239, 240, 1000, 4096];

function bytesOf(n: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (i * 131 + 7) & 255);
}

describe('md5, sha1, sha256, sha384 and sha512 agree with node:crypto', () => {
  for (const name of ['md5', 'sha1', 'sha256', 'sha384', 'sha512'] as const) {
    it.each(LENGTHS)(`${name} of %i bytes`, (n) => {
      const data = bytesOf(n);
      expect(lowerHex(digest(name, data))).toBe(createHash(NODE[name]).update(data).digest('hex'));
    });
    it(`${name} of the lab certificate and of non-ASCII text`, () => {
      for (const text of [MAIL_EXAMPLE_ORG_CERT, 'héllo wörld € 𝄞\n']) {
        expect(lowerHex(digest(name, utf8Bytes(text)))).toBe(createHash(NODE[name]).update(text, 'utf8').digest('hex'));
      }
    });
  }
});
