/**
 * The lab's configuration controls and how each one maps to the files: what a control shows for the
 * current main.cf/master.cf text, and the new text when the learner picks a value. DOM-free and pure.
 *
 * main.cf settings are written exactly as `postconf -e name=value` writes them (MainCf.withSettings);
 * master.cf settings are text edits (master-services.ts). A file the controls cannot represent (a value
 * that is none of the choices, a `$variable`...) shows up as a `custom` state: the control never lies.
 * The edits themselves (the new text for a pick) are control-edits.ts, which the panel loads with its
 * first change.
 */
import { builtinDefault } from '../../engine/config/defaults.ts';
import { MainCf } from '../../engine/config/main-cf.ts';
import { assertNever } from '../../engine/util/assert-never.ts';
import { serviceEnabled, serviceParam, type LabService } from './service-state.ts';

/** The two files the controls edit. */
export interface LabFiles {
  readonly main: string;
  readonly master: string;
}

/** A main.cf parameter with a fixed list of values. */
export interface MainControl {
  readonly kind: 'main';
  /** Also the label text: the parameter's exact name. */
  readonly id: string;
  readonly param: string;
  readonly choices: readonly string[];
  readonly help: string;
  /** Values that mean the same as a choice are shown as that choice (smtpd_tls_protocols' separators). */
  readonly normalize?: (value: string) => string;
}

/** An `-o name=value` of a master.cf service, with a fixed list of values. */
export interface ServiceParamControl {
  readonly kind: 'service-param';
  /** `<service> <param>`, also the label text. */
  readonly id: string;
  readonly service: LabService;
  readonly param: string;
  readonly choices: readonly string[];
  readonly help: string;
}

/** A master.cf service switched on (uncommented) or off (commented out). */
export interface ServiceControl {
  readonly kind: 'service';
  /** The service name, also the label text. */
  readonly id: LabService;
  readonly service: LabService;
  readonly port: number;
  readonly help: string;
}

export type ChoiceControl = MainControl | ServiceParamControl;
export type LabControl = ChoiceControl | ServiceControl;

/** `>=TLSv1.2`, `!SSLv2,!SSLv3` and `!SSLv2 !SSLv3` mean the same: compare the list, not its separators. */
export function normalizeProtocolList(value: string): string {
  return value
    .split(/[\s,:]+/)
    .filter((w) => w !== '')
    .join(', ');
}

const LEVELS_IN = ['none', 'may', 'encrypt'] as const;

export const MAIN_CONTROLS: readonly MainControl[] = [
  {
    kind: 'main',
    id: 'smtpd_tls_security_level',
    param: 'smtpd_tls_security_level',
    choices: LEVELS_IN,
    help: 'TLS for mail coming in on port 25. none: no STARTTLS; may: STARTTLS offered, plaintext still accepted; encrypt: STARTTLS required before mail.',
  },
  {
    kind: 'main',
    id: 'smtp_tls_security_level',
    param: 'smtp_tls_security_level',
    choices: ['none', 'may', 'encrypt', 'verify'],
    help: 'TLS for mail this server sends to other servers. verify also checks the other server’s certificate.',
  },
  {
    kind: 'main',
    id: 'smtpd_tls_auth_only',
    param: 'smtpd_tls_auth_only',
    choices: ['yes', 'no'],
    help: 'yes: offer AUTH only after STARTTLS, so passwords never cross the network in plaintext.',
  },
  {
    kind: 'main',
    id: 'smtpd_tls_protocols',
    param: 'smtpd_tls_protocols',
    choices: ['>=TLSv1', '>=TLSv1.2', '!SSLv2, !SSLv3, !TLSv1, !TLSv1.1', '>=TLSv1.3'],
    help: 'The TLS versions the server accepts when TLS is optional (level may).',
    normalize: normalizeProtocolList,
  },
  {
    kind: 'main',
    id: 'smtpd_tls_loglevel',
    param: 'smtpd_tls_loglevel',
    choices: ['0', '1', '2', '3', '4'],
    help: 'How much the server logs about TLS: 0 nothing, 1 one line per connection, 2 and up the handshake in detail.',
  },
];

