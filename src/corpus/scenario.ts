import { compareLogs, compareTranscripts, type Mismatch } from './compare.ts';
import { normalize } from './normalize.ts';
import { LATER } from './pending.ts';
import { replay } from './replay.ts';
import { parseScenarioConfig } from './scenario-config.ts';
import { buildScenarioWorld } from './scenario-world.ts';
import { parseTranscript } from './transcript.ts';
import { parseClientPackets } from './wire.ts';

/** The files of one corpus scenario, read by the caller (the CLI or a test). */
export interface ScenarioFiles {
  readonly name: string;
  readonly baseMainCf: string;
  readonly baseMasterCf: string;
  readonly config: string;
  readonly transcript: string;
  readonly log: string;
  readonly wire: string | null;
}

export interface NormalizedReplay {
  readonly transcript: string;
  readonly log: string;
  readonly pending: string | null;
}

/** Replays a scenario against a fresh lab world and normalizes what the lab produced. */
export function replayScenario(f: ScenarioFiles): NormalizedReplay {
  const cfg = parseScenarioConfig(f.config);
  if (cfg.unknown.length > 0)
    return { transcript: '', log: '', pending: `config.txt preparation not understood: ${cfg.unknown.join('; ')}` };
  const target = buildScenarioWorld(f.baseMainCf, f.baseMasterCf, cfg);
  const steps = parseTranscript(f.transcript);
  const packets = f.wire === null ? null : parseClientPackets(f.wire);
  const r = replay(steps, packets, target, f.name);
  if (r.pending !== null) return r;
  return { transcript: normalize(r.transcript), log: normalize(r.log), pending: null };
}

export type CheckResult =
  | { readonly status: 'passed' }
  | { readonly status: 'pending'; readonly reason: string }
  | { readonly status: 'failed'; readonly mismatches: readonly Mismatch[] };

export function checkScenario(f: ScenarioFiles, opts: { readonly strict?: boolean } = {}): CheckResult {
  const r = replayScenario(f);
  if (r.pending !== null) return { status: 'pending', reason: r.pending };
  const mismatches: Mismatch[] = [];
  const t = compareTranscripts(f.transcript, r.transcript);
  if (t !== null) mismatches.push(t);
  mismatches.push(...compareLogs(f.log, r.log));
  if (mismatches.length === 0) return { status: 'passed' };
  const later = opts.strict === true ? undefined : LATER[f.name];
  return later === undefined ? { status: 'failed', mismatches } : { status: 'pending', reason: later };
}
