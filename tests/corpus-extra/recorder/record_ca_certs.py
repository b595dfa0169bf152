#!/usr/bin/env python3
"""record_ca_certs.py - record what Debian 12's /etc/ssl/certs (package ca-certificates) looks like to the
host tools (tests/corpus-extra/host-tools/ca-*.txt), and the coreutils 9.1 texts for symbolic links.

Same file format as host_tools.py (command line, stdout, stderr, exit status; `--- terminal ---` for a run
on a pty).  Needs no Postfix.  Run as root on a Debian 12 machine with ca-certificates installed:
    python3 record_ca_certs.py
The symlink-message recordings make and remove a scratch folder /tmp/ca-rec (nothing else is touched).
"""
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.environ.get('PFGT_OUT', os.path.dirname(HERE)), 'host-tools')
ENV = {'HOME': '/root', 'LANG': 'C.UTF-8', 'PATH': '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'}
ONLY = sys.argv[1:]


def sh(cmd):
    return subprocess.run(['bash', '-c', cmd], capture_output=True, env=ENV, text=True).stdout.strip()


def run(cmd, pty=False):
    if pty:
        # An 80-column terminal, as xterm's default and the lab's.
        p = subprocess.run(['script', '-qec', 'stty cols 80 rows 24; ' + cmd, '/dev/null'], capture_output=True,
                           env=dict(ENV, TERM='xterm-256color'), stdin=subprocess.DEVNULL)
        return p.returncode, p.stdout.decode('utf-8', 'replace').replace('\r\n', '\n'), p.stderr.decode('utf-8', 'replace')
    p = subprocess.run(['bash', '-c', cmd], capture_output=True, env=ENV, stdin=subprocess.DEVNULL)
    return p.returncode, p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace')


def section(title, text):
    if text == '':
        return '--- %s (empty) ---\n' % title
    if not text.endswith('\n'):
        return '--- %s (no newline at the end) ---\n%s\n' % (title, text)
    return '--- %s ---\n%s' % (title, text)


def record(name, cmds, note, setup=None):
    if ONLY and not any(name.startswith(x) for x in ONLY):
        return
    print('==>', name, flush=True)
    if setup:
        subprocess.run(['bash', '-c', setup], check=True, env=ENV)
    out = ['# ' + line for line in (note + '\n' + MACHINE).split('\n')]
    for cmd, pty in cmds:
        rc, o, e = run(cmd, pty)
        if pty:
            out.append('$ %s    (run on a pty: stdout and stderr merged as on a terminal)' % cmd)
            out.append(section('terminal', o).rstrip('\n'))
        else:
            out.append('$ %s' % cmd)
            out.append(section('stdout', o).rstrip('\n'))
            out.append(section('stderr', e).rstrip('\n'))
        out.append('--- exit status %d ---' % rc)
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name + '.txt'), 'w') as f:
        f.write('\n'.join(out) + '\n')


MACHINE = ('Machine "%s", Debian %s; dpkg -l: ca-certificates %s, coreutils %s, openssl %s.' %
           (sh('hostname'), sh('cat /etc/debian_version'), sh("dpkg-query -W -f '${Version}' ca-certificates"),
            sh("dpkg-query -W -f '${Version}' coreutils"), sh("dpkg-query -W -f '${Version}' openssl")))

EXTRAS = ('Not Debian\'s: this machine also has the Java keystore folder java/ (package ca-certificates-java) and two\n'
          'local CAs of its own infrastructure in /usr/local/share/ca-certificates (custom-ca.crt, sandboxing-egress-ca.crt):\n'
          'their links custom-ca.pem, sandboxing-egress-ca.pem (a copy), 6ca38420.0, 6f7d0a94.0, and their two\n'
          'certificates at the end of ca-certificates.crt. A stock Debian 12 server has none of them; the lab follows it.\n'
          'Dates: the links and java/ are from the image install (Jun 24 2025), the *.crt files from the package\n'
          '(Jun 13 2025); ca-certificates.crt was rebuilt at boot by the infrastructure (Dec 7), the lab shows\n'
          'the install date of the links for it.')

