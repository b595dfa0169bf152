import { describe, expect, it } from 'vitest';
import { serverTls } from '../../../src/engine/tls/server-tls.ts';
import { corpusTls, TLS_INIT_LINE } from './corpus/corpus-tls.ts';
import { replay } from './corpus/replay.ts';
import { loadScenario } from './corpus/scenario.ts';

/**
 * Session-level replay of the corpus scenarios smtpd owns: every `S:` line of every connection and every
 * smtpd log line of raw.normalized.log must match.
 */
const SCENARIOS = [
  'p25-level-none',
  'p25-level-may',
  'p25-level-encrypt',
  'p25-may-cert-missing',
  'p25-encrypt-cert-missing',
  'p25-may-key-garbage',
  'p25-may-key-mode-000',
  'p25-may-sasl-global',
  'p25-sasl-broken-clients',
  'submission-587-auth-only',
  'submission-587-no-auth-only',
  'smtp-edge-cases',
  'invalid-level-maybe',
  'invalid-loglevel-high',
  'submissions-465-wrappermode',
  'log-smtpd-tls-loglevel-0',
] as const;

describe('corpus replay (TLS init answered as recorded)', () => {
  for (const name of SCENARIOS) {
    describe(name, () => {
      const scenario = loadScenario(name);
      const result = replay(scenario, corpusTls(scenario));
      result.connections.forEach((c, i) => {
        it(`connection ${i + 1}${c.title === '' ? '' : ` (${c.title})`}: every reply line`, () => {
          expect(c.actual).toEqual(c.expected);
        });
      });
      it('every smtpd log line, in order', () => {
        expect(result.log).toEqual(result.expectedLog);
      });
    });
  }
});

/**
 * The same scenarios with the first-cut serverTls behind smtpd. Its init() knows no certificate
 * problems yet (the TLS model issue adds them), so the lines it does not write are listed here, and
 * the garbage-key scenario (STARTTLS answers 454 only once the engine parses the key) waits for it.
 */
describe('corpus replay with the first-cut serverTls', () => {
  for (const name of SCENARIOS) {
    if (name === 'p25-may-key-garbage') {
      it.todo(`${name}: needs key parsing in the TLS engine (first cut answers 220 where Postfix says 454)`);
      continue;
    }
    it(`${name}: replies, and log lines apart from the TLS engine's init warnings`, () => {
      const scenario = loadScenario(name);
      const result = replay(scenario, serverTls);
      for (const c of result.connections) expect(c.actual).toEqual(c.expected);
      const initGap = result.expectedLog.filter((l) => TLS_INIT_LINE.test(l.replace(/^\S+\[<PID>\]: /, '')) && !result.log.includes(l));
      expect(result.log).toEqual(result.expectedLog.filter((l) => !initGap.includes(l)));
    });
  }
});
