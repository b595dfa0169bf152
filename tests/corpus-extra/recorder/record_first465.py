#!/usr/bin/env python3
"""record_first465.py - `openssl s_client -connect localhost:465` (stdin /dev/null) as the FIRST client of a broken
submissions service (master.cf lines 37-51 uncommented prose and all): its smtpd accepts and dies at once.
Writes host-tools/late-close-587/first465/sclient465.out|.err|.rc (rc and seconds).  As root on the recording
machine, with Postfix stopped; master.cf is restored and Postfix stopped afterwards.  Loopback only.
"""
import os
import shutil
import subprocess
import sys
import time

OUT = sys.argv[1] if len(sys.argv) > 1 else '/tmp/first465'
MC = '/etc/postfix/master.cf'
ENV = {'HOME': '/root', 'LANG': 'C.UTF-8', 'PATH': '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'}

os.makedirs(OUT, exist_ok=True)
shutil.copy(MC, '/tmp/master.cf.before-first465')
try:
    subprocess.run("sed -i '37,51s/^#//' " + MC, shell=True)
    subprocess.run('postfix start', shell=True, capture_output=True)
    time.sleep(3)
    t0 = time.monotonic()
    p = subprocess.run(['bash', '-c', 'openssl s_client -connect localhost:465'], capture_output=True,
                       stdin=subprocess.DEVNULL, env=ENV)
    t = time.monotonic() - t0
finally:
    shutil.copy('/tmp/master.cf.before-first465', MC)
    subprocess.run('postfix stop', shell=True, capture_output=True)
open(os.path.join(OUT, 'sclient465.out'), 'wb').write(p.stdout)
open(os.path.join(OUT, 'sclient465.err'), 'wb').write(p.stderr)
open(os.path.join(OUT, 'sclient465.rc'), 'w').write('rc=%d t=%.9f\n' % (p.returncode, t))
