import { describe, expect, it } from 'vitest';
import {
  MAX_FILE_CHARS,
  MAX_HISTORY_ENTRIES,
  MAX_HISTORY_ENTRY_CHARS,
  parseSaved,
  serializeSaved,
  STORAGE_KEY,
  type SavedLab,
} from '../../src/components/lab/stored-state.ts';

const SAVED: SavedLab = { main: 'a = b\n', master: 'smtp inet n - y - - smtpd\n', history: ['ls', 'postconf -n'], screenReader: true };

describe('stored lab state', () => {
  it('has a versioned key', () => {
    expect(STORAGE_KEY).toMatch(/:v1$/);
  });

  it('round-trips', () => {
    expect(parseSaved(serializeSaved(SAVED))).toEqual({ kind: 'ok', saved: SAVED });
  });

  it('nothing stored is not an error', () => {
    expect(parseSaved(null)).toEqual({ kind: 'empty' });
    expect(parseSaved(undefined)).toEqual({ kind: 'empty' });
  });

  it('refuses corrupt and foreign values with a reason', () => {
    const bad = [
      '',
      '{',
      'null',
      '42',
      '"text"',
      '[]',
      '{}',
      '{"v":2,"files":{"main.cf":"","master.cf":""}}',
      '{"v":"1","files":{"main.cf":"","master.cf":""}}',
      '{"v":1}',
      '{"v":1,"files":[]}',
      '{"v":1,"files":{"main.cf":1,"master.cf":""}}',
      '{"v":1,"files":{"main.cf":""}}',
      '{"v":1,"files":{"main.cf":"","master.cf":""},"history":"ls"}',
      '<script>alert(1)</script>',
    ];
    for (const raw of bad) {
      const r = parseSaved(raw);
      expect(r.kind, raw).toBe('invalid');
      if (r.kind === 'invalid') expect(r.reason.length).toBeGreaterThan(0);
    }
  });

  it('refuses files bigger than the limit', () => {
    const raw = JSON.stringify({ v: 1, files: { 'main.cf': 'x'.repeat(MAX_FILE_CHARS + 1), 'master.cf': '' } });
    expect(parseSaved(raw).kind).toBe('invalid');
  });

  it('keeps only usable history lines, and only the latest ones', () => {
    const history = [
      1,
      '',
      'x'.repeat(MAX_HISTORY_ENTRY_CHARS + 1),
      null,
      'ok',
      ...Array.from({ length: MAX_HISTORY_ENTRIES + 5 }, (_, i) => `cmd ${i}`),
    ];
    const r = parseSaved(JSON.stringify({ v: 1, files: { 'main.cf': '', 'master.cf': '' }, history }));
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.saved.history.length).toBe(MAX_HISTORY_ENTRIES);
    expect(r.saved.history.at(-1)).toBe(`cmd ${MAX_HISTORY_ENTRIES + 4}`);
    expect(r.saved.history.every((h) => typeof h === 'string' && h !== '')).toBe(true);
    expect(r.saved.screenReader).toBe(false);
  });

  it('serializing trims what parsing would drop', () => {
    const long = { ...SAVED, history: ['x'.repeat(MAX_HISTORY_ENTRY_CHARS + 1), 'ok'] };
    expect((JSON.parse(serializeSaved(long)) as { history: unknown }).history).toEqual(['ok']);
  });

  it('never throws on random input', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = ['{', '}', '"v"', ':', '1', ',', '"files"', '"main.cf"', '"x"', '[', ']', 'null', '"history"', '\\u0000'];
    for (let i = 0; i < 2000; i++) {
      let raw = '';
      const n = Math.floor(rand() * 12);
      for (let k = 0; k < n; k++) raw += pieces[Math.floor(rand() * pieces.length)];
      expect(() => parseSaved(raw)).not.toThrow();
    }
  });
});

describe('storage keys', () => {
  it('keeps labs with a storage-key attribute apart and ignores a malformed one', async () => {
    const { storageKeyFor } = await import('../../src/components/lab/lab-storage.ts');
    expect(storageKeyFor(null)).toBe(STORAGE_KEY);
    expect(storageKeyFor('lesson-2')).toBe(`${STORAGE_KEY}:lesson-2`);
    expect(storageKeyFor('<img src=x>')).toBe(STORAGE_KEY);
    expect(storageKeyFor('')).toBe(STORAGE_KEY);
  });
});
