#!/usr/bin/env python3
"""record_extra.py - record the extra ground-truth scenarios of tests/corpus-extra from a REAL Postfix.

This file holds only the scenario functions.  Everything else (configure/start Postfix, the
SMTP Session client, the fake remote MX Receiver, log capture, the file writer) comes from the
corpus's own recorder, imported at run time from the corpus folder:

    PFGT=/path/to/a/writable/copy/of/postfix-ground-truth   (default /work/shared/postfix-ground-truth)
    PFGT_OUT=/where/the/scenario/folders/go                    (default: the folder above this one)

Usage, as root on the Debian 12 machine where the corpus's setup.sh was run once:
    python3 record_extra.py                 # every scenario
    python3 record_extra.py swaks- cli-     # some, by name or prefix
    python3 record_extra.py --list
Loopback only: Postfix on 127.0.0.1, the fake remote MX on 127.0.0.2:2526/2527.
"""
import os
import re
import shutil
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
GT = os.environ.get('PFGT', '/work/shared/postfix-ground-truth')
OUT = os.environ.get('PFGT_OUT', os.path.dirname(HERE))
sys.path.insert(0, GT)

import pfrec  # noqa: E402
from pfrec import (AUTH_PLAIN_BAD, AUTH_PLAIN_OK, B64_PASS, B64_USER, LogCap, Receiver,  # noqa: E402
                   Scenario, Session, client_ctx, sh)
import record  # noqa: E402  (the corpus's scenario file: SUBMISSION_ARTICLE, SUBMISSIONS_465, send_message)

SUBMISSION_ARTICLE = record.SUBMISSION_ARTICLE
SUBMISSIONS_465 = record.SUBMISSIONS_465
send_message = record.send_message

# The article's submission block with level may instead of encrypt.
SUBMISSION_MAY_AUTH_ONLY = """\
submission inet n       -       y       -       -       smtpd
  -o syslog_name=postfix/submission
  -o smtpd_tls_security_level=may
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_tls_auth_only=yes
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
"""

SCENARIOS = []
RECEIVERS = {}


def scenario(name, desc):
    def deco(fn):
        SCENARIOS.append((name, desc, fn))
        return fn
    return deco


class ExtraScenario(Scenario):
    """The corpus's Scenario, writing into PFGT_OUT and naming this recorder in notes.txt."""

    def __init__(self, name, desc, **kw):
        super().__init__(name, desc, **kw)
        self.dir = os.path.join(OUT, name)

    def write(self):
        super().write()
        p = os.path.join(self.dir, 'notes.txt')
        with open(p) as f:
            t = f.read()
        t = t.replace('Recorded by record.py (function scn_',
                      'Recorded by tests/corpus-extra/recorder/record_extra.py (function scn_', 1)
        with open(p, 'w') as f:
            f.write(t)


def wait_log(s, until, maxwait=30, settle=1.2):
    s.log = s.cap.read(settle=settle, until=until, maxwait=maxwait)


def remote_block(s, port):
    """Append what the fake remote MX saw, in the corpus's outbound-* form."""
    time.sleep(0.5)
    rr = RECEIVERS[port].rec
    s.rec.ev('=== what the fake remote MX on 127.0.0.2:%d saw. Here C: = Postfix smtp(8) CLIENT, S: = fake MX ===' % port)
    s.rec.lines += rr.lines


def tls_ctx(version=None, seclevel0=False):
    """The recorder's Python client, optionally pinned to one TLS version."""
    import ssl
    v = {None: None, 'TLSv1': ssl.TLSVersion.TLSv1, 'TLSv1.1': ssl.TLSVersion.TLSv1_1,
         'TLSv1.2': ssl.TLSVersion.TLSv1_2, 'TLSv1.3': ssl.TLSVersion.TLSv1_3}[version]
    ctx = client_ctx(v, v)
    if seclevel0:
        ctx.set_ciphers('DEFAULT@SECLEVEL=0')
    return ctx


NOTE_PINNED = ('Pinned client versions: the recorder\'s Python ssl client (OpenSSL 3.0) with minimum_version = '
               'maximum_version = the named version; for TLSv1 and TLSv1.1 also set_ciphers("DEFAULT@SECLEVEL=0"), '
               'because OpenSSL 3.0 refuses those versions at its default security level. Each such session is preceded '
               'by an event line "# recorder TLS client: only <version>[, ciphers DEFAULT@SECLEVEL=0]". '
               'Sessions without that line use Python\'s default client (TLSv1.2..TLSv1.3).')


