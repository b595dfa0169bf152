"""Cases for record-real-postconf.py: argv plus the main.cf/master.cf to run them on.

main: '@base' (corpus base/main.cf), '@base+TEXT' (base plus appended TEXT) or literal text.
master: '@stock' (Debian's master.cf), '@corpus' (stock plus the submission and
submissions services of postconf-behaviours), optionally '+TEXT', or literal text.
"""

C = []


def case(name, argv, main='@base', master='@corpus'):
    C.append({'name': name, 'argv': argv, 'main': main, 'master': master})


# --- showing main.cf parameters -------------------------------------------------
case('all', [])
case('all-stock-master', [], master='@stock')
case('d', ['-d'])
case('d-stock', ['-d'], master='@stock')
case('d-empty-master', ['-d'], master='')
case('dx', ['-dx'])
case('df', ['-df'])
case('dH', ['-dH'])
case('n', ['-n'])
case('nx', ['-nx'])
case('nf', ['-nf'])
case('nh', ['-nh'])
case('nH', ['-nH'])
case('x', ['-x'])
case('f', ['-f'])
case('H', ['-H'])
case('C-builtin', ['-C', 'builtin'])
case('C-service', ['-C', 'service'])
case('C-user', ['-C', 'user'], main='@base+mua_x = permit\nsmtpd_client_restrictions = $mua_x\n')
case('C-bad', ['-C', 'nonsense'])
case('names', ['smtpd_tls_security_level', 'myorigin', 'mydestination'])
case('names-x', ['-x', 'myorigin', 'mydestination', 'smtpd_banner', 'smtpd_relay_restrictions',
                 'syslog_name', 'smtpd_hard_error_limit', 'mynetworks_style', 'smtpd_tls_fingerprint_digest'])
case('names-d-x', ['-dx', 'myorigin', 'mydestination', 'smtpd_banner', 'smtpd_relay_restrictions',
                   'mynetworks_style', 'myhostname', 'mydomain'])
case('names-h', ['-h', 'myhostname', 'relayhost', 'nonexistent_param', 'biff'])
case('names-H', ['-H', 'myhostname', 'relayhost'])
case('names-n-default', ['-n', 'smtpd_tls_auth_only', 'relayhost'])
case('names-d-unknown', ['-d', 'smtpd_tls_securty_level', 'mail_version'])
case('names-hx', ['-hx', 'myorigin'])
case('name-service', ['relay_destination_concurrency_limit', 'smtp_time_limit', 'maildrop_time_limit'])
case('process', ['process_name', 'process_id', 'config_directory', 'mail_version'])
case('host-defaults', ['-d', 'myhostname', 'mydomain', 'myorigin', 'mynetworks', 'inet_interfaces',
                       'inet_protocols', 'mydestination'])
case('mail-version-x', ['-x', 'mail_version', 'mail_name', 'smtpd_banner'])

# --- main.cf syntax ---------------------------------------------------------------
case('syntax-missing-eq', ['-n'], main='@base+smtpd_tls_security_level encrypt\n')
case('syntax-missing-eq-names', ['smtpd_tls_security_level'], main='@base+smtpd_tls_security_level encrypt\n')
case('syntax-missing-eq-d', ['-d', 'smtpd_tls_security_level'], main='@base+smtpd_tls_security_level encrypt\n')
case('syntax-missing-eq-M', ['-M', 'smtp'], main='@base+smtpd_tls_security_level encrypt\n')
case('syntax-missing-eq-e', ['-e', 'biff=yes'], main='@base+smtpd_tls_security_level encrypt\n')
case('syntax-missing-eq-X', ['-X', 'biff'], main='@base+smtpd_tls_security_level encrypt\n')
case('syntax-missing-eq-continued', ['-n'], main='a b\n c\n')
case('syntax-missing-name', ['-n'], main='= foo\n')
case('syntax-leading-space', ['-n'], main='  biff = no\nrelayhost = x\n')
case('syntax-leading-space-long', ['-n'], main='   smtpd_tls_security_level = encrypt_and_more\nbiff = no\n')
case('syntax-crlf', ['-n'], main='biff = no\r\nrelayhost = x\r\n')
case('syntax-empty-value', ['-n'], main='biff =\nrelayhost=\n')
case('syntax-comment-in-value', ['-n'], main='biff=yes # comment\n')
case('syntax-tabs', ['-n'], main='biff\t=\tyes  \t\n')
case('syntax-continuation', ['-n'], main='relayhost = a\n\n  b\n#x\n c\n')
case('syntax-continuation-h', ['-h', 'relayhost'], main='relayhost = a\n\n  b\n#x\n c\n')
case('syntax-continuation-eq', ['-n'], main='relayhost = a\n  = b\n')
case('syntax-no-final-newline', ['-n'], main='biff = no\nrelayhost = x')
case('syntax-empty-file', ['-n'], main='')
case('syntax-only-comments', ['-n'], main='# a\n\n   \n#b\n')
case('syntax-override', ['-n'], main='relayhost = a\nrelayhost = b\nrelayhost = c\n')
case('syntax-override-same', ['-n'], main='relayhost = a\nrelayhost = a\n')
case('syntax-corpus-continuation', ['smtpd_tls_loglevel', 'smtpd_tls_auth_only'],
     main='@base+smtpd_tls_loglevel = 1\n  smtpd_tls_auth_only = yes\n')
