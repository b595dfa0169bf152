/**
 * TextMate grammars for Postfix's two configuration files, for Shiki (astro.config.mjs registers them):
 * ```postfix-main (main.cf, see postconf(5)) and ```postfix-master (master.cf, see master(5)).
 *
 * What the files' syntax is, in short:
 * - A line whose first non-blank character is `#` is a comment, wherever it is; a `#` after text is
 *   part of the value (Postfix has no trailing comments).
 * - A line that starts with white space continues the line above it (the value in main.cf, the
 *   arguments of a service in master.cf).
 * - main.cf: `name = value`; a value refers to other parameters as `$name`, `${name}` or `$(name)`,
 *   and since Postfix 3.0 `${name?value}`, `${name:value}` and their `{value}` forms.
 * - master.cf: `service type private unpriv chroot wakeup maxproc command [args]`, then arguments on
 *   continuation lines, mostly `-o name=value` (or `-o { name = value }`) overrides of main.cf.
 *
 * Pure data, no DOM: the unit test in tests/components tokenizes sample lines with it.
 */
import type { LanguageRegistration } from 'shiki';

type Rule = LanguageRegistration['repository'][string];

/** Not inside a word, a path or a dotted name: keeps `none` in `/etc/none` or `may` in `mayday` plain. */
const BEFORE = '(?<![\\w./:-])';
const AFTER = '(?![\\w./-])';

/** `$` + open + name ... close: the expansion forms with brackets, whose values may hold more expansions. */
function bracketedExpansion(open: string, close: string, inner: Rule[]): Rule {
  return {
    begin: `(\\$)(${open})([A-Za-z0-9_]+)`,
    beginCaptures: {
      1: { name: 'punctuation.definition.variable.postfix' },
      2: { name: 'punctuation.definition.variable.begin.postfix' },
      3: { name: 'variable.other.expansion.postfix' },
    },
    end: close,
    endCaptures: { 0: { name: 'punctuation.definition.variable.end.postfix' } },
    name: 'meta.expansion.postfix',
    patterns: [{ match: '[?:]', name: 'keyword.operator.conditional.postfix' }, ...inner, { include: '#expansion' }],
  };
}

/** Rules a value uses in both files: expansions, levels and switches, protocols, map types, restrictions. */
const VALUE_RULES: Record<string, Rule> = {
  value: {
    patterns: [
      { include: '#expansion' },
      { include: '#map-type' },
      { include: '#restriction' },
      { include: '#protocol' },
      { include: '#keyword' },
      { include: '#number' },
      { include: '#path' },
      { match: ',', name: 'punctuation.separator.comma.postfix' },
    ],
  },
  expansion: {
    patterns: [
      // ${name}, ${name?value}, ${name:value}, ${name?{value}:{value}} (nested braces allowed)
      bracketedExpansion('\\{', '\\}', [{ include: '#braced' }]),
      // $(name), $(name?value)
      bracketedExpansion('\\(', '\\)', []),
      {
        match: '(\\$)([A-Za-z0-9_]+)',
        name: 'meta.expansion.postfix',
        captures: {
          1: { name: 'punctuation.definition.variable.postfix' },
          2: { name: 'variable.other.expansion.postfix' },
        },
      },
    ],
  },
  braced: {
    begin: '\\{',
    end: '\\}',
    patterns: [{ include: '#expansion' }, { include: '#braced' }],
  },
  'map-type': {
    match:
      '\\b(btree|cdb|cidr|dbm|environ|fail|hash|inline|internal|ldap|lmdb|memcache|mongodb|mysql|netinfo|nis|nisplus|pcre|pgsql|pipemap|proxy|randmap|regexp|sdbm|socketmap|sqlite|static|tcp|texthash|unionmap|unix)(:)',
    captures: { 1: { name: 'storage.type.map.postfix' }, 2: { name: 'punctuation.separator.map.postfix' } },
  },
  restriction: {
    match: `${BEFORE}(?:permit|reject|defer|defer_if_permit|defer_if_reject|warn_if_reject|(?:permit|reject|check|defer)_[a-z0-9_]+)${AFTER}`,
    name: 'support.function.restriction.postfix',
  },
  protocol: {
    // smtpd_tls_protocols and friends: TLSv1.2, !SSLv3, >=TLSv1.2, <=TLSv1.3
    match: `${BEFORE}(!|>=|<=)?(SSLv2|SSLv3|TLSv1(?:\\.[0-3])?)${AFTER}`,
    captures: { 1: { name: 'keyword.operator.protocol.postfix' }, 2: { name: 'constant.other.protocol.postfix' } },
  },
  keyword: {
    // Security levels, yes/no switches and the like.
    match: `${BEFORE}(?:yes|no|none|may|encrypt|dane|dane-only|fingerprint|verify|secure|medium|high|low|export|null|all|disabled|enabled|dnssec|ipv4|ipv6)${AFTER}`,
    name: 'constant.language.postfix',
  },
  number: {
    // 10240000, 3.6, 300s, 1000?
    match: `${BEFORE}\\d+(?:\\.\\d+)*[smhdw]?\\??${AFTER}`,
    name: 'constant.numeric.postfix',
  },
  path: {
    match: '(?<![\\w$])/[^\\s,]*',
    name: 'string.unquoted.path.postfix',
  },
  'continuation-comment': {
    // An indented `#` line is a comment even in the middle of a continued value.
    match: '^\\s+(#).*$',
    name: 'comment.line.number-sign.postfix',
    captures: { 1: { name: 'punctuation.definition.comment.postfix' } },
  },
  comment: {
    match: '^\\s*(#).*$',
    name: 'comment.line.number-sign.postfix',
    captures: { 1: { name: 'punctuation.definition.comment.postfix' } },
  },
};

