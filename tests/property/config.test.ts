/**
 * Property-based tests of main.cf and master.cf handling (fast-check): random text never throws, every
 * diagnostic has the shape Postfix gives its own (`postconf: warning: ...` / `postconf: fatal: ...`), and
 * the two warnings recorded in corpus postconf-behaviours come out, word for word, for any unknown
 * parameter: `postconf NAME` and `postconf -n` over a main.cf with `NAME = VALUE` appended.
 * Replaces the mulberry32 loops of tests/engine/postconf/fuzz.test.ts (same pieces, now shrinking and
 * replayable from the printed seed).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serviceParameters } from '../../src/engine/config/effective.ts';
import { expandMacros } from '../../src/engine/config/expand.ts';
import { MainCf } from '../../src/engine/config/main-cf.ts';
import { MasterCf } from '../../src/engine/config/master-cf.ts';
import { runPostconf } from '../../src/engine/postconf/run-postconf.ts';
import { createLabWorld } from '../../src/engine/world/lab-world.ts';
import { CORPUS } from '../corpus/corpus-path.ts';

const BASE = readFileSync(`${CORPUS}/base/main.cf`, 'utf8');
const STOCK = readFileSync(`${CORPUS}/base/master.cf`, 'utf8');
const RECORDED = readFileSync(`${CORPUS}/postconf-behaviours/transcript.normalized.txt`, 'utf8').split('\n');

/** The recorded warning for `postconf smtpd_tls_securty_level`, as a template over the name. */
const UNKNOWN = RECORDED.find((l) => l.startsWith('E: postconf: warning: ') && l.endsWith(': unknown parameter'))?.slice(3) ?? '';
/** The recorded warning of `postconf -n` for the typo appended to main.cf, as a template over name=value. */
const UNUSED = RECORDED.find((l) => l.startsWith('E: postconf: warning: /etc/postfix/main.cf: unused parameter: '))?.slice(3) ?? '';

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
  ' -o ',
  'smtpd_tls_security_level',
  'myhostname',
  'relayhost',
  '==',
  '<level',
  '{3.6}',
  '/',
  '*',
  'é',
  '\u{1F600}',
  '\ud800',
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
const text = (max: number): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) }),
      { maxLength: max },
    )
    .map((a) => a.join(''));

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
const argv = fc.array(fc.oneof(fc.constantFrom(...OPTS), text(6)), { maxLength: 4 });

/** A parameter name no Postfix knows (no built-in starts with zzq), and a plain value. */
const unknownName = fc.string({ unit: fc.constantFrom('a', 'b', 'x', '_', '1'), minLength: 1, maxLength: 12 }).map((s) => `zzq${s}`);
const plainValue = fc.string({ unit: fc.constantFrom('a', 'z', '0', '.', '-', '/', ':', ','), minLength: 1, maxLength: 20 });

const DIAGNOSTIC = /^postconf: (warning|fatal): /;

describe('configuration under random text (fast-check)', () => {
  it('the recorded warnings the properties rest on are there', () => {
    expect(UNKNOWN).toBe('postconf: warning: smtpd_tls_securty_level: unknown parameter');
    expect(UNUSED).toBe('postconf: warning: /etc/postfix/main.cf: unused parameter: smtpd_tls_securty_level=may');
  });

  it('postconf never throws on random main.cf, master.cf and arguments; it prints only Postfix-style diagnostics', () => {
    fc.assert(
      fc.property(fc.boolean(), text(50), fc.boolean(), text(50), argv, (onMain, main, onMaster, master, args) => {
        const res = runPostconf(args, { mainCf: onMain ? BASE + main : main, masterCf: onMaster ? STOCK + master : master }, { pid: 1 });
        expect(typeof res.stdout).toBe('string');
        expect([0, 1, 139]).toContain(res.exitCode);
        expect(res.stderr).not.toContain('internal simulator error');
        // A diagnostic may quote a random argument with newlines in it, so only its start is checked.
        if (res.stderr !== '') expect(res.stderr).toMatch(/^(postconf: |Usage: )/);
      }),
      { numRuns: 400, seed: 20261201 },
    );
  });

  it('parsers and views never throw', () => {
    fc.assert(
      fc.property(text(80), text(10), text(10), (t, a, b) => {
        const main = MainCf.parse(t);
        const master = MasterCf.parse(t);
        master.daemonErrors();
        const view = serviceParameters(main, master.services()[0] ?? null);
        for (const n of ['myhostname', 'smtpd_banner', 'syslog_name', ...main.names().slice(0, 3)]) {
          expect(typeof view.get(n)).toBe('string');
          view.fatal(n);
        }
        const vars = new Map([
          ['a', a],
          ['b', b],
        ]);
        expect(typeof expandMacros(t, (n) => vars.get(n)).value).toBe('string');
      }),
      { numRuns: 600, seed: 7 },
    );
  });

  it('any unknown parameter gets the recorded "unknown parameter" warning from postconf NAME', () => {
    fc.assert(
      fc.property(unknownName, (name) => {
        const res = runPostconf([name], { mainCf: BASE, masterCf: STOCK }, { pid: 1 });
        expect(res.stderr).toBe(`${UNKNOWN.replace('smtpd_tls_securty_level', name)}\n`);
        expect(res.exitCode).toBe(0);
      }),
      { numRuns: 50, seed: 1 },
    );
  });

  it('any unknown parameter appended to main.cf gets the recorded "unused parameter" warning from postconf -n', () => {
    fc.assert(
      fc.property(unknownName, plainValue, (name, value) => {
        const res = runPostconf(['-n'], { mainCf: `${BASE}${name} = ${value}\n`, masterCf: STOCK }, { pid: 1 });
        expect(res.stderr.split('\n')).toContain(UNUSED.replace('smtpd_tls_securty_level=may', `${name}=${value}`));
        // As recorded (`postconf -n | tail -3` ends at smtpd_tls_security_level): the unused one is not listed.
        expect(res.stdout).not.toContain(`${name} =`);
        for (const line of res.stderr.split('\n').filter((l) => l !== '')) expect(line).toMatch(DIAGNOSTIC);
      }),
      { numRuns: 50, seed: 2 },
    );
  });

  it('random text appended to the lab files never breaks reload, check or a connection', () => {
    const w = createLabWorld();
    const main = w.fs.read('/etc/postfix/main.cf') ?? '';
    const master = w.fs.read('/etc/postfix/master.cf') ?? '';
    fc.assert(
      fc.property(text(12), text(8), (m, s) => {
        w.fs.write('/etc/postfix/main.cf', `${main}${m}\n`);
        w.fs.write('/etc/postfix/master.cf', `${master}${s}\n`);
        w.postfix(['reload'], true);
        w.postfix(['check'], true);
        const c = w.network.connect('localhost', 25);
        if (c.ok) {
          c.endpoint.open();
          c.endpoint.receive('EHLO x\r\nQUIT\r\n');
          c.endpoint.clientClosed();
        }
      }),
      { numRuns: 40, seed: 3 },
    );
  });
});
