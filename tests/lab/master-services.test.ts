import { describe, expect, it } from 'vitest';
import { MasterCf } from '../../src/engine/config/master-cf.ts';
import { runPostconf } from '../../src/engine/postconf/run-postconf.ts';
import { LAB_MAIN_CF } from '../../src/engine/world/data/lab-files.ts';
import { LAB_MASTER_CF } from '../../src/engine/world/data/lab-master-cf.ts';
import {
  disableService,
  enableService,
  LAB_SERVICES,
  serviceEnabled,
  serviceParam,
  setServiceParam,
  stockBlock,
} from '../../src/components/lab/master-services.ts';
import { diffLines } from '../../src/components/lab/line-diff.ts';
import { appendedMasterLines, corpusFile } from './corpus.ts';

const SCENARIO = { submission: 'submission-587-auth-only', submissions: 'submissions-465-wrappermode' } as const;

/** `postconf -P` on the lab files: what real postconf says about the service's -o settings. */
function postconfP(master: string, key: string): string {
  return runPostconf(['-P', key], { mainCf: LAB_MAIN_CF, masterCf: master }).stdout;
}

describe('the stock submission blocks', () => {
  const corpusMaster = corpusFile('base', 'master.cf').split('\n');

  for (const service of LAB_SERVICES) {
    it(`${service}: the block's service and -o lines are Debian's stock lines (corpus base/master.cf)`, () => {
      const block = stockBlock(service);
      expect(block.length).toBeGreaterThan(3);
      const entryLines = block.map((l) => l.replace(/\n$/, '')).filter((l) => /^#\S/.test(l) || /^#\s+-o\s/.test(l));
      expect(entryLines[0]).toMatch(new RegExp(`^#${service}\\s+inet\\s`));
      for (const line of entryLines) expect(corpusMaster).toContain(line);
    });

    it(`${service}: is off in the lab's master.cf`, () => {
      expect(serviceEnabled(LAB_MASTER_CF, service)).toBe(false);
      expect(serviceParam(LAB_MASTER_CF, service, 'smtpd_tls_security_level')).toEqual({ kind: 'service-off' });
    });

    it(`${service}: switching it on only removes "#" from the stock service and -o lines`, () => {
      const on = enableService(LAB_MASTER_CF, service);
      const diff = diffLines(LAB_MASTER_CF, on);
      const dels = diff.filter((d) => d.kind === 'del');
      const adds = diff.filter((d) => d.kind === 'add');
      expect(dels.length).toBe(adds.length);
      for (const [i, d] of dels.entries()) expect(d.text).toBe(`#${adds[i]?.text}`);
      expect(adds[0]?.text).toMatch(new RegExp(`^${service}\\s+inet\\s`));
      expect(MasterCf.parse(on).fatal).toBeNull();
      expect(serviceEnabled(on, service)).toBe(true);
    });

    it(`${service}: on, it has the settings the corpus recorded the service with (${SCENARIO[service]})`, () => {
      const on = enableService(LAB_MASTER_CF, service);
      const entry = MasterCf.parse(on).find(service, 'inet');
      expect(entry).toBeDefined();
      const recorded = appendedMasterLines(SCENARIO[service]);
      expect(recorded[0]?.split(/\s+/).slice(0, 8)).toEqual(entry?.argv.slice(0, 8));
      for (const line of recorded.slice(1)) {
        const [name, value] = line.replace(/^\s+-o\s+/, '').split('=') as [string, string];
        // The recording used the article's relay restriction; the stock block restricts recipients instead.
        if (name === 'smtpd_relay_restrictions') continue;
        expect(entry?.params.get(name)).toBe(value);
      }
    });

    it(`${service}: switching it off again gives back the stock file byte for byte`, () => {
      expect(disableService(enableService(LAB_MASTER_CF, service), service)).toBe(LAB_MASTER_CF);
    });

    it(`${service}: on twice or off twice changes nothing more`, () => {
      const on = enableService(LAB_MASTER_CF, service);
      expect(enableService(on, service)).toBe(on);
      expect(disableService(LAB_MASTER_CF, service)).toBe(LAB_MASTER_CF);
    });
  }

  it('the two services are independent', () => {
    const both = enableService(enableService(LAB_MASTER_CF, 'submission'), 'submissions');
    expect(serviceEnabled(both, 'submission')).toBe(true);
    expect(serviceEnabled(both, 'submissions')).toBe(true);
    expect(disableService(both, 'submission')).toBe(enableService(LAB_MASTER_CF, 'submissions'));
  });

  it('a master.cf without the commented block gets the stock entry appended', () => {
    const text = 'smtp      inet  n       -       y       -       -       smtpd';
    const on = enableService(text, 'submission');
    expect(on.startsWith(`${text}\n`)).toBe(true);
    const entry = MasterCf.parse(on).find('submission', 'inet');
    expect(entry?.params.get('syslog_name')).toBe('postfix/submission');
    expect(entry?.params.get('smtpd_tls_security_level')).toBe('encrypt');
  });

  it('switching off comments out every line of an entry written another way, leaving comments alone', () => {
    const text = 'submission inet n - y - - smtpd\n# a note\n  -o smtpd_tls_security_level=may\nsmtp inet n - y - - smtpd\n';
    expect(disableService(text, 'submission')).toBe(
      '#submission inet n - y - - smtpd\n# a note\n#  -o smtpd_tls_security_level=may\nsmtp inet n - y - - smtpd\n',
    );
  });
});

describe('one -o setting of a service', () => {
  const on = enableService(LAB_MASTER_CF, 'submission');

  it('changes only the value on its own line, and postconf -P reads the new value', () => {
    const next = setServiceParam(on, 'submission', 'smtpd_tls_security_level', 'may');
    expect(diffLines(on, next)).toEqual([
      { kind: 'del', text: '  -o smtpd_tls_security_level=encrypt', line: expect.any(Number) as number },
      { kind: 'add', text: '  -o smtpd_tls_security_level=may', line: expect.any(Number) as number },
    ]);
    expect(postconfP(next, 'submission/inet/smtpd_tls_security_level')).toBe('submission/inet/smtpd_tls_security_level = may\n');
    expect(serviceParam(next, 'submission', 'smtpd_tls_security_level')).toEqual({ kind: 'set', value: 'may' });
  });

  it('a setting the entry lacks gets its own line after the entry', () => {
    const without = on.replace('  -o smtpd_tls_security_level=encrypt\n', '');
    expect(serviceParam(without, 'submission', 'smtpd_tls_security_level')).toEqual({ kind: 'unset' });
    const next = setServiceParam(without, 'submission', 'smtpd_tls_security_level', 'none');
    const diff = diffLines(without, next);
    expect(diff).toEqual([{ kind: 'add', text: '  -o smtpd_tls_security_level=none', line: expect.any(Number) as number }]);
    const entry = MasterCf.parse(next).find('submission', 'inet');
    expect(diff[0]?.line).toBe(entry?.lastLine ?? 0);
    expect(postconfP(next, 'submission/inet/smtpd_tls_security_level')).toBe('submission/inet/smtpd_tls_security_level = none\n');
  });

  it('another layout is edited as postconf -P would edit it', () => {
    const text = 'submission inet n - y - - smtpd -o smtpd_tls_security_level=may -o smtpd_sasl_auth_enable=yes\n';
    const next = setServiceParam(text, 'submission', 'smtpd_tls_security_level', 'encrypt');
    const viaPostconf = runPostconf(['-P', 'submission/inet/smtpd_tls_security_level=encrypt'], { mainCf: LAB_MAIN_CF, masterCf: text });
    expect(next).toBe(viaPostconf.masterCf);
    expect(serviceParam(next, 'submission', 'smtpd_tls_security_level')).toEqual({ kind: 'set', value: 'encrypt' });
  });

  it('a service that is off is left alone', () => {
    expect(setServiceParam(LAB_MASTER_CF, 'submission', 'smtpd_tls_security_level', 'may')).toBe(LAB_MASTER_CF);
  });

  it('never throws on odd master.cf text', () => {
    const odd = [
      '',
      '\n\n',
      'submission',
      'submission inet',
      'submission inet n - y - - smtpd\n  -o',
      '#submission inet\n#  -o x=y',
      '\r\n\0{',
    ];
    for (const text of odd) {
      for (const service of LAB_SERVICES) {
        expect(() => enableService(text, service)).not.toThrow();
        expect(() => disableService(text, service)).not.toThrow();
        expect(() => setServiceParam(text, service, 'smtpd_tls_security_level', 'may')).not.toThrow();
      }
    }
  });
});
