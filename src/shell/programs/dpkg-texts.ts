/**
 * What dpkg 1.21.22 (Debian 12) prints for `dpkg -l` / `dpkg-query -l`, recorded in
 * tests/shell/golden/programs.golden.json on a machine with the corpus's packages; the package rows are the
 * corpus's own (postconf-defaults-tls-sasl: `dpkg -l postfix openssl libssl3 sasl2-bin libsasl2-modules
 * libsasl2-2`, MANIFEST.md "Versions").
 */

export interface InstalledPackage {
  /** As `dpkg -l` shows it: Multi-Arch: same libraries carry their architecture. */
  readonly shown: string;
  readonly name: string;
  readonly version: string;
  readonly arch: string;
  readonly description: string;
}

/** The packages of the recording machine the lab knows about (corpus postconf-defaults-tls-sasl). */
export const INSTALLED: readonly InstalledPackage[] = [
  {
    shown: 'libsasl2-2:amd64',
    name: 'libsasl2-2',
    version: '2.1.28+dfsg-10+deb12u1',
    arch: 'amd64',
    description: 'Cyrus SASL - authentication abstraction library',
  },
  {
    shown: 'libsasl2-modules:amd64',
    name: 'libsasl2-modules',
    version: '2.1.28+dfsg-10+deb12u1',
    arch: 'amd64',
    description: 'Cyrus SASL - pluggable authentication modules',
  },
  {
    shown: 'libssl3:amd64',
    name: 'libssl3',
    version: '3.0.22-1~deb12u2',
    arch: 'amd64',
    description: 'Secure Sockets Layer toolkit - shared libraries',
  },
  {
    shown: 'openssl',
    name: 'openssl',
    version: '3.0.22-1~deb12u2',
    arch: 'amd64',
    description: 'Secure Sockets Layer toolkit - cryptographic utility',
  },
  {
    shown: 'postfix',
    name: 'postfix',
    version: '3.7.11-0+deb12u1',
    arch: 'amd64',
    description: 'High-performance mail transport agent',
  },
  {
    shown: 'sasl2-bin',
    name: 'sasl2-bin',
    version: '2.1.28+dfsg-10+deb12u1',
    arch: 'amd64',
    description: 'Cyrus SASL - administration programs for SASL users database',
  },
];

/** The three legend lines above the table. */
export const LIST_LEGEND =
  'Desired=Unknown/Install/Remove/Purge/Hold\n' +
  '| Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/Trig-pend\n' +
  '|/ Err?=(none)/Reinst-required (Status,Err: uppercase=bad)\n';
/** The narrowest columns: name, version, architecture, description. */
export const MIN_WIDTHS = [14, 12, 12, 33] as const;
export const HEADINGS = ['Name', 'Version', 'Architecture', 'Description'] as const;
/** Desired state `i`, status `i`, no error: installed. */
export const INSTALLED_FLAGS = 'ii ';

export const noPackagesFound = (pattern: string): string => `dpkg-query: no packages found matching ${pattern}\n`;

/** `dpkg` without an action (exit 2). */
export const DPKG_NEED_ACTION =
  'dpkg: error: need an action option\n\n' +
  'Type dpkg --help for help about installing and deinstalling packages [*];\n' +
  "Use 'apt' or 'aptitude' for user-friendly package management;\n" +
  'Type dpkg -Dhelp for a list of dpkg debug flag values;\n' +
  'Type dpkg --force-help for a list of forcing options;\n' +
  'Type dpkg-deb --help for help about manipulating *.deb files;\n\n' +
  "Options marked [*] produce a lot of output - pipe it through 'less' or 'more' !\n";
/** `dpkg-query` without an action (exit 2). */
export const DPKG_QUERY_NEED_ACTION = 'dpkg-query: error: need an action option\n\nUse --help for help about querying packages.\n';

/** lab: the actions the lab machine does not have (installing, removing...). */
export const labOnlyList = (prog: string): string =>
  `${prog}: this lab machine only lists packages (dpkg -l [PATTERN...]); it cannot install or change any\n`;
