#!/usr/bin/env python3
"""record_cert.py - smtpd_tls_cert_file / smtpd_tls_key_file pointing at files OpenSSL cannot use as such
(a directory, an empty file, another pair's key, a certificate as the key, one file with both, mode 000).

Scenario functions only; the machinery is the corpus's pfrec.py/record.py, reached through record_extra.py
(same environment: PFGT, PFGT_OUT).  Run it AFTER installing the lab's own certificates and keys into
/etc/postfix/tls/ (README).  Usage, as root where the corpus's setup.sh ran:
    python3 record_cert.py                    # every p25-cert-* scenario
    python3 record_cert.py p25-cert-empty     # some, by name or prefix

Files the scenario needs are made by commands in the transcript ("C: $ touch ...", "C: $ cat ... > ..."),
after Postfix started and before the first connection: smtpd reads its certificate and key when master starts
it for a connection, so they are in place in time.  Afterwards the recorder removes them (not recorded).
"""
import os
import time

import record_extra as rx
from pfrec import Session, sh
import record  # the corpus's record.py: capture_postmaster_notice

SCENARIOS = []
TLS = '/etc/postfix/tls'
CRT = TLS + '/mail.example.org.crt'
KEY = TLS + '/mail.example.org.key'


def scenario(name, desc):
    def deco(fn):
        SCENARIOS.append((name, desc, fn))
        return fn
    return deco


def cert_case(s, main, label, prep_cmds=(), cleanup=''):
    s.main = main
    s.start()
    open('/var/mail/root', 'w').close()
    for c in prep_cmds:
        s.run_cmd(c)
    x = Session(s.rec, 25, label=label)
    x.cmd('EHLO client.example.com')
    if x.starttls():
        x.cmd('EHLO client.example.com')
    x.cmd('MAIL FROM:<alice@example.org>')
    x.quit()
    rx.wait_log(s, r'disconnect from', settle=2)
    time.sleep(2)
    s.log = s.cap.read(settle=0.5)
    if cleanup:
        sh(cleanup)
    s.note('Session as in the corpus\'s p25-may-cert-missing: EHLO, STARTTLS (and EHLO again if TLS came up), MAIL FROM, QUIT. '
           'Files were the lab\'s own (src/engine/tls/data/lab-certs.ts): mail.example.org.crt 0644, mail.example.org.key 0600, '
           'mx.example.net.crt 0644, mx.example.net.key 0600. Commands "C: $ ..." ran as root right after postfix start.')
    s.write()
    record.capture_postmaster_notice(s)


@scenario('p25-cert-directory', 'smtpd_tls_cert_file names a directory (/etc/postfix/tls).')
def scn_cert_directory(s):
    cert_case(s, ['smtpd_tls_cert_file = /etc/postfix/tls'], 'may, cert file is a directory')


@scenario('p25-cert-key-directory', 'smtpd_tls_key_file names a directory (/etc/postfix/tls).')
def scn_key_directory(s):
    cert_case(s, ['smtpd_tls_key_file = /etc/postfix/tls'], 'may, key file is a directory')


@scenario('p25-cert-empty-file', 'smtpd_tls_cert_file names an empty file (0 bytes).')
def scn_cert_empty(s):
    cert_case(s, ['smtpd_tls_cert_file = /etc/postfix/tls/empty.crt'], 'may, cert file empty',
              ['touch /etc/postfix/tls/empty.crt'], 'rm -f /etc/postfix/tls/empty.crt')


@scenario('p25-cert-empty-key', 'smtpd_tls_key_file names an empty file (0 bytes).')
def scn_key_empty(s):
    cert_case(s, ['smtpd_tls_key_file = /etc/postfix/tls/empty.key'], 'may, key file empty',
              ['touch /etc/postfix/tls/empty.key'], 'rm -f /etc/postfix/tls/empty.key')


@scenario('p25-cert-key-missing', 'smtpd_tls_key_file names a file that does not exist (the certificate is there).')
def scn_key_missing(s):
    cert_case(s, ['smtpd_tls_key_file = /etc/postfix/tls/missing.key'], 'may, key file missing')


@scenario('p25-cert-key-of-other-pair', 'smtpd_tls_key_file is the key of another pair (mx.example.net.key with mail.example.org.crt).')
def scn_key_other(s):
    cert_case(s, ['smtpd_tls_key_file = /etc/postfix/tls/mx.example.net.key'], 'may, key of another certificate')


@scenario('p25-cert-cert-as-key', 'smtpd_tls_key_file names the certificate (mail.example.org.crt) instead of the key.')
def scn_cert_as_key(s):
    cert_case(s, ['smtpd_tls_key_file = /etc/postfix/tls/mail.example.org.crt'], 'may, certificate in place of the key')


@scenario('p25-cert-key-as-cert', 'smtpd_tls_cert_file names the key (mail.example.org.key) instead of the certificate.')
def scn_key_as_cert(s):
    cert_case(s, ['smtpd_tls_cert_file = /etc/postfix/tls/mail.example.org.key'], 'may, key in place of the certificate')


