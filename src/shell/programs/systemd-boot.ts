/**
 * What systemd did when the lab machine booted, taken when the machine's shell is made (lab-shell.ts), before
 * any program: whether Postfix came up, and the PIDs its units' processes took then. systemctl-units.ts builds
 * the units from it when systemctl or journalctl is first made, which in the browser is when a line first names
 * one of them (their code comes then): a `postfix stop` typed before that must not rewrite the boot, and the
 * PIDs must be the ones Node gives, which makes every program with the shell.
 */
import type { LabWorld } from './net/lab-env.ts';

export interface SystemdBoot {
  /** Whether Postfix was running after boot (postfix@-.service started). */
  readonly running: boolean;
  /**
   * The PIDs of the boot's unit processes, in the order systemctl-units.ts gives them out: postfix@-'s
   * ExecStartPre and ExecStart when Postfix came up, then postfix.service's ExecStart.
   */
  readonly pids: readonly number[];
}

const BOOTS = new WeakMap<LabWorld, SystemdBoot>();

/** Takes the boot's record of `world` (once). */
export function recordSystemdBoot(world: LabWorld): void {
  if (BOOTS.has(world)) return;
  const running = world.master.running;
  const pids: number[] = [];
  for (let i = running ? 3 : 1; i > 0; i--) pids.push(world.ids.nextPid());
  BOOTS.set(world, { running, pids });
}

/** The boot's record of `world`, if its shell took one. */
export function systemdBoot(world: LabWorld): SystemdBoot | undefined {
  return BOOTS.get(world);
}
