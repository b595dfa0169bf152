/**
 * A lesson solution's panel step (`toggle:` in frontmatter) without the page: a control set to a value,
 * written as `postconf -e` (main.cf) or `postconf -P` (`<service> <parameter>` of master.cf) writes it.
 * Apart from session.ts so that the lab page's session, which never runs it (the page's panel edits the
 * files itself: components/lab/controls.ts), leaves postconf's editing code out of the machine chunk.
 */
import { MAIN_CF_PATH } from '../engine/config/main-cf.ts';
import { MASTER_CF_PATH } from '../engine/config/master-cf.ts';
import { runPostconfEdit } from '../engine/postconf/run-core.ts';
import type { LessonSession } from './session.ts';

/** Sets a config-panel control: `name` a main.cf parameter, or `<service> <parameter>` of master.cf. */
export function toggleControl(session: Pick<LessonSession, 'world'>, name: string, value: string): void {
  const fs = session.world.fs;
  const files = { mainCf: fs.read(MAIN_CF_PATH), masterCf: fs.read(MASTER_CF_PATH) };
  const parts = name.trim().split(/\s+/);
  const argv =
    parts.length === 2
      ? ['-P', `${parts[0] ?? ''}/inet/${parts[1] ?? ''}=${value}`]
      : parts.length === 1
        ? ['-e', `${name.trim()}=${value}`]
        : null;
  if (argv === null) throw new Error(`toggle: not a control: ${name}`);
  const r = runPostconfEdit(argv, files);
  if (r.exitCode !== 0) throw new Error(`toggle ${name}=${value}: ${r.stderr.trim()}`);
  if (r.mainCf !== undefined) fs.write(MAIN_CF_PATH, r.mainCf);
  if (r.masterCf !== undefined) fs.write(MASTER_CF_PATH, r.masterCf);
}
