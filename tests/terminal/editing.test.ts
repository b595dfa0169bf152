/** Line editing as it shows on an xterm screen: cursor motions, wrapping, history, Ctrl-L, Ctrl-C, Tab. */
import { describe, expect, it } from 'vitest';
import { rig } from './headless.ts';

const PROMPT = 'root@mail:~# ';

/** The rows prompt + line occupy when wrapped at `cols`. */
function wrapped(text: string, cols: number): string[] {
  const rows: string[] = [];
  for (let i = 0; i < text.length; i += cols) rows.push(text.slice(i, i + cols));
  if (text.length % cols === 0) rows.push('');
  return rows;
}

/** A small deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('cursor editing on screen', () => {
  it('inserts in the middle with Left and deletes with Backspace and Delete', async () => {
    const r = await rig();
    await r.type('echo helo');
    await r.type('\x1b[D\x1b[D');
    await r.type('l');
    expect(r.lines()).toEqual([`${PROMPT}echo hello`]);
    expect(r.cursor()).toEqual({ x: PROMPT.length + 8, y: 0 });
    await r.type('\x1b[3~'); // Delete: the second l
    await r.type('\x7f'); // Backspace: the first l
    expect(r.lines()).toEqual([`${PROMPT}echo heo`]);
    await r.type('\r');
    expect(r.lines()).toEqual([`${PROMPT}echo heo`, 'heo', PROMPT]);
  });

  for (const [name, home, end] of [
    ['CSI H/F', '\x1b[H', '\x1b[F'],
    ['CSI 1~/4~', '\x1b[1~', '\x1b[4~'],
    ['SS3 H/F', '\x1bOH', '\x1bOF'],
    ['Ctrl-A/E', '\x01', '\x05'],
  ] as const) {
    it(`Home and End (${name})`, async () => {
      const r = await rig();
      await r.type('cho hi');
      await r.type(home);
      expect(r.cursor().x).toBe(PROMPT.length);
      await r.type('e');
      await r.type(end);
      expect(r.cursor().x).toBe(PROMPT.length + 'echo hi'.length);
      await r.type('!\r');
      expect(r.lines()).toEqual([`${PROMPT}echo hi!`, 'hi!', PROMPT]);
    });
  }

  it('Ctrl-U, Ctrl-K, Ctrl-W, Ctrl-Y', async () => {
    const r = await rig();
    await r.type('abc def ghi');
    await r.type('\x17');
    expect(r.lines()).toEqual([`${PROMPT}abc def `]);
    await r.type('\x01\x0b');
    expect(r.lines()).toEqual([PROMPT]);
    await r.type('\x19');
    expect(r.lines()).toEqual([`${PROMPT}abc def `]);
    await r.type('\x1b[D\x1b[D\x15');
    expect(r.lines()).toEqual([`${PROMPT}f `]);
    expect(r.cursor().x).toBe(PROMPT.length);
  });

  it('keeps the screen right over wrapped rows (random edits on a 23-column terminal)', async () => {
    const cols = 23;
    const r = await rig({ cols, rows: 40 });
    const rand = prng(7);
    let line = '';
    let cursor = 0;
    const keys: [string, () => void][] = [
      ['\x1b[D', () => (cursor = Math.max(0, cursor - 1))],
      ['\x1b[C', () => (cursor = Math.min(line.length, cursor + 1))],
      ['\x01', () => (cursor = 0)],
      ['\x05', () => (cursor = line.length)],
      [
        '\x7f',
        () => {
          if (cursor > 0) {
            line = line.slice(0, cursor - 1) + line.slice(cursor);
            cursor--;
          }
        },
      ],
      [
        '\x1b[3~',
        () => {
          line = line.slice(0, cursor) + line.slice(cursor + 1);
        },
      ],
      [
        '\x0b',
        () => {
          line = line.slice(0, cursor);
        },
      ],
    ];
    for (let step = 0; step < 400; step++) {
      const k = rand();
      if (k < 0.45 || line.length < 3) {
        const len = 1 + Math.floor(rand() * 12);
        let s = '';
        for (let j = 0; j < len; j++) s += String.fromCharCode(97 + Math.floor(rand() * 26));
        if (line.length + s.length > 150) continue;
        await r.type(s);
        line = line.slice(0, cursor) + s + line.slice(cursor);
        cursor += s.length;
      } else {
        const [seq, apply] = keys[Math.floor(rand() * keys.length)] ?? keys[0]!;
        await r.type(seq);
        apply();
      }
      const expected = wrapped(PROMPT + line, cols);
      const screen = r.lines();
      // A row that only holds readline's margin space reads as ' ' or ''.
      expect(screen.map((l) => l.trimEnd())).toEqual(
        expected.map((l) => l.trimEnd()).filter((l, i, a) => i < a.length - 1 || l !== '' || screen.length === a.length),
      );
      const pos = PROMPT.length + cursor;
      expect(r.cursor()).toEqual({ x: pos % cols, y: Math.floor(pos / cols) });
    }
  });
});

describe('history, Ctrl-L, Ctrl-C, Ctrl-D', () => {
  it('Up and Down walk the history and keep the line being edited (bash 5.2 in tmux)', async () => {
    const r = await rig();
    await r.type('echo abc\r');
    await r.type('echo def\r');
    await r.type('\x1b[A');
    expect(r.lines().at(-1)).toBe(`${PROMPT}echo def`);
    await r.type('\x1b[A');
    expect(r.lines().at(-1)).toBe(`${PROMPT}echo abc`);
    await r.type('\x1b[B\x1b[B');
    expect(r.lines().at(-1)).toBe(PROMPT);
    await r.type('xyz\x1b[A\x1b[B');
    expect(r.lines().at(-1)).toBe(`${PROMPT}xyz`);
    await r.type('\x03');
    expect(r.lines().slice(-2)).toEqual([`${PROMPT}xyz^C`, PROMPT]);
  });

  it('Ctrl-L clears the screen and redraws prompt and line', async () => {
    const r = await rig();
    await r.type('echo one\r');
    await r.type('cd');
    await r.type('\x0c');
    expect(r.visible()).toEqual([`${PROMPT}cd`]);
    expect(r.cursor().x).toBe(PROMPT.length + 2);
  });

  it('Ctrl-D on an empty line says exit and a new shell starts', async () => {
    const exits: number[] = [];
    const r = await rig();
    await r.type('false\r');
    await r.type('\x04');
    expect(r.lines().slice(-3)).toEqual([PROMPT, 'exit', PROMPT]);
    expect(exits).toEqual([]);
  });

  it('an open quote continues at PS2', async () => {
    const r = await rig();
    await r.type('echo "abc\r');
    expect(r.lines()).toEqual([`${PROMPT}echo "abc`, '> ']);
    await r.type('def"\r');
    expect(r.lines()).toEqual([`${PROMPT}echo "abc`, '> def"', 'abc', 'def', PROMPT]);
    await r.type('ls |\r\x03');
    expect(r.lines().slice(-3)).toEqual([`${PROMPT}ls |`, '> ^C', PROMPT]);
  });
});

describe('Tab completion', () => {
  const files = {
    '/tmp/ct/main.cf': '',
    '/tmp/ct/master.cf': '',
    '/tmp/ct/main.cf.proto': '',
    '/tmp/ct/aliases': '',
    '/tmp/ct/sub/x': '',
  };
  it('rings on the first ambiguous Tab and lists on the second, as bash 5.2 does (80 columns)', async () => {
    const r = await rig({ cols: 80, files });
    await r.type('cat /tmp/ct/ma\t');
    expect(r.lines()).toEqual([`${PROMPT}cat /tmp/ct/ma`]);
    await r.type('\t');
    // tmux capture (without -J, so trailing spaces trimmed) of bash 5.2.15 on Debian 12 with the same files.
    expect(r.lines().map((l) => l.trimEnd())).toEqual([
      'root@mail:~# cat /tmp/ct/ma',
      'main.cf        main.cf.proto  master.cf',
      'root@mail:~# cat /tmp/ct/ma',
    ]);
    // readline pads the last column too (its raw output: "master.cf      \r\n").
    expect(r.lines()[1]).toBe('main.cf        main.cf.proto  master.cf      ');
  });
  it('completes a unique file with a space and a directory with a slash', async () => {
    const r = await rig({ cols: 80, files });
    await r.type('cat /tmp/ct/al\t');
    expect(r.lines()).toEqual([`${PROMPT}cat /tmp/ct/aliases `]);
    await r.type('\x15cat /tmp/ct/su\t');
    expect(r.lines()).toEqual([`${PROMPT}cat /tmp/ct/sub/`]);
  });
  it('completes command names', async () => {
    const r = await rig();
    await r.type('hist\t');
    expect(r.lines()).toEqual([`${PROMPT}history `]);
  });
});
