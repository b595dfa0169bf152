/**
 * `getent hosts|ahosts|ahostsv4|ahostsv6 [KEY...]`: glibc 2.36's getent over the machine's /etc/hosts (the
 * lab resolves through files only, as /etc/nsswitch.conf's `hosts: files dns` does without a DNS answer).
 * Other databases are not on the lab machine's list: getent's own `Unknown database` answer.
 */
import type { Program, ProgramContext } from '../program.ts';
import { addrInfo, allEntries, byAddress, byName, parseIpv4, parseIpv6, type Family, type HostEntry } from './net/hosts-db.ts';
import * as T from './net/getent-texts.ts';
import { getopt, isOptError } from './util.ts';
import { assertNever } from '../../engine/util/assert-never.ts';

const HOSTS = '/etc/hosts';

function printHost(ctx: ProgramContext, e: HostEntry): void {
  for (const a of e.addresses) ctx.stdout.write(T.hostsLine(a, [e.name, ...e.aliases]));
}

function hosts(ctx: ProgramContext, file: string, keys: readonly string[]): number {
  if (keys.length === 0) {
    for (const e of allEntries(file)) printHost(ctx, e);
    return 0;
  }
  let status = 0;
  for (const k of keys) {
    const e = parseIpv6(k) !== null || parseIpv4(k) !== null ? byAddress(file, k) : (byName(file, k, 6) ?? byName(file, k, 4));
    if (e === null) status = T.EXIT_NOT_FOUND;
    else printHost(ctx, e);
  }
  return status;
}

function ahosts(ctx: ProgramContext, file: string, keys: readonly string[], family: Family | null): number {
  if (keys.length === 0) return hosts(ctx, file, keys);
  let status = 0;
  for (const k of keys) {
    const r = addrInfo(file, k, family);
    if (r.length === 0) status = T.EXIT_NOT_FOUND;
    for (const x of r) {
      T.SOCKET_TYPES.forEach((t, i) => ctx.stdout.write(T.ahostsLine(x.address, t, i === 0 ? (x.canonical ?? '') : '')));
    }
  }
  return status;
}

const DATABASES: Readonly<Record<string, Family | null | 'hosts'>> = {
  hosts: 'hosts',
  ahosts: null,
  ahostsv4: 4,
  ahostsv6: 6,
};

function badOption(ctx: ProgramContext, text: string): number {
  ctx.stderr.write(text + T.TRY_HELP);
  return T.EXIT_BAD_OPTION;
}

export const getent: Program = {
  name: 'getent',
  usage: 'getent hosts|ahosts|ahostsv4|ahostsv6 [KEY]...',
  run(ctx) {
    // argp: -s CONFIG, -i and -A change nothing for the files source.
    const o = getopt(ctx.argv.slice(1), {
      flags: 'iA',
      withArg: 's',
      long: {
        service: { key: 's', arg: true },
        'no-idn': { key: 'i', arg: false },
        'no-addrconfig': { key: 'A', arg: false },
      },
    });
    if (isOptError(o)) {
      switch (o.kind) {
        case 'invalid':
          return badOption(ctx, T.invalidOption(o.opt));
        case 'missing':
          return badOption(ctx, T.requiresArgument(o.opt));
        case 'missing-long':
          return badOption(ctx, T.longRequiresArgument(o.opt));
        case 'unrecognized':
          return badOption(ctx, T.unrecognizedOption(o.opt));
        default:
          return assertNever(o);
      }
    }
    const operands = o.operands;
    const [db, ...keys] = operands;
    if (db === undefined) {
      ctx.stderr.write(T.WRONG_NUMBER_OF_ARGUMENTS);
      ctx.stdout.write(T.TRY_HELP);
      return T.EXIT_USAGE;
    }
    const kind = Object.hasOwn(DATABASES, db) ? DATABASES[db] : undefined;
    if (kind === undefined) {
      ctx.stderr.write(T.unknownDatabase(db));
      ctx.stdout.write(T.TRY_HELP);
      return T.EXIT_USAGE;
    }
    const file = ctx.host.fs.read(HOSTS) ?? '';
    return kind === 'hosts' ? hosts(ctx, file, keys) : ahosts(ctx, file, keys, kind);
  },
};
