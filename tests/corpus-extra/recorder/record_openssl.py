#!/usr/bin/env python3
"""record_openssl.py - record what the real `openssl` (Debian 12, 3.0.22) prints when it inspects the
lab's OWN certificates and keys, for tests/shell/host/ (helper H4, issue 9).

The lab's PEM files are taken from src/engine/tls/data/lab-certs.ts and written, under the lab's file
names, into a temporary directory; each command runs there through /bin/sh (so pipes work), with
relative file names, so the output names the files as the lab's `cd /etc/postfix/tls` shows them.
No network, no Postfix: pure OpenSSL.

Output: tests/corpus-extra/host-tools/openssl-inspect.json, a list of
  {"cmd": "...", "stdout": "...", "stderr": "...", "status": N}
byte for byte (JSON escapes), stdout and stderr captured apart. OpenSSL's error lines start with a
per-process thread ID (`40577B1CD77F0000:error:...`); the tests mask it.

Usage:  python3 record_openssl.py   (prints `openssl version` first; it must say 3.0.22 for the
binary and the library, as tests/corpus-extra/README.md's versions table)
"""
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
OUT = os.path.join(os.path.dirname(HERE), 'host-tools', 'openssl-inspect.json')

FILES = {
    'mail.example.org.crt': 'MAIL_EXAMPLE_ORG_CERT',
    'mail.example.org.key': 'MAIL_EXAMPLE_ORG_KEY',
    'mx.example.net.crt': 'MX_EXAMPLE_NET_CERT',
}

C = 'mail.example.org.crt'
K = 'mail.example.org.key'
MX = 'mx.example.net.crt'

