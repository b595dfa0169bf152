import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { maskVolatile } from '../../src/corpus/normalize.ts';
import { CORPUS, need, normalizedLines, readText, run, startLab, type TestLab } from './support.ts';

/**
 * `openssl s_client` (OpenSSL's own client, nobody here wrote it) against `npm run serve`, compared
 * line by line with what it printed against the real Postfix (shared ground truth), masks aside.
 */

let lab: TestLab | null = null;
afterEach(async () => {
  await lab?.stop();
  lab = null;
});

const masked = (lines: readonly string[]): string[] => normalizedLines(lines).map(maskVolatile);
/** Lines as Python's splitlines() cuts them (the recorder's way). */
const splitLines = (text: string): string[] => text.split(/\r\n|\r|\n/);

/**
 * After a TLSv1.3 handshake Postfix sends one session ticket (tls_server.c: SSL_CTX_set_num_tickets(1)).
 * `npm run serve` sets that through OpenSSL's configuration when its process starts (node-openssl-conf.ts;
 * serve-cli.test.ts counts the tickets); the server these tests start inside the test process has OpenSSL's
 * default of two, so s_client prints one block more, dropped here.
 */
/** The certificate's base64 body: the recording's machine had a certificate of its own (same subject and size). */
function pemMasked(lines: readonly string[]): string[] {
  let inside = false;
  return lines.map((l) => {
    if (l.startsWith('-----BEGIN CERTIFICATE')) inside = true;
    else if (l.startsWith('-----END CERTIFICATE')) inside = false;
    else if (inside) return '<CERT-PEM-LINE>';
    return l;
  });
}

function oneTicket(text: string): string {
  let seen = 0;
  return text.replace(/---\nPost-Handshake New Session Ticket arrived:\n[\s\S]*?\n---\n(?:read R BLOCK\n)?/g, (block) =>
    ++seen === 1 ? block : '',
  );
}
const prefixed = (text: string, p: string): string[] =>
  text
    .split('\n')
    .filter((l) => l.startsWith(p))
    .map((l) => l.slice(p.length));

/** The lines the recorder kept of each s_client run (record.py, _proto_matrix). */
const KEY_LINE =
  /^(New, |Protocol *:|\s+Protocol *:|\s+Cipher *:|Cipher is|.*error|.*alert|Verify return code|no peer certificate|.*handshake)/;

interface MatrixRun {
  readonly flag: string;
  readonly extra: readonly string[];
  readonly s: string[];
  readonly l: string[];
}

/** The transcript of a protocol-matrix scenario: one block per `C: $ openssl s_client ...`. */
function matrix(transcript: string): MatrixRun[] {
  const runs: MatrixRun[] = [];
  for (const block of transcript.split(/^(?=C: \$ openssl)/m).filter((b) => b.startsWith('C: $'))) {
    const cmd = (block.split('\n')[0] ?? '').split(/\s+/);
    const flag = cmd.find((w) => /^-tls1/.test(w)) ?? '';
    const cipher = cmd.indexOf('-cipher');
    const extra = cipher >= 0 ? ['-cipher', cmd[cipher + 1] ?? ''] : [];
    runs.push({ flag, extra, s: prefixed(block, 'S: '), l: prefixed(block, 'L: ') });
  }
  return runs;
}

async function replayMatrix(scenario: string, mainCf?: string): Promise<void> {
  need('openssl');
  lab = await startLab(mainCf === undefined ? {} : { mainCf });
  const runs = matrix(readText(join(CORPUS, scenario, 'transcript.normalized.txt')));
  expect(runs.map((r) => r.flag)).toEqual(['-tls1', '-tls1_1', '-tls1_2', '-tls1_3']);
  for (const r of runs) {
    const mark = lab.mark();
    const args = ['s_client', '-starttls', 'smtp', '-connect', `127.0.0.1:${lab.port('smtp')}`, '-crlf', '-ign_eof', r.flag, ...r.extra];
    const out = await run('openssl', args, 'EHLO client.example.com\nQUIT\n');
    const keys = splitLines(`${oneTicket(out.stdout)}${out.stderr}`).filter((l) => KEY_LINE.test(l));
    expect(masked(keys), `s_client ${r.flag}`).toEqual(r.s.map(maskVolatile));
    const log = await lab.waitForLog(/disconnect from/, mark);
    expect(masked(log), `log of s_client ${r.flag}`).toEqual(r.l.map(maskVolatile));
  }
}

