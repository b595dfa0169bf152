import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkMainCf, checkMasterCf, formatCheck } from '../../../src/engine/config/check.ts';
import {
  builtinDefault,
  builtinParameterNames,
  LEGACY_PARAMETERS,
  RAW_PARAMETERS,
  serviceParameters as serviceParams,
} from '../../../src/engine/config/defaults.ts';
import { serviceParameters } from '../../../src/engine/config/effective.ts';
import { MainCf } from '../../../src/engine/config/main-cf.ts';
import { MasterCf } from '../../../src/engine/config/master-cf.ts';
import {
  completeParameterName,
  describedParameters,
  knownParameterNames,
  parameterInfo,
} from '../../../src/engine/config/parameter-info.ts';
import {
  inetEndpoint,
  lookupServicesFile,
  parseKnownTcpPorts,
  resolveTcpPort,
  splitHostPort,
} from '../../../src/engine/config/services.ts';
import { ETC_SERVICES_TEXT } from '../../../src/engine/config/data/etc-services-text.ts';
import { CORPUS as GROUND_TRUTH } from '../../corpus/corpus-path.ts';

const CORPUS = `${GROUND_TRUTH}`;
const BASE = readFileSync(`${CORPUS}/base/main.cf`, 'utf8');
const STOCK = readFileSync(`${CORPUS}/base/master.cf`, 'utf8');
const CONFIG = readFileSync(`${CORPUS}/postconf-behaviours/config.txt`, 'utf8');
const APPENDED = `${CONFIG.split('# --- master.cf (appended) ---\n')[1] ?? ''}`;
const KNOWN = builtinDefault('known_tcp_ports') ?? '';

describe('services and ports', () => {
  it('known_tcp_ports default', () => {
    expect(KNOWN).toBe('lmtp=24, smtp=25, smtps=submissions=465, submission=587');
    expect(parseKnownTcpPorts(KNOWN)).toEqual(
      new Map([
        ['lmtp', 24],
        ['smtp', 25],
        ['smtps', 465],
        ['submissions', 465],
        ['submission', 587],
      ]),
    );
  });
  it('/etc/services is the real Debian 12 file', () => {
    expect(ETC_SERVICES_TEXT).toBe(readFileSync('/etc/services', 'utf8'));
    expect(lookupServicesFile('submission')).toBe(587);
    expect(lookupServicesFile('urd')).toBe(465);
    expect(lookupServicesFile('imap2')).toBe(143);
    expect(lookupServicesFile('nosuch')).toBeNull();
  });
  it.each([
    ['smtp', null, 25],
    ['submission', null, 587],
    ['submissions', null, 465],
    ['127.0.0.1:submission', '127.0.0.1', 587],
    ['[::1]:25', '::1', 25],
    ['2525', null, 2525],
    ['imap', null, 143],
  ])('%s', (name, host, port) => {
    expect(inetEndpoint(name, KNOWN)).toEqual({ ok: true, host, port });
  });
  it('known_tcp_ports is consulted before /etc/services', () => {
    expect(resolveTcpPort('smtp', 'smtp=2525')).toBe(2525);
    expect(resolveTcpPort('smtp', '')).toBe(25);
    expect(inetEndpoint('nosuchservice', KNOWN)).toEqual({ ok: false, reason: 'unknown-service', port: 'nosuchservice' });
    expect(splitHostPort('[::1')).toBeNull();
  });
});

