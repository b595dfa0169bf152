import { MainCf } from '../engine/config/main-cf.ts';
import type { RemoteHostSpec } from '../engine/remote/remote-world.ts';
import { CORPUS_REMOTE_HOSTS, RemoteWorld } from '../engine/remote/remote-world.ts';
import { createLabWorld } from '../engine/world/lab-world.ts';
import { createLabShell } from '../shell/lab-shell.ts';
import type { ReplayTarget } from './replay.ts';
import type { Preparation, ScenarioConfig } from './scenario-config.ts';

/** `postconf -e 'name = value'`: the parts of one config.txt main.cf line. */
function setting(line: string): readonly [string, string] {
  const eq = line.indexOf('=');
  return eq < 0 ? [line.trim(), ''] : [line.slice(0, eq).trim(), line.slice(eq + 1).trim()];
}

/**
 * A lab world set up as the recorder set up the real machine before a scenario: the
 * corpus's base main.cf and master.cf, the scenario's delta applied (main.cf lines with
 * `postconf -e`, master.cf lines appended, other preparations), Postfix (re)started, and
 * the log cut there (a scenario's raw.log holds only the lines written during it).
 */
export function buildScenarioWorld(baseMainCf: string, baseMasterCf: string, cfg: ScenarioConfig): ReplayTarget {
  const mainCf = cfg.mainCf.length === 0 ? baseMainCf : MainCf.parse(baseMainCf).withSettings(cfg.mainCf.map(setting));
  const masterCf = cfg.masterCf.length === 0 ? baseMasterCf : `${baseMasterCf.replace(/\n?$/, '\n')}${cfg.masterCf.join('\n')}\n`;
  const remote = new RemoteWorld(remoteHosts(cfg.preparations));
  const world = createLabWorld({
    files: { '/etc/postfix/main.cf': mainCf, '/etc/postfix/master.cf': masterCf },
    start: false,
    remote,
  });
  for (const p of cfg.preparations) {
    if (p.kind === 'write') world.fs.write(p.path, p.content);
    else if (p.kind === 'chmod') world.fs.chmod(p.path, p.mode);
    else if (p.kind === 'run') createLabShell(world, { fqdn: 'vm' }).runLine(p.command);
  }
  world.postfix(['start'], false);
  world.log.clear();
  const logFile = world.logFile;
  if (logFile !== '') world.fs.write(logFile, '');
  // The recording machine's own name was `vm` (terminal/README.md): tools that use the host's name
  // (swaks' EHLO and Message-Id) said so. Postfix itself used myhostname = mail.example.org.
  const shell = createLabShell(world, { fqdn: 'vm' });
  return {
    network: world.network,
    // A pty merges stdout and stderr in the order written (corpus: "run on a pty; stdout+stderr merged").
    run: (command, opts) => {
      // A paced feed (the recorder's `(sleep 2; echo ...) |`): one read per line, as lines typed without echo.
      const r = shell.runLine(command, { tty: opts.pty, stdin: opts.stdin, ...(opts.paced === true ? { stdinTty: true } : {}) });
      // The recorder read tools' output as Python text, with universal newlines: \r\n and \r became \n.
      const text = (t: string): string => t.replace(/\r\n?/g, '\n');
      return opts.pty
        ? { stdout: text(r.output), stderr: '', exitCode: r.exitCode }
        : { stdout: text(r.stdout), stderr: text(r.stderr), exitCode: r.exitCode };
    },
    logLines: () => world.logLines(),
    sendmail: (sender, recipients, message) => {
      world.queue.submitLocal(sender, recipients, message);
    },
    takeRemoteSessions: () => world.network.takeTapped(),
    takeProxyRecords: () => remote.takeProxyRecords(),
    advance: (ms) => world.advance(ms),
    phase: (n) => {
      // more/next.py configure(): postfix stop (and status until it is down), the files rewritten, postfix start.
      const p = cfg.preparations.find((x): x is Extract<Preparation, { kind: 'phase' }> => x.kind === 'phase' && x.phase === n);
      if (p === undefined) return false;
      world.postfix(['stop'], false);
      world.postfix(['status'], false);
      world.fs.write('/etc/postfix/main.cf', MainCf.parse(baseMainCf).withSettings([...cfg.mainCf.map(setting), p.setting]));
      world.fs.write(p.path, p.content);
      world.postfix(['start'], false);
      return true;
    },
  };
}

/** The recording's remote hosts: the corpus MXes, as a preparation changed them, and its proxies. */
function remoteHosts(preps: readonly Preparation[]): RemoteHostSpec[] {
  const hosts: RemoteHostSpec[] = CORPUS_REMOTE_HOSTS.map((h) => {
    const only = preps.find((p) => p.kind === 'tls-only-mx' && p.address === h.address && p.port === h.port);
    if (only === undefined || only.kind !== 'tls-only-mx') return h;
    return { ...h, tls: { ...h.tls, protocols: [only.version], cipherList: only.cipherList } };
  });
  for (const p of preps) {
    if (p.kind !== 'strip-proxy') continue;
    const { address, port, upstreamAddress, upstreamPort } = p;
    hosts.push({ kind: 'strip-proxy', address, port, upstreamAddress, upstreamPort });
  }
  return hosts;
}
