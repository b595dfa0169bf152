import { postfixHexdump } from './hexdump.ts';
import { logBio, logState } from './log-texts.ts';
import type { ByteStream } from './rng.ts';

/**
 * One side's handshake as a script of steps, rendered into log lines for a log level:
 * state callbacks and texts at their level, BIO reads and writes with hex dumps at 3 and up
 * (postfix-facts.md §5; corpus log-smtpd-tls-loglevel-2 and -3).
 */
export type Step =
  | { readonly kind: 'state'; readonly state: string }
  | { readonly kind: 'text'; readonly level: number; readonly text: string }
  | { readonly kind: 'read'; readonly record: Uint8Array }
  /** A read that finds nothing yet (non-blocking): `read from ... (5 bytes => -1)`. */
  | { readonly kind: 'wait' }
  | { readonly kind: 'write'; readonly data: Uint8Array };

/** BIO and buffer addresses as `%08lX` prints heap pointers: `56347BE121A0`. */
export interface BioAddresses {
  readonly bio: string;
  /** Where a record header is read; the body goes 5 bytes further. */
  readonly readBuf: number;
  readonly writeBuf: string;
}

export function bioAddresses(rng: ByteStream): BioAddresses {
  const base = 0x5600_0000_0000 + rng.below(0x0fff_ffff) * 0x1000;
  const hex = (n: number): string => n.toString(16).toUpperCase();
  return { bio: hex(base + 0x1a0), readBuf: base + 0xa_a03, writeBuf: hex(base + 0x2_2be0) };
}

export function renderSteps(steps: readonly Step[], role: 'server' | 'client', level: number, addr: BioAddresses): string[] {
  const out: string[] = [];
  const hex = (n: number): string => n.toString(16).toUpperCase();
  for (const s of steps) {
    switch (s.kind) {
      case 'state':
        if (level >= 2) out.push(logState(role, s.state));
        break;
      case 'text':
        if (level >= s.level) out.push(s.text);
        break;
      case 'wait':
        if (level >= 3) out.push(logBio('read', addr.bio, hex(addr.readBuf), 5, -1));
        break;
      case 'read': {
        if (level < 3) break;
        const header = s.record.subarray(0, 5);
        const body = s.record.subarray(5);
        out.push(logBio('read', addr.bio, hex(addr.readBuf), 5, 5), ...postfixHexdump(header));
        if (body.length > 0) out.push(logBio('read', addr.bio, hex(addr.readBuf + 5), body.length, body.length), ...postfixHexdump(body));
        break;
      }
      case 'write':
        if (level >= 3) out.push(logBio('write', addr.bio, addr.writeBuf, s.data.length, s.data.length), ...postfixHexdump(s.data));
        break;
    }
  }
  return out;
}