export const postfixMainGrammar: LanguageRegistration = {
  name: 'postfix-main',
  scopeName: 'source.postfix-main',
  displayName: 'Postfix main.cf',
  aliases: ['main.cf'],
  patterns: [{ include: '#comment' }, { include: '#parameter' }],
  repository: {
    ...VALUE_RULES,
    parameter: {
      // `name = value`, continued by the lines below it that start with white space.
      begin: '^([A-Za-z0-9_][A-Za-z0-9_.-]*)[ \\t]*(=)',
      beginCaptures: {
        1: { name: 'variable.other.property.postfix' },
        2: { name: 'keyword.operator.assignment.postfix' },
      },
      end: '^(?=\\S)',
      name: 'meta.parameter.postfix',
      patterns: [{ include: '#continuation-comment' }, { include: '#value' }],
    },
  },
};

export const postfixMasterGrammar: LanguageRegistration = {
  name: 'postfix-master',
  scopeName: 'source.postfix-master',
  displayName: 'Postfix master.cf',
  aliases: ['master.cf'],
  patterns: [{ include: '#comment' }, { include: '#service' }],
  repository: {
    ...VALUE_RULES,
    service: {
      // The eight columns, then arguments (on this line and on the continuation lines below it).
      begin:
        '^([^\\s#]\\S*)(?:[ \\t]+(inet|unix-dgram|unix|fifo|pass)(?:[ \\t]+([yn-])(?:[ \\t]+([yn-])(?:[ \\t]+([yn-])(?:[ \\t]+(\\d+\\??|-)(?:[ \\t]+(\\d+|-)(?:[ \\t]+([^\\s#]\\S*))?)?)?)?)?)?)?',
      beginCaptures: {
        1: { name: 'entity.name.function.service.postfix' },
        2: { name: 'storage.type.service.postfix' },
        3: { name: 'constant.language.flag.postfix' },
        4: { name: 'constant.language.flag.postfix' },
        5: { name: 'constant.language.flag.postfix' },
        6: { name: 'constant.numeric.wakeup.postfix' },
        7: { name: 'constant.numeric.maxproc.postfix' },
        8: { name: 'support.function.command.postfix' },
      },
      end: '^(?=\\S)',
      name: 'meta.service.postfix',
      patterns: [{ include: '#continuation-comment' }, { include: '#override-braced' }, { include: '#override' }, { include: '#argument' }],
    },
    'override-braced': {
      // -o { name = value with spaces } (Postfix 3.0 and later)
      begin: '(?<!\\S)(-o)[ \\t]+(\\{)[ \\t]*([A-Za-z0-9_]+)[ \\t]*(=)',
      beginCaptures: {
        1: { name: 'keyword.other.option.postfix' },
        2: { name: 'punctuation.section.braces.begin.postfix' },
        3: { name: 'variable.other.property.postfix' },
        4: { name: 'keyword.operator.assignment.postfix' },
      },
      end: '\\}',
      endCaptures: { 0: { name: 'punctuation.section.braces.end.postfix' } },
      name: 'meta.override.postfix',
      patterns: [{ include: '#value' }],
    },
    override: {
      // -o name=value
      match: '(?<!\\S)(-o)[ \\t]+([A-Za-z0-9_]+)(=)(\\S*)',
      name: 'meta.override.postfix',
      captures: {
        1: { name: 'keyword.other.option.postfix' },
        2: { name: 'variable.other.property.postfix' },
        3: { name: 'keyword.operator.assignment.postfix' },
        4: { patterns: [{ include: '#value' }] },
      },
    },
    argument: {
      patterns: [
        { match: '(?<!\\S)-[A-Za-z](?!\\S)', name: 'keyword.other.option.postfix' },
        {
          // pipe(8)-style attributes: flags=R user=vmail argv=/usr/bin/...
          match: '(?<!\\S)([a-z_]+)(=)',
          captures: { 1: { name: 'variable.parameter.attribute.postfix' }, 2: { name: 'keyword.operator.assignment.postfix' } },
        },
        { include: '#value' },
      ],
    },
  },
};
