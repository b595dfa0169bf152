#!/usr/bin/env python3
"""record_late_close.py - clients that wait on a throttled submission service (host-tools/late-close-587/).

Set-up as corpus-extra reload-mastercf-broken-service: the stock submission block (master.cf lines 19-34) and the
stock submissions block (lines 37-51) uncommented prose and all, Postfix started, then one client each on 587 and
465 whose smtpd dies at once (master throttles both services).  Then, all at once while both services are
throttled: swaks, posttls-finger and `openssl s_client -starttls smtp` on 587, `openssl s_client` on 465, and two
plain TCP clients on 587 that only wait for the server's first bytes or EOF.  For each: stdout, stderr, exit status
and the seconds it took (`<name>.out|.err|.rc`), and the mail.log lines of the run (`mail.log`), which show how
many smtpd processes master started when the throttle ended.

Usage, as root on the machine where the corpus's setup.sh ran, with Postfix stopped:
    python3 record_late_close.py [OUTDIR]   # host-tools/late-close-587/rerun was made so
master.cf is restored and Postfix stopped afterwards.  Loopback only (127.0.0.1:587 and :465).
"""
import os
import shutil
import socket
import subprocess
import sys
import threading
import time

OUT = sys.argv[1] if len(sys.argv) > 1 else '/tmp/late-close-rec'
ENV = {'HOME': '/root', 'LANG': 'C.UTF-8', 'PATH': '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'}
MASTER_CF = '/etc/postfix/master.cf'
LOG = '/var/log/postfix.log'

CLIENTS = {
    'swaks': 'swaks --server 127.0.0.1 --port 587 --to root@example.org',
    'ptf': "posttls-finger -c '[127.0.0.1]:587'",
    'sclient': 'openssl s_client -connect localhost:587 -starttls smtp',
    'sclient465': 'openssl s_client -connect localhost:465',
}


def sh(cmd):
    return subprocess.run(['bash', '-c', cmd], capture_output=True, env=ENV, stdin=subprocess.DEVNULL)


def first_client(port):
    """Connects and waits for the first bytes or EOF (the service's smtpd dies at start: EOF at once)."""
    s = socket.create_connection(('127.0.0.1', port), timeout=20)
    t0 = time.monotonic()
    data = s.recv(4096)
    s.close()
    return data, time.monotonic() - t0


def raw_waiter(name, results):
    s = socket.create_connection(('127.0.0.1', 587), timeout=300)
    t0 = time.monotonic()
    try:
        data = s.recv(4096)
    except OSError as e:
        data = ('error %s' % e).encode()
    results[name] = 'data=%r t=%.3f\n' % (data, time.monotonic() - t0)
    s.close()


def run_client(name, cmd, outs):
    t0 = time.monotonic()
    p = subprocess.run(['bash', '-c', cmd], capture_output=True, stdin=subprocess.DEVNULL, env=ENV, timeout=400)
    outs[name] = (p.stdout, p.stderr, p.returncode, time.monotonic() - t0)


def main():
    os.makedirs(OUT, exist_ok=True)
    if sh('postfix status').returncode == 0:
        sys.exit('Postfix runs: stop it first (this recorder starts it and stops it)')
    shutil.copy(MASTER_CF, '/tmp/master.cf.before-late-close')
    log_start = os.path.getsize(LOG)
    try:
        sh("sed -i '19,34s/^#//;37,51s/^#//' " + MASTER_CF)
        sh('postfix start')
        time.sleep(3)
        first = {p: first_client(p) for p in (587, 465)}
        time.sleep(1)
        outs = {}
        raw = {}
        # Each client is timed in its own thread: from its start to its exit.
        threads = [threading.Thread(target=run_client, args=(name, cmd, outs)) for name, cmd in CLIENTS.items()]
        threads += [threading.Thread(target=raw_waiter, args=('raw%d' % i, raw)) for i in (1, 2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(400)
    finally:
        shutil.copy('/tmp/master.cf.before-late-close', MASTER_CF)
        sh('postfix stop')
    for name, (out, err, rc, t) in outs.items():
        open(os.path.join(OUT, name + '.out'), 'wb').write(out)
        open(os.path.join(OUT, name + '.err'), 'wb').write(err)
        open(os.path.join(OUT, name + '.rc'), 'w').write('rc=%d t=%.9f\n' % (rc, t))
    with open(os.path.join(OUT, 'raw.txt'), 'w') as f:
        for p, (data, t) in first.items():
            f.write('first client on %d: data=%r t=%.3f\n' % (p, data, t))
        for name in sorted(raw):
            f.write('%s on 587: %s' % (name, raw[name]))
    with open(LOG, 'rb') as f:
        f.seek(log_start)
        open(os.path.join(OUT, 'mail.log'), 'wb').write(f.read())


if __name__ == '__main__':
    main()
