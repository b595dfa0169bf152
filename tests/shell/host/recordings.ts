/** Reads the host-tool recordings of tests/corpus-extra/host-tools/ (recorded from real Debian 12 programs). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const HOST_TOOLS_DIR = fileURLToPath(new URL('../../corpus-extra/host-tools/', import.meta.url));

export interface CommandRecord {
  readonly cmd: string;
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number;
}

/** openssl-inspect.json (tests/corpus-extra/recorder/record_openssl.py). */
export function opensslRecords(): readonly CommandRecord[] {
  const doc = JSON.parse(readFileSync(`${HOST_TOOLS_DIR}openssl-inspect.json`, 'utf8')) as { records: CommandRecord[] };
  return doc.records;
}

/** OpenSSL's per-process thread ID at the start of its error lines varies from run to run. */
export function maskThreadId(text: string): string {
  return text.replace(/^[0-9A-F]{16}:error:/gm, '<tid>:error:');
}
