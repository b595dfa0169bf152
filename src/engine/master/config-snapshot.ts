import type { ParameterView } from '../config/parameter-view.ts';

/** One `inet` service of master.cf that master(8) listens for. */
export interface InetListener {
  /** The master.cf service name, e.g. `smtp`, `submission`, `127.0.0.1:submission`. */
  readonly service: string;
  /** The address it binds to (from a `host:port` service name or `inet_interfaces`). */
  readonly addresses: readonly string[];
  readonly port: number;
  /** The daemon, e.g. `smtpd`. */
  readonly command: string;
  /** The maxproc column, or $default_process_limit for `-` (0: no limit). */
  readonly processLimit?: number;
}

/** The configuration as master(8) read it at start or reload. */
export interface ConfigSnapshot {
  /** main.cf and master.cf as master(8) read them (the text, so that the state can be copied). */
  readonly mainCfText: string;
  readonly masterCfText: string;
  readonly main: ParameterView;
  readonly listeners: readonly InetListener[];
  /** The names of master.cf's inet entries in file order (master(8) reads them one by one). */
  readonly inetServices: readonly string[];
  /**
   * What master(8) itself dies of when it reads master.cf (e.g. `inet service cannot be private`):
   * `postfix check` does not see it, and master says it only to syslog, not to maillog_file
   * (tests/corpus-extra/cli-postfix-check-private-y). Null when master.cf is fine.
   */
  readonly masterFatal: string | null;
  /**
   * Effective parameters of a master.cf service (its `-o` overrides over main.cf). Names can
   * repeat with another type (`smtp inet` is smtpd, `smtp unix` the smtp client): `type`
   * picks one; without it the `unix` entry wins.
   */
  paramsFor(service: string, type?: string): ParameterView;
  /**
   * What a daemon of `service` that master(8) starts now sees: its `-o` options as master read
   * them at start/reload, over `mainCfText`, the main.cf the new process reads from disk itself.
   */
  daemonParams(service: string, type: string, mainCfText: string): ParameterView;
  /**
   * The command-line words of `service` that are left after its options, where single_server's
   * getopt (`+` mode) stops: smtpd dies on the first (`unexpected command-line argument`).
   */
  daemonArgs(service: string, type: string): readonly string[];
}

/**
 * Reads the configuration files. `warnings` and `fatal` are whole terminal lines, program name
 * included (`postfix: fatal: ...`, `/usr/sbin/postconf: warning: ...`), in the order printed.
 */
export type ConfigLoad =
  | { readonly ok: true; readonly snapshot: ConfigSnapshot; readonly warnings: readonly string[]; readonly logged?: readonly LoggedLine[] }
  | { readonly ok: false; readonly fatal: string; readonly warnings: readonly string[]; readonly logged?: readonly LoggedLine[] };

/** A line a program writes to the mail log while the configuration is read (e.g. postsuper's warnings). */
export interface LoggedLine {
  readonly program: string;
  readonly text: string;
}
