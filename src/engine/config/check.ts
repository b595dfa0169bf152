/**
 * What `postfix check` / `postfix reload` and the daemons find when they read the
 * configuration, as data. The `postfix` command reads main.cf itself
 * (`postfix: fatal: /etc/postfix/main.cf, line 32: missing '=' after attribute name: "..."`,
 * [corpus] postconf-behaviours and terminal/term-postfix-cli); master.cf is read by the
 * postconf runs of postfix-script ([real] `postfix check` with a bad master.cf entry prints
 * `/usr/sbin/postconf: fatal: invalid type field "bogus" in "foo bogus n - n - - smtpd"` and
 * exits 1; recorded with postfix check in a private mount namespace, no daemon started).
 */
import { MainCf, MAIN_CF_PATH } from './main-cf.ts';
import { MasterCf, MASTER_CF_PATH } from './master-cf.ts';

export interface ConfigCheck {
  /** Warning texts, without program prefix, in order. */
  readonly warnings: readonly string[];
  /** The fatal text, without program prefix, or null. */
  readonly fatal: string | null;
}

/** [real: no-main]. */
function missing(path: string): ConfigCheck {
  return { warnings: [], fatal: `open ${path}: No such file or directory` };
}

/** main.cf as mail_conf_read() reads it (the postfix command, daemons). */
export function checkMainCf(text: string | undefined, path: string = MAIN_CF_PATH): ConfigCheck {
  if (text === undefined) return missing(path);
  const m = MainCf.parse(text, { path });
  return { warnings: m.warnings, fatal: m.fatal };
}

/** master.cf as postconf reads it (postfix check runs postconf). */
export function checkMasterCf(text: string | undefined, path: string = MASTER_CF_PATH): ConfigCheck {
  if (text === undefined) return missing(path);
  const m = MasterCf.parse(text, { path });
  return { warnings: m.warnings, fatal: m.fatal };
}

/** Lines as a program prints them: `<program>: warning: ...`, then `<program>: fatal: ...`. */
export function formatCheck(program: string, check: ConfigCheck): string[] {
  const lines = check.warnings.map((w) => `${program}: warning: ${w}`);
  if (check.fatal !== null) lines.push(`${program}: fatal: ${check.fatal}`);
  return lines;
}