def pinned_session(s, version, port=25):
    sec0 = version in ('TLSv1', 'TLSv1.1')
    x = Session(s.rec, port, label='STARTTLS with a client that offers only %s' % version)
    x.cmd('EHLO client.example.com')
    s.rec.ev('recorder TLS client: only %s%s' % (version, ', ciphers DEFAULT@SECLEVEL=0' if sec0 else ''))
    if x.starttls(ctx=tls_ctx(version, sec0)) and x.tls:
        x.cmd('EHLO client.example.com')
        x.quit()
    else:
        if not x.closed:
            x.read_reply(timeout=3)
        x.close()
    time.sleep(0.5)


SWAKS = 'swaks --server 127.0.0.1 --port %d --from alice@example.org --to %s'
NOTE_SWAKS = ('swaks ran as a plain command (not on a terminal): S: = its stdout, E: = its stderr, captured separately, so '
              'the interleaving of the two streams is not kept. swaks takes its EHLO name and the Message-Id domain from the '
              'machine hostname, which is "vm" here (the lab host is mail.example.org). Normalization is the corpus\'s own '
              '(pfrec.normalize), no new placeholder: the swaks Date: header and Subject: "test <date>" become <DATE>; the '
              'swaks Message-Id "<YYYYMMDDhhmmss.PPPPPP@vm>" (swaks formats the PID with %06d) becomes "<<MSGID>@vm>", '
              'also in cleanup\'s message-id= log line; the queue ID in "queued as" becomes <QUEUEID>.')


def clear_mailbox():
    open('/var/mail/root', 'w').close()


def capture_mailbox(s):
    """Keep what local(8) wrote to root's mailbox (mailbox.txt + mailbox.normalized.txt)."""
    time.sleep(0.5)
    try:
        mb = open('/var/mail/root').read()
    except OSError:
        return
    if mb:
        s.files['mailbox.txt'] = '# /var/mail/root after the scenario (local(8) delivery, mbox format)\n' + mb
        s.note('mailbox.txt: root\'s mailbox after the local delivery (the Received: header Postfix added, Delivered-To:, Return-Path:).')


def swaks_scn(s, port, rcpt, extra='', until=r'disconnect from', maxwait=20):
    s.start()
    clear_mailbox()
    s.run_cmd((SWAKS % (port, rcpt)) + (' ' + extra if extra else ''), timeout=90)
    wait_log(s, until, maxwait=maxwait)
    s.note(NOTE_SWAKS)
    if rcpt.endswith('@example.org'):
        capture_mailbox(s)
    s.write()


# ======================================================================== 1. swaks

@scenario('swaks-version', 'swaks --version (Debian 12 swaks 20201014.0-2).')
def scn_swaks_version(s):
    s.start()
    s.run_cmd('swaks --version')
    s.run_cmd('swaks --server 127.0.0.1 --port 25 --quit-after EHLO')
    wait_log(s, r'disconnect from')
    s.note(NOTE_SWAKS)
    s.note('The second command (swaks --quit-after EHLO with only --server/--port) shows the defaults swaks picks: '
           'EHLO name = hostname, no --to needed when quitting after EHLO.')
    s.write()


@scenario('swaks-587-no-tls', "swaks to the article's 587 service without --tls: 530 5.7.0 at MAIL FROM, exit status 23.")
def scn_swaks_587_no_tls(s):
    s.master = SUBMISSION_ARTICLE
    swaks_scn(s, 587, 'bob@example.net')


@scenario('swaks-587-tls-auth', "swaks --tls --auth PLAIN to the article's 587 service: success, relayed to the fake MX, exit 0.")
def scn_swaks_587_tls_auth(s):
    s.master = SUBMISSION_ARTICLE
    swaks_scn(s, 587, 'bob@example.net', '--tls --auth PLAIN --auth-user alice --auth-password secret',
              until=r'qmgr\[\d+\]: \w+: removed')


@scenario('swaks-587-tls-auth-wrong-password', "swaks --tls --auth PLAIN with a wrong password on 587: 535 5.7.8, exit 28.")
def scn_swaks_587_wrong(s):
    s.master = SUBMISSION_ARTICLE
    swaks_scn(s, 587, 'bob@example.net', '--tls --auth PLAIN --auth-user alice --auth-password wrong')


