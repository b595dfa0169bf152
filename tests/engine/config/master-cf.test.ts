import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MasterCf, splitQuoted } from '../../../src/engine/config/master-cf.ts';
import { CORPUS as GROUND_TRUTH } from '../../corpus/corpus-path.ts';

const CORPUS = `${GROUND_TRUTH}`;
const STOCK = readFileSync(`${CORPUS}/base/master.cf`, 'utf8');

function uncommentSubmission(text: string): string {
  const rows = text.split('\n');
  for (const n of [19, 20, 21, 22, 23, 24, 29, 30, 31, 32, 33, 34]) rows[n - 1] = (rows[n - 1] ?? '').slice(1);
  return rows.join('\n');
}

describe('master.cf parsing', () => {
  it('reads the stock Debian master.cf: 31 entries, comments ignored', () => {
    const m = MasterCf.parse(STOCK);
    expect(m.fatal).toBeNull();
    expect(m.entries).toHaveLength(31);
    expect(m.entries[0]?.argv).toEqual(['smtp', 'inet', 'n', '-', 'y', '-', '-', 'smtpd']);
    const relay = m.find('relay', 'unix');
    expect(relay?.params.get('syslog_name')).toBe('postfix/$service_name');
    expect(relay?.firstLine).toBe(67);
  });
  it('applies the defaults of master(8): private=y, unprivileged=y, chroot=n, wakeup=0, maxproc=default', () => {
    const m = MasterCf.parse('foo unix - - - - - smtpd\npickup unix n - y 60 1 pickup\nflush unix n - y 1000? 0 flush\n');
    expect(m.service('foo', 'unix')).toMatchObject({
      private: true,
      unprivileged: true,
      chroot: false,
      wakeup: 0,
      processLimit: null,
      command: 'smtpd',
    });
    expect(m.service('pickup', 'unix')).toMatchObject({ private: false, chroot: true, wakeup: 60, processLimit: 1 });
    expect(m.service('flush', 'unix')).toMatchObject({ wakeup: 1000, wakeupConditional: true, processLimit: 0 });
  });
  it('the submission block, uncommented, is one entry with its -o settings', () => {
    const m = MasterCf.parse(uncommentSubmission(STOCK));
    const s = m.service('submission', 'inet');
    expect(s?.params.get('smtpd_tls_security_level')).toBe('encrypt');
    expect(s?.params.get('smtpd_recipient_restrictions')).toBe('permit_sasl_authenticated,reject');
    expect(s?.params.get('smtpd_client_restrictions')).toBe('');
    expect([...(s?.params.keys() ?? [])]).toHaveLength(11);
  });
  it('-o forms: attached, long form with blanks, braces', () => {
    const m = MasterCf.parse('foo unix - - n - - smtpd -oa=1 -o { b = two words } -o {c=3} argv={x y}\n');
    const e = m.find('foo', 'unix');
    expect(e?.argv.slice(8)).toEqual(['-o', 'a=1', '-o', 'b=two words', '-o', 'c=3', 'argv={x y}']);
    expect(e?.params).toEqual(
      new Map([
        ['a', '1'],
        ['b', 'two words'],
        ['c', '3'],
      ]),
    );
  });
  it('a later entry with the same name and type replaces the earlier one for master(8)', () => {
    const m = MasterCf.parse(`${STOCK}smtp inet n - y - - smtpd -o smtpd_banner=dup\n`);
    expect(m.entries.filter((e) => e.namespace === 'smtp/inet')).toHaveLength(2);
    const smtp = m.services().filter((s) => s.name === 'smtp' && s.type === 'inet');
    expect(smtp).toHaveLength(1);
    expect(smtp[0]?.params.get('smtpd_banner')).toBe('dup');
  });
  it('postconf errors are data (texts recorded from the real postconf)', () => {
    expect(MasterCf.parse(`${STOCK}foo unix - -\n`).fatal).toBe('file /etc/postfix/master.cf: line 138: bad field count');
    expect(MasterCf.parse('foo bogus n - n - - smtpd\n').fatal).toBe('invalid type field "bogus" in "foo bogus n - n - - smtpd"');
    expect(MasterCf.parse('foo unix x - n - - smtpd\n').fatal).toBe('invalid private field "x" in "foo unix x - n - - smtpd"');
    expect(MasterCf.parse('foo unix - - n x - smtpd\n').fatal).toBe('invalid wakeup field "x" in "foo unix - - n x - smtpd"');
    expect(MasterCf.parse('foo unix - - n - -1 smtpd\n').fatal).toBe('invalid process_limit field "-1" in "foo unix - - n - -1 smtpd"');
    expect(MasterCf.parse('foo unix - - n - - smtpd -o { a = b\n').warnings).toEqual([`master.cf: missing '}' in "{ a = b"`]);
  });
  it('master(8) errors ([facts] §6 texts)', () => {
    expect(MasterCf.parse('foo inet y - n - - smtpd\n').daemonErrors()).toEqual([
      '/etc/postfix/master.cf: line 1: inet service cannot be private',
    ]);
    expect(MasterCf.parse(STOCK).daemonErrors()).toEqual([]);
  });
  it('splitQuoted keeps {...} together', () => {
    expect(splitQuoted('a {b c} d{e f}g  h')).toEqual(['a', '{b c}', 'd{e f}g', 'h']);
  });
});
