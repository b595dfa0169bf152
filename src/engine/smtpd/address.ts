/**
 * The envelope address in a MAIL FROM / RCPT TO / VRFY argument, as smtpd.c:extract_addr finds it:
 * outer `<...>` removed, an old source route (`@a,@b:user@dom`) dropped, quotes and comments taken
 * out, empty allowed only where the caller allows it (the null sender `<>`).
 * A simplified RFC 822 reading: more than one address, a stray bracket or a control character is an error.
 */
export type ExtractedAddress = { readonly ok: true; readonly address: string } | { readonly ok: false };

export function extractAddress(raw: string, allowEmpty: boolean, strictRfc821: boolean): ExtractedAddress {
  let text = raw.length >= 2 && raw.startsWith('<') && raw.endsWith('>') ? raw.slice(1, -1) : raw;
  if (strictRfc821 && !raw.startsWith('<')) return { ok: false };
  if (text.startsWith('@')) {
    const colon = text.indexOf(':');
    if (colon >= 0) text = text.slice(colon + 1);
  }
  let out = '';
  let depth = 0; // nesting of (comments)
  let nonAddress = false;
  let spaced = false; // white space seen after some address text
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return { ok: false };
    if (depth > 0) {
      if (c === '\\') i++;
      else if (c === '(') depth++;
      else if (c === ')') depth--;
      continue;
    }
    if (c === '(') {
      depth = 1;
      nonAddress = true;
    } else if (c === '"') {
      let closed = false;
      for (i++; i < text.length; i++) {
        const q = text.charAt(i);
        if (q === '\\' && i + 1 < text.length) out += text.charAt(++i);
        else if (q === '"') {
          closed = true;
          break;
        } else out += q;
      }
      if (!closed) return { ok: false };
    } else if (c === '\\') {
      if (i + 1 < text.length) out += text.charAt(++i);
    } else if (c === '<' || c === '>') {
      nonAddress = true; // extra brackets are ignored
    } else if (c === ',' || c === ';') {
      return { ok: false }; // a list of addresses
    } else if (c === ' ' || c === '\t') {
      spaced = out !== '';
    } else {
      // RFC 822 allows white space around `@` and `.`; between two words it makes a phrase, not an address.
      if (spaced && !/[@.]$/.test(out) && c !== '@' && c !== '.') return { ok: false };
      spaced = false;
      out += c;
    }
  }
  if (depth > 0) return { ok: false };
  if (strictRfc821 && nonAddress) return { ok: false };
  if (out === '' && !allowEmpty) return { ok: false };
  if (strictRfc821 && out.startsWith('@')) return { ok: false };
  return { ok: true, address: out };
}

/** The part after the last `@`, lower-cased, without a trailing dot; '' when there is none. */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0) return '';
  return address
    .slice(at + 1)
    .toLowerCase()
    .replace(/\.$/, '');
}

/** The part before the last `@` (the whole address when there is no domain). */
export function localPartOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? address : address.slice(0, at);
}