case('syntax-name-with-dash', ['-n'], main='foo-bar = 1\n')
case('syntax-nul', ['-n'], main='biff = n\0o\n')
case('syntax-value-whitespace-runs', ['-n'], main='smtpd_banner = $myhostname    ESMTP\t\t$mail_name\n')
case('syntax-value-whitespace-runs-x', ['-x', 'smtpd_banner'], main='smtpd_banner = $myhostname    ESMTP\t\t$mail_name\n')
case('syntax-long-value-f', ['-nf'], main='@base+smtpd_recipient_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination, reject_unknown_recipient_domain, reject_rbl_client zen.spamhaus.org, permit\n')
case('syntax-long-word-f', ['-nf'], main='a_very_long_param = ' + 'x' * 100 + ' y ' + 'z' * 90 + '\nmydestination = $a_very_long_param\n')

# --- unused / unknown / user-defined parameters ----------------------------------
case('unused-typo', ['-n'], main='@base+smtpd_tls_securty_level = may\n')
case('unused-typo-names', ['smtpd_tls_security_level'], main='@base+smtpd_tls_securty_level = may\n')
case('unused-typo-d', ['-d', 'smtpd_tls_security_level'], main='@base+smtpd_tls_securty_level = may\n')
case('unused-typo-M', ['-M', 'smtp/inet'], main='@base+smtpd_tls_securty_level = may\n')
case('unused-several', ['-n'], main='@base+zzz_unused = 1\naaa_unused = 2\nmmm_unused = 3\nsmtpd_foo = 4\n')
case('user-defined-ref', ['-n'], main='@base+mua_client_restrictions = permit_sasl_authenticated, reject\nsmtpd_client_restrictions = $mua_client_restrictions\n')
case('user-defined-ref-braces', ['-n'], main='@base+my_a = 1\nmy_b = 2\nmy_c = 3\nrelayhost = ${my_a} $(my_b) ${my_c?x}\n')
case('user-defined-unreferenced', ['-n'], main='@base+mua_client_restrictions = permit_sasl_authenticated, reject\n')
case('user-defined-restriction-class', ['-n'], main='@base+smtpd_restriction_classes = myclass\nmyclass = permit\n')
case('user-defined-from-master', ['-n'], main='@base+mua_client_restrictions = permit_sasl_authenticated, reject\n',
     master='@corpus+smtps inet n - y - - smtpd\n  -o smtpd_client_restrictions=$mua_client_restrictions\n')
case('master-undefined-param', ['-n'],
     master='@corpus+smtps inet n - y - - smtpd\n  -o smtpd_client_restrictions=$mua_client_restrictions\n  -o smtpd_helo_restrictions=$mua_helo_restrictions\n')
case('master-undefined-param-M', ['-M', 'smtps'],
     master='@corpus+smtps inet n - y - - smtpd\n  -o smtpd_client_restrictions=$mua_client_restrictions\n')
case('master-unused-param', ['-n'],
     master='@corpus+smtps inet n - y - - smtpd\n  -o smtpd_tls_securty_level=may\n  -o foo=bar\n')
case('master-unused-param-M', ['-M'],
     master='@corpus+smtps inet n - y - - smtpd\n  -o smtpd_tls_securty_level=may\n')
case('main-undefined-ref', ['-n'], main='@base+relayhost = $no_such_param\n')
case('readonly-assign', ['-n'], main='@base+process_id = 5\nprocess_name = foo\n')
case('unknown-names', ['smtpd_tls_securty_level', 'unknown_parameter_xyz', 'biff'])
case('deprecated-use-tls', ['-n'], main='@base+smtpd_use_tls = yes\nsmtpd_enforce_tls = no\n')

