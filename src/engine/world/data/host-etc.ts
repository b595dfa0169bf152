/**
 * Host files under /etc that Postfix does not own, as on the Debian 12 recording machine.
 * /etc/hostname: the lab machine's name. /etc/ssl/openssl.cnf: openssl's conffile, whose text (host-etc-texts.ts)
 * the engine never reads: it is listed and sized at once, and its text comes when a command line may read it
 * (the browser fetches it then: src/shell/lazy-data.ts; Node has it at once: src/shell/lab-programs.ts).
 * /etc/services likewise; until its text is here, what the engine reads of it (master.cf's port names, and
 * the client programs' ports) is its TCP entries (ETC_SERVICES), which answer every lookup as the text does.
 * /etc/ssl/certs and /usr/share/ca-certificates come from ca-certificates.ts (their text loads on demand too).
 * There is no /etc/mailname: the corpus machine
 * installed Postfix with debconf's "No configuration" (ground truth setup.sh), which writes none.
 */
import { ETC_SERVICES } from '../../config/services.ts';
import type { SimFile } from '../../tls/types.ts';
import { lazyFile } from '../sim-fs.ts';

export const ETC_HOSTNAME = 'mail\n';

/** The files whose text comes later, by path: their size in bytes (checked against the text by tests). */
const LAZY_HOST_FILE_SIZES = { '/etc/services': 12813, '/etc/ssl/openssl.cnf': 12332 } as const;

export type LazyHostFile = keyof typeof LAZY_HOST_FILE_SIZES;
/** The text of every lazy host file (host-etc-texts.ts). */
export type HostFileTexts = Readonly<Record<LazyHostFile, string>>;

let texts: HostFileTexts | null = null;

/** Hands over the files' text (host-etc-texts.ts), once it is here. */
export function provideHostFileTexts(t: HostFileTexts): void {
  texts ??= t;
}

/** Whether the files' text is here. */
export function hostFileTextsLoaded(): boolean {
  return texts !== null;
}

/** What a lazy host file reads as before its text is here (none: empty). */
const BEFORE_TEXT: Partial<HostFileTexts> = { '/etc/services': ETC_SERVICES };

/** The lazy host files as the machine boots with them (mode 0644, dated from before the boot like the other files). */
export function lazyHostFiles(): Record<LazyHostFile, SimFile> {
  const files = {} as Record<LazyHostFile, SimFile>;
  for (const [path, size] of Object.entries(LAZY_HOST_FILE_SIZES) as [LazyHostFile, number][])
    files[path] = lazyFile({ size, mode: 0o644, text: () => texts?.[path] ?? BEFORE_TEXT[path] });
  return files;
}