COMMANDS = [
    f'openssl x509 -in {C} -noout -text',
    f'openssl x509 -in {MX} -noout -text',
    f'openssl x509 -in {C} -noout -subject',
    f'openssl x509 -in {C} -noout -issuer',
    f'openssl x509 -in {C} -noout -dates',
    f'openssl x509 -in {C} -noout -startdate',
    f'openssl x509 -in {C} -noout -enddate',
    f'openssl x509 -in {C} -noout -subject -issuer -dates',
    f'openssl x509 -in {C} -noout -fingerprint',
    f'openssl x509 -in {C} -noout -fingerprint -sha1',
    f'openssl x509 -in {C} -noout -fingerprint -sha256',
    f'openssl x509 -in {C} -noout -fingerprint -md5',
    f'openssl x509 -in {MX} -noout -fingerprint -sha256',
    f'openssl x509 -in {C} -noout -modulus',
    f'openssl x509 -in {C} -noout -serial',
    f'openssl x509 -in {C} -noout -ext subjectAltName',
    f'openssl x509 -in {C} -noout -checkend 86400',
    f'openssl x509 -in {C}',
    f'openssl x509 -noout -subject < {C}',
    f'openssl x509 -in nosuchfile -noout -subject',
    f'openssl x509 -in {K} -noout -subject',
    f'openssl x509 -in {C} -noout -bogus',
    f'openssl verify {C}',
    f'openssl verify -CAfile {C} {C}',
    f'openssl verify -CAfile {MX} {C}',
    f'openssl verify -CAfile {C} {MX}',
    f'openssl verify nosuchfile',
    f'openssl rsa -in {K} -noout -modulus',
    f'openssl rsa -in {K} -noout -check',
    f'openssl rsa -in {K} -check -noout',
    f'openssl rsa -in {K} -noout -text',
    f'openssl rsa -in {K} -pubout',
    f'openssl rsa -in {C} -noout -modulus',
    f'openssl pkey -in {K} -noout -text',
    f'openssl pkey -in {K} -pubout',
    f'openssl pkey -in {K} -noout -check',
    f'openssl pkey -in {K} -noout -modulus',
    f'openssl dgst -sha256 {C}',
    f'openssl dgst -sha1 {C}',
    f'openssl dgst -md5 {C}',
    f'openssl dgst {C}',
    f'openssl dgst -sha256 {C} {K}',
    f'openssl dgst -sha256 < {C}',
    f'openssl md5 {C}',
    f'openssl sha1 {C}',
    f'openssl sha256 {C}',
    f'openssl sha256 nosuchfile',
    f'openssl x509 -noout -modulus -in {C} | openssl md5',
    f'openssl rsa -noout -modulus -in {K} | openssl md5',
    f'openssl x509 -noout -modulus -in {C} | openssl sha256',
    f'openssl x509 -noout -modulus -in {C} | openssl dgst -sha256',
    f'openssl x509 -noout -modulus -in {MX} | openssl md5',
    f'openssl x509 -in {C} -noout -pubkey',
    f'openssl x509 -noout -subject < /dev/null',
    f'openssl x509 -in empty.txt -noout -subject',
    f'openssl x509 -in notes.txt -noout -subject',
    f'openssl x509 -in {C} -noout -fingerprint -bogus',
    f'openssl verify -CAfile nosuchfile {C}',
    f'openssl verify {C} {MX}',
    f'openssl verify {K}',
    f'openssl rsa -in {K}',
    f'openssl rsa -in nosuchfile -noout -modulus',
    f'openssl rsa -in notes.txt -noout -modulus',
    f'openssl rsa -in {K} -noout -bogus',
    f'openssl pkey -in {K}',
    f'openssl pkey -in {C} -noout -text',
    f'openssl pkey -in nosuchfile -noout -text',
    f'openssl dgst -sha256 nosuchfile',
    f'openssl md5 empty.txt',
    f'openssl dgst -r -sha256 {C}',
    f'openssl pkey -in {K} -text -check -pubout',
    f'openssl x509 -in {C} -dates -subject -noout -modulus -fingerprint -sha256 -serial -checkend 10',
    f'openssl x509 -in {C} -noout extra',
    f'openssl x509 -in',
    f'openssl x509 -checkend abc -in {C}',
    f'openssl verify -bogus {C}',
    f'openssl verify < {C}',
    f'openssl verify notes.txt',
    f'openssl dgst -bogus {C}',
    f'openssl md5 nosuchfile {C} nosuch2',
    f'openssl rsa -in',
    f'openssl x509 -noout -modulus -in {C} | openssl md5 | openssl sha1',
    f'openssl dgst -sha512 {C}',
    f'openssl dgst -sha384 {C}',
    f'openssl sha512 {K}',
    f'openssl x509 -in {C} -noout -fingerprint -sha512',
    f'openssl x509 -in {C} -noout -fingerprint -sha384',
]

# Plain files beside the PEMs: an empty one and a few words (what a learner may point openssl at by mistake).
EXTRA_FILES = {'empty.txt': '', 'notes.txt': 'hello\n'}


def pem_of(src, var):
    m = re.search(r'export const ' + var + r' = `([^`]*)`', src)
    if m is None:
        sys.exit(f'{var} not found in lab-certs.ts')
    return m.group(1)


def main():
    version = subprocess.run(['openssl', 'version'], capture_output=True, text=True).stdout
    print(version, end='')
    src = open(os.path.join(REPO, 'src/engine/tls/data/lab-certs.ts')).read()
    records = []
    with tempfile.TemporaryDirectory() as d:
        for name, var in FILES.items():
            with open(os.path.join(d, name), 'w') as f:
                f.write(pem_of(src, var))
        for name, text in EXTRA_FILES.items():
            with open(os.path.join(d, name), 'w') as f:
                f.write(text)
        for cmd in COMMANDS:
            p = subprocess.run(['/bin/sh', '-c', cmd], cwd=d, capture_output=True, stdin=subprocess.DEVNULL)
            records.append({'cmd': cmd, 'stdout': p.stdout.decode('utf-8'), 'stderr': p.stderr.decode('utf-8'),
                            'status': p.returncode})
    doc = {'recorded_with': version.strip(), 'cwd': 'a directory holding the lab files ' + ', '.join(FILES),
           'records': records}
    with open(OUT, 'w') as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
        f.write('\n')
    print(f'{len(records)} commands -> {OUT}')


if __name__ == '__main__':
    main()
