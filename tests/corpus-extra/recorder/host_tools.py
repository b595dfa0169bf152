#!/usr/bin/env python3
"""host_tools.py - record what Debian 12's host tools print while Postfix runs (tests/corpus-extra/host-tools/).

One file per command: the command line, then its exact stdout, stderr and exit status; commands that change
Postfix's state (service ..., postfix) also get the mail.log lines they caused.  Where a screen is what matters
(stdout and stderr merged as a terminal shows them) the command also ran on a pty (`script -qec`), which merges
the two streams in the order they were written.  `<name>.normalized.txt` is the corpus's terminal normalizer
(terminal/tt.py normalize) applied to the file, written only when it changes something.

Usage, as root on the machine where the corpus's setup.sh ran (PFGT, PFGT_OUT as for record_extra.py), AFTER
installing the lab's own certificates and keys into /etc/postfix/tls/ (see README: the recordings must show the
lab's files):
    python3 host_tools.py            # every command
    python3 host_tools.py openssl-   # some, by file-name prefix
Loopback only: the only network peers are 127.0.0.1:25 and 127.0.0.1:587.
"""
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
GT = os.environ.get('PFGT', '/work/shared/postfix-ground-truth')
OUT = os.path.join(os.environ.get('PFGT_OUT', os.path.dirname(HERE)), 'host-tools')
sys.path.insert(0, os.path.join(GT, 'terminal'))
sys.path.insert(0, GT)

import pfrec  # noqa: E402
import tt  # noqa: E402  (the corpus's terminal normalizer)

ENV = {'HOME': '/root', 'LANG': 'C.UTF-8', 'PATH': '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'}
CERT = '/etc/postfix/tls/mail.example.org.crt'
KEY = '/etc/postfix/tls/mail.example.org.key'
S_CLIENT = 'openssl s_client -starttls smtp -connect 127.0.0.1:25'

ONLY = sys.argv[1:]


def run(cmd, pty=False, timeout=60):
    if pty:
        p = subprocess.run(['script', '-qec', cmd, '/dev/null'], capture_output=True, env=dict(ENV, TERM='xterm-256color'),
                           timeout=timeout, stdin=subprocess.DEVNULL)
        return p.returncode, p.stdout.decode('utf-8', 'replace').replace('\r\n', '\n'), p.stderr.decode('utf-8', 'replace')
    p = subprocess.run(['bash', '-c', cmd], capture_output=True, env=ENV, timeout=timeout, stdin=subprocess.DEVNULL)
    return p.returncode, p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace')


def section(title, text):
    if text == '':
        return '--- %s (empty) ---\n' % title
    if not text.endswith('\n'):
        return '--- %s (no newline at the end) ---\n%s\n' % (title, text)
    return '--- %s ---\n%s' % (title, text)


def record(name, cmds, log=False, note='', volatile=None):
    """cmds: list of (command, pty).  Writes host-tools/<name>.txt, plus <name>.normalized.txt when the output
    has volatile parts (PIDs, times, TLS session data: by default whenever log lines are kept)."""
    volatile = log if volatile is None else volatile
    if ONLY and not any(name.startswith(x) for x in ONLY):
        return
    print('==>', name, flush=True)
    out = []
    if note:
        out += ['# ' + line for line in note.split('\n')]
    for cmd, pty in cmds:
        cap = pfrec.LogCap() if log else None
        rc, o, e = run(cmd, pty)
        if pty:
            out.append('$ %s    (run on a pty: stdout and stderr merged as on a terminal)' % cmd)
            out.append(section('terminal', o).rstrip('\n'))
        else:
            out.append('$ %s' % cmd)
            out.append(section('stdout', o).rstrip('\n'))
            out.append(section('stderr', e).rstrip('\n'))
        out.append('--- exit status %d ---' % rc)
        if cap is not None:
            lg = cap.read(settle=2.5)
            out.append(section('log lines written meanwhile (%s)' % pfrec.LOG, lg).rstrip('\n'))
    text = '\n'.join(out) + '\n'
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name + '.txt'), 'w') as f:
        f.write(text)
    n = tt.normalize(text)
    p = os.path.join(OUT, name + '.normalized.txt')
    if volatile and n != text:
        with open(p, 'w') as f:
            f.write(n)
    elif os.path.exists(p):
        os.remove(p)


NO_SYSTEMD = ('This machine does not boot systemd (PID 1 is not systemd), so `service` runs the sysvinit script\n'
              '/etc/init.d/postfix. That is what a `service` user sees on such a host; on a systemd host `service`\n'
              'hands over to systemctl instead.')


