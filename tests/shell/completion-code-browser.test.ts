/**
 * The browser's Tab completion (src/shell/completion-code.browser.ts, issue 12): completion.ts comes with the
 * first Tab, which waits for it (the shell holds a Tab until completionWait settles), then answers as the
 * code Node imports at once (completion-code.ts) does.
 */
import { describe, expect, it } from 'vitest';
import * as atOnce from '../../src/shell/completion-code.ts';
import * as browser from '../../src/shell/completion-code.browser.ts';
import type { CompletionSources } from '../../src/shell/completion.ts';
import { standardPrograms } from '../../src/shell/programs/index.ts';
import { Registry } from '../../src/shell/registry.ts';
import { makeFs, makeHost } from './harness.ts';

function sources(): CompletionSources {
  const state = { cwd: '/root', home: '/root', vars: new Map<string, string>(), history: [], lastStatus: 0 };
  return {
    programs: new Registry(standardPrograms()),
    builtins: [],
    host: makeHost(makeFs({ 'notes.txt': 'x', 'nothing.cf': 'y' })),
    shell: () => state,
  };
}

describe('completion in the browser', () => {
  it('exports what the shell imports from completion-code.ts', () => {
    expect(Object.keys(browser).sort()).toEqual(Object.keys(atOnce).sort());
  });

  it('a first Tab waits for the completion code, then completes as the code loaded at once does', async () => {
    const src = sources();
    const completer = browser.createCompleter(src);
    // Before any Tab has waited, nothing is completed (the shell never asks then: the Tab waits first).
    expect(completer('no', 2)).toEqual({ start: 2, candidates: [] });
    const wait = browser.completionWait(src.programs, 'cat no', 6, '/root');
    expect(wait).toBeInstanceOf(Promise);
    await wait;
    const reference = atOnce.createCompleter(src);
    for (const [line, cursor] of [
      ['ec', 2],
      ['cat no', 6],
      ['cat notes', 9],
      ['', 0],
    ] as const)
      expect(completer(line, cursor), line).toEqual(reference(line, cursor));
    expect(
      completer('cat no', 6)
        .candidates.map((c) => c.word)
        .sort(),
    ).toEqual(['notes.txt', 'nothing.cf']);
    // Once here, it waits only for what completion.ts waits for (nothing, for loaded programs).
    expect(browser.completionWait(src.programs, 'ec', 2)).toBe(atOnce.completionWait(src.programs, 'ec', 2));
  });
});
