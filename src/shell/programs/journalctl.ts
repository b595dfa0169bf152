/**
 * `journalctl [-u UNIT]... [-n N] [-f] [-e] [-x] [--no-pager]` on the lab machine (systemd 252, Debian 12;
 * DERIVED, see systemctl-texts.ts). The journal holds what systemd logged about Postfix's units
 * (systemctl-units.ts) and what postmulti wrote on stderr for them. Postfix's own lines go to
 * `maillog_file` (/var/log/mail.log) in the lab's main.cf, so the journal does not have them; with
 * `maillog_file` empty they go to syslog, and the journal shows them under postfix@-.service as a real
 * server would. Lines look like the mail log's (`Dec 01 08:32:00 mail systemd[1]: ...`). Differences, on
 * purpose: no pager, and `-x` adds no catalog explanations.
 */
import type { LogRecord } from '../../engine/log/mail-log.ts';
import { formatLogRecord } from '../../engine/log/mail-log.ts';
import type { Program, ProgramContext } from '../program.ts';
import type { InteractiveSession, SessionIo } from '../session.ts';
import type { LabWorld, LabEnv } from './net/lab-env.ts';
import type { UnitKey } from './systemctl-units.ts';
import { postfixUnits, unitKey } from './systemctl-units.ts';
import { NO_ENTRIES } from './systemctl-texts.ts';

/** The host field of journal lines: the short host name, as in mail.log. */
const HOST = 'mail';

interface Line {
  readonly time: number;
  readonly text: string;
}

/** Postfix's own log records reach the journal only when they go to syslog (empty maillog_file). */
function syslogRecords(world: LabWorld): readonly LogRecord[] {
  return world.logFile === '' ? world.log.records : [];
}

function lines(world: LabWorld, units: readonly UnitKey[] | null): Line[] {
  const journal = postfixUnits(world);
  journal.reconcile();
  const out: Line[] = journal.journal
    .filter((e) => units === null || units.includes(e.unit))
    .map((e) => ({ time: e.time, text: formatLogRecord({ time: e.time, program: e.program, pid: e.pid, text: e.text }, HOST) }));
  if (units === null || units.includes('instance')) {
    for (const r of syslogRecords(world)) out.push({ time: r.time, text: formatLogRecord(r, HOST) });
  }
  // A stable sort keeps each source's own order among equal times.
  return out.sort((a, b) => a.time - b.time);
}

/** The last `n` journal lines of these units (for `systemctl status`). */
export function journalLines(world: LabWorld, units: readonly UnitKey[], n: number): string[] {
  const all = lines(world, units).map((l) => l.text);
  return all.slice(Math.max(0, all.length - n));
}

interface Options {
  units: UnitKey[] | null;
  unknownUnit: boolean;
  n: number | null;
  follow: boolean;
}

function parse(ctx: ProgramContext): Options | string {
  const o: Options = { units: null, unknownUnit: false, n: null, follow: false };
  const argv = ctx.argv.slice(1);
  const addUnit = (name: string): void => {
    const k = unitKey(name);
    if (k === null) o.unknownUnit = true;
    else o.units = [...(o.units ?? []), k];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const m = /^--(unit|lines)=(.*)$/.exec(a);
    if (m !== null) {
      if (m[1] === 'unit') addUnit(m[2] ?? '');
      else o.n = Number(m[2]);
      continue;
    }
    if (a === '--no-pager' || a === '--follow' || a === '--pager-end') {
      if (a === '--follow') o.follow = true;
      continue;
    }
    if (!a.startsWith('-') || a.startsWith('--')) return `journalctl: unrecognized option '${a}'\n`;
    // Bundled short options: -xeu postfix, -fu postfix, -n50.
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (c === 'x' || c === 'e' || c === 'q') {
        if (c === 'e' && o.n === null) o.n = 1000;
        continue;
      }
      if (c === 'f') {
        o.follow = true;
        continue;
      }
      if (c === 'u' || c === 'n') {
        const rest = a.slice(j + 1);
        const value = rest !== '' ? rest : argv[++i];
        if (value === undefined) return `journalctl: option requires an argument -- '${c}'\n`;
        if (c === 'u') addUnit(value);
        else {
          if (!/^\d+$/.test(value)) return `Failed to parse lines '${value}'\n`;
          o.n = Number(value);
        }
        break;
      }
      return `journalctl: invalid option -- '${c ?? ''}'\n`;
    }
  }
  return o;
}

class Follow implements InteractiveSession {
  readonly mode = 'cooked';
  readonly echo = false;
  readonly #world: LabWorld;
  #unsubscribe: (() => void) | null = null;

  constructor(world: LabWorld) {
    this.#world = world;
  }

  start(io: SessionIo): void {
    this.#unsubscribe = this.#world.log.subscribe((r) => {
      if (this.#world.logFile === '') io.write(`${formatLogRecord(r, HOST)}\n`);
    });
  }

  onInput(): void {}

  dispose(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }
}

export function journalctlProgram(env: LabEnv): Program {
  // The units come up with the machine: what systemd started at boot is known before anyone looks.
  postfixUnits(env.world);
  return {
    name: 'journalctl',
    usage: 'journalctl [-u postfix|postfix@-] [-n N] [-f]',
    run(ctx) {
      const o = parse(ctx);
      if (typeof o === 'string') {
        ctx.stderr.write(o);
        return 1;
      }
      const all = o.unknownUnit && o.units === null ? [] : lines(env.world, o.units).map((l) => l.text);
      const n = o.n ?? (o.follow ? 10 : null);
      const shown = n === null ? all : all.slice(Math.max(0, all.length - n));
      if (shown.length === 0 && !o.follow) ctx.stdout.write(NO_ENTRIES);
      else if (shown.length > 0) ctx.stdout.write(`${shown.join('\n')}\n`);
      return o.follow ? new Follow(env.world) : 0;
    },
  };
}
