import { describe, expect, it } from 'vitest';
import { announcement, LogAnnouncer } from '../../src/components/lab/log-announcer.ts';

function fakeTimer() {
  const due: (() => void)[] = [];
  return {
    schedule: (fn: () => void) => {
      due.push(fn);
      return () => {
        const i = due.indexOf(fn);
        if (i >= 0) due.splice(i, 1);
      };
    },
    fire: () => due.splice(0).forEach((fn) => fn()),
    get pending() {
      return due.length;
    },
  };
}

describe('LogAnnouncer', () => {
  it('sums up the lines of one interval in one message', () => {
    const timer = fakeTimer();
    const said: string[] = [];
    const a = new LogAnnouncer({ intervalMs: 2000, schedule: timer.schedule, announce: (m) => said.push(m) });
    a.push('postfix/smtpd: connect from localhost[127.0.0.1]');
    a.push('postfix/smtpd: disconnect from localhost[127.0.0.1] ehlo=1 quit=1 commands=2');
    expect(timer.pending).toBe(1);
    expect(said).toEqual([]);
    timer.fire();
    expect(said).toEqual([announcement(2, 'postfix/smtpd: disconnect from localhost[127.0.0.1] ehlo=1 quit=1 commands=2')]);
    a.push('one');
    timer.fire();
    expect(said.at(-1)).toBe('New mail.log line: one');
    timer.fire();
    expect(said.length).toBe(2);
  });

  it('clear drops pending lines without a word', () => {
    const timer = fakeTimer();
    const said: string[] = [];
    const a = new LogAnnouncer({ intervalMs: 10, schedule: timer.schedule, announce: (m) => said.push(m) });
    a.push('x');
    a.clear();
    timer.fire();
    expect(said).toEqual([]);
  });
});
