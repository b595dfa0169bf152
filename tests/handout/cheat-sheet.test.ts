/**
 * Every reply and log line on the handout's cheat sheet is a line that real Postfix printed: it is found,
 * whole, in the transcript or log of the corpus scenario it names.
 */
import { describe, expect, it } from 'vitest';
import { CHEAT_LOG_LINES, CHEAT_REPLIES } from '../../src/components/handout/cheat-sheet.ts';

const recordings = import.meta.glob<string>(
  ['../../../shared/postfix-ground-truth/**/transcript.normalized.txt', '../../../shared/postfix-ground-truth/**/raw.normalized.log'],
  { query: '?raw', import: 'default', eager: true },
);

function linesOf(scenario: string): string[] {
  const prefix = `../../../shared/postfix-ground-truth/${scenario}/`;
  const texts = Object.entries(recordings)
    .filter(([key]) => key.startsWith(prefix) && !key.slice(prefix.length).includes('/'))
    .map(([, text]) => text);
  if (texts.length === 0) throw new Error(`no recording for ${scenario}`);
  // Transcripts mark server lines with "S: ".
  return texts.flatMap((t) => t.split(/\r?\n/)).map((l) => l.replace(/^S: /, ''));
}

describe('cheat sheet', () => {
  it.each([...CHEAT_REPLIES, ...CHEAT_LOG_LINES].map((l) => [l.scenario, l.text] as const))('%s has %s', (scenario, text) => {
    expect(linesOf(scenario)).toContain(text);
  });
});