describe('effective parameters of a service', () => {
  const main = MainCf.parse(BASE);
  const master = MasterCf.parse(STOCK + APPENDED);
  it('main.cf, then defaults, expanded', () => {
    const v = serviceParameters(main, null);
    expect(v.get('myhostname')).toBe('mail.example.org');
    expect(v.get('mydestination')).toBe('mail.example.org, localhost, example.org');
    expect(v.get('smtpd_banner')).toBe('mail.example.org ESMTP Postfix');
    expect(v.get('syslog_name')).toBe('postfix');
    expect(v.get('smtpd_relay_restrictions')).toBe('permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination');
    expect(v.get('smtpd_tls_protocols')).toBe('>=TLSv1');
    expect(v.get('smtpd_tls_key_file')).toBe('/etc/postfix/tls/mail.example.org.key');
    expect(v.get('smtputf8_enable')).toBe('yes');
    expect(v.get('nonexistent_param')).toBe('');
    expect(v.raw('smtpd_banner')).toBe('$myhostname ESMTP $mail_name');
    expect(v.isSet('smtpd_tls_security_level')).toBe(true);
    expect(v.isSet('smtpd_banner')).toBe(false);
  });
  it('-o overrides win; $service_name is the service name', () => {
    const sub = serviceParameters(main, master.service('submission', 'inet') ?? null);
    expect(sub.get('smtpd_tls_security_level')).toBe('encrypt');
    expect(sub.get('syslog_name')).toBe('postfix/submission');
    expect(sub.get('smtpd_relay_restrictions')).toBe('permit_sasl_authenticated,reject');
    expect(sub.isSet('smtpd_tls_auth_only')).toBe(true);
    const relay = serviceParameters(main, master.service('relay', 'unix') ?? null);
    expect(relay.get('syslog_name')).toBe('postfix/relay');
    expect(relay.get('process_name')).toBe('smtp');
    expect(serviceParameters(main, master.service('smtp', 'inet') ?? null).get('smtpd_tls_security_level')).toBe('may');
  });
  it('at compatibility_level 0 the backwards-compatible defaults apply', () => {
    const v = serviceParameters(MainCf.parse('compatibility_level = 0\n'), null);
    expect(v.get('smtpd_relay_restrictions')).toBe('');
    expect(v.get('smtputf8_enable')).toBe('no');
    expect(v.get('relay_domains')).toBe('mail.example.org, localhost.example.org, localhost');
  });
  it('loops and syntax errors are reported, not thrown', () => {
    const v = serviceParameters(MainCf.parse('relayhost = $myorigin\nmyorigin = $relayhost\nsmtpd_banner = ${x\n'), null);
    expect(v.fatal('relayhost')).toBe('dictionary mail_dict: macro processing error');
    expect(v.warnings('relayhost')).toEqual(['unreasonable macro call nesting: "relayhost"']);
    expect(v.fatal('smtpd_banner')).not.toBeNull();
    expect(v.fatal('myhostname')).toBeNull();
  });
});