@scenario('swaks-465-tls-on-connect', 'swaks --tls-on-connect to submissions/465 (wrappermode) with AUTH PLAIN: success, exit 0.')
def scn_swaks_465(s):
    s.master = SUBMISSIONS_465
    swaks_scn(s, 465, 'bob@example.net', '--tls-on-connect --auth PLAIN --auth-user alice --auth-password secret',
              until=r'qmgr\[\d+\]: \w+: removed')


@scenario('swaks-25-local', 'swaks to port 25 (level may), no TLS, local delivery to root@example.org: exit 0.')
def scn_swaks_25_local(s):
    swaks_scn(s, 25, 'root@example.org', until=r'qmgr\[\d+\]: \w+: removed')


@scenario('swaks-25-tls', 'swaks --tls to port 25 (level may), local delivery to root@example.org: exit 0.')
def scn_swaks_25_tls(s):
    swaks_scn(s, 25, 'root@example.org', '--tls', until=r'qmgr\[\d+\]: \w+: removed')


# ======================================================================== 2. combinations

@scenario('submission-587-may-auth-only',
          'Submission with level may + SASL + smtpd_tls_auth_only=yes: AUTH hidden and refused (503) before STARTTLS, offered after.')
def scn_sub_may_auth_only(s):
    s.master = SUBMISSION_MAY_AUTH_ONLY
    s.start()
    x = Session(s.rec, 587, label='plaintext: before STARTTLS')
    x.cmd('EHLO client.example.com')
    x.cmd('AUTH PLAIN ' + AUTH_PLAIN_OK)
    x.cmd('AUTH LOGIN')
    x.cmd('MAIL FROM:<alice@example.org>')
    x.cmd('RCPT TO:<bob@example.net>')
    x.cmd('RCPT TO:<root@example.org>')
    x.quit()
    x = Session(s.rec, 587, label='EHLO, STARTTLS, EHLO, AUTH PLAIN, relay')
    x.cmd('EHLO client.example.com')
    x.starttls()
    x.cmd('EHLO client.example.com')
    x.cmd('AUTH PLAIN ' + AUTH_PLAIN_OK)
    send_message(x, rcpt='bob@example.net')
    x.quit()
    x = Session(s.rec, 587, label='STARTTLS, AUTH LOGIN')
    x.cmd('EHLO client.example.com')
    x.starttls()
    x.cmd('EHLO client.example.com')
    x.cmd('AUTH LOGIN')
    x.cmd(B64_USER)
    x.cmd(B64_PASS)
    x.quit()
    wait_log(s, r'qmgr\[\d+\]: \w+: removed')
    remote_block(s, 2526)
    s.note('The master.cf entry is the article\'s submission block with smtpd_tls_security_level=may instead of encrypt.')
    s.note('AUTH PLAIN initial response = base64("\\0alice\\0secret") = %s; AUTH LOGIN base64("alice") = %s, base64("secret") = %s'
           % (AUTH_PLAIN_OK, B64_USER, B64_PASS))
    s.write()


@scenario('p25-relay-mynetworks',
          'mynetworks = 127.0.0.0/8 with the default relay restrictions: 127.0.0.1 may relay to bob@example.net (then delivery to the fake MX).')
def scn_relay_mynetworks(s):
    s.main = ['mynetworks = 127.0.0.0/8']
    s.start()
    RECEIVERS[2526].reset()
    x = Session(s.rec, 25, label='plaintext relay from 127.0.0.1')
    x.cmd('EHLO client.example.com')
    send_message(x, rcpt='bob@example.net')
    x.quit()
    wait_log(s, r'qmgr\[\d+\]: \w+: removed')
    remote_block(s, 2526)
    s.note('Default smtpd_relay_restrictions at compatibility_level 3.6 = permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination; '
           'the base relayhost [127.0.0.2]:2526 is the fake MX (offers STARTTLS; smtp_tls_security_level = may).')
    s.write()


@scenario('p25-none-sasl-plaintext',
          'Port 25, smtpd_tls_security_level = none + smtpd_sasl_auth_enable = yes: AUTH offered and accepted in plaintext, no STARTTLS.')
