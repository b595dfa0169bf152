/**
 * Replies, log lines and tool messages a lesson quotes inline (in `code spans` in the prose) are real:
 * each one (reply codes, warnings, status texts, tool messages) occurs in the ground-truth corpus or the
 * project's own recordings. ` ... ` inside a span stands for an elided part; white space is compared loosely,
 * since Prettier may wrap a long span.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CORPUS } from '../corpus/corpus-path.ts';
import { lessonFiles } from './lesson-files.ts';

const EXTRA = resolve(dirname(fileURLToPath(import.meta.url)), '../corpus-extra');
const squash = (s: string): string => s.replace(/\s+/g, ' ');

function textFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return textFiles(path);
    return /\.(txt|log|md)$/.test(name) ? [squash(readFileSync(path, 'utf8'))] : [];
  });
}

/** What marks a span as something a program prints, not a command or a setting. */
const PRINTED =
  /^\d{3}[ -]|warning:|fatal:|status=|relay=|\(TLS is|Cipher is|in server response|did not advertise|errors from|verify error|connection established|Connection closed|not verified|configuration problem|^(DONE|RENEGOTIATING)$/;

const spans = lessonFiles().flatMap(({ path, text }) =>
  [...text.replace(/```[\s\S]*?```/g, '').matchAll(/`([^`]+)`/g)]
    .map((m) => squash(m[1] ?? ''))
    .filter((s) => PRINTED.test(s))
    .map((s) => [path, s] as const),
);

describe('inline quotes in lessons', () => {
  const corpus = [...textFiles(CORPUS), ...textFiles(EXTRA)];

  it('finds quotes to check', () => {
    expect(spans.length).toBeGreaterThan(15);
  });

  it.each(spans)('%s: %s', (_path, span) => {
    const parts = span.split(' ... ');
    // The parts of an elided span, in order, in one file.
    const found = corpus.some((file) => {
      let at = 0;
      for (const p of parts) {
        const i = file.indexOf(p, at);
        if (i < 0) return false;
        at = i + p.length;
      }
      return true;
    });
    expect(found, span).toBe(true);
  });
});