DANGLING = 'rm -rf /tmp/ca-rec && mkdir /tmp/ca-rec && cd /tmp/ca-rec && ln -s /nonexistent/file dangling && ln -s loop1 loop2 && ln -s loop2 loop1 && printf "hello\\n" > file && ln -s file link'


def main():
    record('ca-ls-l-etc-ssl-certs', [('ls -l /etc/ssl/certs', False), ('ls -ls /etc/ssl/certs', False)], EXTRAS)
    record('ca-ls-etc-ssl-certs-tty', [('ls /etc/ssl/certs', True)], EXTRAS)
    record('ca-ls-l-etc-ssl-certs-tty', [('ls -l /etc/ssl/certs', True)], EXTRAS)
    record('ca-ls-mozilla', [('ls -l /usr/share/ca-certificates', False), ('ls -l /usr/share/ca-certificates/mozilla | head', False),
                             ('ls /usr/share/ca-certificates/mozilla | wc -l', False),
                             ('ls -l /usr/local/share/ca-certificates', False)],
           'The package\'s certificates, and the infrastructure\'s local ones (not on a stock Debian 12).')
    record('ca-pem-link', [('ls -l /etc/ssl/certs/ISRG_Root_X1.pem', False), ('readlink /etc/ssl/certs/ISRG_Root_X1.pem', False),
                           ('readlink /etc/ssl/certs/4042bcee.0', False), ('readlink -f /etc/ssl/certs/4042bcee.0', False),
                           ('realpath /etc/ssl/certs/4042bcee.0', False), ('ls -lL /etc/ssl/certs/ISRG_Root_X1.pem', False),
                           ('cat /etc/ssl/certs/ISRG_Root_X1.pem', False), ('head -3 /etc/ssl/certs/ca-certificates.crt', False),
                           ('openssl x509 -in /etc/ssl/certs/ISRG_Root_X1.pem -noout -subject -issuer -dates', False)],
           'One certificate through its links (ISRG Root X1: Let\'s Encrypt\'s root).')
    record('ca-symlink-messages', [('cd /tmp/ca-rec && ls -l', False), ('cd /tmp/ca-rec && cat dangling', False),
                                   ('cd /tmp/ca-rec && head dangling', False), ('cd /tmp/ca-rec && ls dangling', False),
                                   ('cd /tmp/ca-rec && ls -L dangling', False), ('cd /tmp/ca-rec && ls -lL', False),
                                   ('cd /tmp/ca-rec && readlink dangling link file', False),
                                   ('cd /tmp/ca-rec && readlink -f dangling', False), ('cd /tmp/ca-rec && realpath dangling', False),
                                   ('cd /tmp/ca-rec && realpath link', False),
                                   ('cd /tmp/ca-rec && cat loop1', False), ('cd /tmp/ca-rec && readlink -f loop1', False),
                                   ('cd /tmp/ca-rec && realpath loop1', False), ('cd /tmp/ca-rec && cat link', False),
                                   ('cd /tmp/ca-rec && wc -c link', False), ('cd /tmp/ca-rec && readlink', False),
                                   ('cd /tmp/ca-rec && realpath', False), ('cd /tmp/ca-rec && readlink nosuch', False),
                                   ('cd /tmp/ca-rec && realpath nosuch', False),
                                   ('cd /tmp/ca-rec && test -e dangling; echo $?; test -L dangling; echo $?; [ -h link ]; echo $?; [ -f link ]; echo $?',
                                    False)],
           'coreutils 9.1 with symbolic links, in a scratch folder made by:\n' + DANGLING, setup=DANGLING)
    shutil.rmtree('/tmp/ca-rec', ignore_errors=True)


if __name__ == '__main__':
    main()
