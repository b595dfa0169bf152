/**
 * The main.cf and master.cf grammars, run through Shiki as the site runs them: which scope each piece
 * of a sample line gets. Sample lines are the lab's own files (Debian's stock master.cf entries, the
 * corpus main.cf) and forms from postconf(5)/master(5): continuation lines, `#` in a value, `${name?value}`.
 */
import { createHighlighter, type HighlighterGeneric } from 'shiki';
import { beforeAll, describe, expect, it } from 'vitest';
import { CODE_THEME_DARK, CODE_THEME_LIGHT } from '../../src/components/course/syntax/code-themes.ts';
import { postfixMainGrammar, postfixMasterGrammar } from '../../src/components/course/syntax/postfix-grammars.ts';

type Highlighter = HighlighterGeneric<string, string>;
let highlighter: Highlighter;

beforeAll(async () => {
  highlighter = (await createHighlighter({
    langs: [postfixMainGrammar, postfixMasterGrammar],
    themes: [CODE_THEME_LIGHT, CODE_THEME_DARK],
  })) as Highlighter;
});

/** Per line: each token's text and its innermost scope names (the last of each explanation part). */
function tokens(code: string, lang: string): { text: string; scopes: string[] }[][] {
  return highlighter
    .codeToTokensBase(code, { lang, theme: CODE_THEME_LIGHT.name ?? '', includeExplanation: true })
    .map((line) => line.flatMap((t) => (t.explanation ?? []).map((e) => ({ text: e.content, scopes: e.scopes.map((s) => s.scopeName) }))));
}

/** The innermost scope of `text` on line `line` (0-based); fails when the text is not one token. */
function scopeOf(code: string, lang: string, line: number, text: string): string {
  const found = (tokens(code, lang)[line] ?? []).find((t) => t.text === text);
  if (found === undefined) throw new Error(`"${text}" is not a token of line ${line}: ${JSON.stringify(tokens(code, lang)[line])}`);
  return found.scopes[found.scopes.length - 1] ?? '';
}

describe('postfix-main', () => {
  const MAIN = [
    '# We are the server (smtpd): our certificate and opportunistic TLS',
    'smtpd_tls_security_level = may',
    'smtpd_tls_cert_file = /etc/postfix/tls/mail.example.org.crt',
    'mydestination = $myhostname, localhost, ${mydomain}',
    'smtpd_relay_restrictions = permit_mynetworks,',
    '    permit_sasl_authenticated',
    '    # an indented comment inside the value',
    '    reject_unauth_destination',
    'smtpd_tls_protocols = !SSLv2, !SSLv3, >=TLSv1.2',
    'alias_maps = hash:/etc/aliases',
    'smtpd_tls_loglevel=1',
    'header_checks = regexp:/etc/postfix/x # not a comment',
    'relay_x = ${tls_y?{encrypt}:{none}}',
  ].join('\n');

  it('scopes a comment line, a parameter name, the = and a level keyword', () => {
    expect(scopeOf(MAIN, 'postfix-main', 0, ' We are the server (smtpd): our certificate and opportunistic TLS')).toBe(
      'comment.line.number-sign.postfix',
    );
    expect(scopeOf(MAIN, 'postfix-main', 1, 'smtpd_tls_security_level')).toBe('variable.other.property.postfix');
    expect(scopeOf(MAIN, 'postfix-main', 1, '=')).toBe('keyword.operator.assignment.postfix');
    expect(scopeOf(MAIN, 'postfix-main', 1, 'may')).toBe('constant.language.postfix');
  });

  it('scopes paths, $name and ${name} expansions, and leaves plain words plain', () => {
    expect(scopeOf(MAIN, 'postfix-main', 2, '/etc/postfix/tls/mail.example.org.crt')).toBe('string.unquoted.path.postfix');
    expect(scopeOf(MAIN, 'postfix-main', 3, '$')).toBe('punctuation.definition.variable.postfix');
    expect(scopeOf(MAIN, 'postfix-main', 3, 'myhostname')).toBe('variable.other.expansion.postfix');
    expect(scopeOf(MAIN, 'postfix-main', 3, 'mydomain')).toBe('variable.other.expansion.postfix');
    expect(scopeOf(MAIN, 'postfix-main', 3, ' localhost')).toBe('meta.parameter.postfix');
  });

  it('continuation lines belong to the value above; an indented # line is a comment', () => {
    expect(scopeOf(MAIN, 'postfix-main', 5, 'permit_sasl_authenticated')).toBe('support.function.restriction.postfix');
    expect(scopeOf(MAIN, 'postfix-main', 5, 'permit_sasl_authenticated')).not.toBe('variable.other.property.postfix');
    expect(scopeOf(MAIN, 'postfix-main', 6, ' an indented comment inside the value')).toBe('comment.line.number-sign.postfix');
    expect(scopeOf(MAIN, 'postfix-main', 7, 'reject_unauth_destination')).toBe('support.function.restriction.postfix');
  });

  it('scopes protocol lists, map types, name=value without spaces, and a # after text is no comment', () => {
    expect(scopeOf(MAIN, 'postfix-main', 8, 'SSLv2')).toBe('constant.other.protocol.postfix');
    expect(scopeOf(MAIN, 'postfix-main', 8, '>=')).toBe('keyword.operator.protocol.postfix');
    expect(scopeOf(MAIN, 'postfix-main', 8, 'TLSv1.2')).toBe('constant.other.protocol.postfix');
    expect(scopeOf(MAIN, 'postfix-main', 9, 'hash')).toBe('storage.type.map.postfix');
    expect(scopeOf(MAIN, 'postfix-main', 10, 'smtpd_tls_loglevel')).toBe('variable.other.property.postfix');
    expect(scopeOf(MAIN, 'postfix-main', 10, '1')).toBe('constant.numeric.postfix');
    const line11 = tokens(MAIN, 'postfix-main')[11] ?? [];
    expect(line11.some((t) => t.scopes.some((s) => s.startsWith('comment')))).toBe(false);
  });

  it('scopes ${name?{value}:{value}} as one expansion', () => {
    expect(scopeOf(MAIN, 'postfix-main', 12, 'tls_y')).toBe('variable.other.expansion.postfix');
    expect(scopeOf(MAIN, 'postfix-main', 12, '?')).toBe('keyword.operator.conditional.postfix');
    const encrypt = (tokens(MAIN, 'postfix-main')[12] ?? []).find((t) => t.text === 'encrypt');
    expect(encrypt?.scopes).toContain('meta.expansion.postfix');
  });
});