def scn_none_sasl(s):
    s.main = ['smtpd_tls_security_level = none', 'smtpd_sasl_auth_enable = yes']
    s.start()
    RECEIVERS[2526].reset()
    x = Session(s.rec, 25, label='plaintext AUTH')
    x.cmd('EHLO client.example.com')
    x.cmd('STARTTLS')
    x.cmd('MAIL FROM:<alice@example.org>')
    x.cmd('RCPT TO:<bob@example.net>')
    x.cmd('RSET')
    x.cmd('AUTH PLAIN ' + AUTH_PLAIN_BAD)
    x.cmd('AUTH PLAIN ' + AUTH_PLAIN_OK)
    x.cmd('EHLO client.example.com')
    send_message(x, rcpt='bob@example.net')
    x.quit()
    wait_log(s, r'qmgr\[\d+\]: \w+: removed')
    remote_block(s, 2526)
    s.note('AUTH PLAIN bad = base64("\\0alice\\0wrong") = %s; good = base64("\\0alice\\0secret") = %s' % (AUTH_PLAIN_BAD, AUTH_PLAIN_OK))
    s.write()


def proto_scn(s, value, note):
    s.main = ['smtpd_tls_protocols = %s' % value]
    s.start()
    for v in ('TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'):
        pinned_session(s, v)
    x = Session(s.rec, 25, label="STARTTLS with the recorder's default client (TLSv1.2..TLSv1.3)")
    x.cmd('EHLO client.example.com')
    if x.starttls() and x.tls:
        x.cmd('EHLO client.example.com')
    x.quit()
    wait_log(s, r'disconnect from(?:.|\n)*disconnect from(?:.|\n)*disconnect from(?:.|\n)*disconnect from(?:.|\n)*disconnect from')
    s.note(NOTE_PINNED)
    if note:
        s.note(note)
    s.write()


@scenario('tls-protocols-exclude-tls12',
          'smtpd_tls_protocols = !TLSv1.2 (level may): clients pinned to TLSv1, TLSv1.1, TLSv1.2, TLSv1.3, then the default client.')
def scn_proto_excl12(s):
    proto_scn(s, '!TLSv1.2', '')


@scenario('tls-protocols-include-exclude-mix',
          'smtpd_tls_protocols = TLSv1.2, TLSv1.3, !TLSv1.2 (includes and an exclude): which pinned client versions get through.')
def scn_proto_mix(s):
    proto_scn(s, 'TLSv1.2, TLSv1.3, !TLSv1.2', 'A bare name includes a protocol (and excludes every protocol not named); the same name also excluded.')


@scenario('tls-protocols-invalid-token',
          'smtpd_tls_protocols = TLSv1.4 (unknown name): the protocol list is invalid, STARTTLS still offered, STARTTLS -> 454.')
def scn_proto_invalid(s):
    s.main = ['smtpd_tls_protocols = TLSv1.4']
    s.start()
    open('/var/mail/root', 'w').close()
    x = Session(s.rec, 25, label="default client")
    x.cmd('EHLO client.example.com')
    if x.starttls() and x.tls:
        x.cmd('EHLO client.example.com')
    x.cmd('MAIL FROM:<alice@example.org>')
    x.cmd('RCPT TO:<root@example.org>')
    x.quit()
    wait_log(s, r'disconnect from', settle=2)
    s.write()
    record.capture_postmaster_notice(s)


def discard_scn(s, value):
    s.main = ['smtpd_discard_ehlo_keywords = %s' % value, 'smtpd_sasl_auth_enable = yes']
    s.start()
    x = Session(s.rec, 25, label='discarded keywords: EHLO, DSN parameters, STARTTLS command')
    x.cmd('EHLO client.example.com')
    x.cmd('MAIL FROM:<alice@example.org> RET=HDRS ENVID=abc123')
    x.cmd('RCPT TO:<root@example.org> NOTIFY=NEVER')
    x.cmd('RSET')
    x.cmd('STARTTLS')
    x.cmd('EHLO client.example.com')
    x.quit()
    x = Session(s.rec, 25, label='HELO (no EHLO keywords)')
    x.cmd('HELO client.example.com')
    x.quit()
    wait_log(s, r'disconnect from(?:.|\n)*disconnect from')
    s.note('smtpd_sasl_auth_enable = yes is set too, so that the EHLO reply shows AUTH among the keywords that stay.')
    s.write()


@scenario('p25-discard-ehlo-keywords',
          'Port 25, smtpd_discard_ehlo_keywords = silent-discard, dsn, starttls: DSN and STARTTLS gone from EHLO; what DSN parameters and STARTTLS get; nothing logged.')
def scn_discard_silent(s):
    discard_scn(s, 'silent-discard, dsn, starttls')


