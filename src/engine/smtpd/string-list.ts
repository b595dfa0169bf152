/**
 * A Postfix "string list" (util/match_list.c) such as `smtpd_forbidden_commands`: words matched without
 * regard to case, `!word` to exclude, and inline tables like `regexp:{{/^[^A-Z]/ Bogus}}` (the 3.7 default,
 * corpus postconf-defaults-tls-sasl). Regexp tables match case-insensitively unless the `i` flag turns it off.
 */
type Matcher = { readonly negate: boolean; readonly test: (s: string) => boolean };

/** Splits a list on commas and white space, keeping `{...}` groups whole. */
export function splitPostfixList(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  for (const c of value) {
    if (c === '{') depth++;
    if (c === '}' && depth > 0) depth--;
    if (depth === 0 && /[\s,]/.test(c)) {
      if (cur !== '') out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur !== '') out.push(cur);
  return out;
}

/** The rules inside `{ {rule}, {rule} }` (or a single `{rule}`). */
function inlineRules(body: string): string[] {
  const inner = body.trim().replace(/^\{/, '').replace(/\}$/, '').trim();
  const rules: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of inner) {
    if (c === '{') {
      if (depth === 0) cur = '';
      else cur += c;
      depth++;
    } else if (c === '}') {
      depth--;
      if (depth === 0) rules.push(cur.trim());
      else cur += c;
    } else if (depth > 0) cur += c;
  }
  if (rules.length === 0 && inner !== '') rules.push(inner);
  return rules;
}

function regexpRule(rule: string): ((s: string) => boolean) | null {
  const m = /^(!?)\/((?:\\.|[^\\/])*)\/([a-zA-Z]*)/.exec(rule);
  if (m === null) return null;
  let caseless = true;
  for (const f of m[3] ?? '') if (f === 'i') caseless = !caseless;
  try {
    const re = new RegExp(m[2] ?? '', caseless ? 'i' : '');
    const negated = m[1] === '!';
    return (s) => re.test(s) !== negated;
  } catch {
    return null;
  }
}

export class StringList {
  readonly #matchers: readonly Matcher[];

  constructor(value: string) {
    const matchers: Matcher[] = [];
    for (const element of splitPostfixList(value)) {
      const negate = element.startsWith('!');
      const word = negate ? element.slice(1) : element;
      const table = /^(regexp|pcre):(.*)$/s.exec(word);
      if (table !== null) {
        const tests = inlineRules(table[2] ?? '')
          .map(regexpRule)
          .filter((t): t is (s: string) => boolean => t !== null);
        matchers.push({ negate, test: (s) => tests.some((t) => t(s)) });
      } else if (!/^[a-z0-9]+:/i.test(word)) {
        const lower = word.toLowerCase();
        matchers.push({ negate, test: (s) => s.toLowerCase() === lower });
      }
      // Other table types (hash:, cidr: ...) are not modelled: they never match.
    }
    this.#matchers = matchers;
  }

  get empty(): boolean {
    return this.#matchers.length === 0;
  }

  /** First matching element decides: a plain one matches, a `!` one does not. */
  matches(s: string): boolean {
    for (const m of this.#matchers) if (m.test(s)) return !m.negate;
    return false;
  }
}