@scenario('p25-cert-combined-key-first', 'One file with the key followed by the certificate, as both smtpd_tls_cert_file and smtpd_tls_key_file.')
def scn_combined_key_first(s):
    pem = TLS + '/mail.example.org.pem'
    cert_case(s, ['smtpd_tls_cert_file = ' + pem, 'smtpd_tls_key_file = ' + pem], 'may, key+cert in one file',
              ['cat %s %s > %s' % (KEY, CRT, pem), 'chmod 600 ' + pem], 'rm -f ' + pem)


@scenario('p25-cert-combined-cert-first', 'One file with the certificate followed by the key, as both smtpd_tls_cert_file and smtpd_tls_key_file.')
def scn_combined_cert_first(s):
    pem = TLS + '/mail.example.org.pem'
    cert_case(s, ['smtpd_tls_cert_file = ' + pem, 'smtpd_tls_key_file = ' + pem], 'may, cert+key in one file',
              ['cat %s %s > %s' % (CRT, KEY, pem), 'chmod 600 ' + pem], 'rm -f ' + pem)


@scenario('p25-cert-combined-mismatch', 'One file with another pair\'s key (mx.example.net.key) followed by mail.example.org.crt, as both files.')
def scn_combined_mismatch(s):
    pem = TLS + '/mail.example.org.pem'
    cert_case(s, ['smtpd_tls_cert_file = ' + pem, 'smtpd_tls_key_file = ' + pem], 'may, other key + cert in one file',
              ['cat %s %s > %s' % (TLS + '/mx.example.net.key', CRT, pem), 'chmod 600 ' + pem], 'rm -f ' + pem)


@scenario('p25-cert-combined-two-keys', 'One file with the key, another pair\'s key, then the certificate, as both files.')
def scn_combined_two_keys(s):
    pem = TLS + '/mail.example.org.pem'
    cert_case(s, ['smtpd_tls_cert_file = ' + pem, 'smtpd_tls_key_file = ' + pem], 'may, two keys and a cert in one file',
              ['cat %s %s %s > %s' % (KEY, TLS + '/mx.example.net.key', CRT, pem), 'chmod 600 ' + pem], 'rm -f ' + pem)


@scenario('p25-cert-combined-empty', 'An empty file as both smtpd_tls_cert_file and smtpd_tls_key_file.')
def scn_combined_empty(s):
    pem = TLS + '/empty.pem'
    cert_case(s, ['smtpd_tls_cert_file = ' + pem, 'smtpd_tls_key_file = ' + pem], 'may, one empty file as both',
              ['touch ' + pem], 'rm -f ' + pem)


@scenario('p25-cert-combined-missing', 'A file that does not exist as both smtpd_tls_cert_file and smtpd_tls_key_file.')
def scn_combined_missing(s):
    pem = TLS + '/missing.pem'
    cert_case(s, ['smtpd_tls_cert_file = ' + pem, 'smtpd_tls_key_file = ' + pem], 'may, one missing file as both')


@scenario('p25-cert-combined-directory', 'A directory (/etc/postfix/tls) as both smtpd_tls_cert_file and smtpd_tls_key_file.')
def scn_combined_directory(s):
    cert_case(s, ['smtpd_tls_cert_file = /etc/postfix/tls', 'smtpd_tls_key_file = /etc/postfix/tls'], 'may, a directory as both')


@scenario('p25-cert-key-unset', 'smtpd_tls_key_file removed from main.cf (postconf -X): its default $smtpd_tls_cert_file names the certificate alone.')
def scn_key_unset(s):
    cert_case(s, [], 'may, smtpd_tls_key_file removed', ['postconf -X smtpd_tls_key_file', 'postconf smtpd_tls_key_file'])


@scenario('p25-cert-key-unset-combined', 'smtpd_tls_key_file removed from main.cf (postconf -X), smtpd_tls_cert_file names one file with key and certificate.')
def scn_key_unset_combined(s):
    pem = TLS + '/mail.example.org.pem'
    cert_case(s, ['smtpd_tls_cert_file = ' + pem], 'may, smtpd_tls_key_file removed, key+cert in one file',
              ['cat %s %s > %s' % (KEY, CRT, pem), 'chmod 600 ' + pem, 'postconf -X smtpd_tls_key_file', 'postconf smtpd_tls_key_file'],
              'rm -f ' + pem)


@scenario('p25-cert-mode-000', 'The certificate file with mode 000 (the key keeps 600).')
def scn_cert_000(s):
    cert_case(s, [], 'may, cert mode 000', ['chmod 000 ' + CRT], 'chmod 644 ' + CRT)
    s.note('Afterwards the recorder put the certificate back to mode 644.')
    s.write()


if __name__ == '__main__':
    rx.main(SCENARIOS)