def main():
    pfrec.configure()   # base main.cf + stock master.cf, Postfix started
    # ---- service (sysvinit script)
    record('service-postfix-status', [('service postfix status', False), ('service postfix status', True)], log=True, note=NO_SYSTEMD)
    record('service-postfix-reload', [('service postfix reload', False), ('service postfix reload', True)], log=True, note=NO_SYSTEMD)
    record('service-postfix-restart', [('service postfix restart', False), ('service postfix restart', True)], log=True,
           note=NO_SYSTEMD)
    time.sleep(1)
    record('service-postfix-stop', [('service postfix stop', False), ('service postfix status', False),
                                    ('service postfix status', True), ('service postfix stop', False),
                                    ('service postfix stop', True)], log=True, note=NO_SYSTEMD)
    time.sleep(1)
    record('service-postfix-start', [('service postfix start', False), ('service postfix status', False),
                                     ('service postfix start', False), ('service postfix start', True)], log=True, note=NO_SYSTEMD)
    time.sleep(1)
    record('service-postfix-stop-start-pty', [('service postfix stop', True), ('service postfix start', True)], log=True,
           note=NO_SYSTEMD)
    time.sleep(1)
    # ---- sockets
    ss_note = ('Postfix running with base/main.cf (inet_interfaces = 127.0.0.1) and the stock master.cf.\n'
               'The 0.0.0.0:2024 listener (if shown) belongs to the recording machine\'s own infrastructure, not to\n'
               'Debian or Postfix: the lab machine has no such socket.')
    record('ss-ltn', [('ss -ltn', False)], note=ss_note)
    record('ss-ltnp', [('ss -ltnp', False)], note=ss_note)
    record('nc-z-v', [('nc -z -v 127.0.0.1 25', False), ('nc -z -v 127.0.0.1 587', False), ('nc -zv 127.0.0.1 25', True),
                      ('nc -zv 127.0.0.1 587', True)],
           note='nc = netcat-openbsd (Debian 12). Port 25 open, 587 closed (stock master.cf).')
    # ---- host
    record('hostname', [('hostname', False), ('hostname -f', False)],
           note='The recording machine is called "vm" (the lab machine is "mail"; its prompt is root@mail).')
    if shutil.which('telnet') is None:
        record('which', [('which postfix postconf openssl swaks telnet', False), ('which postfix', False),
                         ('which telnet', False), ('which nosuchcommand', False)],
               note='telnet is not installed by the corpus setup.sh, as on a fresh Debian 12 server.')
    else:
        record('which-telnet-installed', [('which postfix postconf openssl swaks telnet', False), ('which telnet', False),
                                          ('ls -l /usr/bin/telnet /etc/alternatives/telnet', False)],
               note='After `apt-get install telnet` (Debian 12: telnet 0.17+2.4-2+deb12u3, a transitional package for\n'
                    'inetutils-telnet). which.txt is the same machine before.')
    record('ls-etc-ssl-certs', [('ls -l /etc/ssl/certs | head', False)],
           note='Debian 12 ca-certificates as installed on the recording machine (symlinks into /usr/share/ca-certificates).')
    record('openssl-cnf-head', [('head -30 /etc/ssl/openssl.cnf', False)])
    # ---- postconf with an unknown parameter in main.cf
    with open('/etc/postfix/main.cf', 'a') as f:
        f.write('smtpd_tls_securty_level = may\n')
    record('postconf-n-unknown-parameter', [('tail -n 1 /etc/postfix/main.cf', False), ('postconf -n', True), ('postconf -n', False),
                                            ('postconf -n 2>&1', False), ('postconf smtpd_tls_security_level', True)],
           note='main.cf = base/main.cf plus the line "smtpd_tls_securty_level = may" (a typo) appended at the end.')
    pfrec.configure()
    # ---- openssl on the lab's own certificate and key
    x509 = [('openssl x509 -in %s -noout -%s' % (CERT, o), False) for o in
            ('subject', 'issuer', 'dates', 'fingerprint', 'fingerprint -sha256', 'modulus')]
    record('openssl-x509-noout', x509, note='The lab\'s own mail.example.org certificate (src/engine/tls/data/lab-certs.ts).')
    record('openssl-x509-text', [('openssl x509 -in %s -noout -text' % CERT, False)])
    record('openssl-verify', [('openssl verify %s' % CERT, False), ('openssl verify -CAfile %s %s' % (CERT, CERT), False)])
    record('openssl-rsa-modulus', [('openssl rsa -in %s -noout -modulus' % KEY, False),
                                   ('openssl pkey -in %s -noout -text_pub | head' % KEY, False),
                                   ('openssl rsa -in %s -check -noout' % KEY, False)])
    record('openssl-digests', [('openssl dgst -sha256 %s' % CERT, False), ('openssl md5 %s' % CERT, False),
                               ('openssl x509 -noout -modulus -in %s | openssl md5' % CERT, False),
                               ('openssl rsa -noout -modulus -in %s | openssl md5' % KEY, False)])
    # ---- s_client verification (Postfix on 127.0.0.1:25, level may, the lab's certificate)
    record('openssl-sclient-verify-return-error', [(S_CLIENT + ' -verify_return_error </dev/null', False)], log=True)
    record('openssl-sclient-cafile', [(S_CLIENT + ' -CAfile %s </dev/null' % CERT, False)], log=True)
    record('openssl-sclient-verify-hostname', [(S_CLIENT + ' -CAfile %s -verify_hostname mail.example.org </dev/null' % CERT, False)],
           log=True)
    record('openssl-sclient-verify-hostname-wrong', [(S_CLIENT + ' -CAfile %s -verify_hostname wrong.example.org </dev/null' % CERT,
                                                      False)], log=True)
    record('openssl-sclient-verify-hostname-only', [(S_CLIENT + ' -verify_hostname mail.example.org </dev/null', False)], log=True)
    pfrec.postfix_stop()


if __name__ == '__main__':
    main()
