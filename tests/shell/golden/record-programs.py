#!/usr/bin/env python3
"""Records what getent (glibc 2.36), timeout (coreutils 9.1) and dpkg -l (dpkg 1.21.22) print on Debian 12 (LANG=C.UTF-8) for the
commands in CASES into programs.golden.json. Each getent case runs with its own /etc/hosts, bind-mounted in a
private mount namespace (`unshare -m`), so the machine's own file is never touched. stdin is /dev/null and
stdout/stderr are pipes. The shell tests replay every case in the lab shell (LabShell.runLine, tty false)
with the same /etc/hosts and compare stdout, stderr and the exit status.
Run as root: python3 tests/shell/golden/record-programs.py"""
import json, os, subprocess, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# The lab's /etc/hosts (src/engine/world/data/lab-files.ts), the corpus recording machine's after part 4 of
# terminal/term-telnet-25-may, and a file with repeated names and addresses.
LAB = '127.0.0.1\tlocalhost\n127.0.0.1\tmail.example.org mail\n127.0.0.2\tmx.example.net\n'
STOCK = ('127.0.0.1       localhost\n127.0.1.1       vm\n127.0.0.1 mail.example.org\n'
         '# The following lines are desirable for IPv6 capable hosts\n'
         '::1     localhost ip6-localhost ip6-loopback\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n')
MIXED = ('127.0.0.1 a alias-a # comment\n127.0.0.2 a b\n  127.0.0.3\tc   a\n\n10.0.0.1 A-UPPER\n::1 a six\n'
         'bogus-line\n127.0.0.1 a-long-name-that-is-longer-than-fifteen-characters\n')

GETENT = [
    'getent hosts localhost', 'getent hosts mail.example.org', 'getent hosts mail', 'getent hosts mx.example.net',
    'getent hosts nope.example.org', 'getent hosts 127.0.0.1', 'getent hosts 127.0.0.2', 'getent hosts 127.0.0.9',
    'getent hosts ::1', 'getent hosts localhost nope mail', 'getent hosts', "getent hosts ''", 'getent hosts LOCALHOST',
    'getent ahosts localhost', 'getent ahosts mail.example.org', 'getent ahosts 127.0.0.1', 'getent ahosts nope',
    'getent ahostsv4 localhost', 'getent ahostsv6 localhost', 'getent ahostsv4 ::1', 'getent ahostsv6 127.0.0.1', 'getent ahosts',
    'getent', 'getent foo', 'getent foo bar', 'getent --bogus', 'getent -x hosts localhost',
]
MIXED_GETENT = [
    'getent hosts a', 'getent hosts b', 'getent hosts c', 'getent hosts six', 'getent hosts a-upper', 'getent hosts 127.0.0.2',
    'getent hosts 127.0.0.1', 'getent hosts', 'getent ahosts a', 'getent ahostsv4 a', 'getent ahostsv6 a', 'getent ahosts c',
    'getent hosts a-long-name-that-is-longer-than-fifteen-characters', 'getent hosts bogus-line', 'getent hosts comment',
]
TIMEOUT = [
    'timeout', 'timeout 10', 'timeout 1x true', "timeout '' true", 'timeout 1s2 true', 'timeout -1 true', 'timeout -k', 'timeout -s FOO 1 true',
    'timeout --bogus 1 true', 'timeout -x 1 true', 'timeout 5 nosuchcmd', 'timeout 5 /etc', 'timeout 5 /nope/x', 'timeout 5 cd /', 'timeout 5 exit',
    'timeout 5 true; echo $?', 'timeout 5 false; echo $?', 'timeout 1.5m echo hi', 'timeout 0 echo zero', 'timeout 1e1 echo e', "timeout ' 5' echo sp",
    'timeout 5d echo d', 'timeout inf echo inf', 'timeout 0x10 echo hex', 'timeout 1 tail -f /etc/hosts', 'timeout -v 1 tail -f /etc/hosts',
    'timeout --preserve-status 1 tail -f /etc/hosts', 'timeout -s KILL 1 tail -f /etc/hosts', 'timeout -s INT --verbose 1 tail -f /etc/hosts',
    'timeout -k 1 1 tail -f /etc/hosts', 'timeout 1 grep -c a nope.txt', 'timeout --signal=HUP -v 1 tail -f /etc/hosts',
]

REPEATED = '127.0.0.1 x\n127.0.0.2 x y\n127.0.0.1 y z\n127.0.0.4 x\n'
REPEATED_GETENT = ['getent hosts x', 'getent hosts y', 'getent hosts z', 'getent hosts 127.0.0.1', 'getent ahosts x', 'getent ahosts y', 'getent hosts']

# dpkg 1.21.22 on the machine that also has the corpus's packages at the corpus's versions (MANIFEST.md,
# postconf-defaults-tls-sasl): only cases about those six packages, or names no package has.
DPKG = [
    'dpkg -l postfix', 'dpkg -l postfix openssl libssl3 sasl2-bin libsasl2-modules libsasl2-2',
    'dpkg -l postfix openssl libssl3 sasl2-bin libsasl2-modules libsasl2-2 | tail -6', 'dpkg --list openssl libssl3',
    'dpkg -l nosuchpkg', 'dpkg -l nosuchpkg postfix other', "dpkg -l 'libsasl2-2:amd64'", "dpkg -l 'postfi?'", "dpkg -l 'libssl3:i386'",
    "dpkg -l LIBSSL3", "dpkg -l ''", 'dpkg -l -- postfix', 'dpkg -l postfix -l openssl', 'dpkg-query -l sasl2-bin', 'dpkg', 'dpkg-query',
]

CASES = ([(LAB, c) for c in GETENT + TIMEOUT + DPKG] + [(STOCK, c) for c in GETENT] + [(MIXED, c) for c in MIXED_GETENT]
         + [(REPEATED, c) for c in REPEATED_GETENT]
         + [('127.0.0.1 x\n127.0.0.1 x w\n::1 x\n::2 x v\n', c) for c in ['getent hosts x', 'getent ahostsv4 x', 'getent ahostsv6 x', 'getent ahosts x']])


def main():
    out = []
    with tempfile.TemporaryDirectory(prefix='programs-golden-') as d:
        hosts = os.path.join(d, 'hosts')
        for content, cmd in CASES:
            with open(hosts, 'w') as f:
                f.write(content)
            env = {'HOME': '/root', 'PATH': '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'LANG': 'C.UTF-8'}
            script = 'mount --bind "$0" /etc/hosts && cd /root && exec bash --norc --noprofile -c "$1"'
            p = subprocess.run(['unshare', '-m', 'sh', '-c', script, hosts, cmd], env=env, capture_output=True, text=True,
                               stdin=subprocess.DEVNULL, timeout=10)
            err = p.stderr.replace('bash: line 1: ', 'bash: ')
            out.append({'hosts': content, 'cmd': cmd, 'stdout': p.stdout, 'stderr': err, 'status': p.returncode})
    with open(os.path.join(HERE, 'programs.golden.json'), 'w') as f:
        json.dump({'cases': out}, f, indent=1, ensure_ascii=False)
        f.write('\n')


if __name__ == '__main__':
    main()