# --- expansion --------------------------------------------------------------------
case('x-loop', ['-x', 'relayhost'], main='relayhost = $myorigin\nmyorigin = $relayhost\n')
case('x-selfloop', ['-x', 'relayhost'], main='relayhost = $relayhost\n')
case('x-cond', ['-x', 'relayhost', 'mydestination', 'myorigin', 'alias_maps'],
     main='biff = yes\nrelayhost = ${biff?yes-set}${nonexist?never}|${biff:never}${nonexist:unset}\nmydestination = ${biff?{ a b }:{ c d }} ${empty_one?{x}:{y}}\nempty_one =\nmyorigin = $$literal $$$biff\nalias_maps = ${{$biff} == {yes} ? {eq} : {ne}} ${{$biff} != {yes}?{ne}:{eq}} ${{3} < {10}?{num}:{lex}} ${{abc} < {abd}?{lt}:{ge}}\n')
case('x-levels', ['-x', 'relayhost', 'smtpd_relay_restrictions', 'mynetworks_style', 'smtp_tls_fingerprint_digest'],
     main='compatibility_level = 2\nrelayhost = ${{$compatibility_level} <level {3.6} ? {old} : {new}} ${{3.6.1} >=level {3.6} ? {ge} : {lt}} ${{1} <=level {1} ? {le} : {gt}} ${{10} >level {9} ? {gt} : {le}} ${{3.10} ==level {3.010} ? {eq} : {ne}} ${{2} !=level {2.0}?{ne}:{eq}}\n')
case('x-levels-36', ['-x', 'smtpd_relay_restrictions', 'mynetworks_style', 'smtp_tls_fingerprint_digest'])
case('x-level-bad', ['-x', 'relayhost'], main='relayhost = ${{abc} <level {3.6} ? {old} : {new}}\n')
case('x-syntax-truncated', ['-x', 'relayhost'], main='relayhost = a ${biff b\n')
case('x-syntax-empty-name', ['-x', 'relayhost'], main='relayhost = a $ b\n')
case('x-syntax-bad-name', ['-x', 'relayhost'], main='relayhost = a ${bi-ff} b\n')
case('x-syntax-bad-op', ['-x', 'relayhost'], main='relayhost = a ${{x} =~ {y}?{a}:{b}} b\n')
case('x-syntax-unbalanced', ['-x', 'relayhost'], main='relayhost = a ${{x} == {y}?{a:{b}} b\n')
case('x-syntax-garbage', ['-x', 'relayhost'], main='relayhost = a ${{x} == {y} z} b\n')
case('x-syntax-garbage2', ['-x', 'relayhost'], main='relayhost = a ${biff?{x} y} b\n', )
case('x-syntax-garbage3', ['-x', 'relayhost'], main='relayhost = a ${biff:{x} y} b\n', )
case('x-syntax-noright', ['-x', 'relayhost'], main='relayhost = a ${{x} == y} b\n')
case('x-no-x-syntax-error', ['relayhost'], main='relayhost = a ${biff b\n')
case('x-legacy-cond-text', ['-x', 'relayhost'], main='biff = yes\nrelayhost = ${biff??foo:{b}ar}\n')
case('x-spaces-name', ['-x', 'relayhost'], main='biff = yes\nrelayhost = ${ biff } ${ biff ? {y} }\n')
case('x-nested-braces', ['-x', 'relayhost'], main='a1 = b\nrelayhost = ${a${a1}} $(a1)\n')
case('x-relop-expose', ['-x', 'relayhost'], main='relayhost = [${{a} == {a}}] [${{a} == {b}}]\n')
case('x-unknown', ['-x', 'relayhost'], main='relayhost = [$nonexistent_zz] [${nonexistent_zz}]\n')
case('x-deep', ['-x', 'relayhost'], main=''.join('p%d = $p%d\n' % (i, i + 1) for i in range(120)) + 'p120 = end\nrelayhost = $p0\n')
case('x-deep-ok', ['-x', 'relayhost'], main=''.join('p%d = $p%d\n' % (i, i + 1) for i in range(60)) + 'p60 = end\nrelayhost = $p0\n')
case('x-master', ['-Mx', 'relay', 'submission'])
case('x-master-P', ['-Px'])
case('x-master-F', ['-Fx', 'relay/unix'])

