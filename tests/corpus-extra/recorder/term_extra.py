#!/usr/bin/env python3
"""term_extra.py - tmux screen scenarios of tests/corpus-extra/terminal, recorded from the real programs.

Only the scenario functions live here.  The tmux driver, its normalizer and the screen writer are the
corpus's own terminal/tt.py, imported at run time from the corpus folder (PFGT, default
/work/shared/postfix-ground-truth); the scenario folders go to PFGT_OUT/terminal (default: the folder
above this one, i.e. tests/corpus-extra/terminal).

Usage, as root on the machine where the corpus's setup.sh ran (plus the Debian "telnet" package):
    python3 term_extra.py term-telnet-587-starttls-then-plaintext
Loopback only.
"""
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GT = os.environ.get('PFGT', '/work/shared/postfix-ground-truth')
OUT = os.path.join(os.environ.get('PFGT_OUT', os.path.dirname(HERE)), 'terminal')
sys.path.insert(0, os.path.join(GT, 'terminal'))
sys.path.insert(0, GT)

import tt  # noqa: E402  (the corpus's tmux driver)
import record  # noqa: E402  (SUBMISSION_ARTICLE)

tt.OUT = OUT
PROMPT = r'root@mail:~# $'
SCN = {}


def scn(name):
    def d(fn):
        SCN[name] = fn
        return fn
    return d


@scn('term-telnet-587-starttls-then-plaintext')
def s_587():
    s = tt.TScn('term-telnet-587-starttls-then-plaintext',
                "telnet to the article's submission service on 587 (encrypt + SASL + auth_only), EHLO, STARTTLS, "
                'then typing plaintext "EHLO x": smtpd expects a TLS ClientHello and drops the connection.',
                master=record.SUBMISSION_ARTICLE)
    t = s.start()
    t.step('telnet localhost 587', 'telnet localhost 587', until=r'220 .*ESMTP', quiet=1.0)
    t.step('EHLO client.example.com', 'EHLO client.example.com', until=r'250 CHUNKING', quiet=0.8)
    t.step('STARTTLS', 'STARTTLS', until=r'^220 2\.0\.0', quiet=2.0)
    import time
    t0 = time.time()
    t.step('EHLO x', 'EHLO x', until=PROMPT, quiet=0.5, maxwait=30)
    s.note('After "EHLO x" the connection closed after about %.1f s (incl. recorder settle time).' % (time.time() - t0))
    s.note('Driven by tests/corpus-extra/recorder/term_extra.py with the corpus\'s terminal/tt.py; '
           'telnet = Debian "telnet" 0.17+2.4-2+deb12u3 (inetutils-telnet 2:2.4-2+deb12u3).')
    s.finish()


def copy_base():
    d = os.path.join(OUT, 'base')
    if os.path.isdir(d):
        shutil.rmtree(d)
    shutil.copytree(os.path.join(GT, 'terminal', 'base'), d)


if __name__ == '__main__':
    os.makedirs(OUT, exist_ok=True)
    copy_base()
    names = sys.argv[1:] or list(SCN)
    try:
        for n in names:
            print('running', n, flush=True)
            SCN[n]()
    finally:
        # leave Postfix in the base configuration, stopped
        tt.configure()
        tt.postfix_stop()
