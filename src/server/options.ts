/** The command line of `npm run serve` (scripts/serve.ts). */

/** The three services the server puts on real sockets, with their master.cf names. */
export const SERVICES = ['smtp', 'submission', 'submissions'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface ServeOptions {
  readonly command: 'serve' | 'reload' | 'help';
  /** Real TCP port per service (0: any free port, as the tests ask for). */
  readonly ports: Readonly<Record<ServiceName, number>>;
  readonly configDir: string;
  /** The address the listeners bind to. */
  readonly listen: string;
}

export const DEFAULT_PORTS: Readonly<Record<ServiceName, number>> = { smtp: 2525, submission: 2587, submissions: 2465 };
export const DEFAULT_LISTEN = '127.0.0.1';
export const DEFAULT_CONFIG_DIR = 'lab-server';

export const HELP = `Usage: npm run serve -- [options]
       npm run serve -- reload [--config DIR]

Runs the lab's simulated Postfix on real sockets, for your own mail tools.
It never delivers mail anywhere: accepted messages are kept as files.

Options:
  --port-smtp N          port of the smtp service (port 25 in the lab; default ${DEFAULT_PORTS.smtp})
  --port-submission N    port of the submission service (587 in the lab; default ${DEFAULT_PORTS.submission})
  --port-submissions N   port of the submissions service (465 in the lab; default ${DEFAULT_PORTS.submissions})
  --config DIR           the server's folder: Postfix configuration, mail log, messages
                         (default ./${DEFAULT_CONFIG_DIR})
  --listen ADDR          bind to ADDR instead of ${DEFAULT_LISTEN} (others can then reach it)
  --help                 this text

Commands:
  reload                 make a running server re-read main.cf and master.cf (as postfix reload)
`;

export type ParseResult = { readonly ok: true; readonly options: ServeOptions } | { readonly ok: false; readonly error: string };

function port(text: string | undefined, flag: string): number | string {
  if (text === undefined || !/^\d+$/.test(text)) return `${flag} needs a port number`;
  const n = Number(text);
  return n <= 65535 ? n : `${flag}: ${text} is not a port number`;
}

export function parseServeArgs(argv: readonly string[]): ParseResult {
  const ports: Record<ServiceName, number> = { ...DEFAULT_PORTS };
  let configDir = DEFAULT_CONFIG_DIR;
  let listen = DEFAULT_LISTEN;
  let command: ServeOptions['command'] = 'serve';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--help':
      case '-h':
        command = 'help';
        break;
      case 'reload':
        command = 'reload';
        break;
      case '--port-smtp':
      case '--port-submission':
      case '--port-submissions': {
        const p = port(value(), flag);
        if (typeof p === 'string') return { ok: false, error: p };
        ports[flag.slice('--port-'.length) as ServiceName] = p;
        break;
      }
      case '--config': {
        const v = value();
        if (v === undefined || v === '') return { ok: false, error: '--config needs a folder' };
        configDir = v;
        break;
      }
      case '--listen': {
        const v = value();
        if (v === undefined || v === '') return { ok: false, error: '--listen needs an address' };
        listen = v;
        break;
      }
      default:
        return { ok: false, error: `unknown argument: ${arg} (see --help)` };
    }
  }
  return { ok: true, options: { command, ports, configDir, listen } };
}

/** True for an address only this machine can reach. */
export function isLoopback(addr: string): boolean {
  return addr === '::1' || addr === 'localhost' || /^(::ffff:)?127\./.test(addr);
}