# --- editing main.cf --------------------------------------------------------------
case('e-replace', ['-e', 'smtpd_tls_security_level = encrypt'])
case('e-bare', ['smtpd_tls_security_level=may'])
case('e-bare-spaces', ['smtpd_tls_security_level =   may  '])
case('e-append', ['-e', 'smtpd_tls_auth_only = yes'])
case('e-append-sorted', ['-e', 'zzz = 1', 'aaa = 2', 'relayhost = x', 'mmm = 3'])
case('e-two-corpus', ['-e', 'smtpd_tls_security_level = may', 'smtpd_tls_loglevel = 1'])
case('e-continued', ['-e', 'relayhost = new'], main='biff = no\nrelayhost = a\n  b\n# c\n d\nmyorigin = x\n')
case('e-duplicates', ['-e', 'relayhost = new'], main='relayhost = a\nbiff = no\nrelayhost = b\nrelayhost = c\n')
case('e-same-twice', ['-e', 'relayhost = a', 'relayhost = b'])
case('e-missing-eq', ['-e', 'relayhost'])
case('e-missing-eq-bare', ['relayhost', 'biff=x'])
case('e-missing-name', ['-e', '= x'])
case('e-empty-value', ['-e', 'relayhost ='])
case('e-no-args', ['-e'])
case('e-comment', ['-e', '# x = y'])
case('e-newline', ['-e', 'relayhost = a\nb'])
case('e-leading-space-line', ['-e', 'relayhost = new'], main='  relayhost = a\nbiff = no\n')
case('e-no-final-newline', ['-e', 'relayhost = new'], main='biff = no\nmyorigin = x')
case('e-no-final-newline-match', ['-e', 'relayhost = new'], main='biff = no\nrelayhost = x')
case('e-crlf', ['-e', 'relayhost = new'], main='biff = no\r\nrelayhost = x\r\nmyorigin = y\r\n')
case('e-name-eq-nospace', ['-e', 'relayhost=[a]:25'], main='relayhost=x\nrelayhost\t= y\nrelayhostx = z\n')
case('e-value-with-eq', ['-e', 'relayhost = a=b'])
case('e-unknown-name', ['-e', 'smtpd_tls_securty_level = may'])
case('e-with-d', ['-d', '-e', 'relayhost=x'])
case('e-with-n', ['-n', 'relayhost=x'])
case('e-with-x', ['-x', 'relayhost=x'])
case('e-with-h', ['-h', 'relayhost=x'])
case('e-with-f', ['-f', 'relayhost=x'])
case('e-dollar', ['-e', 'relayhost = $myhostname'])
case('X-remove', ['-X', 'smtpd_tls_security_level'])
case('X-remove-several', ['-X', 'biff', 'relayhost', 'nonexistent_zz'])
case('X-continued', ['-X', 'relayhost'], main='biff = no\nrelayhost = a\n  b\n# c\n d\nmyorigin = x\n')
case('X-with-value', ['-X', 'relayhost=x'])
case('X-empty', ['-X', ''])
case('X-no-args', ['-X'])
case('X-with-e', ['-Xe', 'relayhost'])
case('hash-comment', ['-#', 'relayhost', 'biff'])
case('hash-continued', ['-#', 'relayhost'], main='biff = no\nrelayhost = a\n  b\n# c\n d\nmyorigin = x\n')

# --- master.cf: showing ------------------------------------------------------------
case('M', ['-M'])
case('M-stock', ['-M'], master='@stock')
case('Mf', ['-Mf'])
case('M-service', ['-M', 'submission'])
case('M-service-type', ['-M', 'submission/inet'])
case('Mf-service-type', ['-Mf', 'submission/inet'])
case('M-type-only', ['-M', 'smtp'])
case('M-several', ['-M', 'smtp/unix', 'relay', 'nosuch', 'submission/inet'])
case('M-nosuch', ['-M', 'nosuch/inet'])
case('M-bad-pattern', ['-M', 'smtp/inet/x'])
case('M-wildcard', ['-M', '*/inet'])
case('M-wildcard2', ['-M', 'smtp/*'])
case('M-h', ['-Mh'])
case('M-n', ['-Mn'])
case('M-d', ['-Md'])
case('P', ['-P'])
case('P-service', ['-P', 'submission/inet'])
case('P-param', ['-P', 'submission/inet/smtpd_tls_security_level'])
case('P-h', ['-Ph', 'submission/inet/smtpd_tls_security_level'])
case('P-H', ['-PH', 'submission/inet'])
case('P-nosuch', ['-P', 'nosuch/inet', 'submission/inet/nosuch_param'])
case('P-stock', ['-P'], master='@stock')
case('F', ['-F'])
case('F-service', ['-F', 'submission/inet'])
case('F-field', ['-F', 'submission/inet/command', 'smtp/inet/chroot', 'pickup/unix/wakeup'])
case('F-h', ['-Fh', 'submission/inet/process_limit'])
case('F-H', ['-FH', 'smtp/inet'])
case('F-bad-field', ['-F', 'smtp/inet/nosuch'])
case('Ff', ['-Ff', 'maildrop/unix'])