describe('defaults', () => {
  it('every $name in a non-raw default is built in or legacy', () => {
    const names = new Set(builtinParameterNames());
    for (const n of names) {
      if (RAW_PARAMETERS.has(n)) continue;
      for (const m of (builtinDefault(n) ?? '').matchAll(/\$(?:\{|\()?\s*([A-Za-z0-9_]+)/g)) {
        const ref = m[1] ?? '';
        expect(names.has(ref) || LEGACY_PARAMETERS.has(ref), `${n} -> ${ref}`).toBe(true);
      }
    }
  });
  it('the lab parameters have the corpus defaults', () => {
    const want: Record<string, string> = {
      smtpd_tls_security_level: '',
      smtp_tls_security_level: '',
      smtpd_tls_loglevel: '0',
      smtpd_tls_protocols: '>=TLSv1',
      smtpd_tls_mandatory_protocols: '>=TLSv1',
      smtpd_tls_ciphers: 'medium',
      tls_medium_cipherlist: 'aNULL:-aNULL:HIGH:MEDIUM:+RC4:@STRENGTH',
      smtpd_relay_restrictions:
        '${{$compatibility_level} <level {1} ? {} : {permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination}}',
      mynetworks: '127.0.0.0/8 192.0.2.0/24 [::1]/128 [fd00::]/64 [fe80::]/64',
      smtpd_banner: '$myhostname ESMTP $mail_name',
      message_size_limit: '10240000',
      syslog_name: '${multi_instance_name?{$multi_instance_name}:{postfix}}',
      default_process_limit: '100',
      mail_version: '3.7.11',
    };
    for (const [n, v] of Object.entries(want)) expect(builtinDefault(n), n).toBe(v);
  });
  it('host-dependent defaults', () => {
    expect(builtinDefault('myhostname')).toBe('mail.example.org');
    expect(builtinDefault('mydomain')).toBe('example.org');
    expect(builtinDefault('myhostname', { hostname: 'vm' })).toBe('vm.localdomain');
    expect(builtinDefault('mydomain', { hostname: 'vm' })).toBe('localdomain');
    expect(builtinDefault('myhostname', { hostname: 'vm' }, (n) => (n === 'mydomain' ? 'x.org' : undefined))).toBe('vm.x.org');
    expect(builtinDefault('mydomain', { hostname: 'vm' }, (n) => (n === 'myhostname' ? 'foo.bar.example' : undefined))).toBe('bar.example');
  });
  it('service-defined names', () => {
    expect(serviceParams('relay', 'smtp').map((p) => p.name)).toContain('relay_destination_concurrency_limit');
    expect(serviceParams('maildrop', 'pipe')[0]).toEqual({
      name: 'maildrop_time_limit',
      defaultValue: '$command_time_limit',
      builtin: false,
    });
    expect(serviceParams('local', 'local').find((p) => p.name === 'local_destination_concurrency_limit')?.builtin).toBe(true);
    expect(serviceParams('smtp', 'smtpd')).toEqual([]);
  });
});

describe('checks, names and descriptions', () => {
  it('checkMainCf / checkMasterCf give what postfix check prints', () => {
    const bad = checkMainCf(`${BASE}smtpd_tls_security_level encrypt\n`);
    expect(formatCheck('postfix', bad)).toEqual([
      `postfix: fatal: /etc/postfix/main.cf, line 32: missing '=' after attribute name: "smtpd_tls_security_level encrypt"`,
    ]);
    expect(formatCheck('postfix', checkMainCf(`${BASE}smtpd_tls_loglevel = 2\n`))).toEqual([
      'postfix: warning: /etc/postfix/main.cf, line 32: overriding earlier entry: smtpd_tls_loglevel=1',
    ]);
    expect(formatCheck('/usr/sbin/postconf', checkMasterCf(`${STOCK}foo bogus n - n - - smtpd\n`))).toEqual([
      '/usr/sbin/postconf: fatal: invalid type field "bogus" in "foo bogus n - n - - smtpd"',
    ]);
    expect(checkMainCf(undefined).fatal).toBe('open /etc/postfix/main.cf: No such file or directory');
  });
  it('known names for completion', () => {
    expect(knownParameterNames()).toHaveLength(831);
    expect(knownParameterNames(STOCK)).toHaveLength(1043);
    expect(completeParameterName('smtpd_tls_security')).toEqual(['smtpd_tls_security_level']);
  });
  it('every lab parameter has a description and a default', () => {
    for (const n of describedParameters()) {
      const info = parameterInfo(n);
      expect(info.description, n).not.toBeNull();
      expect(info.defaultValue, n).not.toBeNull();
    }
    expect(parameterInfo('no_such').defaultValue).toBeNull();
  });
});

describe('process limits', () => {
  it('"-" means $default_process_limit (100)', async () => {
    const { effectiveProcessLimit } = await import('../../../src/engine/config/effective.ts');
    const master = MasterCf.parse(STOCK);
    const main = serviceParameters(MainCf.parse(BASE), null);
    expect(effectiveProcessLimit(master.service('smtp', 'inet') ?? (null as never), main)).toBe(100);
    expect(effectiveProcessLimit(master.service('pickup', 'unix') ?? (null as never), main)).toBe(1);
    const lower = serviceParameters(MainCf.parse('default_process_limit = 7\n'), null);
    expect(effectiveProcessLimit(master.service('smtp', 'inet') ?? (null as never), lower)).toBe(7);
  });
});
