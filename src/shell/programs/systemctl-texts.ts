/**
 * What systemctl and journalctl print about Postfix on Debian 12, in one place. DERIVED, not recorded: the
 * recording machines do not boot systemd. Sources:
 * - the unit files of Debian's postfix 3.7.11-0+deb12u1 package (/lib/systemd/system/postfix.service:
 *   Description, Documentation, Type=oneshot, RemainAfterExit=yes, ExecStart=/bin/true, ExecReload=/bin/true;
 *   postfix@.service: "Postfix Mail Transport Agent (instance %i)", PartOf=postfix.service,
 *   ReloadPropagatedFrom=postfix.service, Type=forking, GuessMainPID=no,
 *   ExecStartPre=/usr/lib/postfix/configure-instance.sh %i, ExecStart=/usr/sbin/postmulti -i %i -p start,
 *   ExecStop=... -p stop, ExecReload=... -p reload) and its generator
 *   /lib/systemd/system-generators/postfix-instance-generator (postfix.service wants postfix@-.service);
 * - systemd 252 (Debian 252.39-1~deb12u2): the status layout of src/systemctl/systemctl-show.c
 *   (print_status_info: `     Loaded: %s (%s; %s; preset: %s)`, `     Active: %s (%s) since %s; %s`,
 *   `   %*s %s` for Docs, `    Process: %i %s=%s (code=%s, status=%i/%s)`, `   Main PID: %i`), the relative
 *   times of src/basic/time-util.c (format_timestamp_relative), the job messages of src/core/unit.c and
 *   src/core/service.c (`Starting %s...`, `Started %s.`, `Finished %s.`, `Stopping %s...`, `Stopped %s.`,
 *   `Reloading %s...`, `Reloaded %s.`, `Failed to start %s.`, `%s: Deactivated successfully.`,
 *   `%s: Failed with result '%s'.`, `%s: Control process exited, code=%s, status=%i/%s`), systemctl's
 *   `%s is not active, cannot reload.`, `Job for %s failed because %s.` and `See "%s status %s" and "%s -xeu %s"
 *   for details.`, journalctl's `-- No entries --`. The format strings were checked against the strings of
 *   Debian 12's systemd 252 binaries (systemctl, libsystemd-core-252.so).
 * Left out on purpose: the `Tasks:`, `Memory:` and `CPU:` lines (machine-dependent accounting numbers the lab
 * cannot know; systemd leaves them out too when accounting is off), and postfix@-'s CGroup tree shows master
 * only, without the pickup and qmgr children.
 */

/** The unit names, descriptions and paths (Debian's unit files). */
export const UNITS = {
  wrapper: {
    id: 'postfix.service',
    description: 'Postfix Mail Transport Agent',
    path: '/lib/systemd/system/postfix.service',
  },
  instance: {
    id: 'postfix@-.service',
    description: 'Postfix Mail Transport Agent (instance -)',
    path: '/lib/systemd/system/postfix@.service',
  },
  docs: 'man:postfix(1)',
} as const;

export interface UnitNames {
  readonly id: string;
  readonly description: string;
}

/** `postfix.service - Postfix Mail Transport Agent`: the "combined" unit format systemd 252 logs with. */
const combined = (u: UnitNames): string => `${u.id} - ${u.description}`;

/** systemd[1]'s journal messages about a unit's jobs. */
export const JOB_LOG = {
  starting: (u: UnitNames): string => `Starting ${combined(u)}...`,
  started: (u: UnitNames): string => `Started ${combined(u)}.`,
  /** A oneshot unit that has run (postfix.service). */
  finished: (u: UnitNames): string => `Finished ${combined(u)}.`,
  stopping: (u: UnitNames): string => `Stopping ${combined(u)}...`,
  stopped: (u: UnitNames): string => `Stopped ${combined(u)}.`,
  reloading: (u: UnitNames): string => `Reloading ${combined(u)}...`,
  reloaded: (u: UnitNames): string => `Reloaded ${combined(u)}.`,
  failedToStart: (u: UnitNames): string => `Failed to start ${combined(u)}.`,
  deactivated: (u: UnitNames): string => `${u.id}: Deactivated successfully.`,
  controlExited: (u: UnitNames, status: number): string =>
    `${u.id}: Control process exited, code=exited, status=${status}/${status === 1 ? 'FAILURE' : 'n/a'}`,
  failedResult: (u: UnitNames): string => `${u.id}: Failed with result 'exit-code'.`,
} as const;

/** systemctl's own messages (stderr). */
export const SYSTEMCTL = {
  notActiveCannotReload: (id: string): string => `${id} is not active, cannot reload.\n`,
  /** A start job whose control process failed (postfix@-: `postmulti -p start` exited 1). */
  jobFailed: (id: string): string =>
    `Job for ${id} failed because the control process exited with error code.\nSee "systemctl status ${id}" and "journalctl -xeu ${id}" for details.\n`,
  unitNotFound: (id: string): string => `Unit ${id} could not be found.\n`,
  /** `systemctl start nosuch`: derived from systemctl's `Failed to %s unit %s: %s` with the bus error text. */
  failedToJob: (verb: string, id: string): string => `Failed to ${verb} ${id}: Unit ${id} not found.\n`,
  /** systemctl's usage error for a verb it lacks (src/systemctl/systemctl.c). */
  unknownCommand: (verb: string): string => `Unknown command verb ${verb}.\n`,
  tooFewArguments: 'Too few arguments.\n',
} as const;

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const two = (n: number): string => n.toString().padStart(2, '0');

