import { describe, expect, it } from 'vitest';
import { formatLogRecord, MailLog } from '../../src/engine/log/mail-log.ts';
import { steppingClock } from '../../src/engine/world/clock.ts';

describe('mail log', () => {
  it('formats records as postlogd writes them (corpus p25-level-may/raw.log)', () => {
    const t = Date.UTC(2026, 11, 1, 7, 8, 10);
    expect(formatLogRecord({ time: t, program: 'postfix/smtpd', pid: 16889, text: 'connect from localhost[127.0.0.1]' }, 'mail')).toBe(
      'Dec 01 07:08:10 mail postfix/smtpd[16889]: connect from localhost[127.0.0.1]',
    );
  });
  it('stamps with the injected clock and notifies subscribers', () => {
    const log = new MailLog(steppingClock(Date.UTC(2026, 0, 5, 1, 2, 3), 1000));
    const seen: string[] = [];
    const stop = log.subscribe((r) => seen.push(r.text));
    log.write('postfix/master', 1, 'daemon started -- version 3.7.11, configuration /etc/postfix');
    stop();
    log.write('postfix/master', 1, 'second');
    expect(seen).toEqual(['daemon started -- version 3.7.11, configuration /etc/postfix']);
    expect(log.records.map((r) => formatLogRecord(r, 'mail').slice(0, 15))).toEqual(['Jan 05 01:02:03', 'Jan 05 01:02:04']);
  });
});