@scenario('p25-discard-ehlo-keywords-logged',
          'Port 25, smtpd_discard_ehlo_keywords = dsn, starttls (no silent-discard): the same session, and the "discarding EHLO keywords" log line.')
def scn_discard_logged(s):
    discard_scn(s, 'dsn, starttls')


@scenario('log-submission-tls-loglevel-1',
          "The article's submission service with smtpd_tls_loglevel = 1: STARTTLS, AUTH PLAIN, mail to a local user: the whole log.")
def scn_log_submission(s):
    s.main = ['smtpd_tls_loglevel = 1']
    s.master = SUBMISSION_ARTICLE
    s.start()
    clear_mailbox()
    x = Session(s.rec, 587, label='STARTTLS, AUTH PLAIN, mail to root@example.org')
    x.cmd('EHLO client.example.com')
    x.starttls()
    x.cmd('EHLO client.example.com')
    x.cmd('AUTH PLAIN ' + AUTH_PLAIN_OK)
    send_message(x, rcpt='root@example.org')
    x.quit()
    wait_log(s, r'qmgr\[\d+\]: \w+: removed')
    s.note('smtpd_tls_loglevel = 1 is also the base value; it is set again here to make the delta explicit.')
    capture_mailbox(s)
    s.write()


# ======================================================================== 3. CLI texts

@scenario('cli-postfix-unknown-command', 'postfix foo (an unknown command), as a plain command and on a pty.')
def scn_cli_unknown(s):
    s.start()
    s.run_cmd('postfix foo')
    s.run_cmd('postfix foo', pty=True)
    wait_log(s, None)
    s.write()


@scenario('cli-postfix-no-argument', 'postfix without any argument, as a plain command and on a pty.')
def scn_cli_noarg(s):
    s.start()
    s.run_cmd('postfix')
    s.run_cmd('postfix', pty=True)
    wait_log(s, None)
    s.write()


@scenario('cli-postconf-bad-option', 'postconf -Z (an option postconf does not have).')
def scn_cli_postconf_z(s):
    s.start()
    s.run_cmd('postconf -Z')
    wait_log(s, None)
    s.write()


@scenario('cli-postconf-M-submission',
          "postconf -M submission/inet before and after uncommenting the stock Debian 3.7 submission block in master.cf; postfix check and reload.")
def scn_cli_M_submission(s):
    s.start()
    s.run_cmd('postconf -M submission/inet')
    s.run_cmd("sed -n '17,35p' /etc/postfix/master.cf")
    s.run_cmd("sed -i '19,24s/^#//;29,34s/^#//' /etc/postfix/master.cf")
    s.run_cmd("sed -n '17,35p' /etc/postfix/master.cf")
    s.run_cmd('postconf -M submission/inet')
    s.run_cmd('postconf -Mf submission/inet')
    s.run_cmd('postconf -P submission/inet')
    s.run_cmd('postfix check')
    s.run_cmd('postfix check', pty=True)
    s.run_cmd('postfix reload', pty=True)
    wait_log(s, r'reload -- version', settle=2)
    s.note('master.cf starts as the stock Debian file (base/master.cf); the recorded sed command removes the leading "#" '
           'of lines 19-24 and 29-34 (the submission service and its -o lines; the four explanatory comment lines 25-28 stay comments).')
    s.write()


@scenario('cli-postfix-check-private-y', 'A master.cf inet service whose private column is y: postconf -M, postfix check, reload, stop/start.')
def scn_cli_private_y(s):
    s.start()
    s.run_cmd("printf 'submission inet y - y - - smtpd\\n' >> /etc/postfix/master.cf")
    s.run_cmd('tail -n 1 /etc/postfix/master.cf')
    s.run_cmd('postconf -M submission/inet')
    s.run_cmd('postfix check')
    s.run_cmd('postfix check', pty=True)
    s.run_cmd('postfix reload', pty=True)
    time.sleep(2)
    s.run_cmd('postfix status', pty=True)
    s.run_cmd('postfix stop', pty=True)
    time.sleep(1)
    s.run_cmd('postfix start', pty=True)
    time.sleep(2)
    s.run_cmd('postfix status', pty=True)
    wait_log(s, None, settle=2)
    s.write()
    master_syslog(s)


