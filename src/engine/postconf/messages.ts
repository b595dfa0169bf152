/**
 * The texts of postconf(1) itself (option handling, editing, master.cf requests), without
 * the "postconf: fatal: " / "postconf: warning: " prefix. All recorded from Debian 12's
 * postconf 3.7.11 (tests/engine/postconf/golden/real-postconf.json, case names in brackets)
 * unless marked [corpus] (postfix-ground-truth/postconf-behaviours). What reading the files says, which
 * postfix(1)'s own postconf run says at every start, is READ_TEXT in config/messages.ts: the boot path
 * (world/config-loader.ts) carries that file, and this one only comes with the `postconf` program.
 */

/** [real: opt-bad, opt-E, opt-q]: the usage text (sic: `-c param_class`). */
export const USAGE =
  'usage: postconf [-a (server SASL types)] [-A (client SASL types)] [-b (bounce templates)] [-c config_dir] [-c param_class] [-d (parameter defaults)] [-e (edit configuration)] [-f (fold lines)] [-F (master.cf fields)] [-h (no names)] [-H (no values)] [-l (lock types)] [-m (map types)] [-M (master.cf)] [-n (non-default parameters)] [-o name=value (override parameter value)] [-p (main.cf, default)] [-P (master.cf parameters)] [-t (bounce templates)] [-T compile-version|run-version|public-key-algorithms] [-v (verbose)] [-x (expand parameter values)] [-X (exclude)] [-# (comment-out)] [name...]';

export const POSTCONF_TEXT = {
  /** [real: opt-bad] glibc getopt. */
  invalidOption: (ch: string): string => `invalid option -- '${ch}'`,
  /** [real: opt-c-missing]. */
  requiresArgument: (ch: string): string => `option requires an argument -- '${ch}'`,
  /** [real: opt-d-n, opt-h-H, e-with-*]. */
  specifyOneOf: (opts: string): string => `specify one of ${opts}`,
  /** [real: opt-M-h, opt-F-n]. */
  doNotSpecify: (major: string, excess: string): string => `with option ${major}, do not specify ${excess}`,
  /** [real: opt-bt]. */
  bOrT: 'specify one of -b and -t',
  /** [real: opt-b-two]. */
  templateCount: 'options -b and -t require at most one template file',
  /** [real: e-no-args, M-e-noargs]. */
  eRequiresArg: '-e requires name=value argument',
  /** [real: X-no-args, opt-hash-alone]. */
  missingServiceArgument: 'missing service argument',
  /** [real: C-bad]. */
  badParamClass: (value: string): string => `unknown -C option value "${value}" in "${value}"`,
  /** [real: opt-T-bad] (a warning, then exit 1). */
  badTlsMode: (mode: string): string => `unknown 'postconf -T' mode: ${mode}`,
  /** [real: no-main-e, no-master-P-edit]. */
  openForReadingFailed: (path: string): string => `open ${path} for reading: No such file or directory`,
  /** [real: opt-b-file]: printed by the bounce(8) program that postconf -b runs. */
  bounceOpenFailed: (path: string): string => `open ${path}: No such file or directory`,

  // main.cf editing (-e, -X, -#)
  /** [real: e-newline]. */
  mainMultiline: '-e, -X, or -# accepts no multi-line input',
  /** [real: e-comment]. */
  mainComment: '-e, -X, or -# accepts no comment input',
  /** [real: e-missing-eq, e-missing-name]. */
  editSyntax: (err: string, text: string): string => `${err}: "${text}"`,
  /** [real: X-empty]. */
  blankName: '-X or -# requires non-blank parameter names',
  /** Only reachable through -# with `=`, which the option checks refuse first. */
  nameWithValue: '-X or -# requires parameter names without value',

  // master.cf requests
  /** [real: M-bad-pattern, M-pattern-bad]. */
  mPattern: '-M option requires service_name[/type]',
  /** [real: F-* patterns]. */
  fPattern: '-F option requires service_name[/type[/field]]',
  /** [real: P-pattern-bad, P-pattern-star]. */
  pPattern: '-P option requires service_name[/type[/parameter]]',
  /** [real: M-nosuch, P-nosuch]. */
  unmatched: (raw: string): string => `unmatched request: "${raw}"`,
  /** [real: F-bad-field]. */
  badField: (name: string): string => `invalid service attribute name: "${name}"`,
  /** [real: e-multiline-master]. */
  masterMultiline: '-Me, -Fe, -Pe, -X, or -# accept no multi-line input',
  /** [real: e-comment-master]. */
  masterComment: '-Me, -Fe, -Pe, -X, or -# accept no comment input',
  /** Refused earlier by the option checks ("specify one of -e -X"). */
  masterNameWithValue: '-X or -# requires names without value',
  /** [real: M-X-bad, M-e-notype]. */
  mEditPattern: '-Me, -MX or -M# requires service_name/type',
  fEditPattern: '-Fe or -FX requires service_name/type/field_name',
  /** [real: F-e-wild]. */
  fEditWildcard: '-Fe does not accept wild-card field name',
  /** [real: F-edit-ws]. */
  fEditWhitespace: '-Fe does not accept whitespace in non-command field',
  /** [real: P-e-noservice]. */
  pEditPattern: '-Pe or -PX requires service_name/type/parameter',
  /** [real: P-e-wild]. */
  pEditWildcard: '-Pe does not accept wild-card parameter name',
  /** [real: P-edit-whitespace]. */
  pEditWhitespace: '-Pe does not accept whitespace in parameter value',
  /** [real: master-edit-one-field]. */
  sameLine: (path: string, line: number): string => `file ${path}: line ${line}: specify service name and type on the same line`,
  /** [real: master-edit-name-eq]. */
  nameSyntax: (path: string, line: number, name: string): string =>
    `file ${path}: line ${line}: service name syntax "${name}" is unsupported with -Me, -Fe, -Pe, -X, or -#`,
  typeSyntax: (path: string, line: number, type: string): string =>
    `file ${path}: line ${line}: service type syntax "${type}" is unsupported with -Me, -Fe, -Pe, -X, or -#`,
  /** [real: master-edit-*]: a master.cf entry that cannot be parsed while editing. */
  entryError: (path: string, line: number, err: string): string => `file ${path}: line ${line}: ${err}`,
  /** [real: P-edit-nosuch]. */
  unmatchedEdit: (raw: string): string => `unmatched service_name/type: "${raw}"`,
} as const;

/** [real: opt-a, opt-A, opt-l, opt-m]: the fixed lists of Debian's build. */
export const SERVER_SASL_TYPES = ['cyrus', 'dovecot'] as const;
export const CLIENT_SASL_TYPES = ['cyrus'] as const;
export const LOCK_TYPES = ['flock', 'fcntl', 'dotlock'] as const;
export const MAP_TYPES = [
  'btree',
  'cidr',
  'environ',
  'fail',
  'hash',
  'inline',
  'internal',
  'memcache',
  'nis',
  'pipemap',
  'proxy',
  'randmap',
  'regexp',
  'socketmap',
  'static',
  'tcp',
  'texthash',
  'unionmap',
  'unix',
] as const;

/**
 * postconf -T: [real: opt-T] for the build's OpenSSL; run-version is the library of the
 * corpus machine (MANIFEST.md: OpenSSL 3.0.22 25 Aug 2026), which postconf prints this way.
 */
export const TLS_INFO = {
  'compile-version': ['OpenSSL 3.0.11 19 Sep 2023'],
  'run-version': ['OpenSSL 3.0.22 25 Aug 2026'],
  'public-key-algorithms': ['dsa', 'ecdsa', 'rsa'],
} as const;
