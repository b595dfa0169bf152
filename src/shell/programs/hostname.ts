/**
 * `hostname [-s|-f|-d|-i|-a|-A|-I|-y|-V]` as Debian 12's hostname 3.23 prints it for the lab machine
 * `mail`. The long name comes from /etc/hosts as the resolver gives it: the first name of the line that
 * lists the short name (`127.0.0.1 mail.example.org mail` gives mail.example.org, domain example.org).
 * Usage text and exit statuses recorded (tests/corpus-extra/host-tools/h4-host-misc.json, hostname.txt).
 * Setting the name is not possible in the lab.
 */
import type { Program, ProgramContext } from '../program.ts';

/** `hostname -x`: stderr `hostname: invalid option -- 'x'`, this on stdout, exit 255 (recorded). */
const USAGE =
  'Usage: hostname [-b] {hostname|-F file}         set host name (from file)\n       hostname [-a|-A|-d|-f|-i|-I|-s|-y]       display formatted name\n       hostname                                 display host name\n\n       {yp,nis,}domainname {nisdomain|-F file}  set NIS domain name (from file)\n       {yp,nis,}domainname                      display NIS domain name\n\n       dnsdomainname                            display dns domain name\n\n       hostname -V|--version|-h|--help          print info and exit\n\nProgram name:\n       {yp,nis,}domainname=hostname -y\n       dnsdomainname=hostname -d\n\nProgram options:\n    -a, --alias            alias names\n    -A, --all-fqdns        all long host names (FQDNs)\n    -b, --boot             set default hostname if none available\n    -d, --domain           DNS domain name\n    -f, --fqdn, --long     long host name (FQDN)\n    -F, --file             read host name or NIS domain name from given file\n    -i, --ip-address       addresses for the host name\n    -I, --all-ip-addresses all addresses for the host\n    -s, --short            short host name\n    -y, --yp, --nis        NIS/YP domain name\n\nDescription:\n   This command can get or set the host name or the NIS domain name. You can\n   also get the DNS domain or the FQDN (fully qualified domain name).\n   Unless you are using bind or NIS for host lookups you can change the\n   FQDN (Fully Qualified Domain Name) and the DNS domain name (which is\n   part of the FQDN) in the /etc/hosts file.\n';
const VERSION = 'hostname 3.23\n';

interface HostEntry {
  readonly address: string;
  readonly names: readonly string[];
}

function hostsEntry(ctx: ProgramContext, short: string): HostEntry | null {
  for (const raw of (ctx.host.fs.read('/etc/hosts') ?? '').split('\n')) {
    const fields = raw.replace(/#.*$/, '').trim().split(/\s+/);
    const [address, ...names] = fields;
    if (address === undefined || address === '' || !names.includes(short)) continue;
    return { address, names };
  }
  return null;
}

export const hostname: Program = {
  name: 'hostname',
  usage: 'hostname [-s|-f|-d|-i]',
  run(ctx) {
    const short = ctx.host.hostname;
    const args = ctx.argv.slice(1);
    let mode = '';
    for (const a of args) {
      const long: Readonly<Record<string, string>> = {
        '--short': 's',
        '--fqdn': 'f',
        '--long': 'f',
        '--domain': 'd',
        '--ip-address': 'i',
        '--alias': 'a',
        '--all-fqdns': 'A',
        '--all-ip-addresses': 'I',
        '--version': 'V',
        '--help': 'h',
      };
      const m = long[a] ?? (/^-[sfdiaAIVhy]$/.test(a) ? a.slice(1) : null);
      if (m === null) {
        if (a.startsWith('-')) {
          ctx.stderr.write(`hostname: invalid option -- '${a.slice(1, 2)}'\n`);
          ctx.stdout.write(USAGE);
          return 255;
        }
        ctx.stderr.write('hostname: you must be root to change the host name\n');
        return 1;
      }
      mode = m;
    }
    const entry = hostsEntry(ctx, short);
    const fqdn = entry?.names[0] ?? short;
    const dot = fqdn.indexOf('.');
    switch (mode) {
      case '':
      case 's':
        ctx.stdout.write(`${short.split('.')[0] ?? short}\n`);
        return 0;
      case 'f':
        ctx.stdout.write(`${fqdn}\n`);
        return 0;
      case 'd':
        // No domain: nothing at all, not even a newline (recorded).
        if (dot >= 0) ctx.stdout.write(`${fqdn.slice(dot + 1)}\n`);
        return 0;
      case 'i':
        ctx.stdout.write(`${entry?.address ?? '127.0.1.1'}\n`);
        return 0;
      case 'a':
        ctx.stdout.write(`${(entry?.names.slice(1) ?? []).join(' ')}\n`);
        return 0;
      case 'A':
      case 'I':
        // Only loopback addresses on the lab machine: -I and -A skip them (a blank line, as hostname prints).
        ctx.stdout.write('\n');
        return 0;
      case 'V':
        ctx.stdout.write(VERSION);
        return 0;
      case 'y':
        ctx.stderr.write('hostname: Local domain name not set\n');
        return 1;
      default:
        // -h / --help: the usage on stdout, exit 255 (checked on Debian 12).
        ctx.stdout.write(USAGE);
        return 255;
    }
  },
};
