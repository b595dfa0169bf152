import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CORPUS, LineClient, normalizedLines, readText, startLab, type TestLab } from './support.ts';

/** What happens on a real socket at the edges: idle clients, overlong lines, plaintext on the wrapper-mode port. */

let lab: TestLab | null = null;
afterEach(async () => {
  await lab?.stop();
  lab = null;
});

/** No recording has these two; the shared reference (postfix-facts.md, from Postfix's source) spells them out. */
const FACTS_PATH = join(CORPUS, '../reference/postfix-facts.md');
const FACTS = existsSync(FACTS_PATH) ? readText(FACTS_PATH) : `(missing: ${FACTS_PATH}, the shared reference beside the repository)`;

describe('limits on real sockets', () => {
  it('smtpd_timeout: an idle client gets 421 4.4.2 and is disconnected (postfix-facts §2, smtpd_proto)', async () => {
    lab = await startLab({ mainCf: 'smtpd_timeout = 1s' });
    const template = /\| Timeout \(300 s\) \| `(421 4\.4\.2 )<myhostname>( Error: timeout exceeded)`/.exec(FACTS);
    expect(template).not.toBeNull();
    const c = await LineClient.open(lab.port('smtp'));
    expect(await c.reply()).toEqual(['220 mail.example.org ESMTP Postfix']);
    expect(await c.reply(5000)).toEqual([`${template?.[1] ?? ''}mail.example.org${template?.[2] ?? ''}`]);
    expect(await c.closedWithin(3000)).toBe(true);
    const log = await lab.waitForLog(/disconnect from/);
    expect(log.some((l) => l.endsWith('timeout after CONNECT from localhost[127.0.0.1]'))).toBe(true);
  }, 30_000);

  it('line_length_limit: an overlong command is cut at 2048 with a warning, and the session goes on (postfix-facts: overlong lines)', async () => {
    lab = await startLab();
    expect(FACTS).toContain('Postfix logs `warning: <namaddr>: request longer than 2048: <30 chars>...`');
    const c = await LineClient.open(lab.port('smtp'));
    await c.reply();
    const reply = await c.command(`HELO ${'x'.repeat(3000)}`);
    expect(reply).toHaveLength(1);
    expect(await c.command('QUIT')).toEqual(['221 2.0.0 Bye']);
    const log = await lab.waitForLog(/disconnect from/);
    expect(log.some((l) => l.includes(`warning: localhost[127.0.0.1]: request longer than 2048: HELO ${'x'.repeat(25)}...`))).toBe(true);
  }, 30_000);

  it('a plaintext client on the submissions port hears nothing and is dropped, with the recorded log lines (submissions-465-wrappermode)', async () => {
    lab = await startLab();
    const recorded = readText(join(CORPUS, 'submissions-465-wrappermode', 'raw.normalized.log'))
      .split('\n')
      .slice(0, 5);
    const c = await LineClient.open(lab.port('submissions'));
    await new Promise((r) => setTimeout(r, 500));
    expect(c.take()).toBe('');
    c.send('EHLO client.example.com\r\n');
    expect(await c.closedWithin(3000)).toBe(true);
    expect(c.take()).toBe('');
    const log = await lab.waitForLog(/disconnect from/);
    expect(normalizedLines(log.filter((l) => l.includes('/submissions/smtpd[')))).toEqual(recorded);
  }, 30_000);
});