/** FORMAT_TIMESTAMP: `Tue 2026-12-01 08:32:00 UTC` (the lab's clock is UTC). */
export function systemdTimestamp(ms: number): string {
  const d = new Date(ms);
  return `${WEEKDAYS[d.getUTCDay()] ?? 'Sun'} ${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC`;
}

/** format_timestamp_relative (systemd 252 src/basic/time-util.c), up to days. */
export function relativeTime(thenMs: number, nowMs: number): string {
  const sec = 1000;
  const min = 60 * sec;
  const hour = 60 * min;
  const day = 24 * hour;
  const d = nowMs - thenMs;
  const s = d >= 0 ? 'ago' : 'left';
  const a = Math.abs(d);
  const f = Math.floor;
  if (a >= 2 * day) return `${f(a / day)} days ${s}`;
  if (a >= 25 * hour) return `1 day ${f((a - day) / hour)}h ${s}`;
  if (a >= 6 * hour) return `${f(a / hour)}h ${s}`;
  if (a >= hour) return `${f(a / hour)}h ${f((a % hour) / min)}min ${s}`;
  if (a >= 5 * min) return `${f(a / min)}min ${s}`;
  if (a >= min) return `${f(a / min)}min ${f((a % min) / sec)}s ${s}`;
  if (a >= sec) return `${f(a / sec)}s ${s}`;
  if (a >= 1) return `${a}ms ${s}`;
  return 'now';
}

/** `●` (active), `○` (inactive), `×` (failed): unit_active_state_to_glyph with UTF-8 glyphs. */
export const GLYPH = { active: '●', inactive: '○', failed: '×' } as const;

export interface ProcessLine {
  readonly pid: number;
  /** `ExecStart`, `ExecStartPre`, `ExecStop`, `ExecReload`. */
  readonly kind: string;
  readonly argv: string;
  readonly status: number;
}

/** `    Process: 612 ExecStart=/bin/true (code=exited, status=0/SUCCESS)` */
export const processLine = (p: ProcessLine): string =>
  `    Process: ${p.pid} ${p.kind}=${p.argv} (code=exited, status=${p.status}/${p.status === 0 ? 'SUCCESS' : 'FAILURE'})\n`;

export const mainPidExited = (pid: number): string => `   Main PID: ${pid} (code=exited, status=0/SUCCESS)\n`;

export interface StatusHead {
  readonly glyph: string;
  readonly unit: UnitNames & { readonly path: string };
  /** `enabled`, with `preset: enabled` (Debian enables postfix at install). */
  readonly active: string;
  readonly sub: string;
  /** `exit-code` when the unit failed. */
  readonly result: string | null;
  readonly since: number | null;
  readonly now: number;
  readonly docs: boolean;
}

/** The first lines of `systemctl status UNIT`. */
export function statusHead(h: StatusHead): string {
  let s = `${h.glyph} ${h.unit.id} - ${h.unit.description}\n`;
  s += `     Loaded: loaded (${h.unit.path}; enabled; preset: enabled)\n`;
  // The sub-state shows only when it differs from the active state (`failed` alone, `active (exited)`).
  s += `     Active: ${h.active}${h.sub === h.active ? '' : ` (${h.sub})`}${h.result === null ? '' : ` (Result: ${h.result})`}`;
  s += h.since === null ? '\n' : ` since ${systemdTimestamp(h.since)}; ${relativeTime(h.since, h.now)}\n`;
  if (h.docs) s += `       Docs: ${UNITS.docs}\n`;
  return s;
}

/** `   Duration: 5min 3.120s` (inactive units that ran): format_timespan with millisecond accuracy. */
export function durationLine(ms: number): string {
  const parts: string[] = [];
  let rest = Math.max(0, Math.round(ms));
  const units: readonly (readonly [string, number])[] = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['min', 60_000],
  ];
  for (const [suffix, size] of units) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${suffix}`);
      rest %= size;
    }
  }
  if (rest > 0 || parts.length === 0) {
    const secs = Math.floor(rest / 1000);
    const millis = rest % 1000;
    // format_timespan at millisecond accuracy: three decimals (`3.120s`), or `120ms` under a second.
    parts.push(millis === 0 ? `${secs}s` : secs === 0 ? `${millis}ms` : `${secs}.${millis.toString().padStart(3, '0')}s`);
  }
  return `   Duration: ${parts.join(' ')}\n`;
}

/** postfix@-'s CGroup block: master as Debian starts it (the children are left out, see above). */
export const cgroupBlock = (masterPid: number): string =>
  `     CGroup: /system.slice/system-postfix.slice/postfix@-.service\n             └─${masterPid} /usr/lib/postfix/sbin/master -w\n`;

/** The executables the units run (Debian's unit files). */
export const EXEC = {
  wrapperStart: '/bin/true',
  wrapperReload: '/bin/true',
  instancePre: '/usr/lib/postfix/configure-instance.sh -',
  instanceStart: '/usr/sbin/postmulti -i - -p start',
  instanceStop: '/usr/sbin/postmulti -i - -p stop',
  instanceReload: '/usr/sbin/postmulti -i - -p reload',
} as const;

/** journalctl with nothing to show. */
export const NO_ENTRIES = '-- No entries --\n';
