/** Random bytes as main.cf, master.cf and argv: nothing throws, everything ends. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { serviceParameters } from '../../../src/engine/config/effective.ts';
import { expandMacros } from '../../../src/engine/config/expand.ts';
import { MainCf } from '../../../src/engine/config/main-cf.ts';
import { MasterCf } from '../../../src/engine/config/master-cf.ts';
import { runPostconf } from '../../../src/engine/postconf/run-postconf.ts';
import { CORPUS as GROUND_TRUTH } from '../../corpus/corpus-path.ts';
import { rng } from '../../support/rng.ts';

const BASE = readFileSync(`${GROUND_TRUTH}/base/main.cf`, 'utf8');
const STOCK = readFileSync(`${GROUND_TRUTH}/base/master.cf`, 'utf8');

const PIECES = [
  '$',
  '$$',
  '${',
  '$(',
  '{',
  '}',
  '(',
  ')',
  '=',
  ' = ',
  '#',
  '\n',
  '\n ',
  '\r\n',
  '\t',
  ' ',
  '\0',
  '?',
  ':',
  '-o',
  ' -o ',
  'a',
  'b',
  'smtpd_tls_security_level',
  'myhostname',
  'relayhost',
  'x',
  '==',
  '<level',
  '{3.6}',
  '/',
  '*',
  'é',
  '\u{1F600}',
  'inet',
  'unix',
  'n',
  'y',
  '-',
  'smtpd',
  'submission',
  '\\',
  "'",
  '"',
  ',',
];

function randomText(r: () => number, max: number): string {
  let s = '';
  const n = Math.floor(r() * max);
  for (let i = 0; i < n; i++) {
    if (r() < 0.15) s += String.fromCharCode(Math.floor(r() * 256));
    else s += PIECES[Math.floor(r() * PIECES.length)] ?? '';
  }
  return s;
}

const OPTS = [
  '-n',
  '-d',
  '-e',
  '-x',
  '-h',
  '-H',
  '-f',
  '-M',
  '-Mf',
  '-P',
  '-F',
  '-X',
  '-#',
  '-o',
  '-c',
  '-C',
  '-v',
  '-T',
  '-b',
  '-t',
  '-a',
  '-m',
  '--',
  '-z',
  '-nx',
  '-Me',
  '-PX',
];

function randomArgv(r: () => number): string[] {
  const argv: string[] = [];
  const n = Math.floor(r() * 5);
  for (let i = 0; i < n; i++) argv.push(r() < 0.5 ? (OPTS[Math.floor(r() * OPTS.length)] ?? '') : randomText(r, 6));
  return argv;
}

describe('fuzz', () => {
  it('postconf never throws on random configuration and arguments', () => {
    const r = rng(20261201);
    for (let i = 0; i < 1500; i++) {
      const main = r() < 0.3 ? BASE + randomText(r, 40) : randomText(r, 60);
      const master = r() < 0.3 ? STOCK + randomText(r, 40) : randomText(r, 60);
      const argv = randomArgv(r);
      const res = runPostconf(argv, { mainCf: main, masterCf: master }, { pid: 1 });
      expect(typeof res.stdout).toBe('string');
      expect([0, 1, 139]).toContain(res.exitCode);
      expect(res.stderr.includes('internal simulator error'), JSON.stringify({ argv, main, master })).toBe(false);
    }
  });
  it('parsers and views never throw', () => {
    const r = rng(7);
    for (let i = 0; i < 1500; i++) {
      const text = randomText(r, 80);
      const main = MainCf.parse(text);
      const master = MasterCf.parse(text);
      master.services();
      master.daemonErrors();
      const view = serviceParameters(main, master.services()[0] ?? null);
      for (const n of ['myhostname', 'smtpd_banner', 'syslog_name', ...main.names().slice(0, 3)]) {
        expect(typeof view.get(n)).toBe('string');
        view.fatal(n);
      }
      const vars = new Map<string, string>([
        ['a', randomText(r, 10)],
        ['b', randomText(r, 10)],
      ]);
      expect(typeof expandMacros(text, (n) => vars.get(n)).value).toBe('string');
    }
  });
});
