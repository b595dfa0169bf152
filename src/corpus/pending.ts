/**
 * Scenarios that need a part of the lab that a later issue builds. Such a scenario is
 * reported as pending (with the reason) while it fails, and as passed once it passes.
 * Remove an entry when its issue lands; `check --strict` ignores this table.
 *
 * Empty: every scenario of the shared corpus (more/ included) and of tests/corpus-extra replays identically.
 */
export const LATER: Readonly<Record<string, string>> = {};
