#!/usr/bin/env python3
"""record_reload.py - "when a change takes effect": main.cf and master.cf changes with and without
`postfix reload`, master(8)'s reuse of idle smtpd processes (max_idle, max_use), and a master.cf service
whose prose lines were uncommented along with it.

Scenario functions only; the machinery is the corpus's pfrec.py/record.py, reached through record_extra.py
(same environment: PFGT, PFGT_OUT).  Usage, as root where the corpus's setup.sh ran:
    python3 record_reload.py                 # every reload-* scenario
    python3 record_reload.py reload-max-use  # some, by name or prefix

Which smtpd process serves a connection: right after the banner the recorder asks the kernel (`ss -tnp`) which
process owns the server end of that TCP connection.  PIDs differ from run to run, so the transcript numbers the
processes in order of appearance ("smtpd process #1"); notes.txt keeps the real PIDs.
"""
import re
import socket
import time

import record_extra as rx
from record_extra import ExtraScenario, wait_log  # noqa: F401  (ExtraScenario: used by rx.main)
from pfrec import Session, sh

SCENARIOS = []


def scenario(name, desc):
    def deco(fn):
        SCENARIOS.append((name, desc, fn))
        return fn
    return deco


class Procs:
    """Numbers the smtpd processes of a scenario in the order they first serve a connection."""

    def __init__(self, s):
        self.s = s
        self.order = []

    def who(self, x, port=25):
        """Record which smtpd process serves Session x (an event line) and return its PID."""
        cport = x.sock.getsockname()[1]
        pid = None
        for _ in range(20):
            rc, o, e = sh("ss -Htnp state established '( sport = :%d and dport = :%d )'" % (port, cport))
            m = re.search(r'pid=(\d+)', o)
            if m:
                pid = int(m.group(1))
                break
            time.sleep(0.1)
        if pid is None:
            self.s.rec.ev('recorder: could not find the server process of this connection')
            return None
        if pid in self.order:
            n = self.order.index(pid) + 1
            self.s.rec.ev('recorder: this connection is served by smtpd process #%d (the same process as before: reused)' % n)
        else:
            self.order.append(pid)
            n = len(self.order)
            self.s.rec.ev('recorder: this connection is served by smtpd process #%d (a new process)' % n)
        return pid

    def note(self):
        self.s.note('smtpd processes in order of appearance (real PIDs of this recording; the normalized files say <PID>): ' +
                    ', '.join('#%d = pid %d' % (i + 1, p) for i, p in enumerate(self.order)) +
                    '. Found with `ss -Htnp state established ( sport = :PORT and dport = :CLIENTPORT )` right after the banner.')


def ehlo_quit(s, procs, label, port=25):
    x = Session(s.rec, port, label=label)
    procs.who(x, port)
    x.cmd('EHLO client.example.com')
    x.quit()
    time.sleep(0.3)


def sleep_ev(s, secs, why):
    s.rec.ev('recorder waited %d s (%s)' % (secs, why))
    time.sleep(secs)


NOTE_ORDER = ('Everything happened in the order of transcript.txt. Commands ("C: $ ...") ran as plain commands '
              '(stdout S:, stderr E:) unless marked "run on a pty". Connections were closed with QUIT before the next '
              'step unless the transcript says otherwise.')


@scenario('reload-maincf-no-reload',
          'main.cf change (smtpd_tls_security_level may -> none with postconf -e) WITHOUT postfix reload: an idle smtpd '
          'that master reuses still offers STARTTLS; a newly started smtpd reads the new main.cf; after reload all do.')
def scn_maincf_no_reload(s):
    s.start()
    procs = Procs(s)
    ehlo_quit(s, procs, 'first connection, level may')
    s.run_cmd("postconf -e 'smtpd_tls_security_level = none'")
    s.run_cmd('postconf smtpd_tls_security_level')
    ehlo_quit(s, procs, 'after postconf -e, no reload')
    # two connections at once: the idle process takes the first, master starts a new one for the second
    a = Session(s.rec, 25, label='connection A, kept open')
    procs.who(a)
    b = Session(s.rec, 25, label='connection B, while A is still open')
    procs.who(b)
    b.cmd('EHLO client.example.com')
    a.cmd('EHLO client.example.com')
    b.quit()
    a.quit()
    time.sleep(0.5)
    s.run_cmd('postfix reload', pty=True)
    time.sleep(1.5)
    ehlo_quit(s, procs, 'after postfix reload')
    wait_log(s, r'reload -- version', settle=2)
    procs.note()
    s.note(NOTE_ORDER)
    s.note('Connection A was opened first and got the idle smtpd process from before the change; connection B was opened '
           'while A was still in its banner state, so master(8) started a new smtpd for it. B sent EHLO first, then A.')
    s.write()


@scenario('reload-max-idle',
          'max_idle = 5s: an idle smtpd is reused (old main.cf) until it has waited 5 s; then a new smtpd reads the new main.cf.')
def scn_max_idle(s):
    s.main = ['max_idle = 5s']
    s.start()
    procs = Procs(s)
    ehlo_quit(s, procs, 'first connection, level may')
    s.run_cmd("postconf -e 'smtpd_tls_security_level = none'")
    ehlo_quit(s, procs, 'at once after postconf -e, no reload')
    sleep_ev(s, 8, 'longer than max_idle = 5s')
    ehlo_quit(s, procs, 'after the wait, still no reload')
    wait_log(s, None, settle=1.5)
    procs.note()
    s.note(NOTE_ORDER)
    s.write()


@scenario('reload-max-use',
          'max_use = 2: the idle smtpd serves a second connection (old main.cf), then exits; the third connection gets a new smtpd.')
