#!/usr/bin/env python3
"""Record what the real postconf (Debian 12, postfix 3.7.11-0+deb12u1) prints.

This is a recorder in the spirit of the ground-truth corpus: it runs the real
`postconf` against throw-away configuration directories (config files only, no
mail system is started) and stores stdout, stderr, the exit status and the edited
files in real-postconf.json next to this script. The lab's postconf is tested
against that file (tests/engine/postconf/real-postconf.test.ts).

Each case runs in private mount and UTS namespaces (`unshare -m -u`): a temporary
directory is bind-mounted on /etc/postfix so that every message names
/etc/postfix exactly as on the lab machine, and the host name is set to the lab's
mail.example.org. Config files get an old mtime so that postconf reads main.cf
once (a file changed within the last ~2 seconds is read again every 300 ms; see
the `hot` cases and main-cf-read.ts).

Usage (as root, postfix installed, not running):  python3 record-real-postconf.py
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = '/work/shared/postfix-ground-truth'
with open(os.path.join(CORPUS, 'base/main.cf')) as f:
    BASE_MAIN = f.read()
with open(os.path.join(CORPUS, 'base/master.cf')) as f:
    STOCK_MASTER = f.read()
sys.path.insert(0, HERE)
SUBMISSION_ARTICLE = """\
submission inet n       -       y       -       -       smtpd
  -o syslog_name=postfix/submission
  -o smtpd_tls_security_level=encrypt
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_tls_auth_only=yes
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
"""
SUBMISSIONS_465 = """\
submissions inet n       -       y       -       -       smtpd
  -o syslog_name=postfix/submissions
  -o smtpd_tls_wrappermode=yes
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
"""


def resolve(spec, kind):
    """'@base' / '@stock' / '@corpus' (stock + the corpus' two services), optionally '+TEXT'."""
    for tag, text in (('@base', BASE_MAIN), ('@stock', STOCK_MASTER),
                      ('@corpus', STOCK_MASTER + SUBMISSION_ARTICLE + SUBMISSIONS_465)):
        if spec == tag:
            return text
        if spec.startswith(tag + '+'):
            return text + spec[len(tag) + 1:]
    return spec


def run_case(case):
    main = None if case.get('main', '@base') is None else resolve(case.get('main', '@base'), 'main')
    master = None if case.get('master', '@corpus') is None else resolve(case.get('master', '@corpus'), 'master')
    tmp = tempfile.mkdtemp(prefix='pcrec-')
    try:
        for name in ('dynamicmaps.cf', 'postfix-files'):
            shutil.copy(os.path.join('/etc/postfix', name), tmp)
        for d in ('dynamicmaps.cf.d', 'postfix-files.d', 'sasl'):
            os.mkdir(os.path.join(tmp, d))
        for n, text in (('main.cf', main), ('master.cf', master)):
            if text is None:
                continue
            with open(os.path.join(tmp, n), 'w', newline='') as f:
                f.write(text)
            os.utime(os.path.join(tmp, n), (1577836800, 1577836800))
        script = 'mount --bind "$0" /etc/postfix && hostname mail.example.org && exec postconf "$@"'
        p = subprocess.run(['unshare', '-m', '-u', '--', 'sh', '-c', script, tmp] + case['argv'],
                           capture_output=True, timeout=60)
        out = {
            'name': case['name'],
            'argv': case['argv'],
            'main': case.get('main', '@base'),
            'master': case.get('master', '@corpus'),
            'stdout': re.sub(r'(?m)^process_id = \d+$', 'process_id = <PID>',
                             p.stdout.decode('utf-8', 'surrogateescape')),
            'stderr': p.stderr.decode('utf-8', 'surrogateescape'),
            'exit': p.returncode,
        }
        for n, before, key in (('main.cf', main, 'mainAfter'), ('master.cf', master, 'masterAfter')):
            path = os.path.join(tmp, n)
            after = None
            if os.path.exists(path):
                with open(path, newline='') as f:
                    after = f.read()
            if after != before:
                out[key] = after
        leftovers = sorted(set(os.listdir(tmp)) - {'main.cf', 'master.cf', 'dynamicmaps.cf', 'postfix-files',
                                                   'dynamicmaps.cf.d', 'postfix-files.d', 'sasl'})
        if leftovers:
            out['otherFiles'] = leftovers
        return out
    finally:
        shutil.rmtree(tmp)


def main():
    from real_postconf_cases import CASES as cases
    results = [run_case(c) for c in cases]
    names = [r['name'] for r in results]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        raise SystemExit('duplicate case names: %s' % sorted(dup))
    with open(os.path.join(HERE, 'real-postconf.json'), 'w') as f:
        json.dump({'source': 'postconf of postfix 3.7.11-0+deb12u1 (Debian 12), recorded by record-real-postconf.py',
                   'cases': results}, f, indent=1, ensure_ascii=False)
        f.write('\n')
    print('%d cases recorded' % len(results))


if __name__ == '__main__':
    main()
