import { existsSync, readdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareLogs } from '../../src/corpus/compare.ts';
import { maskVolatile } from '../../src/corpus/normalize.ts';
import { EXTRA, need, normalizedLines, readText, RECORDED_PORT, run, startLab, type TestLab } from './support.ts';

/**
 * swaks (a real SMTP client nobody here wrote) against `npm run serve`, for every swaks recording
 * of tests/corpus-extra: its stdout, stderr, exit status and the server's mail log must be what
 * they were against the real Postfix, line by line, masks aside.
 */

const SCENARIOS = readdirSync(EXTRA)
  .filter((d) => d.startsWith('swaks-') && d !== 'swaks-version')
  .sort();

/** swaks says EHLO and makes its Message-Id with the machine's hostname: `vm` on the recording machine. */
const RECORDING_HOST = 'vm';

function asRecordingHost(text: string): string {
  const h = hostname();
  if (h === RECORDING_HOST) return text;
  return text.split(`EHLO ${h}`).join(`EHLO ${RECORDING_HOST}`).split(`@${h}>`).join(`@${RECORDING_HOST}>`);
}

/** Another hostname changes the message's size by its length; only then are sizes masked. */
function sizes(line: string): string {
  return hostname() === RECORDING_HOST ? line : line.replace(/\bsize=\d+/, 'size=<SIZE>');
}

const lines = (text: string): string[] => text.split(/\r\n|\r|\n/);
const prefixed = (text: string, p: string): string[] =>
  text
    .split('\n')
    .filter((l) => l.startsWith(p))
    .map((l) => l.slice(p.length));

let lab: TestLab;
beforeAll(async () => {
  need('swaks');
  lab = await startLab();
}, 30_000);
afterAll(async () => {
  await lab?.stop();
});

describe('swaks against npm run serve', () => {
  it('finds the swaks recordings', () => {
    expect(SCENARIOS).toContain('swaks-587-tls-auth');
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(5);
  });

  for (const scenario of SCENARIOS) {
    it(`replays ${scenario}`, async () => {
      need('swaks');
      const dir = join(EXTRA, scenario);
      const t = readText(join(dir, 'transcript.normalized.txt'));
      const cmd = (prefixed(t, 'C: $ ')[0] ?? '').split(' ');
      const portAt = cmd.indexOf('--port');
      const recordedPort = Number(cmd[portAt + 1]);
      const service = (Object.keys(RECORDED_PORT) as (keyof typeof RECORDED_PORT)[]).find((s) => RECORDED_PORT[s] === recordedPort);
      expect(service, `a service for port ${recordedPort}`).toBeDefined();
      if (service === undefined) return;
      const args = cmd.slice(1);
      args[portAt] = String(lab.port(service));
      const mark = lab.mark();
      const out = await run('swaks', args);
      const ours = (text: string): string[] =>
        normalizedLines(
          lines(
            asRecordingHost(text)
              .split(`127.0.0.1:${lab.port(service)}`)
              .join(`127.0.0.1:${recordedPort}`),
          ),
        ).map(maskVolatile);
      expect(ours(out.stdout)).toEqual(prefixed(t, 'S: ').map(maskVolatile));
      expect(ours(out.stderr)).toEqual(prefixed(t, 'E: ').map(maskVolatile));
      const exit = /^# exit status (\d+)/m.exec(t)?.[1];
      expect(out.code).toBe(Number(exit));
      const recordedLog = readText(join(dir, 'raw.normalized.log'))
        .split('\n')
        .filter((l) => l !== '');
      const last = recordedLog[recordedLog.length - 1] ?? '';
      const lastProgram = /postfix\/[\w/]+/.exec(last)?.[0] ?? 'postfix';
      const log = await lab.waitForLog(new RegExp(`${lastProgram}\\[`), mark);
      await new Promise((r) => setTimeout(r, 200));
      // Per daemon, in order: lines of different daemons interleave by timing (the corpus check's rule).
      const ourLog = normalizedLines(lab.logSince(mark).map(asRecordingHost)).map(sizes).join('\n');
      expect(compareLogs(recordedLog.map(sizes).join('\n'), ourLog)).toEqual([]);
      expect(log.length).toBeGreaterThan(0);
      if (scenario === 'swaks-587-tls-auth') {
        // The accepted message is kept as a file, never delivered for real.
        const id = /queued as ([0-9A-F]+)/.exec(out.stdout)?.[1] ?? '';
        expect(existsSync(join(lab.folder.messagesDir, `${id}.eml`))).toBe(true);
      }
    }, 30_000);
  }
});