# --- master.cf: editing -------------------------------------------------------------
case('P-edit', ['-P', 'submission/inet/smtpd_tls_security_level=may'])
case('P-edit-new-param', ['-P', 'submission/inet/smtpd_tls_loglevel=2'])
case('P-edit-smtp', ['-P', 'smtp/inet/smtpd_tls_security_level=encrypt'])
case('P-edit-nosuch', ['-P', 'nosuch/inet/smtpd_tls_security_level=may'])
case('P-edit-whitespace', ['-P', 'submission/inet/smtpd_tls_security_level=a b'])
case('P-X', ['-PX', 'submission/inet/smtpd_tls_auth_only'])
case('P-e', ['-Pe', 'submission/inet/syslog_name=postfix/sub'])
case('F-edit', ['-F', 'submission/inet/chroot=n'])
case('F-edit-command', ['-F', 'submission/inet/command=smtpd -o a=b'])
case('F-edit-ws', ['-F', 'submission/inet/chroot=n n'])
case('M-edit-replace', ['-Me', 'submission/inet=submission inet n - n - - smtpd -o syslog_name=postfix/submission'])
case('M-edit-new', ['-Me', '127.0.0.1:2525/inet=127.0.0.1:2525 inet n - n - - smtpd'])
case('M-edit-bad', ['-Me', 'x/inet=x inet'])
case('M-X', ['-MX', 'submissions/inet'])
case('M-hash', ['-M#', 'submission/inet'])
case('M-X-nosuch', ['-MX', 'nosuch/inet'])
case('M-X-bad', ['-MX', 'submission'])

def _uncomment(lines):
    with open('/work/shared/postfix-ground-truth/base/master.cf') as f:
        rows = f.read().split('\n')
    for i in lines:
        rows[i - 1] = rows[i - 1][1:]
    return '\n'.join(rows)


UNCOMMENTED = _uncomment([19, 20, 21, 22, 23, 24, 29, 30, 31, 32, 33, 34])
case('master-uncomment-submission', ['-M', 'submission'], master=UNCOMMENTED)
case('master-uncomment-submission-n', ['-n'], master=UNCOMMENTED)
case('master-uncomment-submission-P', ['-P'], master=UNCOMMENTED)

# --- master.cf syntax errors ------------------------------------------------------
for n, text in [
    ('bad-type', 'foo bogus n - n - - smtpd\n'),
    ('inet-private', 'foo inet y - n - - smtpd\n'),
    ('inet-private-dash', 'foo inet - - n - - smtpd\n'),
    ('bad-private', 'foo unix x - n - - smtpd\n'),
    ('bad-unpriv', 'foo unix - x n - - smtpd\n'),
    ('bad-chroot', 'foo unix - - x - - smtpd\n'),
    ('bad-wakeup', 'foo unix - - n x - smtpd\n'),
    ('wakeup-q', 'foo unix - - n 60? - smtpd\n'),
    ('bad-maxproc', 'foo unix - - n - x smtpd\n'),
    ('negative-maxproc', 'foo unix - - n - -1 smtpd\n'),
    ('missing-fields', 'foo unix - - n\n'),
    ('missing-command', 'foo unix - - n - -\n'),
    ('o-missing-value', 'foo unix - - n - - smtpd -o\n'),
    ('o-no-eq', 'foo unix - - n - - smtpd -o foo\n'),
    ('o-long-form', 'foo unix - - n - - smtpd -o { smtpd_banner = hello there } -o { syslog_name=x }\n'),
    ('o-long-unbalanced', 'foo unix - - n - - smtpd -o { smtpd_banner = hello\n'),
    ('o-empty-braces', 'foo unix - - n - - smtpd -o {}\n'),
    ('long-arg', 'foo unix - - n - - pipe argv=/bin/x { a b }\n'),
    ('dup-entry', 'smtp inet n - y - - smtpd -o smtpd_banner=dup\n'),
    ('comment-inside', 'foo unix - - n - - smtpd\n# comment\n  -o a=b\n\n  -o c=d\n'),
    ('leading-space', '  foo unix - - n - - smtpd\n'),
    ('inet-host-port', '127.0.0.1:submission inet n - y - - smtpd\n[::1]:25 inet n - y - - smtpd\n'),
    ('inet-bad-port', 'nosuchservice inet n - y - - smtpd\n'),
    ('fifo-pass', 'foo fifo n - n 60 1 pickup\nbar pass - - n - - smtpd\nbaz unix-dgram - - n - 1 postlogd\n'),
    ('uppercase-type', 'foo INET n - n - - smtpd\n'),
    ('y-unpriv', 'foo unix n y y 0 1 smtpd\n'),
]:
    case('master-' + n, ['-M'], master='@stock+' + text)
    case('master-' + n + '-n', ['-n'], master='@stock+' + text)
