import { describe, expect, it } from 'vitest';
import { MainCf } from '../../src/engine/config/main-cf.ts';
import { runPostconf } from '../../src/engine/postconf/run-postconf.ts';
import { LAB_MAIN_CF } from '../../src/engine/world/data/lab-files.ts';
import { LAB_MASTER_CF } from '../../src/engine/world/data/lab-master-cf.ts';
import {
  ALL_CONTROLS,
  choiceState,
  describeState,
  MAIN_CONTROLS,
  normalizeProtocolList,
  SERVICE_CONTROLS,
  SERVICE_PARAM_CONTROLS,
  serviceState,
  type ChoiceControl,
  type LabFiles,
} from '../../src/components/lab/controls.ts';
import { applyChoice, applyService } from '../../src/components/lab/control-edits.ts';
import { enableService } from '../../src/components/lab/master-services.ts';
import { corpusFile } from './corpus.ts';

const LAB: LabFiles = { main: LAB_MAIN_CF, master: LAB_MASTER_CF };

function control(id: string): ChoiceControl {
  const c = [...MAIN_CONTROLS, ...SERVICE_PARAM_CONTROLS].find((x) => x.id === id);
  if (c === undefined) throw new Error(`no control ${id}`);
  return c;
}

/** `postconf -d` lines recorded from real Postfix 3.7.11 (corpus postconf-defaults-tls-sasl). */
function recordedDefault(name: string): string | undefined {
  const line = corpusFile('postconf-defaults-tls-sasl', 'transcript.normalized.txt')
    .split('\n')
    .find((l) => l.startsWith(`S: ${name} =`));
  return line?.slice(`S: ${name} =`.length).trim();
}

describe('the controls', () => {
  it('are labelled with exact parameter names (service ones as "<service> <parameter>")', () => {
    for (const c of MAIN_CONTROLS) expect(c.id).toBe(c.param);
    for (const c of SERVICE_PARAM_CONTROLS) expect(c.id).toBe(`${c.service} ${c.param}`);
    for (const c of SERVICE_CONTROLS) expect(c.id).toBe(c.service);
    expect(new Set(ALL_CONTROLS.map((c) => c.id)).size).toBe(ALL_CONTROLS.length);
  });

  it('offer the values the course asks for', () => {
    expect(control('smtpd_tls_security_level').choices).toEqual(['none', 'may', 'encrypt']);
    expect(control('submission smtpd_tls_security_level').choices).toEqual(['none', 'may', 'encrypt']);
    expect(control('smtp_tls_security_level').choices).toEqual(['none', 'may', 'encrypt', 'verify']);
    expect(control('smtpd_tls_protocols').choices).toEqual(['>=TLSv1', '>=TLSv1.2', '!SSLv2, !SSLv3, !TLSv1, !TLSv1.1', '>=TLSv1.3']);
    expect(control('smtpd_tls_loglevel').choices).toEqual(['0', '1', '2', '3', '4']);
  });
});