def master_syslog(s):
    """master(8) exits without a word in maillog_file (postlogd is not there yet to write it). What it says goes
    to syslog: listen on /dev/log for a moment (socat; this machine has no syslog daemon), with maillog_file
    emptied so that master logs to syslog, start master in the foreground, then put everything back."""
    if os.path.exists('/dev/log'):
        s.note('master-syslog.txt not recorded: /dev/log already exists on this machine.')
        return
    cmd = ("postconf -e 'maillog_file ='; (timeout 6 socat -u UNIX-RECV:/dev/log STDOUT > /tmp/pfrec-devlog.txt &); "
           "sleep 1; timeout 5 /usr/lib/postfix/sbin/master -d; echo \"master exit status $?\"; sleep 1; "
           "rm -f /dev/log; postconf -e 'maillog_file = /var/log/postfix.log'; sleep 5; cat /tmp/pfrec-devlog.txt; echo; "
           "rm -f /tmp/pfrec-devlog.txt")
    rc, o, e = sh(cmd, timeout=30)
    s.files['master-syslog.txt'] = ('# What master(8) itself said, caught on /dev/log (syslog) with maillog_file emptied, by:\n'
                                    '# $ %s\n# exit %d\n--- stdout ---\n%s--- stderr ---\n%s' % (cmd, rc, o, e))
    s.note('With maillog_file set (the base), master(8) dies without a line in the log: its fatal message goes to postlogd, '
           'which is not running at that point. master-syslog.txt holds the message itself, caught on a temporary /dev/log '
           'listener (socat) with maillog_file emptied for the moment: "<18>" is the syslog priority (mail.crit).')
    s.write()


@scenario('cli-mailq-empty-running', 'mailq and postqueue -p with an empty queue while Postfix runs.')
def scn_cli_mailq_running(s):
    s.start()
    sh('postsuper -d ALL')
    s.cap = LogCap()   # the emptying above is not part of the scenario
    s.run_cmd('mailq')
    s.run_cmd('postqueue -p')
    wait_log(s, None)
    s.write()


@scenario('cli-postqueue-stopped', 'postqueue -p and mailq while Postfix is stopped.')
def scn_cli_postqueue_stopped(s):
    s.start()
    sh('postsuper -d ALL')
    s.cap = LogCap()   # the emptying above is not part of the scenario
    s.run_cmd('postfix stop', pty=True)
    time.sleep(1.5)
    s.run_cmd('postqueue -p')
    s.run_cmd('mailq')
    wait_log(s, None)
    s.write()


@scenario('cli-postsuper-d-all-empty', 'postsuper -d ALL on an empty queue (Postfix running), plain and on a pty.')
def scn_cli_postsuper(s):
    s.start()
    sh('postsuper -d ALL')
    s.cap = LogCap()   # the emptying above is not part of the scenario
    s.run_cmd('postsuper -d ALL')
    s.run_cmd('postsuper -d ALL', pty=True)
    wait_log(s, None)
    s.write()


@scenario('cli-sendmail-no-recipient', 'echo hi | sendmail (no recipient, no -t).')
def scn_cli_sendmail(s):
    s.start()
    s.run_cmd('echo hi | sendmail')
    wait_log(s, None)
    s.write()


# ======================================================================== main

def copy_base():
    d = os.path.join(OUT, 'base')
    if os.path.isdir(d):
        shutil.rmtree(d)
    shutil.copytree(os.path.join(GT, 'base'), d)


def main(scenarios=None):
    """Run the selected scenarios (argv: names or prefixes); record_reload.py and record_cert.py pass their own list."""
    scenarios = SCENARIOS if scenarios is None else scenarios
    sel = sys.argv[1:]
    if sel == ['--list']:
        for name, desc, fn in scenarios:
            print('%-40s %s' % (name, desc))
        return
    os.makedirs(OUT, exist_ok=True)
    copy_base()
    RECEIVERS[2526] = Receiver(2526, starttls=True)
    RECEIVERS[2527] = Receiver(2527, starttls=False)
    for name, desc, fn in scenarios:
        if sel and not any(name == x or name.startswith(x) for x in sel):
            continue
        print('==>', name, flush=True)
        s = ExtraScenario(name, desc)
        for r in RECEIVERS.values():
            r.reset()
        try:
            fn(s)
        except Exception as e:
            import traceback
            s.note('RECORDER EXCEPTION: ' + traceback.format_exc())
            s.write()
            print('   EXCEPTION', e, flush=True)
        sh('postsuper -d ALL')
    # leave Postfix in the base configuration, stopped
    pfrec.configure()
    pfrec.postfix_stop()


if __name__ == '__main__':
    main()
