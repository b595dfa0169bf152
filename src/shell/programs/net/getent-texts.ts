/**
 * What getent (glibc 2.36, Debian 12) prints, recorded in tests/shell/golden/programs.golden.json
 * (tests/shell/golden/record-programs.py) and in the corpus screen terminal/term-telnet-25-may
 * (`getent ahosts localhost`).
 */

/** argp's pointer to the help (stdout after a usage error of getent itself, stderr after an option error). */
export const TRY_HELP = "Try `getent --help' or `getent --usage' for more information.\n";
/** No database named (stderr; the Try line on stdout; exit 1). */
export const WRONG_NUMBER_OF_ARGUMENTS = 'getent: wrong number of arguments\n';
export const unknownDatabase = (db: string): string => `Unknown database: ${db}\n`;
/** argp's option errors (stderr, with the Try line; exit 64). */
export const invalidOption = (c: string): string => `getent: invalid option -- '${c}'\n`;
export const unrecognizedOption = (o: string): string => `getent: unrecognized option '${o}'\n`;
export const requiresArgument = (c: string): string => `getent: option requires an argument -- '${c}'\n`;
export const longRequiresArgument = (o: string): string => `getent: option '${o}' requires an argument\n`;

/** `hosts`: the address left-aligned in 15 columns, then the name and its aliases. */
export const hostsLine = (address: string, names: readonly string[]): string => `${address.padEnd(15)} ${names.join(' ')}\n`;
/** `ahosts`: address, socket type in 6 columns, the canonical name on the first result only. */
export const ahostsLine = (address: string, socktype: string, canonical: string): string =>
  `${address.padEnd(15)} ${socktype.padEnd(6)} ${canonical}\n`;
export const SOCKET_TYPES = ['STREAM', 'DGRAM', 'RAW'] as const;

/** Exit statuses: a key not found, an unknown database or bad usage. */
export const EXIT_NOT_FOUND = 2;
export const EXIT_USAGE = 1;
export const EXIT_BAD_OPTION = 64;