case('master-bad-type-F', ['-F', 'foo/bogus'], master='@stock+foo bogus n - n - - smtpd\n')
case('master-bad-type-P', ['-P'], master='@stock+foo bogus n - n - - smtpd\n')
case('master-bad-type-d', ['-d', 'mail_version'], master='@stock+foo bogus n - n - - smtpd\n')
case('master-empty', ['-M'], master='')
case('master-empty-n', ['-n'], master='')

# --- options ---------------------------------------------------------------------
case('opt-bad', ['-z'])
case('opt-bad-2', ['-nz'])
case('opt-c-missing', ['-c'])
case('opt-d-n', ['-d', '-n'])
case('opt-h-H', ['-hH'])
case('opt-M-P', ['-M', '-P'])
case('opt-M-h', ['-M', '-h'])
case('opt-M-d', ['-M', '-d'])
case('opt-P-d', ['-P', '-d'])
case('opt-F-n', ['-Fn'])
case('opt-a', ['-a'])
case('opt-A', ['-A'])
case('opt-l', ['-l'])
case('opt-m', ['-m'])
case('opt-q', ['-q', '-n'], main='@base+zzz_unused = 1\n')
case('opt-o', ['-o', 'relayhost=override', 'relayhost', 'smtpd_tls_security_level'])
case('opt-o-x', ['-x', '-o', 'mydomain=other.example', 'myorigin'])
case('opt-o-n', ['-n', '-o', 'relayhost=override'])
case('opt-v', ['-v', 'biff'])
case('opt-dashdash', ['--', '-n'])
case('opt-dash-name', ['biff', '-n'])
case('opt-p', ['-p', 'biff'])
case('opt-T', ['-T', 'compile-version'])
case('opt-T-bad', ['-T', 'foo'])
case('opt-b', ['-b'])
case('opt-hash-alone', ['-#'])

CASES = C

# --- second batch ---------------------------------------------------------------------
for n, text in [
    ('o-attached', 'foo unix - - n - - smtpd -osmtpd_banner=foo -vosyslog_name=x\n'),
    ('o-attached-o-in-value', 'foo unix - - n - - smtpd -osyslog_name=postfix/foo\n'),
    ('args-braces', 'foo unix - - n - - pipe argv=x {ab} { c } {d}e -o {a = b c}\n'),
    ('o-braces-value', 'foo unix - - n - - smtpd -o {a = b c} -o {d=e} -o { f = } -o {=x}\n'),
    ('o-after-arg', 'foo unix - - n - - smtpd -v -o a=b -- -o c=d\n'),
    ('multiline-bad', 'foo unix - - n\n  - x smtpd\n'),
    ('multiline-bad-type', 'foo\n  bogus n - n - - smtpd\n'),
    ('long-name-fold', 'averyveryverylongservicename unix - - n - - pipe flags=R user=x argv=/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/v/w/x/y/z ${nexthop}\n'),
    ('exactly-80', 'foo unix - - n - - pipe a=12345678901234567 b=1\n'),
    ('nul-master', 'foo unix - - n - - smtpd -o a=b\0c\n'),
]:
    case('master2-' + n, ['-M'], master='@stock+' + text)
    case('master2-' + n + '-f', ['-Mf'], master='@stock+' + text)
    case('master2-' + n + '-n', ['-n'], master='@stock+' + text)
    case('master2-' + n + '-P', ['-P'], master='@stock+' + text)
    case('master2-' + n + '-F', ['-F', 'foo', 'averyveryverylongservicename'], master='@stock+' + text)