describe('openssl s_client against npm run serve', () => {
  it('the article submission service: -starttls smtp, AUTH PLAIN as alice (submission-587-openssl-sclient)', async () => {
    need('openssl');
    lab = await startLab();
    const dir = join(CORPUS, 'submission-587-openssl-sclient');
    const t = readText(join(dir, 'transcript.normalized.txt'));
    const input = prefixed(t, 'C: ')
      .slice(1)
      .map((l) => `${l}\n`)
      .join('');
    const mark = lab.mark();
    const out = await run(
      'openssl',
      ['s_client', '-starttls', 'smtp', '-connect', `127.0.0.1:${lab.port('submission')}`, '-crlf', '-quiet', '-ign_eof'],
      input,
    );
    expect(out.code).toBe(0);
    expect(masked(splitLines(out.stdout))).toEqual(prefixed(t, 'S: ').map(maskVolatile));
    expect(masked(splitLines(out.stderr))).toEqual(prefixed(t, 'E: ').map(maskVolatile));
    const log = await lab.waitForLog(/disconnect from/, mark);
    expect(masked(log)).toEqual(masked(readText(join(dir, 'raw.normalized.log')).split('\n')));
  }, 30_000);

  it('default protocols (>=TLSv1): TLSv1 and TLSv1.1 with DEFAULT@SECLEVEL=0, TLSv1.2, TLSv1.3 all succeed, as recorded (tls-protocols-default)', async () => {
    await replayMatrix('tls-protocols-default');
  }, 60_000);

  it('without TLSv1 and TLSv1.1 the server refuses the old clients, with the recorded log lines (tls-protocols-restricted-may)', async () => {
    await replayMatrix(
      'tls-protocols-restricted-may',
      'smtpd_tls_protocols = !SSLv2, !SSLv3, !TLSv1, !TLSv1.1\nsmtpd_tls_mandatory_protocols = !SSLv2, !SSLv3, !TLSv1, !TLSv1.1',
    );
  }, 60_000);

  it('smtpd_tls_protocols = >=TLSv1.2 really refuses an s_client -tls1_1 -cipher DEFAULT@SECLEVEL=0, logging what Postfix logs', async () => {
    need('openssl');
    lab = await startLab({ mainCf: 'smtpd_tls_protocols = >=TLSv1.2' });
    // The same refusal as !TLSv1, !TLSv1.1 (recorded): OpenSSL's server answers alert 70 either way.
    const rec = matrix(readText(join(CORPUS, 'tls-protocols-restricted-may', 'transcript.normalized.txt'))).find(
      (r) => r.flag === '-tls1_1',
    );
    const mark = lab.mark();
    const out = await run(
      'openssl',
      [
        's_client',
        '-starttls',
        'smtp',
        '-connect',
        `127.0.0.1:${lab.port('smtp')}`,
        '-crlf',
        '-ign_eof',
        '-tls1_1',
        '-cipher',
        'DEFAULT@SECLEVEL=0',
      ],
      'EHLO client.example.com\nQUIT\n',
    );
    expect(out.stdout).toContain('New, (NONE), Cipher is (NONE)');
    expect(out.stderr).toMatch(/tlsv1 alert protocol version/);
    const log = await lab.waitForLog(/disconnect from/, mark);
    expect(masked(log)).toEqual(rec?.l.map(maskVolatile));
  }, 30_000);

  it('plain s_client on the submissions port (wrapper mode) prints what it printed against Postfix (submissions-465-wrappermode)', async () => {
    need('openssl');
    lab = await startLab();
    const rec = readText(join(CORPUS, 'submissions-465-wrappermode', 'sclient-465.normalized.txt'));
    const [, stdoutRec = '', stderrRec = ''] = /--- stdout ---\n([\s\S]*?)--- stderr ---\n([\s\S]*)$/.exec(rec) ?? [];
    const out = await run(
      'openssl',
      ['s_client', '-connect', `127.0.0.1:${lab.port('submissions')}`, '-crlf', '-ign_eof'],
      'EHLO client.example.com\nQUIT\n',
    );
    expect(out.code).toBe(0);
    expect(pemMasked(masked(splitLines(oneTicket(out.stdout))))).toEqual(pemMasked(masked(splitLines(stdoutRec))));
    expect(masked(splitLines(out.stderr))).toEqual(masked(splitLines(stderrRec)));
  }, 30_000);
});
