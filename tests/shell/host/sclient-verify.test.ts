/**
 * `openssl s_client`'s verification options against real Postfix on the recording machine
 * (tests/corpus-extra/host-tools/openssl-sclient-*.txt, helper H1's host_tools.py): -CAfile,
 * -verify_hostname (right, wrong, without a CA file) and -verify_return_error. The lab's output goes
 * through the corpus normalizer (src/corpus/normalize.ts) as the recording did. All strings recorded.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalize } from '../../../src/corpus/normalize.ts';
import { createLabWorld } from '../../../src/engine/world/lab-world.ts';
import { createLabShell } from '../../../src/shell/lab-shell.ts';
import { HOST_TOOLS_DIR, hostRecords } from './recordings.ts';

const FILES = [
  'openssl-sclient-cafile.normalized.txt',
  'openssl-sclient-verify-hostname.normalized.txt',
  'openssl-sclient-verify-hostname-wrong.normalized.txt',
  'openssl-sclient-verify-hostname-only.normalized.txt',
  'openssl-sclient-verify-return-error.normalized.txt',
];

/** OpenSSL's thread ID at the start of an error line (the recorder's normalizer took it for a queue ID). */
const tid = (t: string): string => t.replace(/^[0-9A-F]{16}:error:|^<QUEUEID>:error:/gm, '<TID>:error:');
/** The recorder's normalizer also replaced the PEM certificate (host_tools.py); the TS port does not. */
const pem = (t: string): string => t.replace(/-----BEGIN CERTIFICATE-----\n[\s\S]*?-----END CERTIFICATE-----\n/g, '<PEM-CERT>\n');

describe('s_client verification options answer as openssl 3.0.22 did against Postfix', () => {
  it.each(FILES)('%s', (file) => {
    const r = hostRecords(file)[0];
    if (r === undefined) throw new Error(`no recording in ${file}`);
    const world = createLabWorld();
    const shell = createLabShell(world);
    const got = shell.runLine(r.cmd.replace(/ <\/dev\/null$/, ''), { tty: false, stdin: '' });
    // With stdin at end of file at once, whether s_client reads the server's TLSv1.3 session ticket before
    // it quits is a race: verify-hostname's run got it, cafile's did not. The lab reads stdin first (corpus
    // more/strip-inbound-sclient), so the ticket block is left out of the expectation.
    const expected = r.stdout.replace(/---\nPost-Handshake New Session Ticket arrived:\n[\s\S]*?read R BLOCK\n/, '');
    expect({ stdout: pem(normalize(got.stdout)), stderr: tid(normalize(got.stderr)), status: got.exitCode }).toEqual({
      stdout: expected,
      stderr: tid(r.stderr),
      status: r.status,
    });
  });
});

describe('-verify_return_error at TLSv1.2 (recorded against openssl s_server with the lab certificate)', () => {
  it('fails before the key exchange: no temp key, no cipher, an empty session', () => {
    const text = readFileSync(`${HOST_TOOLS_DIR}openssl-sclient-verify-offsets.txt`, 'utf8');
    const stdout = /--- stdout ---\n([\s\S]*?)--- stderr ---\n/.exec(text)?.[1] ?? '';
    const stderr = /--- stderr ---\n([\s\S]*)$/.exec(text)?.[1] ?? '';
    const world = createLabWorld();
    const got = createLabShell(world).runLine('openssl s_client -starttls smtp -connect 127.0.0.1:25 -tls1_2 -verify_return_error', {
      tty: false,
      stdin: '',
    });
    // Everything but the byte counts (Postfix's STARTTLS dialogue is in them, s_server has none) and the time.
    const mask = (t: string): string =>
      t
        .replace(/has read \d+ bytes and written \d+ bytes/, 'has read N bytes and written M bytes')
        .replace(/Start Time: \d+/, 'Start Time: T');
    expect(mask(got.stdout)).toBe(mask(stdout));
    expect(tid(got.stderr)).toBe(tid(stderr));
    expect(got.exitCode).toBe(1);
  });
});