def scn_max_use(s):
    s.main = ['max_use = 2']
    s.start()
    procs = Procs(s)
    ehlo_quit(s, procs, 'first connection, level may')
    s.run_cmd("postconf -e 'smtpd_tls_security_level = none'")
    ehlo_quit(s, procs, 'second connection, no reload')
    ehlo_quit(s, procs, 'third connection, no reload')
    ehlo_quit(s, procs, 'fourth connection, no reload')
    wait_log(s, None, settle=1.5)
    procs.note()
    s.note(NOTE_ORDER)
    s.write()


@scenario('reload-during-open-session',
          'postfix reload while a client is connected: the open session keeps its smtpd and its settings; the next '
          'connection gets a new smtpd with the new main.cf.')
def scn_reload_open_session(s):
    s.start()
    procs = Procs(s)
    a = Session(s.rec, 25, label='connection A, kept open across the reload')
    procs.who(a)
    a.cmd('EHLO client.example.com')
    s.run_cmd("postconf -e 'smtpd_tls_security_level = none'")
    s.run_cmd('postfix reload', pty=True)
    time.sleep(1.5)
    a.cmd('EHLO client.example.com')
    b = Session(s.rec, 25, label='connection B, after the reload, while A is still open')
    procs.who(b)
    b.cmd('EHLO client.example.com')
    b.quit()
    a.quit()
    time.sleep(0.5)
    rx.wait_log(s, None, settle=2)
    procs.note()
    s.note(NOTE_ORDER)
    s.write()


def try_connect(s, port, label):
    """A TCP connection that may be refused: the event line says so."""
    try:
        x = Session(s.rec, port, label=label)
    except OSError as e:
        s.rec.ev('connect FAILED: %s' % e)
        return None
    return x


UNCOMMENT_OK = "sed -i '19,24s/^#//;29,34s/^#//' /etc/postfix/master.cf"
UNCOMMENT_ALL = "sed -i '19,34s/^#//' /etc/postfix/master.cf"


@scenario('reload-mastercf-submission',
          'Uncommenting the stock submission service in master.cf: port 587 stays closed until postfix reload.')
def scn_mastercf_submission(s):
    s.start()
    procs = Procs(s)
    s.run_cmd(UNCOMMENT_OK)
    s.run_cmd("sed -n '19,34p' /etc/postfix/master.cf")
    time.sleep(1)
    try_connect(s, 587, 'after editing master.cf, no reload')
    s.run_cmd('postfix reload', pty=True)
    time.sleep(1.5)
    x = try_connect(s, 587, 'after postfix reload')
    if x is not None:
        procs.who(x, 587)
        x.cmd('EHLO client.example.com')
        x.quit()
    s.run_cmd('postfix reload')
    time.sleep(1)
    wait_log(s, r'reload -- version[^\n]*\n(?:.*\n)*.*reload -- version', settle=2)
    s.note(NOTE_ORDER)
    s.note('The sed command removes the leading "#" of lines 19-24 and 29-34 of the stock Debian master.cf (the '
           'submission service and its -o lines; the four prose lines 25-28 stay comments), as in cli-postconf-M-submission. '
           'postfix reload ran twice: on a pty (what a terminal shows) and as a plain command (stdout/stderr apart).')
    s.write()


@scenario('reload-mastercf-broken-service',
          'The stock submission block uncommented INCLUDING its four prose lines (they become continuation lines of the '
          "service's command): reload, the client on 587, master's throttling, postfix check, and port 25.")
def scn_mastercf_broken(s):
    s.start()
    procs = Procs(s)
    s.run_cmd(UNCOMMENT_ALL)
    s.run_cmd("sed -n '19,34p' /etc/postfix/master.cf")
    s.run_cmd('postfix check')
    s.run_cmd('postfix check', pty=True)
    s.run_cmd('postconf -M submission/inet')
    s.run_cmd('postfix reload', pty=True)
    time.sleep(1.5)
    x = try_connect(s, 587, 'after postfix reload: first client')
    if x is not None:
        if not x.closed:
            x.cmd('EHLO client.example.com', timeout=5)
        x.close()
    y = Session(s.rec, 25, label='port 25 meanwhile')
    procs.who(y)
    y.cmd('EHLO client.example.com')
    y.quit()
    time.sleep(0.5)
    # master now throttles the service (throttle_time, default 60s): a client waits for the banner
    t0 = time.time()
    try:
        x = Session(s.rec, 587, label='second client, while the service is throttled; waiting up to 90 s for a banner',
                    timeout=90)
    except OSError as e:
        s.rec.ev('connect FAILED: %s' % e)
        x = None
    if x is not None:
        s.rec.ev('recorder: that took about %d s after connecting (rounded to 10 s)' % (round((time.time() - t0) / 10) * 10))
        x.close()
    s.run_cmd('postfix status', pty=True)
    wait_log(s, r'throttling(?:.*\n)*.*throttling', settle=3, maxwait=40)
    s.note(NOTE_ORDER)
    s.note('The sed command removes the leading "#" of lines 19-34 of the stock Debian master.cf: the submission service, '
           'its -o lines AND the four prose lines 25-28 ("     Instead of specifying complex ..."), which start with '
           'whitespace and therefore continue the service entry.')
    s.note('master(8) starts a service\'s smtpd only when a client connects. The first 587 client got that smtpd, which died '
           'before the banner (EOF). master then throttled the service: throttle_time (default 60s) passed before it tried '
           'again, and the second client waited all that time for a banner, then got EOF from the next smtpd that died. '
           'Port 25 was served normally meanwhile.')
    s.write()


if __name__ == '__main__':
    rx.main(SCENARIOS)