case('opt-E', ['-E'])
case('opt-C-M', ['-M', '-C', 'builtin'])
case('opt-C-n', ['-n', '-C', 'user'], main='@base+mua_x = permit\nsmtpd_client_restrictions = $mua_x\nzzz = 1\n')
case('opt-C-multi', ['-C', 'service,user'], main='@base+mua_x = permit\nsmtpd_client_restrictions = $mua_x\n')
case('opt-C-d', ['-d', '-C', 'service'])
case('opt-T-run', ['-T', 'run-version'])
case('opt-T-pk', ['-T', 'public-key-algorithms'])
case('opt-t', ['-t'])
case('opt-b-file', ['-b', '/nonexistent/file'])
case('opt-b-two', ['-b', 'a', 'b'])
case('opt-bt', ['-b', '-t'])
case('opt-v-user-master', ['-v', 'biff'], main='@base+mua_client_restrictions = permit_sasl_authenticated, reject\n',
     master='@corpus+smtps inet n - y - - smtpd\n  -o smtpd_client_restrictions=$mua_client_restrictions\n  -o mylocal=1\n  -o smtpd_helo_restrictions=$mylocal\n')
case('opt-v-main', ['-v', 'biff'], main='@base+my_x = 1\nrelayhost = $my_x\n', master='@stock')
case('opt-vv', ['-vv', 'biff'], master='@stock')
case('opt-e-names', ['-e'] + ['a%d = %d' % (i, i) for i in range(3)])
case('opt-o-bad', ['-o', 'novalue', 'biff'])
case('opt-o-unknown', ['-o', 'zz_unknown=1', '-n'])
case('opt-x-f', ['-xf', 'proxy_read_maps'])
case('opt-d-f-one', ['-df', 'proxy_read_maps', 'smtpd_relay_restrictions'])
case('opt-H-x', ['-Hx', 'relayhost'])
case('opt-h-d', ['-hd', 'smtpd_banner', 'relay_domains'])
case('opt-n-x-h', ['-nxh'])
case('M-e-noargs', ['-Me'])
case('M-hash-noargs', ['-M#'])
case('F-e-bad-field', ['-F', 'smtp/inet/nosuch=1'])
case('F-e-wild', ['-F', 'smtp/inet/*=1'])
case('F-e-service', ['-F', 'submission/inet/service=subm'])
case('F-e-maxproc', ['-F', 'submission/inet/process_limit=10'])
case('F-e-badvalue', ['-F', 'submission/inet/chroot=x'])
case('F-X', ['-FX', 'smtp/inet/chroot'])
case('P-e-wild', ['-P', 'submission/inet/*=1'])
case('P-e-noservice', ['-P', 'submission=1'])
case('P-X-nosuch', ['-PX', 'submission/inet/nosuch'])
case('P-X-wild', ['-PX', 'submission/*/syslog_name'])
case('P-e-all-services', ['-P', '*/inet/smtpd_tls_security_level=may'])
case('P-pattern-bad', ['-P', '/x'])
case('P-pattern-star', ['-P', 'sub*'])
case('M-pattern-bad', ['-M', '/x'])
case('M-e-multi', ['-Me', 'smtp/inet=smtp inet n - n - - smtpd', 'submission/inet=submission inet n - n - - smtpd -o a=b'])
case('M-e-rename', ['-Me', 'submission/inet=sub2 inet n - n - - smtpd'])
case('M-e-to-existing', ['-Me', 'submission/inet=smtp inet n - n - - smtpd'])
case('M-e-wild', ['-Me', '*/inet=x inet n - n - - smtpd'])
case('M-e-notype', ['-Me', 'submission=x inet n - n - - smtpd'])
case('M-e-badfield', ['-Me', 'x/inet=x inet n - n - z smtpd'])
case('M-hash-all', ['-M#', 'smtp/inet', 'relay/unix'])
case('M-X-wild', ['-MX', '*/inet'])
case('master-edit-continuation', ['-P', 'foo/unix/a=2'], master='@stock+foo unix - - n - - smtpd\n# inner comment\n  -o a=1\n\n  -o b=2\nbar unix - - n - - smtpd\n')
case('master-edit-F-continuation', ['-F', 'foo/unix/chroot=y'], master='@stock+foo unix - - n - - smtpd\n# inner comment\n  -o a=1\n\n  -o b=2\nbar unix - - n - - smtpd\n')
case('master-edit-X-continuation', ['-MX', 'foo/unix'], master='@stock+foo unix - - n - - smtpd\n# inner comment\n  -o a=1\n\n  -o b=2\nbar unix - - n - - smtpd\n')
case('master-edit-hash-continuation', ['-M#', 'foo/unix'], master='@stock+foo unix - - n - - smtpd\n# inner comment\n  -o a=1\n\n  -o b=2\nbar unix - - n - - smtpd\n')
case('master-edit-crlf', ['-P', 'foo/unix/a=2'], master='foo unix - - n - - smtpd\r\n  -o a=1\r\nbar unix - - n - - smtpd\r\n')
case('master-edit-nonewline', ['-P', 'bar/unix/a=2'], master='foo unix - - n - - smtpd\nbar unix - - n - - smtpd')
case('master-edit-name-eq', ['-P', 'foo/unix/a=2'], master='foo=x unix - - n - - smtpd\n')
case('master-edit-one-field', ['-P', 'foo/unix/a=2'], master='foo\n')
case('master-dup-P', ['-P', 'smtp/inet/a=2'], master='smtp inet n - n - - smtpd\nsmtp inet n - n - - smtpd -o b=1\n')
case('master-e-preserves-other', ['-P', 'submission/inet/smtpd_tls_security_level=may'], master='@stock+submission inet n - y - - smtpd -o syslog_name=postfix/submission\n')
case('hot-main', ['-n'], main='@base+smtpd_tls_loglevel = 1\n  smtpd_tls_auth_only = yes\n')
case('undefined-in-default-scan', ['-n'], main='@base+virtual_maps = hash:/etc/postfix/virtual\n')
case('mydomain-default', ['mydomain', 'myhostname', 'myorigin'], main='myhostname = foo.bar.example\n')
case('myhostname-nodot', ['-x', 'mydomain', 'myhostname', 'myorigin'], main='myhostname = single\n')
case('all-x', ['-x'])
case('service-name-x', ['-x', 'syslog_name'], main='@base+syslog_name = postfix/$service_name\n')
case('x-process', ['-x', 'relayhost'], main='relayhost = $process_name/$service_name\n')
case('x-raw', ['-x', 'mailbox_command', 'smtpd_reject_footer'], main='mailbox_command = /bin/$biff\nsmtpd_reject_footer = $myhostname\n')
case('restriction-class-master', ['-n'], main='@base+smtpd_restriction_classes = myclass\n',
     master='@corpus+smtps inet n - y - - smtpd\n  -o myclass=permit\n')
