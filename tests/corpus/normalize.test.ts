import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/corpus/normalize.ts';
import { parseTranscript } from '../../src/corpus/transcript.ts';
import { parseClientPackets, parsePythonBytes } from '../../src/corpus/wire.ts';
import { CORPUS, corpusScenarios } from './corpus-path.ts';

const scenarios = corpusScenarios();

describe('normalizer agrees with the recorder', () => {
  it('finds the corpus', () => {
    expect(scenarios.length).toBeGreaterThan(30);
  });
  it.each(scenarios)('%s: normalize(raw.log) is raw.normalized.log', (name) => {
    const raw = join(CORPUS, name, 'raw.log');
    if (!existsSync(raw)) return expect(existsSync(join(CORPUS, name, 'raw.normalized.log'))).toBe(false);
    expect(normalize(readFileSync(raw, 'utf8'))).toBe(readFileSync(join(CORPUS, name, 'raw.normalized.log'), 'utf8'));
  });
  it.each(scenarios)('%s: normalize(transcript.txt) is transcript.normalized.txt', (name) => {
    const raw = readFileSync(join(CORPUS, name, 'transcript.txt'), 'utf8');
    expect(normalize(raw)).toBe(readFileSync(join(CORPUS, name, 'transcript.normalized.txt'), 'utf8'));
  });
});

describe('transcript and wire parsing', () => {
  it.each(scenarios)('%s: every line is understood and client packets line up', (name) => {
    const text = readFileSync(join(CORPUS, name, 'transcript.normalized.txt'), 'utf8');
    const steps = parseTranscript(text);
    expect(steps.length).toBe(text.split('\n').filter((l) => l !== '').length);
    const wire = join(CORPUS, name, 'wire.txt');
    if (!existsSync(wire)) return;
    const packets = parseClientPackets(readFileSync(wire, 'utf8'));
    const clientLines = steps.flatMap((s) => (s.kind === 'client' ? [s.text.replace(/\s+<<sent with bare LF, no CR>>$/, '')] : []));
    const packetLines = packets.flatMap((p) =>
      p
        .split('\n')
        .filter((l, i, a) => i < a.length - 1 || l !== '')
        .map((l) => l.replace(/\r$/, '')),
    );
    // Outbound scenarios also list the Postfix client's lines, which are not the recorder's packets.
    if (steps.some((s) => s.kind === 'inject')) return;
    expect(packetLines.map((l) => normalize(l))).toEqual(clientLines);
  });
  it('decodes Python byte literals', () => {
    expect(parsePythonBytes(String.raw`b'EHLO x\r\nQUIT\r\n'`)).toBe('EHLO x\r\nQUIT\r\n');
    expect(parsePythonBytes(String.raw`b"it's \x41\\"`)).toBe("it's A\\");
    expect(parsePythonBytes('not bytes')).toBeNull();
  });
});
