/**
 * `smtpd_discard_ehlo_keywords` (global/ehlo_mask.c, facts §1): case-insensitive words, unknown words
 * ignored. The log line names the discarded keywords in this table order; a discarded SMTPUTF8 is
 * printed as `EHLO_MASK_SMTPUTF8` (a Postfix quirk, facts §1).
 */
const TABLE = [
  ['8BITMIME', '8BITMIME'],
  ['AUTH', 'AUTH'],
  ['ETRN', 'ETRN'],
  ['PIPELINING', 'PIPELINING'],
  ['SIZE', 'SIZE'],
  ['VERP', 'VERP'],
  ['VRFY', 'VRFY'],
  ['XCLIENT', 'XCLIENT'],
  ['XFORWARD', 'XFORWARD'],
  ['STARTTLS', 'STARTTLS'],
  ['ENHANCEDSTATUSCODES', 'ENHANCEDSTATUSCODES'],
  ['DSN', 'DSN'],
  ['SMTPUTF8', 'EHLO_MASK_SMTPUTF8'],
  ['CHUNKING', 'CHUNKING'],
  ['SILENT-DISCARD', 'silent-discard'],
] as const;

export type EhloKeyword = (typeof TABLE)[number][0];

export class EhloMask {
  readonly #words: ReadonlySet<EhloKeyword>;

  constructor(value: string) {
    const known = new Map<string, EhloKeyword>(TABLE.map(([k]) => [k, k]));
    const words = new Set<EhloKeyword>();
    for (const w of value.split(/[, \t\r\n]+/)) {
      const k = known.get(w.toUpperCase());
      if (k !== undefined) words.add(k);
    }
    this.#words = words;
  }

  has(k: EhloKeyword): boolean {
    return this.#words.has(k);
  }

  /** The `discarding EHLO keywords: ...` text, or null when nothing is logged (none, silent-discard, or ENHANCEDSTATUSCODES discarded). */
  logNames(): string | null {
    if (this.#words.size === 0 || this.has('SILENT-DISCARD') || this.has('ENHANCEDSTATUSCODES')) return null;
    return TABLE.filter(([k]) => this.#words.has(k))
      .map(([, shown]) => shown)
      .join(' ');
  }
}