case('e-hot', ['-e', 'relayhost = x'], main='@base')
case('no-main', ['-n'], main=None)
case('no-main-d', ['-d', 'biff'], main=None)
case('no-main-e', ['-e', 'biff=yes'], main=None)
case('no-main-X', ['-X', 'biff'], main=None)
case('no-master-n', ['-n'], master=None)
case('no-master-M', ['-M'], master=None)
case('no-master-P-edit', ['-P', 'smtp/inet/a=b'], master=None)
case('c-etc-postfix', ['-c', '/etc/postfix', '-n'])
case('c-etc-postfix-slash', ['-c', '/etc/postfix/', 'biff', 'config_directory'])
case('c-nonexistent', ['-c', '/nonexistent', '-n'])
case('c-attached', ['-c/etc/postfix', 'biff'])
case('e-multiline-master', ['-Me', 'a/inet=a inet n - n - - smtpd\nb'])
case('e-comment-master', ['-P', '#a/inet/x=y'])
case('master-X-with-value', ['-MX', 'submission/inet=x'])
case('e-value-braces', ['-e', 'smtpd_banner = { $myhostname ESMTP }'])
case('e-tab-value', ['-e', 'smtpd_banner=\tx\ty\t'])
case('X-leading-space', ['-X', '  relayhost  '])
case('X-twice', ['-X', 'relayhost', 'relayhost'])
case('hash-twice', ['-#', 'relayhost', 'relayhost'])
case('e-then-missing', ['-e', 'relayhost=x', 'biff'])
case('x-bad-suffix', ['-x', 'relayhost'], main='relayhost = ${{1} <foo {2}}\n')
case('x-unbalanced-relop', ['-x', 'relayhost'], main='relayhost = ${{a} == {b}\n')
case('F-e-two-parts', ['-F', 'smtp/inet=1'])
case('P-e-type-syntax', ['-P', 'foo/unix/a=1'], master='@stock+foo unix/x - - n - - smtpd\n')
case('e-long-value', ['-e', 'smtpd_recipient_restrictions = ' + ', '.join(['check_%d' % i for i in range(40)])])