export const SERVICE_CONTROLS: readonly ServiceControl[] = [
  {
    kind: 'service',
    id: 'submission',
    service: 'submission',
    port: 587,
    help: 'Port 587, for mail programs that log in and then send (STARTTLS). Uncomments the stock block in master.cf; the port opens at Apply (postfix reload).',
  },
  {
    kind: 'service',
    id: 'submissions',
    service: 'submissions',
    port: 465,
    help: 'Port 465, the same with TLS from the first byte (wrapper mode). Uncomments the stock block in master.cf; the port opens at Apply (postfix reload).',
  },
];

export const SERVICE_PARAM_CONTROLS: readonly ServiceParamControl[] = [
  {
    kind: 'service-param',
    id: 'submission smtpd_tls_security_level',
    service: 'submission',
    param: 'smtpd_tls_security_level',
    choices: LEVELS_IN,
    help: 'The -o override of the submission service in master.cf (used from the next Apply); without it, main.cf’s value applies.',
  },
  {
    kind: 'service-param',
    id: 'submission smtpd_sasl_auth_enable',
    service: 'submission',
    param: 'smtpd_sasl_auth_enable',
    choices: ['yes', 'no'],
    help: 'yes: the submission service offers AUTH (SASL login).',
  },
];

export const ALL_CONTROLS: readonly LabControl[] = [...MAIN_CONTROLS, ...SERVICE_CONTROLS, ...SERVICE_PARAM_CONTROLS];

/** What a choice control shows for the files as they are. */
export type ChoiceState =
  /** The file says one of the choices. */
  | { readonly kind: 'choice'; readonly value: string }
  /** The file does not set it; `effective` is what applies instead (default or main.cf), '' for empty. */
  | { readonly kind: 'unset'; readonly effective: string; readonly from: 'default' | 'main.cf' }
  /** The file says something the control does not offer. */
  | { readonly kind: 'custom'; readonly value: string }
  /** A per-service setting of a service that is switched off. */
  | { readonly kind: 'service-off' };

function matchChoice(choices: readonly string[], value: string, normalize?: (v: string) => string): string | undefined {
  if (choices.includes(value)) return value;
  if (normalize === undefined) return undefined;
  const n = normalize(value);
  return choices.find((c) => normalize(c) === n);
}

function mainValue(main: MainCf, param: string): { value: string; from: 'default' | 'main.cf' } {
  const set = main.get(param);
  return set === undefined ? { value: builtinDefault(param) ?? '', from: 'default' } : { value: set, from: 'main.cf' };
}

export function choiceState(control: ChoiceControl, files: LabFiles): ChoiceState {
  switch (control.kind) {
    case 'main': {
      const main = MainCf.parse(files.main);
      const value = main.get(control.param);
      if (value === undefined) return { kind: 'unset', effective: builtinDefault(control.param) ?? '', from: 'default' };
      const choice = matchChoice(control.choices, value, control.normalize);
      return choice === undefined ? { kind: 'custom', value } : { kind: 'choice', value: choice };
    }
    case 'service-param': {
      const p = serviceParam(files.master, control.service, control.param);
      switch (p.kind) {
        case 'service-off':
          return { kind: 'service-off' };
        case 'unset': {
          const inherited = mainValue(MainCf.parse(files.main), control.param);
          return { kind: 'unset', effective: inherited.value, from: inherited.from };
        }
        case 'set': {
          const choice = matchChoice(control.choices, p.value);
          return choice === undefined ? { kind: 'custom', value: p.value } : { kind: 'choice', value: choice };
        }
        default:
          return assertNever(p);
      }
    }
    default:
      return assertNever(control);
  }
}

export function serviceState(control: ServiceControl, files: LabFiles): boolean {
  return serviceEnabled(files.master, control.service);
}

/** How a state reads next to the control ("not set: default may", "custom value: maybe"...). */
export function describeState(state: ChoiceState, control: ChoiceControl): string {
  switch (state.kind) {
    case 'choice':
      return state.value;
    case 'unset': {
      const shown = state.effective === '' ? 'empty' : state.effective;
      return state.from === 'default' ? `not set (default: ${shown})` : `not set (main.cf: ${shown})`;
    }
    case 'custom':
      return `custom value: ${state.value === '' ? 'empty' : state.value}`;
    case 'service-off':
      return control.kind === 'service-param' ? `${control.service} is off` : 'off';
    default:
      return assertNever(state);
  }
}
