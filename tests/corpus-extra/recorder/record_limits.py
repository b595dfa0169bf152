#!/usr/bin/env python3
"""record_limits.py - smtpd's connection limits (anvil(8): smtpd_client_connection_count_limit,
smtpd_client_connection_rate_limit), smtpd_timeout, master(8)'s process_limit, and clients that misbehave
(vanish, send TLS garbage after STARTTLS, send random bytes at the banner).

Scenario functions only; the machinery is the corpus's pfrec.py/record.py, reached through record_extra.py
(same environment: PFGT, PFGT_OUT).  Usage, as root where the corpus's setup.sh ran:
    python3 record_limits.py                  # every limits-* scenario
    python3 record_limits.py limits-timeout   # some, by name or prefix

The base's mynetworks (192.0.2.0/32) does not hold 127.0.0.1, so anvil's limits apply to the recorder.
The "random" bytes are fixed (random.Random(SEED)) so that a rerun sends the same bytes.
"""
import random
import time

import record_extra as rx
from record_extra import ExtraScenario, wait_log  # noqa: F401  (ExtraScenario: used by rx.main)
from pfrec import Session, sh

SCENARIOS = []
SEED = 25


def scenario(name, desc):
    def deco(fn):
        SCENARIOS.append((name, desc, fn))
        return fn
    return deco


def fixed_bytes(n, no_newline=True):
    r = random.Random(SEED)
    out = bytearray()
    while len(out) < n:
        b = r.randrange(256)
        if no_newline and b in (10, 13):
            continue
        out.append(b)
    return bytes(out)


NOTE_ORDER = ('Everything happened in the order of transcript.txt. Connections were closed with QUIT unless the '
              'transcript says otherwise; "# recorder closed the connection" means the recorder closed its socket '
              'without QUIT.')


def close_ev(s, x, why=''):
    s.rec.ev('recorder closed the connection%s' % ((' (%s)' % why) if why else ''))
    x.close()


@scenario('limits-connection-count',
          'smtpd_client_connection_count_limit = 2: two connections from 127.0.0.1 stay open, a third one is refused '
          'by smtpd with 421 and a warning; after one closes, a new connection is served again.')
def scn_count(s):
    s.main = ['smtpd_client_connection_count_limit = 2']
    s.start()
    a = Session(s.rec, 25, label='connection A, kept open')
    b = Session(s.rec, 25, label='connection B, kept open while A is open')
    c = Session(s.rec, 25, label='connection C, the third simultaneous connection', timeout=5)
    if not c.closed:
        c.cmd('EHLO client.example.com')
        c.read_reply(3)
    c.close()
    a.cmd('EHLO client.example.com')
    a.quit()
    time.sleep(0.5)
    d = Session(s.rec, 25, label='connection D, after A quit (B still open)')
    d.cmd('EHLO client.example.com')
    d.quit()
    b.quit()
    wait_log(s, None, settle=2)
    s.note(NOTE_ORDER)
    s.write()


@scenario('limits-connection-rate',
          'smtpd_client_connection_rate_limit = 3, anvil_rate_time_unit = 60s: connections 1-3 in the minute are served, '
          'the 4th and 5th get 421 and a warning.')
def scn_rate(s):
    s.main = ['smtpd_client_connection_rate_limit = 3', 'anvil_rate_time_unit = 60s']
    s.start()
    for i in range(1, 6):
        x = Session(s.rec, 25, label='connection %d in the same minute' % i)
        if not x.closed:
            x.cmd('EHLO client.example.com')
            if not x.closed:
                x.quit()
        x.close()
        time.sleep(0.3)
    wait_log(s, None, settle=2)
    s.note(NOTE_ORDER)
    s.write()


@scenario('limits-timeout',
          'smtpd_timeout = 5s: a client idle after the banner, one idle after EHLO, one idle in DATA, and a slow client '
          'that sends a command one byte a second (each read is within 5 s).')
def scn_timeout(s):
    s.main = ['smtpd_timeout = 5s']
    s.start()
    x = Session(s.rec, 25, label='idle after the banner')
    s.rec.ev('recorder sends nothing and waits up to 12 s')
    x.read_reply(12)
    x.close()
    y = Session(s.rec, 25, label='idle after EHLO')
    y.cmd('EHLO client.example.com')
    s.rec.ev('recorder sends nothing and waits up to 12 s')
    y.read_reply(12)
    y.close()
    z = Session(s.rec, 25, label='idle in DATA')
    z.cmd('EHLO client.example.com')
    z.cmd('MAIL FROM:<sender@example.com>')
    z.cmd('RCPT TO:<root@example.org>')
    z.cmd('DATA')
    z.sendraw(b'Subject: slow\r\n')
    s.rec.ev('recorder sends nothing more and waits up to 12 s')
    z.read_reply(12)
    z.close()
    w = Session(s.rec, 25, label='slow client: one byte a second')
    s.rec.ev('recorder sends "EHLO client.example.com" one byte a second (23 s), then CRLF')
    for ch in b'EHLO client.example.com':
        w.sendraw(bytes([ch]))
        time.sleep(1)
    w.sendraw(b'\r\n')
    w.read_reply(5)
    w.quit()
    wait_log(s, None, settle=2)
    s.note(NOTE_ORDER)
    s.note('The slow client\'s bytes appear as one "C: " line per byte (one send each, a second apart), marked <<no CRLF>>, '
           'then the line end (CRLF) as one more send.')
    s.write()


