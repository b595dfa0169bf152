#!/usr/bin/env python3
"""record_host_misc.py - which(1) and hostname(1) answers the host-tools recording (host_tools.py) lacks:
usage errors and options (helper H4, issue 9). Run on a Debian 12 machine (debianutils 5.7 `which`,
hostname 3.23+nmu1); the machine's own name shows in the hostname lines, so the tests use only the
name-independent ones (usage texts, exit statuses, `-d` printing nothing when the name has no domain).
Output: tests/corpus-extra/host-tools/h4-host-misc.json, a list of {cmd, stdout, stderr, status}.
"""
import json
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), 'host-tools', 'h4-host-misc.json')
COMMANDS = ['which', 'which -x ls', 'which -a ls', 'which -a postconf', 'which ls nosuchcommand cat', 'which -a nosuchcommand',
            'hostname -x', 'hostname -s', 'hostname -d', 'hostname --version']


def main():
    records = []
    for cmd in COMMANDS:
        p = subprocess.run(['/bin/sh', '-c', cmd], capture_output=True, stdin=subprocess.DEVNULL)
        records.append({'cmd': cmd, 'stdout': p.stdout.decode(), 'stderr': p.stderr.decode(), 'status': p.returncode})
    with open(OUT, 'w') as f:
        json.dump({'hostname': os.uname().nodename, 'records': records}, f, indent=1)
        f.write('\n')
    print(f'{len(records)} commands -> {OUT}')


if __name__ == '__main__':
    main()
