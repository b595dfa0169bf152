/**
 * Debian 12's two Postfix units as systemd would run them on the lab machine (texts and sources in
 * systemctl-texts.ts): postfix.service, a oneshot wrapper that runs /bin/true and stays "active (exited)",
 * and postfix@-.service, which runs master(8) through `postmulti -i - -p start|stop|reload`. Starting,
 * stopping or restarting the wrapper does the same to the instance (Wants=, PartOf=); reloading it reloads
 * the instance (ReloadPropagatedFrom=). Each action does to the simulated Postfix what postmulti's
 * `postfix start|stop|reload` does, so mail.log gets the same lines as with the postfix command.
 *
 * master(8) started from a shell (`postfix start`) is not in the unit's cgroup: systemd does not see it, and
 * postfix@- stays inactive; when the master that systemd started goes away, postfix@- becomes inactive
 * ("Deactivated successfully"). The lab notices both the next time systemctl or journalctl looks.
 */
import type { LabWorld } from './net/lab-env.ts';
import type { ProcessLine, UnitNames } from './systemctl-texts.ts';
import { EXEC, JOB_LOG, UNITS } from './systemctl-texts.ts';
import { systemdBoot } from './systemd-boot.ts';

export type UnitKey = 'wrapper' | 'instance';

export interface JournalEntry {
  readonly time: number;
  readonly unit: UnitKey;
  readonly program: string;
  readonly pid: number;
  readonly text: string;
}

export interface UnitState {
  active: 'active' | 'inactive' | 'failed';
  /** When the unit entered its present state. */
  since: number | null;
  activeEnter: number | null;
  activeExit: number | null;
  /** The last run's processes, in systemd's order (ExecStartPre, ExecStart, ExecReload, ExecStop). */
  processes: ProcessLine[];
  /** postfix.service: the /bin/true process; postfix@-: the master it started. */
  mainPid: number | null;
}

const ORDER = ['ExecStartPre', 'ExecStart', 'ExecReload', 'ExecStop'];

export interface UnitResult {
  readonly ok: boolean;
}

export class PostfixUnits {
  readonly #world: LabWorld;
  readonly wrapper: UnitState;
  readonly instance: UnitState;
  readonly journal: JournalEntry[] = [];

  /** PIDs the boot's processes took before the units were made (systemd-boot.ts), given out first. */
  readonly #bootPids: number[];

