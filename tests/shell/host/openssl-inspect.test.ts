/**
 * `openssl x509|verify|rsa|pkey|dgst|md5|sha1|sha256` in the lab, replayed against the real openssl
 * 3.0.22's answers on the same files (tests/corpus-extra/host-tools/openssl-inspect.json, recorded by
 * tests/corpus-extra/recorder/record_openssl.py in a directory holding the lab's PEMs). Every string here
 * is recorded; none is derived. The thread ID at the start of OpenSSL's error lines is masked.
 */
import { describe, expect, it } from 'vitest';
import { createLabWorld } from '../../../src/engine/world/lab-world.ts';
import { createLabShell } from '../../../src/shell/lab-shell.ts';
import { hostRecords, maskThreadId, opensslRecords } from './recordings.ts';

function labInTlsDir() {
  const world = createLabWorld();
  // The recorder's two plain files beside the PEMs (record_openssl.py EXTRA_FILES).
  world.fs.write('/etc/postfix/tls/empty.txt', '', 0o644);
  world.fs.write('/etc/postfix/tls/notes.txt', 'hello\n', 0o644);
  const shell = createLabShell(world);
  shell.runLine('cd /etc/postfix/tls');
  return shell;
}

describe('openssl inspecting the lab files answers as openssl 3.0.22 did', () => {
  const records = opensslRecords();
  it('has the recording', () => {
    expect(records.length).toBeGreaterThan(50);
  });
  it.each(records.map((r) => [r.cmd, r] as const))('%s', (_cmd, r) => {
    const shell = labInTlsDir();
    const got = shell.runLine(r.cmd.replace(/ < \/dev\/null$/, ''));
    expect({ stdout: got.stdout, stderr: maskThreadId(got.stderr), status: got.exitCode }).toEqual({
      stdout: r.stdout,
      stderr: maskThreadId(r.stderr),
      status: r.status,
    });
  });
});

describe("openssl on /etc/postfix/tls as helper H1's host-tool recordings have it", () => {
  const files = ['openssl-x509-text.txt', 'openssl-x509-noout.txt', 'openssl-digests.txt', 'openssl-verify.txt', 'openssl-rsa-modulus.txt'];
  const cases = files.flatMap((f) => hostRecords(f).map((r) => [`${f}: ${r.cmd}`, r] as const));
  it('has the recordings', () => {
    expect(cases.length).toBeGreaterThan(10);
  });
  it.each(cases)('%s', (_name, r) => {
    const shell = createLabShell(createLabWorld());
    const got = shell.runLine(r.cmd);
    expect({ stdout: got.stdout, stderr: maskThreadId(got.stderr), status: got.exitCode }).toEqual({
      stdout: r.stdout,
      stderr: maskThreadId(r.stderr),
      status: r.status,
    });
  });
});