describe('reading the files', () => {
  it("shows the lab's main.cf values", () => {
    expect(choiceState(control('smtpd_tls_security_level'), LAB)).toEqual({ kind: 'choice', value: 'may' });
    expect(choiceState(control('smtp_tls_security_level'), LAB)).toEqual({ kind: 'choice', value: 'may' });
    expect(choiceState(control('smtpd_tls_loglevel'), LAB)).toEqual({ kind: 'choice', value: '1' });
  });

  it('a parameter main.cf does not set shows the compiled-in default real postconf -d prints', () => {
    for (const id of ['smtpd_tls_auth_only', 'smtpd_tls_protocols']) {
      const state = choiceState(control(id), LAB);
      expect(state.kind).toBe('unset');
      if (state.kind !== 'unset') continue;
      expect(state.from).toBe('default');
      expect(state.effective).toBe(recordedDefault(id));
    }
    const noLevel = { ...LAB, main: MainCf.parse(LAB_MAIN_CF).withoutSettings(['smtpd_tls_security_level']) };
    const state = choiceState(control('smtpd_tls_security_level'), noLevel);
    expect(state).toEqual({ kind: 'unset', effective: recordedDefault('smtpd_tls_security_level'), from: 'default' });
    expect(describeState(state, control('smtpd_tls_security_level'))).toBe('not set (default: empty)');
  });

  it('a value the control does not offer is shown as a custom value, not as a choice', () => {
    const files = { ...LAB, main: MainCf.parse(LAB_MAIN_CF).withSettings([['smtpd_tls_security_level', 'maybe']]) };
    const state = choiceState(control('smtpd_tls_security_level'), files);
    expect(state).toEqual({ kind: 'custom', value: 'maybe' });
    expect(describeState(state, control('smtpd_tls_security_level'))).toBe('custom value: maybe');
    const variable = { ...LAB, main: `${LAB_MAIN_CF}smtpd_tls_loglevel = $smtp_tls_loglevel\n` };
    expect(choiceState(control('smtpd_tls_loglevel'), variable)).toEqual({ kind: 'custom', value: '$smtp_tls_loglevel' });
  });

  it('the last setting of a parameter wins, as in Postfix', () => {
    const files = { ...LAB, main: `${LAB_MAIN_CF}smtpd_tls_security_level = encrypt\n` };
    expect(choiceState(control('smtpd_tls_security_level'), files)).toEqual({ kind: 'choice', value: 'encrypt' });
  });

  it('a protocol list written with other separators is the same choice', () => {
    expect(normalizeProtocolList('!SSLv2,!SSLv3,!TLSv1,!TLSv1.1')).toBe(normalizeProtocolList('!SSLv2, !SSLv3, !TLSv1, !TLSv1.1'));
    const files = { ...LAB, main: `${LAB_MAIN_CF}smtpd_tls_protocols = !SSLv2 !SSLv3 !TLSv1 !TLSv1.1\n` };
    expect(choiceState(control('smtpd_tls_protocols'), files)).toEqual({ kind: 'choice', value: '!SSLv2, !SSLv3, !TLSv1, !TLSv1.1' });
  });

  it('per-service controls: off while the service is off, then its -o value, then main.cf when it has none', () => {
    const c = control('submission smtpd_tls_security_level');
    expect(choiceState(c, LAB)).toEqual({ kind: 'service-off' });
    expect(describeState({ kind: 'service-off' }, c)).toBe('submission is off');
    const on = { ...LAB, master: enableService(LAB_MASTER_CF, 'submission') };
    expect(choiceState(c, on)).toEqual({ kind: 'choice', value: 'encrypt' });
    expect(choiceState(control('submission smtpd_sasl_auth_enable'), on)).toEqual({ kind: 'choice', value: 'yes' });
    const inherit = { ...on, master: on.master.replace('  -o smtpd_tls_security_level=encrypt\n', '') };
    const state = choiceState(c, inherit);
    expect(state).toEqual({ kind: 'unset', effective: 'may', from: 'main.cf' });
    expect(describeState(state, c)).toBe('not set (main.cf: may)');
  });

  it('never throws, whatever the files say', () => {
    const odd = ['', '\0', 'smtpd_tls_security_level', '  indented = 1', '=', 'a = b\n  c', '#'.repeat(1000), 'x = ${'];
    for (const main of odd) {
      for (const master of odd) {
        for (const c of [...MAIN_CONTROLS, ...SERVICE_PARAM_CONTROLS]) expect(() => choiceState(c, { main, master })).not.toThrow();
        for (const c of SERVICE_CONTROLS) expect(() => serviceState(c, { main, master })).not.toThrow();
      }
    }
  });
});

describe('writing the files', () => {
  it('a main.cf control writes exactly what postconf -e writes', () => {
    for (const c of MAIN_CONTROLS) {
      for (const value of c.choices) {
        const expected = runPostconf(['-e', `${c.param}=${value}`], { mainCf: LAB_MAIN_CF, masterCf: LAB_MASTER_CF }).mainCf;
        expect(applyChoice(c, value, LAB).main).toBe(expected);
        expect(choiceState(c, applyChoice(c, value, LAB))).toEqual({ kind: 'choice', value });
      }
    }
  });

  it('a value outside the choices changes nothing', () => {
    expect(applyChoice(control('smtpd_tls_security_level'), 'maybe', LAB)).toBe(LAB);
    expect(applyChoice(control('smtpd_tls_security_level'), '', LAB)).toBe(LAB);
  });

  it('per-service controls edit master.cf only, and only once the service is on', () => {
    const c = control('submission smtpd_tls_security_level');
    expect(applyChoice(c, 'none', LAB).master).toBe(LAB_MASTER_CF);
    const on = applyService(SERVICE_CONTROLS[0] ?? assertMissing(), true, LAB);
    const next = applyChoice(c, 'none', on);
    expect(next.main).toBe(LAB_MAIN_CF);
    expect(choiceState(c, next)).toEqual({ kind: 'choice', value: 'none' });
  });

  it('the service switches uncomment and comment the stock blocks', () => {
    for (const c of SERVICE_CONTROLS) {
      expect(serviceState(c, LAB)).toBe(false);
      const on = applyService(c, true, LAB);
      expect(serviceState(c, on)).toBe(true);
      expect(applyService(c, false, on)).toEqual(LAB);
      expect(applyService(c, false, LAB)).toBe(LAB);
    }
  });
});

function assertMissing(): never {
  throw new Error('missing control');
}
