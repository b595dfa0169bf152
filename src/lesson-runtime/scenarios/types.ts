import type { RemoteHostSpec } from '../../engine/remote/remote-world.ts';

/** A file of a scenario or a lab image: its text and Unix mode bits. */
export interface ScenarioFile {
  readonly content: string;
  readonly mode: number;
}

/**
 * A lesson's starting world, as data: deltas over the lab machine as it boots (createLabWorld).
 * Named and versioned: bump `version` whenever the world it describes changes, so stored progress
 * made on the old world is reported (progress.ts `scenario-changed`) instead of silently mixed in.
 */
export interface Scenario {
  readonly name: string;
  readonly version: number;
  readonly title: string;
  /** main.cf parameters set as `postconf -e` would, over the lab's main.cf. */
  readonly main?: Readonly<Record<string, string>>;
  /** Full master.cf text replacing the lab's stock one (omitted: stock). */
  readonly masterCf?: string;
  /** Extra or replaced files by absolute path; null deletes the file. */
  readonly files?: Readonly<Record<string, ScenarioFile | null>>;
  /** Postfix running at boot (default true). */
  readonly running?: boolean;
  /**
   * The remote hosts of the simulated network (default: the corpus's MXes at 127.0.0.2:2526/2527/2530
   * and the STARTTLS-stripping proxy at 127.0.0.3:2528). Not in the course contract's first draft.
   */
  readonly remote?: readonly RemoteHostSpec[];
}
