import { compareLogs, compareTranscripts, type Mismatch } from './compare.ts';
import { maskVolatile, normalize } from './normalize.ts';
import { LATER } from './pending.ts';
import { replay, type ToolRunResult } from './replay.ts';
import { parseToolRun, splitToolRuns, toolOutputLines } from './tool-output.ts';
import { diffLines, hunks } from './diff.ts';
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
  /** Whole tool runs kept beside the transcript (`sclient-*.normalized.txt`), by file name. */
  readonly toolRuns?: readonly { readonly name: string; readonly text: string }[];
}

export interface NormalizedReplay {
  readonly transcript: string;
  readonly log: string;
  readonly toolRuns: readonly ToolRunResult[];
  readonly pending: string | null;
}

/** Replays a scenario against a fresh lab world and normalizes what the lab produced. */
export function replayScenario(f: ScenarioFiles): NormalizedReplay {
  const cfg = parseScenarioConfig(f.config);
  if (cfg.unknown.length > 0)
    return { transcript: '', log: '', toolRuns: [], pending: `config.txt preparation not understood: ${cfg.unknown.join('; ')}` };
  const target = buildScenarioWorld(f.baseMainCf, f.baseMasterCf, cfg);
  const steps = parseTranscript(f.transcript);
  const packets = f.wire === null ? null : parseClientPackets(f.wire);
  const commands = steps.flatMap((s) => (s.kind === 'command' ? [s.command] : []));
  const runs = [...(f.toolRuns ?? []).flatMap((t) => parseToolRun(t.name, t.text) ?? []), ...splitToolRuns(f.toolRuns ?? [], commands)];
  const r = replay(steps, packets, target, f.name, runs);
  if (r.pending !== null) return r;
  return { transcript: normalize(r.transcript), log: normalize(r.log), toolRuns: r.toolRuns, pending: null };
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
  for (const t of r.toolRuns) mismatches.push(...compareToolRun(t));
  if (mismatches.length === 0) return { status: 'passed' };
  const later = opts.strict === true ? undefined : LATER[f.name];
  return later === undefined ? { status: 'failed', mismatches } : { status: 'pending', reason: later };
}

/** A whole tool run against its recording: stdout and stderr line by line (the lab's own certificate PEM aside), and the exit status. */
function compareToolRun(t: ToolRunResult): Mismatch[] {
  const out: Mismatch[] = [];
  for (const stream of ['stdout', 'stderr'] as const) {
    const want = toolOutputLines(t.run[stream]).map(maskVolatile);
    const got = toolOutputLines(normalize(t.result[stream])).map(maskVolatile);
    if (want.length !== got.length || want.some((l, i) => l !== got[i]))
      out.push({ what: `${t.run.name} ${stream}`, diff: hunks(diffLines(want, got)) });
  }
  if (t.run.exitCode !== null && t.run.exitCode !== t.result.exitCode) {
    out.push({ what: `${t.run.name} exit status`, diff: [`- ${t.run.exitCode}`, `+ ${t.result.exitCode}`] });
  }
  return out;
}
