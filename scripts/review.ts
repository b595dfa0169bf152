/**
 * `npm run review -- DIR [--json] [--no-host-files]`: the TLS review of DIR/main.cf and DIR/master.cf
 * (e.g. /etc/postfix) in a terminal. The certificate and key files the configuration names are read
 * from this host, read-only, so the review judges the real files (missing ones are reported with the
 * lines smtpd logs). Colour only on a tty. Exit 1 when an "error" finding is present or Postfix would
 * refuse the configuration, 2 when the input cannot be read.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FileLookup, SimFile } from '../src/engine/tls/types.ts';
import { exitStatus, formatReview, reviewJson } from '../src/review/format-text.ts';
import { reviewConfig } from '../src/review/review.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const dir = args.find((a) => !a.startsWith('--'));
if (dir === undefined) {
  process.stderr.write('usage: npm run review -- DIR [--json]   (DIR holds main.cf and master.cf, e.g. /etc/postfix)\n');
  process.exit(2);
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    process.stderr.write(`review: cannot read ${path}: ${(e as Error).message}\n`);
    return null;
  }
}

/** Files that exist but this user may not read (smtpd reads them as root). */
const unreadable: string[] = [];

/** The host's files, read-only. A file this user may not read is left out of the certificate findings. */
const hostFiles: FileLookup = Object.assign(
  (path: string): SimFile | undefined => {
    try {
      const st = statSync(path);
      if (!st.isFile()) return undefined;
      return { content: readFileSync(path, 'latin1'), mode: st.mode & 0o7777, mtime: st.mtimeMs };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EACCES' && !unreadable.includes(path)) unreadable.push(path);
      return undefined;
    }
  },
  {
    isDirectory: (path: string): boolean => {
      try {
        return statSync(path).isDirectory();
      } catch {
        return false;
      }
    },
  },
);

const mainCf = readText(join(dir, 'main.cf'));
const masterCf = readText(join(dir, 'master.cf'));
if (mainCf === null || masterCf === null) process.exit(2);
let review = reviewConfig({ mainCf, masterCf }, { files: hostFiles });
if (review.ok && unreadable.length > 0) {
  // smtpd reads these as root before dropping privileges: not being able to read them here proves nothing.
  const skipped = unreadable;
  review = {
    ...review,
    notes: [
      ...review.notes,
      ...skipped.map((p) => `${p}: permission denied for this user; smtpd reads it as root, so run the review as root to judge it.`),
    ],
    findings: review.findings.filter((f) => f.id !== 'certificate-problem' || !skipped.some((p) => f.detail.some((d) => d.includes(p)))),
  };
}
process.stdout.write(json ? reviewJson(review) : formatReview(dir, review, process.stdout.isTTY));
process.exitCode = exitStatus(review);