  constructor(world: LabWorld) {
    this.#world = world;
    // The machine booted with Postfix running (or not): what systemd did then, as its shell recorded it when
    // it was made, else as the machine is now.
    const record = systemdBoot(world);
    this.#bootPids = [...(record?.pids ?? [])];
    const boot = world.log.records[0]?.time ?? world.clock.now();
    const running = record?.running ?? world.master.running;
    this.instance = { active: 'inactive', since: null, activeEnter: null, activeExit: null, processes: [], mainPid: null };
    this.wrapper = { active: 'inactive', since: null, activeEnter: null, activeExit: null, processes: [], mainPid: null };
    if (running) {
      this.#entry(boot, 'instance', JOB_LOG.starting(UNITS.instance));
      this.#setProcesses(this.instance, [
        ['ExecStartPre', EXEC.instancePre, 0],
        ['ExecStart', EXEC.instanceStart, 0],
      ]);
      this.#activate(this.instance, boot);
      this.instance.mainPid = world.master.pid;
      this.#entry(boot, 'instance', JOB_LOG.started(UNITS.instance));
    }
    this.#startWrapper(boot);
  }

  #now(): number {
    return this.#world.clock.now();
  }

  #entry(time: number, unit: UnitKey, text: string, program = 'systemd', pid = 1): void {
    this.journal.push({ time, unit, program, pid, text });
  }

  #names(unit: UnitKey): UnitNames {
    return unit === 'wrapper' ? UNITS.wrapper : UNITS.instance;
  }

  #setProcesses(u: UnitState, runs: readonly (readonly [string, string, number])[]): void {
    for (const [kind, argv, status] of runs) {
      const line: ProcessLine = { pid: this.#bootPids.shift() ?? this.#world.ids.nextPid(), kind, argv, status };
      u.processes = [...u.processes.filter((p) => p.kind !== kind), line].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
    }
  }

  #activate(u: UnitState, t: number): void {
    u.active = 'active';
    u.since = t;
    u.activeEnter = t;
    u.activeExit = null;
  }

  #deactivate(u: UnitState, t: number, state: 'inactive' | 'failed'): void {
    u.active = state;
    u.since = t;
    if (u.activeEnter !== null) u.activeExit = t;
    u.mainPid = null;
  }

  /** Notices a master that went away or was started outside the unit. */
  reconcile(): void {
    const m = this.#world.master;
    if (this.instance.active === 'active' && (!m.running || m.pid !== this.instance.mainPid)) {
      const t = this.#now();
      this.#entry(t, 'instance', JOB_LOG.deactivated(UNITS.instance));
      this.#deactivate(this.instance, t, 'inactive');
    }
  }

  #startWrapper(t: number): void {
    if (this.wrapper.active === 'active') return;
    this.#entry(t, 'wrapper', JOB_LOG.starting(UNITS.wrapper));
    // A start resets the statuses of the last run's commands (service_start).
    this.wrapper.processes = [];
    this.#setProcesses(this.wrapper, [['ExecStart', EXEC.wrapperStart, 0]]);
    this.wrapper.mainPid = this.wrapper.processes[0]?.pid ?? null;
    this.#activate(this.wrapper, t);
    this.#entry(t, 'wrapper', JOB_LOG.finished(UNITS.wrapper));
  }

  /** postmulti's stderr (postconf warnings, postfix's fatal lines) goes to the journal under its name. */
  #stderrToJournal(t: number, stderr: string): void {
    const pid = this.instance.processes.find((p) => p.kind === 'ExecStart')?.pid ?? 0;
    for (const line of stderr.split('\n')) if (line !== '') this.#entry(t, 'instance', line, 'postmulti', pid);
  }

  #startInstance(): UnitResult {
    this.reconcile();
    if (this.instance.active === 'active') return { ok: true };
    const t = this.#now();
    this.#entry(t, 'instance', JOB_LOG.starting(UNITS.instance));
    this.instance.processes = [];
    this.#setProcesses(this.instance, [['ExecStartPre', EXEC.instancePre, 0]]);
    const out = this.#world.postfix(['start'], false);
    this.#setProcesses(this.instance, [['ExecStart', EXEC.instanceStart, out.exitCode === 0 ? 0 : 1]]);
    this.#stderrToJournal(t, out.stderr);
    if (out.exitCode !== 0) {
      this.#entry(t, 'instance', JOB_LOG.controlExited(UNITS.instance, 1));
      this.#entry(t, 'instance', JOB_LOG.failedResult(UNITS.instance));
      this.#entry(t, 'instance', JOB_LOG.failedToStart(UNITS.instance));
      this.#deactivate(this.instance, t, 'failed');
      return { ok: false };
    }
    this.#activate(this.instance, t);
    this.instance.mainPid = this.#world.master.pid;
    this.#entry(t, 'instance', JOB_LOG.started(UNITS.instance));
    return { ok: true };
  }

  #stopUnit(unit: UnitKey): void {
    const u = unit === 'wrapper' ? this.wrapper : this.instance;
    if (u.active !== 'active') {
      // Stopping a failed unit clears the failure (it becomes inactive without a job message).
      if (u.active === 'failed') u.active = 'inactive';
      return;
    }
    const t = this.#now();
    const names = this.#names(unit);
    this.#entry(t, unit, JOB_LOG.stopping(names));
    if (unit === 'instance') {
      const out = this.#world.postfix(['stop'], false);
      this.#setProcesses(this.instance, [['ExecStop', EXEC.instanceStop, out.exitCode === 0 ? 0 : 1]]);
      this.#stderrToJournal(t, out.stderr);
    }
    this.#entry(t, unit, JOB_LOG.deactivated(names));
    this.#entry(t, unit, JOB_LOG.stopped(names));
    this.#deactivate(u, t, 'inactive');
  }

  /** `systemctl start postfix` (with the instance it wants) or `start postfix@-`. */
  start(unit: UnitKey): UnitResult {
    const r = this.#startInstance();
    if (unit === 'instance') return r;
    this.#startWrapper(this.#now());
    return { ok: true };
  }

  /** `systemctl stop`: the wrapper stops first (postfix@- is ordered before it), then the instance it owns. */
  stop(unit: UnitKey): UnitResult {
    this.reconcile();
    if (unit === 'wrapper') this.#stopUnit('wrapper');
    this.#stopUnit('instance');
    return { ok: true };
  }

  restart(unit: UnitKey): UnitResult {
    this.stop(unit);
    return this.start(unit);
  }

  /** `systemctl reload`: ExecReload of the unit; from the wrapper it reaches an active instance. */
  reload(unit: UnitKey): UnitResult {
    this.reconcile();
    const u = unit === 'wrapper' ? this.wrapper : this.instance;
    if (u.active !== 'active') return { ok: false };
    const t = this.#now();
    if (unit === 'wrapper') {
      this.#entry(t, 'wrapper', JOB_LOG.reloading(UNITS.wrapper));
      this.#setProcesses(this.wrapper, [['ExecReload', EXEC.wrapperReload, 0]]);
      this.#entry(t, 'wrapper', JOB_LOG.reloaded(UNITS.wrapper));
    }
    if (this.instance.active === 'active') {
      this.#entry(t, 'instance', JOB_LOG.reloading(UNITS.instance));
      const out = this.#world.postfix(['reload'], false);
      this.#setProcesses(this.instance, [['ExecReload', EXEC.instanceReload, out.exitCode === 0 ? 0 : 1]]);
      this.#stderrToJournal(t, out.stderr);
      this.#entry(t, 'instance', JOB_LOG.reloaded(UNITS.instance));
    }
    return { ok: true };
  }

  state(unit: UnitKey): UnitState {
    this.reconcile();
    return unit === 'wrapper' ? this.wrapper : this.instance;
  }
}

const UNITS_OF = new WeakMap<LabWorld, PostfixUnits>();

/** The units of one lab machine (made when systemctl or journalctl first looks). */
export function postfixUnits(world: LabWorld): PostfixUnits {
  let u = UNITS_OF.get(world);
  if (u === undefined) {
    u = new PostfixUnits(world);
    UNITS_OF.set(world, u);
  }
  return u;
}

/** `postfix`, `postfix.service`, `postfix@-`, `postfix@-.service`; null for any other unit. */
export function unitKey(name: string): UnitKey | null {
  const n = name.endsWith('.service') ? name.slice(0, -'.service'.length) : name;
  if (n === 'postfix') return 'wrapper';
  if (n === 'postfix@-') return 'instance';
  return null;
}

/** The name systemctl shows for a unit it does not know (`nosuch` -> `nosuch.service`). */
export function unitId(name: string): string {
  return /\.[a-z]+$/.test(name) ? name : `${name}.service`;
}
