/**
 * `ss -ltn[p]` (iproute2 6.1, Debian 12): the lab machine's listening TCP sockets, which are master(8)'s
 * inet listeners of the running configuration (they change with master.cf after `postfix reload`, and
 * vanish with `postfix stop`). Layout recorded (tests/corpus-extra/host-tools/ss-ltn.txt, ss-ltnp.txt,
 * and local runs with other ports): State, Recv-Q and Send-Q 6 wide; the local address right-aligned in
 * 13 columns, `:`, the port left-aligned in max(4, longest) plus a space; the peer `0.0.0.0` right-aligned
 * in 12, `:*` padded to 4; then the Process column, max(7, 1 + its longest text) wide. Send-Q of a
 * listener is its backlog: 100 for Postfix's (recorded). With -p, master's descriptor for the first
 * listener is the recorded fd=12; later listeners count up from there (not recorded). Without -n, ports
 * show as service names from /etc/services. The lab has no other listeners (no sshd), and ss's filters
 * are not simulated.
 */
import type { Program } from '../program.ts';
import type { LabEnv } from './net/lab-env.ts';
import { serviceName } from './net/services.ts';

const HEADER_STATE = 'State  Recv-Q Send-Q ';
const BACKLOG = '100';

interface Row {
  readonly address: string;
  readonly port: string;
  readonly process: string;
}

export function ssProgram(env: LabEnv): Program {
  return {
    name: 'ss',
    usage: 'ss -ltn[p]',
    run(ctx) {
      const flags = new Set<string>();
      for (const a of ctx.argv.slice(1)) {
        if (/^-[a-zA-Z]+$/.test(a)) for (const c of a.slice(1)) flags.add(c);
        else if (a === '--listening') flags.add('l');
        else if (a === '--tcp') flags.add('t');
        else if (a === '--numeric') flags.add('n');
        else if (a === '--processes') flags.add('p');
      }
      const listening = flags.has('l') || flags.has('a');
      const tcp = flags.has('t') || !(flags.has('u') || flags.has('x') || flags.has('w'));
      const cfg = env.world.master.config;
      const pid = env.world.master.pid;
      const rows: Row[] = [];
      if (listening && tcp && cfg !== null) {
        for (const [i, l] of cfg.listeners.entries()) {
          for (const address of l.addresses) {
            const port = flags.has('n') ? String(l.port) : (serviceName(ctx.host.fs, l.port) ?? String(l.port));
            const process = flags.has('p') && pid !== null ? `users:(("master",pid=${pid},fd=${12 + i}))` : '';
            rows.push({ address, port, process });
          }
        }
      }
      const portWidth = Math.max(4, ...rows.map((r) => r.port.length));
      const procWidth = Math.max(7, ...rows.map((r) => (r.process === '' ? 0 : r.process.length + 1)));
      let out = `${HEADER_STATE}${'Local Address'.padStart(13)}:${'Port'.padEnd(portWidth)} ${'Peer Address'.padStart(12)}:${'Port'.padEnd(4)}${'Process'.padEnd(procWidth)}\n`;
      for (const r of rows) {
        const proc = r.process === '' ? '' : ` ${r.process}`;
        out += `LISTEN ${'0'.padEnd(6)} ${BACKLOG.padEnd(6)} ${r.address.padStart(13)}:${r.port.padEnd(portWidth)} ${'0.0.0.0'.padStart(12)}:${'*'.padEnd(4)}${proc.padEnd(procWidth)}\n`;
      }
      ctx.stdout.write(out);
      return 0;
    },
  };
}
