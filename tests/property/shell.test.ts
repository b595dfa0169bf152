/**
 * Property-based tests of the lab shell (fast-check): random keys into the line editor and the programs it
 * starts, random command lines into runLine, and megabyte lines of control characters and lone surrogates
 * never throw, and what reaches the terminal stays bounded (linear in what was typed, plus program output).
 * Sizes are asserted, never times. On failure fast-check prints the seed and the shrunk keys.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLabWorld } from '../../src/engine/world/lab-world.ts';
import { createLabShell } from '../../src/shell/lab-shell.ts';
import { MemoryPort } from '../../src/shell/memory-port.ts';

const IMMEDIATE = { immediate: true, after: (_ms: number, fn: () => void) => (fn(), () => {}) };
const WORLD = createLabWorld();

function attached(): { shell: ReturnType<typeof createLabShell>; port: MemoryPort } {
  const shell = createLabShell(WORLD, { pacer: IMMEDIATE });
  const port = new MemoryPort(80, 24);
  shell.attach(port);
  return { shell, port };
}

/** Words that make real command lines (no loops: a random `while true` would never end). */
const WORDS = [
  'echo',
  'printf',
  'cat',
  'ls',
  'grep',
  'sed',
  'wc',
  'head',
  'tail',
  'postconf',
  'postconf -n',
  'postfix check',
  'mailq',
  'hostname',
  'cd',
  'pwd',
  'export X=1',
  'telnet localhost 25',
  'EHLO x',
  'QUIT',
  'openssl s_client -connect localhost:25 -starttls smtp',
  'nano /etc/postfix/main.cf',
  'less /etc/postfix/main.cf',
  'man postconf',
  '/etc/postfix/main.cf',
  '-n',
  '%s',
  '%b',
  '|',
  '>',
  '>>',
  '<',
  ';',
  '&&',
  '||',
  '$(',
  ')',
  '`',
  '"',
  "'",
  '\\',
  '*',
  '~',
  '$?',
  '${',
  '}',
  '!',
  'x',
  ' ',
];
const commandLine = fc
  .array(
    fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...WORDS) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) }),
    { maxLength: 10 },
  )
  .map((ws) => ws.join(' '));

/** Keys: printable text, Enter, editing and control keys, escape sequences (arrows, Home/End), pastes. */
const KEYS = [
  '\r',
  '\x7f',
  '\x03',
  '\x04',
  '\x15',
  '\x17',
  '\x01',
  '\x05',
  '\x0b',
  '\x0c',
  '\x12',
  '\t',
  '\x1b[A',
  '\x1b[B',
  '\x1b[C',
  '\x1b[D',
  '\x1b[H',
  '\x1b[F',
  '\x1b[3~',
  '\x1b',
  '\x1b[200~',
  '\x1b[201~',
  '\x18',
  '\x0f',
  '\x11',
  'q',
  ':q\r',
];
const key = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...KEYS) },
  { weight: 3, arbitrary: commandLine.map((l) => `${l}\r`) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);

/** What any run may print besides echoes: a generous ceiling for man pages, postconf -d and the like. */
const PROGRAM_OUTPUT = 2 * 1024 * 1024;

describe('the shell under random input (fast-check)', () => {
  it('random keys into the line editor and whatever it starts never throw; output stays bounded', () => {
    fc.assert(
      fc.property(fc.array(key, { maxLength: 30 }), (keys) => {
        const { shell, port } = attached();
        let typed = 0;
        for (const k of keys) {
          port.type(k);
          typed += k.length;
        }
        // Leave whatever runs (nano, less, telnet, cat) and get a prompt back.
        port.type('\x03\x18n\x11q\x1d\x03\r');
        expect(port.output.length).toBeLessThanOrEqual(64 * typed + PROGRAM_OUTPUT);
        shell.dispose();
      }),
      { numRuns: 150, seed: 20261207 },
    );
  });

  it('random command lines into runLine never throw and end with a status of 0 to 255', () => {
    const shell = createLabShell(WORLD, { pacer: IMMEDIATE });
    fc.assert(
      fc.property(commandLine, fc.string({ maxLength: 40 }), fc.boolean(), (line, stdin, tty) => {
        const r = shell.runLine(line, { tty, stdin });
        expect(Number.isInteger(r.exitCode) && r.exitCode >= 0 && r.exitCode <= 255).toBe(true);
        expect(r.output.length).toBeLessThanOrEqual(64 * (line.length + stdin.length) + PROGRAM_OUTPUT);
      }),
      { numRuns: 300, seed: 20261207 },
    );
  });

  it('a line of up to 1 MB of control characters, invalid text or plain bytes is edited and run in one pass', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1024 * 1024 }),
        fc.constantFrom('x', '\x01', '\x1b', '\x7f', '\ud800', '\udfff', '\u00ff', '\u{1F600}', '\0'),
        fc.constantFrom('echo ', 'printf %s ', ''),
        (n, ch, cmd) => {
          const { shell, port } = attached();
          port.type(`${cmd}${ch.repeat(n)}\r`);
          port.type('\x03');
          // Linear, not a redraw per character (a control key may print as two characters, ^X).
          expect(port.output.length).toBeLessThanOrEqual(8 * (cmd.length + n * ch.length) + 4096);
          expect(port.output.endsWith('root@mail:~# ')).toBe(true);
          shell.dispose();
        },
      ),
      { numRuns: 6, seed: 20261207 },
    );
  }, 30_000);
});