@scenario('limits-process-limit',
          'process_limit = 2 on the smtp/inet service (postconf -F): two clients hold both smtpd processes, a third '
          'client gets no banner until one of them quits; master warns.')
def scn_process_limit(s):
    s.extra_cfg = "master.cf: postconf -F 'smtp/inet/process_limit = 2'    (the smtp line's maxproc column)"
    s.start(pre=lambda: sh("postconf -F 'smtp/inet/process_limit = 2'"))
    s.run_cmd('postconf -F smtp/inet/process_limit')
    a = Session(s.rec, 25, label='connection A, kept open')
    a.cmd('EHLO client.example.com')
    b = Session(s.rec, 25, label='connection B, kept open')
    b.cmd('EHLO client.example.com')
    c = Session(s.rec, 25, label='connection C, a third client; waiting up to 8 s for a banner', timeout=8)
    t0 = time.time()
    a.quit()
    s.rec.ev('recorder: A quit; C waits up to 10 s more for its banner')
    c.read_reply(10)
    s.rec.ev('recorder: C\'s banner came about %.0f s after A quit' % (time.time() - t0))
    if not c.closed:
        c.cmd('EHLO client.example.com')
        c.quit()
    b.quit()
    wait_log(s, None, settle=2)
    s.note(NOTE_ORDER)
    s.write()


@scenario('limits-lost-connection',
          'Clients that vanish: one closes right after the banner, one after EHLO, one in the middle of DATA.')
def scn_lost(s):
    s.start()
    x = Session(s.rec, 25, label='closes after the banner')
    close_ev(s, x)
    time.sleep(0.5)
    y = Session(s.rec, 25, label='closes after EHLO')
    y.cmd('EHLO client.example.com')
    close_ev(s, y)
    time.sleep(0.5)
    z = Session(s.rec, 25, label='closes in DATA')
    z.cmd('EHLO client.example.com')
    z.cmd('MAIL FROM:<sender@example.com>')
    z.cmd('RCPT TO:<root@example.org>')
    z.cmd('DATA')
    z.sendraw(b'Subject: cut\r\n')
    close_ev(s, z)
    wait_log(s, None, settle=2)
    s.note(NOTE_ORDER)
    s.write()


@scenario('limits-tls-garbage',
          'After 220 2.0.0 Ready to start TLS the client sends bytes that are not TLS: 64 fixed random bytes, then an '
          'SMTP command in plaintext.')
def scn_tls_garbage(s):
    s.start()
    x = Session(s.rec, 25, label='random bytes instead of a ClientHello')
    x.cmd('EHLO client.example.com')
    x.cmd('STARTTLS')
    x.sendraw(fixed_bytes(64))
    x.read_reply(8)
    x.close()
    y = Session(s.rec, 25, label='plaintext command instead of a ClientHello')
    y.cmd('EHLO client.example.com')
    y.cmd('STARTTLS')
    y.cmd('EHLO client.example.com', timeout=8)
    y.close()
    wait_log(s, None, settle=2)
    s.note(NOTE_ORDER)
    s.note('The random bytes: Python random.Random(%d), 64 bytes from randrange(256) skipping CR and LF. The "C: " line '
           'shows them decoded as UTF-8 with U+FFFD for invalid bytes; wire.txt has the bytes.' % SEED)
    s.write()


@scenario('limits-random-bytes',
          'Random bytes at the banner: 64 fixed random bytes plus CRLF, 64 bytes without a line end then close, and a '
          'line longer than line_length_limit (2048).')
def scn_random(s):
    s.start()
    x = Session(s.rec, 25, label='random bytes with CRLF')
    x.sendraw(fixed_bytes(64) + b'\r\n')
    x.read_reply(5)
    x.cmd('QUIT')
    x.close()
    y = Session(s.rec, 25, label='random bytes without a line end, then the recorder closes')
    y.sendraw(fixed_bytes(64))
    time.sleep(1)
    close_ev(s, y)
    time.sleep(0.5)
    z = Session(s.rec, 25, label='a 5000-byte line')
    z.sendraw(b'NOOP ' + b'x' * 4995 + b'\r\n')
    z.read_reply(5)
    z.cmd('QUIT')
    z.close()
    wait_log(s, None, settle=2)
    s.note(NOTE_ORDER)
    s.note('The random bytes: Python random.Random(%d), 64 bytes from randrange(256) skipping CR and LF. The "C: " lines '
           'show them decoded as UTF-8 with U+FFFD for invalid bytes; wire.txt has the bytes.' % SEED)
    s.write()


if __name__ == '__main__':
    rx.main(SCENARIOS)
