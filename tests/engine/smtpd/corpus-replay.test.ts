import { describe, expect, it } from 'vitest';
import { serverTls } from '../../../src/engine/tls/server-tls.ts';
import { corpusTls } from './corpus/corpus-tls.ts';
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
  'log-smtpd-tls-loglevel-2',
  'log-smtpd-tls-loglevel-3',
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

/** The same scenarios with the real TLS engine (src/engine/tls/server-tls.ts) behind smtpd: the whole chain. */
describe('corpus replay with serverTls', () => {
  for (const name of SCENARIOS) {
    it(`${name}: every reply line and every smtpd log line`, () => {
      const scenario = loadScenario(name);
      const result = replay(scenario, serverTls);
      for (const c of result.connections) expect(c.actual).toEqual(c.expected);
      expect(result.log).toEqual(result.expectedLog);
    });
  }
});
