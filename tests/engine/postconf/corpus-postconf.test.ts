/**
 * Golden tests that read the corpus transcripts and replay every `C: $ ...` command step by
 * step (the transcript edits main.cf between commands), comparing `S:` (stdout), `E:` (stderr)
 * and `# exit status` exactly.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hotReadCount } from '../../../src/engine/config/main-cf.ts';
import { BASE_MAIN, CORPUS, STOCK_MASTER, appendedMaster } from './real-cases.ts';
import { CorpusMachine } from './corpus-shell.ts';

interface Block {
  readonly command: string;
  readonly stdout: string[];
  readonly stderr: string[];
  readonly exit: number | null;
}

function parseTranscript(scenario: string): Block[] {
  const text = readFileSync(`${CORPUS}/${scenario}/transcript.normalized.txt`, 'utf8');
  const blocks: { command: string; stdout: string[]; stderr: string[]; exit: number | null }[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('C: $ ')) blocks.push({ command: line.slice(5), stdout: [], stderr: [], exit: null });
    const cur = blocks[blocks.length - 1];
    if (cur === undefined) continue;
    if (line.startsWith('S: ')) cur.stdout.push(line.slice(3));
    else if (line === 'S:') cur.stdout.push('');
    else if (line.startsWith('E: ')) cur.stderr.push(line.slice(3));
    else if (line.startsWith('# exit status ')) cur.exit = Number(line.slice('# exit status '.length));
  }
  return blocks;
}

function outLines(text: string): string[] {
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

/** The `postfix ...` commands belong to the postfix(1) simulation, not to postconf. */
function isPostfixCommand(cmd: string): boolean {
  return cmd.startsWith('postfix ');
}

function replay(scenario: string, minChecked: number): void {
  const blocks = parseTranscript(scenario);
  const machine = new CorpusMachine(BASE_MAIN, STOCK_MASTER + appendedMaster(scenario));
  it('has command blocks', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(minChecked);
  });
  // One test that replays everything in order, so that main.cf edits carry over.
  it('replays every postconf block', () => {
    let checked = 0;
    for (const b of blocks) {
      if (isPostfixCommand(b.command)) continue;
      const r = machine.run(b.command);
      const label = `${scenario}: $ ${b.command}`;
      if (r.unhandled.length > 0) {
        // `postconf mail_version; openssl version; dpkg ...`: only postconf's line is ours.
        expect(outLines(r.stdout), label).toEqual(b.stdout.slice(0, outLines(r.stdout).length));
        continue;
      }
      expect(outLines(r.stdout), label).toEqual(b.stdout);
      expect(outLines(r.stderr), label).toEqual(b.stderr);
      expect(r.exit, label).toBe(b.exit);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(minChecked);
  });
}

describe('corpus postconf-behaviours', () => {
  replay('postconf-behaviours', 30);
  it('the continuation case repeats the overriding warnings: main.cf read 7 times while hot', () => {
    // printf appended to main.cf 600 ms into a second, postconf started 50 ms later:
    // reads every 300 ms until the mtime is two seconds old.
    expect(hotReadCount(1_700_000_000_600, 1_700_000_000_650)).toBe(7);
    expect(hotReadCount(1_700_000_000_350, 1_700_000_005_000)).toBe(1);
  });
});

describe('corpus postconf-defaults-tls-sasl', () => {
  replay('postconf-defaults-tls-sasl', 4);
});

describe('terminal term-postfix-cli (postconf screens)', () => {
  const screen = readFileSync(`${CORPUS}/terminal/term-postfix-cli/screen.normalized.txt`, 'utf8');
  const steps = [...screen.matchAll(/^=== after: (.*) ===$/gm)].map((m) => m[1] ?? '');
  /** The output a step shows: the lines after its prompt in its own capture. */
  function shown(step: string, occurrence: number): string[] {
    const parts = screen.split(/^=== after: .* ===$/m);
    const body = parts[occurrence + 1] ?? '';
    const rows = body.split('\n');
    let start = -1;
    rows.forEach((r, k) => {
      if (r === `root@mail:~# ${step}`) start = k;
    });
    const out: string[] = [];
    for (let k = start + 1; k < rows.length; k++) {
      const r = rows[k] ?? '';
      if (r.startsWith('root@mail:~#')) break;
      out.push(r);
    }
    return out;
  }
  it('shows what the real postconf showed', () => {
    const machine = new CorpusMachine(BASE_MAIN, STOCK_MASTER);
    let checked = 0;
    steps.forEach((step, k) => {
      const postconfStep = /(^|; )postconf /.test(step);
      const fileStep = step.startsWith('echo ') || step.startsWith('sed ');
      if (!postconfStep && !fileStep) return;
      if (fileStep && !step.startsWith('echo ')) {
        // "sed -i '$d' main.cf; postfix check; ...": only the file edit is ours.
        machine.run(step.split(';')[0] ?? '');
        return;
      }
      const echoRc = step.endsWith('; echo "rc=$?"');
      const r = machine.run(echoRc ? step.slice(0, -'; echo "rc=$?"'.length) : step);
      if (fileStep) return;
      const expected = outLines(r.merged).concat(echoRc ? [`rc=${r.exit}`] : []);
      expect(expected, step).toEqual(shown(step, k));
      checked++;
    });
    expect(checked).toBe(6);
  });
});
