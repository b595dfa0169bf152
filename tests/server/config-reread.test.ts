import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXTRA, LineClient, readText, startLab, type TestLab } from './support.ts';

/**
 * main.cf is read when Postfix reads it, with no file watcher: an idle smtpd that master(8) reuses
 * keeps what it read, a new smtpd reads the file, a reload makes every later connection use it.
 * Replays tests/corpus-extra/reload-maincf-no-reload on real sockets, editing main.cf on disk.
 */

let lab: TestLab | null = null;
afterEach(async () => {
  await lab?.stop();
  lab = null;
});

/** The reply groups after each `C: EHLO` of the recording, in order. */
function ehloReplies(transcript: string): string[][] {
  const out: string[][] = [];
  let current: string[] | null = null;
  for (const line of transcript.split('\n')) {
    if (line.startsWith('C: EHLO')) {
      current = [];
      out.push(current);
    } else if (line.startsWith('S: 250') && current !== null) current.push(line.slice(3));
    else current = null;
  }
  return out;
}

describe('npm run serve re-reads main.cf as Postfix does', () => {
  it('replays reload-maincf-no-reload with main.cf edited on disk and `reload`', async () => {
    lab = await startLab();
    const t = readText(join(EXTRA, 'reload-maincf-no-reload', 'transcript.normalized.txt'));
    const expected = ehloReplies(t);
    expect(expected).toHaveLength(5);
    const change = /^C: \$ postconf -e '(.*)'$/m.exec(t)?.[1] ?? '';
    expect(change).toBe('smtpd_tls_security_level = none');
    const port = lab.port('smtp');
    const banner = '220 mail.example.org ESMTP Postfix';

    const first = await LineClient.open(port);
    expect(await first.reply()).toEqual([banner]);
    expect(await first.command('EHLO client.example.com')).toEqual(expected[0]);
    expect(await first.command('QUIT')).toEqual(['221 2.0.0 Bye']);
    await first.closedWithin(2000);

    appendFileSync(lab.folder.mainCf, `${change}\n`);

    const reused = await LineClient.open(port);
    expect(await reused.reply()).toEqual([banner]);
    expect(await reused.command('EHLO client.example.com')).toEqual(expected[1]);
    expect(await reused.command('QUIT')).toEqual(['221 2.0.0 Bye']);
    await reused.closedWithin(2000);

    const a = await LineClient.open(port);
    expect(await a.reply()).toEqual([banner]);
    const b = await LineClient.open(port);
    expect(await b.reply()).toEqual([banner]);
    expect(await b.command('EHLO client.example.com')).toEqual(expected[2]);
    expect(await a.command('EHLO client.example.com')).toEqual(expected[3]);
    expect(await b.command('QUIT')).toEqual(['221 2.0.0 Bye']);
    expect(await a.command('QUIT')).toEqual(['221 2.0.0 Bye']);
    await a.closedWithin(2000);
    await b.closedWithin(2000);

    lab.server.reload();
    const after = await LineClient.open(port);
    expect(await after.reply()).toEqual([banner]);
    expect(await after.command('EHLO client.example.com')).toEqual(expected[4]);
    expect(await after.command('QUIT')).toEqual(['221 2.0.0 Bye']);
    after.close();
  }, 30_000);
});
