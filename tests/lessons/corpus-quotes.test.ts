/**
 * Every quote a lesson marks with `{/* corpus: <scenario> (...) *\/}` right before a code block is real:
 * each line of that block occurs in the named ground-truth scenario's files (transcripts, logs, screens).
 * A shell prompt (`root@mail:~# `) before a command is the lesson's; the command itself must be there.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CORPUS } from '../corpus/corpus-path.ts';
import { lessonFiles } from './lesson-files.ts';

const EXTRA = resolve(dirname(fileURLToPath(import.meta.url)), '../corpus-extra');
const PROMPT = 'root@mail:~# ';

/** All text of a scenario folder (every file in it, one level deep), or of one named file. */
function corpusText(name: string): string | null {
  for (const root of [CORPUS, join(CORPUS, 'terminal'), EXTRA]) {
    const path = join(root, name);
    if (!existsSync(path)) continue;
    if (statSync(path).isFile()) return readFileSync(path, 'utf8');
    return readdirSync(path)
      .map((f) => join(path, f))
      .filter((p) => statSync(p).isFile())
      .map((p) => readFileSync(p, 'utf8'))
      .join('\n');
  }
  return null;
}

interface Quote {
  readonly lesson: string;
  readonly scenario: string;
  readonly lines: readonly string[];
}

/** The code blocks directly preceded (blank lines aside) by a `corpus:` comment line. */
function quotes(lesson: string, text: string): Quote[] {
  const lines = text.split('\n');
  const found: Quote[] = [];
  lines.forEach((line, i) => {
    const m = /^\{\/\* corpus: (\S+)[^*]*\*\/\}$/.exec(line.trim());
    if (m === null) return;
    let j = i + 1;
    while (j < lines.length && (lines[j] ?? '').trim() === '') j++;
    if (!(lines[j] ?? '').startsWith('```')) return;
    const end = lines.indexOf('```', j + 1);
    found.push({ lesson, scenario: m[1] ?? '', lines: lines.slice(j + 1, end).filter((l) => l.trim() !== '') });
  });
  return found;
}

const all = lessonFiles().flatMap((f) => quotes(f.path, f.text));

describe('corpus quotes in lessons', () => {
  it('finds quotes to check', () => {
    expect(all.length).toBeGreaterThan(10);
  });

  it.each(all.map((q) => [`${q.lesson}: ${q.scenario} (${q.lines[0] ?? ''})`, q] as const))('%s', (_label, q) => {
    const text = corpusText(q.scenario);
    expect(text, `no corpus scenario or file ${q.scenario}`).not.toBeNull();
    for (const line of q.lines) {
      const wanted = line.startsWith(PROMPT) ? line.slice(PROMPT.length) : line.trimEnd();
      expect(text?.includes(wanted), `${q.lesson}: not in ${q.scenario}: ${wanted}`).toBe(true);
    }
  });
});
