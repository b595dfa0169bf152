/**
 * Reads a scenario's `config.txt`: the delta against `base/` (corpus README).
 * main.cf lines were applied with `postconf -e 'LINE'`; master.cf lines were appended;
 * the `other` section is prose for one-off preparations, of which the forms the corpus
 * uses are understood here.
 */
export type Preparation =
  | { readonly kind: 'write'; readonly path: string; readonly content: string }
  | { readonly kind: 'chmod'; readonly path: string; readonly mode: number }
  /** record_limits.py: a master.cf field set with `postconf -F` before Postfix started. */
  | { readonly kind: 'run'; readonly command: string }
  /** more/: a STARTTLS-stripping proxy (next.py StripProxy) in front of a server. */
  | {
      readonly kind: 'strip-proxy';
      readonly address: string;
      readonly port: number;
      readonly upstreamAddress: string;
      readonly upstreamPort: number;
    }
  /** more/: a fake MX that speaks only one TLS version (next.py: pfrec.Receiver with min = max version). */
  | {
      readonly kind: 'tls-only-mx';
      readonly address: string;
      readonly port: number;
      readonly version: 'TLSv1';
      readonly cipherList: string;
    }
  /** more/: the recorder stopped Postfix, rewrote a file and one main.cf setting, and started it again. */
  | {
      readonly kind: 'phase';
      readonly phase: number;
      readonly path: string;
      readonly content: string;
      readonly setting: readonly [string, string];
    };

export interface ScenarioConfig {
  readonly mainCf: readonly string[];
  readonly masterCf: readonly string[];
  readonly preparations: readonly Preparation[];
  /** `other` lines this reader does not understand (the replay reports them). */
  readonly unknown: readonly string[];
}

export function parseScenarioConfig(text: string): ScenarioConfig {
  const mainCf: string[] = [];
  const masterCf: string[] = [];
  const preparations: Preparation[] = [];
  const unknown: string[] = [];
  const other: string[] = [];
  let section: 'none' | 'main' | 'master' | 'other' = 'none';
  for (const line of text.split('\n')) {
    if (line.startsWith('# --- main.cf')) section = 'main';
    else if (line.startsWith('# --- master.cf')) section = 'master';
    else if (line.startsWith('# --- other')) section = 'other';
    else if (line.startsWith('#') || line.trim() === '') continue;
    else if (section === 'main') mainCf.push(line);
    else if (section === 'master') masterCf.push(line);
    else if (section === 'other') other.push(line);
  }
  for (const para of paragraphs(other)) {
    const p = parsePreparation(para) ?? parseMorePreparation(para);
    if (p === null) unknown.push(para);
    else if (p !== 'explained') preparations.push(p);
  }
  return { mainCf, masterCf, preparations, unknown };
}

function parsePreparation(line: string): Preparation | null {
  const w = /^(\/\S+) contains the single line '(.*)'$/.exec(line);
  if (w !== null) return { kind: 'write', path: w[1] ?? '', content: `${w[2] ?? ''}\n` };
  const f = /^master\.cf: (postconf -F '[^']*')/.exec(line);
  if (f !== null) return { kind: 'run', command: f[1] ?? '' };
  const c = /^chmod ([0-7]{3,4}) (\/\S+)/.exec(line);
  if (c !== null) return { kind: 'chmod', path: c[2] ?? '', mode: parseInt(c[1] ?? '0', 8) };
  return null;
}

/**
 * The `other` prose of more/ (next.py `extra_cfg`) wraps one statement over several lines: a line
 * ending in `has`, `:` or `;` goes on in the next one.
 */
function paragraphs(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    const prev = out[out.length - 1];
    if (prev !== undefined && /(\bhas|[:;])$/.test(prev)) out[out.length - 1] = `${prev} ${l}`;
    else out.push(l);
  }
  return out;
}

const STRIP_PROXY =
  /^STARTTLS-stripping proxy \(next\.py StripProxy\) on ([\d.]+):(\d+) -> ([\d.]+):(\d+) \(.*\); it deletes the "250-STARTTLS" line from every reply it relays to the client\.( Postfix itself is the base config\.)?$/;
const TLS1_MX =
  /^Fake MX ([\d.]+):(\d+) \(pfrec\.Receiver, STARTTLS offered\) whose python ssl\.SSLContext has minimum_version = maximum_version = TLSVersion\.TLSv1 and set_ciphers\("([^"]+)"\): TLS 1\.0 only\.$/;
/** A remark on why a main.cf line (already applied) was chosen: nothing to prepare. */
const BACKOFF_REMARK = /^minimal_backoff_time lowered from 300s so that the plaintext fallback /;
const PHASE_1 = /^phase 1: (\/\S+) contains the single line "(.*)" \(texthash: no postmap\)$/;
const PHASE_N = /^phase (\d+): Postfix stopped, (\/\S+) rewritten to "(.*)", (\w+) = (\S+) \(other lines as phase 1\), Postfix started$/;

function parseMorePreparation(para: string): Preparation | 'explained' | null {
  const sp = STRIP_PROXY.exec(para);
  if (sp !== null) {
    return {
      kind: 'strip-proxy',
      address: sp[1] ?? '',
      port: Number(sp[2]),
      upstreamAddress: sp[3] ?? '',
      upstreamPort: Number(sp[4]),
    };
  }
  const t1 = TLS1_MX.exec(para);
  if (t1 !== null) return { kind: 'tls-only-mx', address: t1[1] ?? '', port: Number(t1[2]), version: 'TLSv1', cipherList: t1[3] ?? '' };
  if (BACKOFF_REMARK.test(para)) return 'explained';
  const p1 = PHASE_1.exec(para);
  if (p1 !== null) return { kind: 'write', path: p1[1] ?? '', content: `${p1[2] ?? ''}\n` };
  const pn = PHASE_N.exec(para);
  if (pn !== null) {
    return {
      kind: 'phase',
      phase: Number(pn[1]),
      path: pn[2] ?? '',
      content: `${pn[3] ?? ''}\n`,
      setting: [pn[4] ?? '', pn[5] ?? ''],
    };
  }
  return null;
}