describe('postfix-master', () => {
  const MASTER = [
    '# service type  private unpriv  chroot  wakeup  maxproc command + args',
    'smtp      inet  n       -       y       -       -       smtpd',
    'submission inet n       -       y       -       -       smtpd',
    '  -o syslog_name=postfix/submission',
    '  -o smtpd_tls_security_level=encrypt',
    '  -o smtpd_recipient_restrictions=permit_sasl_authenticated,reject',
    '#  -o smtpd_tls_auth_only=yes',
    'tlsmgr    unix  -       -       y       1000?   1       tlsmgr',
    'relay     unix  -       -       y       -       -       smtp',
    '        -o syslog_name=postfix/$service_name',
    '  -o { smtpd_tls_protocols = >=TLSv1.2 }',
  ].join('\n');

  it('scopes the columns of a service line', () => {
    expect(scopeOf(MASTER, 'postfix-master', 0, ' service type  private unpriv  chroot  wakeup  maxproc command + args')).toBe(
      'comment.line.number-sign.postfix',
    );
    expect(scopeOf(MASTER, 'postfix-master', 1, 'smtp')).toBe('entity.name.function.service.postfix');
    expect(scopeOf(MASTER, 'postfix-master', 1, 'inet')).toBe('storage.type.service.postfix');
    expect(scopeOf(MASTER, 'postfix-master', 1, 'n')).toBe('constant.language.flag.postfix');
    expect(scopeOf(MASTER, 'postfix-master', 1, 'y')).toBe('constant.language.flag.postfix');
    expect(scopeOf(MASTER, 'postfix-master', 1, 'smtpd')).toBe('support.function.command.postfix');
    expect(scopeOf(MASTER, 'postfix-master', 7, '1000?')).toBe('constant.numeric.wakeup.postfix');
    expect(scopeOf(MASTER, 'postfix-master', 7, '1')).toBe('constant.numeric.maxproc.postfix');
  });

  it('scopes -o overrides on continuation lines, with their values', () => {
    expect(scopeOf(MASTER, 'postfix-master', 3, '-o')).toBe('keyword.other.option.postfix');
    expect(scopeOf(MASTER, 'postfix-master', 3, 'syslog_name')).toBe('variable.other.property.postfix');
    expect(scopeOf(MASTER, 'postfix-master', 4, 'encrypt')).toBe('constant.language.postfix');
    expect(scopeOf(MASTER, 'postfix-master', 5, 'permit_sasl_authenticated')).toBe('support.function.restriction.postfix');
    expect(scopeOf(MASTER, 'postfix-master', 5, 'reject')).toBe('support.function.restriction.postfix');
    expect(scopeOf(MASTER, 'postfix-master', 9, 'service_name')).toBe('variable.other.expansion.postfix');
    expect(scopeOf(MASTER, 'postfix-master', 10, 'smtpd_tls_protocols')).toBe('variable.other.property.postfix');
    expect(scopeOf(MASTER, 'postfix-master', 10, 'TLSv1.2')).toBe('constant.other.protocol.postfix');
  });

  it('a commented-out override is a comment, not an option', () => {
    const line = tokens(MASTER, 'postfix-master')[6] ?? [];
    expect(line.every((t) => t.scopes.includes('comment.line.number-sign.postfix'))).toBe(true);
  });
});
