/**
 * `openssl dgst [-md5|-sha1|-sha256] [-r] [FILE...]` and its shortcuts `openssl md5|sha1|sha256 [FILE...]`
 * (OpenSSL 3.0.22). Without a file it reads standard input (`MD5(stdin)= ...`). A missing file is named at
 * once; OpenSSL's error stack comes out at the end, as the real program prints it on exit. The lab knows
 * MD5, SHA-1, SHA-256, SHA-384 and SHA-512 (src/engine/util/digest.ts); other digests (sha224, sha3-*...) get
 * dgst's unknown-digest answer, which real openssl would not give for them.
 */
import type { DigestName } from '../../util/digest.ts';
import { digest, lowerHex, utf8Bytes } from '../../util/digest.ts';
import type { InspectEnv } from './inspect-io.ts';
import { DGST_TEXT, DGST_UNKNOWN, errLine, INSPECT_ERR, usageError } from './inspect-texts.ts';
import type { ToolStep } from './tool-io.ts';
import { Output } from './tool-io.ts';

/** How each digest labels its lines: OpenSSL 3.0's names (`SHA2-256`), except plain `dgst`'s default (`SHA256`). */
const LABELS: Readonly<Record<DigestName, string>> = {
  md5: 'MD5',
  sha1: 'SHA1',
  sha256: 'SHA2-256',
  sha384: 'SHA2-384',
  sha512: 'SHA2-512',
};
const BY_OPTION: Readonly<Record<string, DigestName>> = { md5: 'md5', sha1: 'sha1', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' };

/** `prog` is `dgst`, or the digest name used as a command (`md5`, `sha1`, `sha256`). */
export function dgstCommand(prog: string, argv: readonly string[], env: InspectEnv): ToolStep {
  const out = new Output();
  let name: DigestName = BY_OPTION[prog] ?? 'sha256';
  let label = prog === 'dgst' ? 'SHA256' : LABELS[name];
  let coreutils = false;
  const files: string[] = [];
  let options = true;
  for (const a of argv) {
    if (!options || !a.startsWith('-') || a === '-') {
      options = false;
      files.push(a);
      continue;
    }
    const opt = a.startsWith('--') ? a.slice(2) : a.slice(1);
    if (opt === 'r') coreutils = true;
    else if (opt === 'hex') coreutils = false;
    else if (BY_OPTION[opt] !== undefined) {
      name = BY_OPTION[opt] ?? name;
      label = LABELS[name];
    } else {
      out.stderr(usageError(prog, DGST_UNKNOWN(opt)) + errLine(env.threadId, INSPECT_ERR.fetchUnsupported(opt)));
      return out.take(1);
    }
  }
  const line = (shown: string, text: string): string => {
    const hex = lowerHex(digest(name, utf8Bytes(text)));
    return coreutils ? DGST_TEXT.coreutils(shown, hex) : DGST_TEXT.line(label, shown, hex);
  };
  if (files.length === 0) {
    out.stdout(line(DGST_TEXT.stdinName, env.stdin ?? ''));
    return out.take(0);
  }
  let errors = '';
  for (const f of files) {
    const file = env.files(f);
    if (file === undefined) {
      out.stderr(DGST_TEXT.missing(f));
      errors += errLine(env.threadId, INSPECT_ERR.fileCtrlMissing(f)) + errLine(env.threadId, INSPECT_ERR.fileCtrlSystemLib);
      continue;
    }
    out.stdout(line(f, file.content));
  }
  out.stderr(errors);
  return out.take(errors === '' ? 0 : 1);
}
