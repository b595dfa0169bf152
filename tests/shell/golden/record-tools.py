#!/usr/bin/env python3
"""Records what the real tools print (GNU coreutils 9.1, grep 3.8, bash 5.2.15 on Debian 12, LANG=C.UTF-8)
for the commands in COMMANDS, run in a copy of FIXTURE, into tools.golden.json. The shell tests replay every
command against a SimFs holding the same files (cwd /root) and compare stdout, stderr and the exit status.
stdout is not a terminal here (as in a pipe); `bash -c` messages are turned into interactive ones
(`bash: line 1: ` -> `bash: `). Run: python3 tests/shell/golden/record-tools.py"""
import json, os, shutil, subprocess, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

FIXTURE = {
    'etc/postfix/main.cf': '# See /usr/share/postfix/main.cf.dist for a commented, more complete version\n\nsmtpd_banner = $myhostname ESMTP $mail_name (Debian/GNU)\nbiff = no\n\n# TLS parameters\nsmtpd_tls_cert_file=/etc/ssl/certs/ssl-cert-snakeoil.pem\nsmtpd_tls_key_file=/etc/ssl/private/ssl-cert-snakeoil.key\nsmtpd_tls_security_level=may\n\nsmtp_tls_CApath=/etc/ssl/certs\nsmtp_tls_security_level=may\nmyhostname = mail.example.org\nmydestination = $myhostname, localhost, example.org\ninet_interfaces = 127.0.0.1\n',
    'etc/postfix/master.cf': '#\n# Postfix master process configuration file.\n#\nsmtp      inet  n       -       y       -       -       smtpd\n#submission inet n       -       y       -       -       smtpd\n#  -o syslog_name=postfix/submission\n#  -o smtpd_tls_security_level=encrypt\npickup    unix  n       -       y       60      1       pickup\n',
    'var/log/mail.log': ''.join('Dec 01 07:08:%02d mail postfix/smtpd[1601]: line %d %s\n' % (i % 60, i, 'TLS' if i % 3 == 0 else 'plain') for i in range(1, 31)),
    'notes.txt': 'alpha\nBeta\ngamma delta\n\nalpha again\nno newline at end',
    'empty.txt': '',
    'dir/a.txt': 'a\n',
    'dir/b.txt': 'b\nb2\n',
    'dir/sub/c.txt': 'c\n',
}

COMMANDS = [
    'cat notes.txt', 'cat nope.txt', 'cat dir', 'cat notes.txt dir/a.txt', 'cat -n dir/b.txt', 'cat -x notes.txt', 'cat empty.txt',
    'cat --bogus notes.txt', 'cat - < dir/a.txt',
    'head -n 3 etc/postfix/main.cf', 'head -3 var/log/mail.log', 'head -n x notes.txt', 'head -n', 'head nope.txt', 'head dir',
    'head var/log/mail.log', 'head -n 2 dir/a.txt dir/b.txt', 'head -n -28 var/log/mail.log', 'head -q -n1 dir/a.txt dir/b.txt',
    'tail -n 3 var/log/mail.log', 'tail -2 notes.txt', 'tail -n +29 var/log/mail.log', 'tail -n x notes.txt', 'tail nope.txt', 'tail dir',
    'tail var/log/mail.log', 'tail -n 1 dir/a.txt dir/b.txt', 'tail -f nope.txt', 'tail -k notes.txt',
    'grep alpha notes.txt', 'grep -n alpha notes.txt', 'grep -i beta notes.txt', 'grep -v a notes.txt', 'grep -c a notes.txt',
    'grep -E "gam+a|Beta" notes.txt', 'grep nomatch notes.txt', 'grep alpha nope.txt', 'grep alpha notes.txt nope.txt', 'grep', 'grep -Q a notes.txt',
    'grep -e', 'grep "(" notes.txt', 'grep -E "(" notes.txt', 'grep "\\(" notes.txt', 'grep -E "a{2" notes.txt', 'grep "[" notes.txt', 'grep a dir',
    'grep TLS var/log/mail.log dir/a.txt', 'grep -h a dir/a.txt dir/b.txt', 'grep -c TLS var/log/mail.log dir/a.txt', 'grep -in ALPHA notes.txt',
    'grep -nv a notes.txt', 'grep -w alpha notes.txt', 'grep -o "a[a-z]" notes.txt', 'grep -l a notes.txt dir/a.txt dir/b.txt', 'grep -r x dir',
    'grep "^#submission" etc/postfix/master.cf', 'grep -E "^(smtp|pickup) " etc/postfix/master.cf', 'grep "tls_.*level" etc/postfix/main.cf',
    'grep -F "$myhostname" etc/postfix/main.cf', 'grep -n "" dir/b.txt', 'grep -c "" notes.txt', 'grep -q alpha notes.txt', 'grep -s a nope.txt',
    'grep "\\bno\\b" notes.txt', 'grep -x alpha notes.txt', 'grep -E "a+" notes.txt', 'grep "a\\+" notes.txt', 'grep "x\\|Beta" notes.txt',
    'wc -l notes.txt', 'wc -l var/log/mail.log notes.txt', 'wc -l nope.txt', 'wc -l dir', 'wc notes.txt', 'wc -w notes.txt', 'wc -c notes.txt', 'wc -x',
    'wc -l < notes.txt', 'cat notes.txt | wc -l', 'wc -l empty.txt',
    'ls', 'ls dir', 'ls nope', 'ls -a dir', 'ls -x', 'ls dir/a.txt', 'ls dir nope', 'ls dir dir/sub', 'ls -1 dir', 'ls -d dir', 'ls --bogus',
    'ls -l', 'ls -l dir', 'ls -la dir', 'ls -ld dir', 'ls -l notes.txt', 'ls -l nope',
    'grep -r a dir', 'grep -H a dir/a.txt', 'grep -e alpha -e Beta notes.txt', 'grep -vc a notes.txt', 'grep -- -x notes.txt',
    'echo hello world', 'echo -n hi', 'echo -e "a\\tb"', 'echo "a\\tb"', 'echo -E "a\\tb"', "echo 'single $HOME'", 'echo "double $HOME"', 'echo $?',
    'echo a\\ b', 'echo ~ ~/x ~root ~nobody', 'echo "$NOPE" x', 'echo a    b', 'echo "a    b"', 'echo -- -n', 'echo -nx hi', 'echo dir/*.txt', 'echo dir/*.none',
    'echo d?r', 'echo dir/[ab].txt', 'echo "dir/*"',
    'pwd', 'pwd -x', 'cd dir; pwd', 'cd nope', 'cd notes.txt', 'cd a b', 'cd; pwd', 'cd /; pwd', 'cd dir/sub; cd ../..; pwd', 'cd -',
    'true; echo $?', 'false; echo $?', '! true; echo $?', 'true && echo yes', 'false && echo yes', 'false || echo no', 'true || echo no; echo after',
    'false && echo a || echo b', 'nope-cmd', 'nope-cmd; echo $?', 'nope-cmd 2>/dev/null; echo $?', 'echo a | nope-cmd', './notes.txt', './nope', '/etc',
    'echo hi > out.txt; cat out.txt', 'echo a > out.txt; echo b >> out.txt; cat out.txt', 'echo hi > dir', 'echo hi > nope/x', 'cat nope.txt 2>&1 | wc -l',
    'cat nope.txt 2>/dev/null; echo $?', 'cat nope.txt > out.txt 2>&1; cat out.txt', 'cat notes.txt > /dev/null; echo $?', 'cat < nope.txt', 'wc -l <<< "a b"',
    'grep -c a <<< alpha', 'cat notes.txt | grep -n a | head -n 2', 'cat var/log/mail.log | tail -n 2', 'cat var/log/mail.log | grep TLS | wc -l',
    'echo one; echo two', 'x=5; echo $x', 'x="a b"; echo $x', 'echo ${HOME}', 'echo $((1+2))', 'echo `pwd`', 'echo $(pwd)', 'echo a &', 'echo a |& cat',
    'ls nope 2>&1 | head -n 1', 'history x', 'exit foo', 'exit 3', '| ls', 'ls ;; ls', 'ls >', 'echo a > ;', 'ls &&& x', 'echo ${a b}', 'echo a )',
    'echo a (b)', 'echo (',
    'chmod 600 notes.txt; ls -l notes.txt', 'chmod u+x,g=r notes.txt; ls -l notes.txt', 'chmod +x notes.txt; ls -l notes.txt',
    'chmod go-rwx dir/a.txt; ls -l dir/a.txt', 'chmod -x notes.txt; ls -l notes.txt', 'chmod', 'chmod 600', 'chmod 600 nope', 'chmod xyz notes.txt',
    'chmod 9 notes.txt', 'rm nope', 'rm', 'rm -f nope; echo $?', 'rm dir', 'rm dir/a.txt; ls dir', 'rm -r dir; ls', 'rm -rf dir nope; ls',
    'cp', 'cp notes.txt', 'cp nope x', 'cp notes.txt copy.txt; cat copy.txt', 'cp notes.txt dir; ls dir', 'cp notes.txt nope/x', 'cp dir x',
    'mv nope x', 'mv notes.txt moved.txt; ls', 'mv dir/a.txt .; ls; ls dir', 'touch', 'touch new.txt; ls -l new.txt', 'touch nope/x',
    "sed -i '$d' etc/postfix/main.cf; tail -n 2 etc/postfix/main.cf", "sed 's/may/encrypt/' etc/postfix/main.cf",
    "sed -n '/^smtpd_tls/p' etc/postfix/main.cf", "sed '/^#/d' etc/postfix/master.cf", "sed 's/[ab]/Y/g' dir/b.txt",
    "sed -E 's/(alpha|Beta)/<\\1>/' notes.txt", 'sed q notes.txt', 'sed', 'sed k notes.txt', "sed 's/a/b' notes.txt", "sed -i 's/a/b/' nope",
    'sed 2d notes.txt', 'sed -e 1d -e 2d notes.txt', "sed '$!d' notes.txt", "sed '1,2d' notes.txt", "sed 's|a|/|' notes.txt",
    "sed -i 's/^#submission/submission/' etc/postfix/master.cf; grep -n submission etc/postfix/master.cf",
    "sed -i '/^#  -o/s/^#//' etc/postfix/master.cf; cat etc/postfix/master.cf", "sed 's/a/X/2' notes.txt", "sed 's/A/x/I' notes.txt",
    "sed -n '$=' var/log/mail.log", "cat notes.txt | sed 's/a/4/g'", "sed '2,/gamma/d' notes.txt", "sed '/Beta/,$d' notes.txt",
    # printf (bash 5.2 builtin): the corpus's config appends, escapes, conversions, reuse of the format, errors
    "printf 'smtpd_tls_loglevel = 1\\n  smtpd_tls_auth_only = yes\\n' >> etc/postfix/main.cf; tail -n 3 etc/postfix/main.cf",
    "printf 'submission inet y - y - - smtpd\\n' >> etc/postfix/master.cf; tail -n 1 etc/postfix/master.cf",
    'printf', 'printf -x', 'printf -5', 'printf -v', 'printf -v 1x a', 'printf -v x "%s-" a b; echo "$x"', 'printf -- -- a', 'printf -', 'printf "%s"',
    'printf "%s\\n" -- a', 'printf "a\\n" 1 2', 'printf "%d %s\\n" 1 a 2 b 3', 'printf "%s %s\\n" a', 'printf "%s\\tb\\\\c\\n" a',
    'printf "%d\\n" abc', 'printf "%d\\n" 12abc', 'printf "%d\\n" 1.5', 'printf "%d\\n" 0x', 'printf "%d\\n" 08', 'printf "%d\\n" -', 'printf "%d\\n" ""',
    'printf "%d|%d\\n" "  12  " x', 'printf "%d\\n" 99999999999999999999', "printf '%d\\n' \"'A\" 0x10 010 -5 +3 ' 7'", 'printf "%i %u %x\\n" -1 -1 -1',
    'printf "%z\\n" 1', 'printf "%y|\\n" 1', 'printf "ab%ycd"', 'printf "%s %y\\n" a b', 'printf "a%"', 'printf "%5"', 'printf "%-"', 'printf "%5%|\\n"',
    'printf "\\101\\0102\\x41\\u00e9\\q\\c" x', 'printf "\\x|\\u|\\n"', 'printf "\\"\\?\\a\\e\\v\\f|"', 'printf "%s\\\\"',
    'printf "%b" "a\\0101\\c" zz', 'printf "%b|%b|%b\\n" "a\\\\" "\\\\c" x', 'printf "%b\\n" "\\t" "\\x41" "\\101" "\\u263a"',
    'printf -- "%5s|%-5s|%.2s|\\n" ab cd efgh', 'printf "%05d|%+d|%x|%X|%o|%#x|%c|%%\\n" 42 42 255 255 8 255 hello',
    'printf "%05s|%-05d|% d|%+5d|%.3d|%#o|%#x|%.0d|\\n" a 1 2 3 4 8 0 0', 'printf "%*d|%-*d|%.*f\\n" 4 1 3 2 2 3.14159', 'printf "%c%c|\\n" "" ab',
    'printf "%10.3s|%-3c|\\n" abcdef x', 'printf "%5s|%.2s|%-4s|\\n" é éa é', 'printf "%ld %hd %lld\\n" 1 2 3',
    'printf "%f %e %g %.2f\\n" 1.5 1.5 1.5 3.14159', 'printf "%.0f %.0f %.0f %.1f\\n" 0.5 1.5 2.5 0.25', 'printf "%f %f %F\\n" inf -nan abc',
    'printf "%g %g %g %g %#g %G\\n" 100000 1000000 0.0001 0.00001 1 1e-10', 'printf "%e %E %.0e\\n" 0 123456 5', 'printf "%a %a %A %a\\n" 1 0.5 255 0',
    'printf "%q\\n" "" "a b" "a&b" "~x" "a:~b" "x=y" "#x" "a#b" "!x" "a,b" "é"', "printf -v t 'a\\tb c\\001'; printf '%q\\n' \"$t\" \"x'y\"",
]


def main():
    root = tempfile.mkdtemp(prefix='shell-golden-')
    out = []
    for cmd in COMMANDS:
        shutil.rmtree(root, ignore_errors=True)
        for rel, content in FIXTURE.items():
            p = os.path.join(root, rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, 'w') as f:
                f.write(content)
        os.chmod(root, 0o700)  # as /root on Debian
        env = {'HOME': root, 'PATH': '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'LANG': 'C.UTF-8', 'TERM': 'xterm-256color'}
        p = subprocess.run(['bash', '--norc', '--noprofile', '-c', cmd], cwd=root, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=2)
        def norm(s):
            s = s.replace(root, '/root')
            lines = []
            for line in s.split('\n'):
                if line.startswith('bash: -c: line ') and ": `" in line and line.endswith("'"):
                    continue  # bash -c echoes the offending line; an interactive shell does not
                line = line.replace('bash: -c: line 1: ', 'bash: ').replace('bash: line 1: ', 'bash: ')
                lines.append(line)
            return '\n'.join(lines)
        out.append({'cmd': cmd, 'stdout': norm(p.stdout), 'stderr': norm(p.stderr), 'status': p.returncode})
    shutil.rmtree(root, ignore_errors=True)
    with open(os.path.join(HERE, 'tools.golden.json'), 'w') as f:
        json.dump({'fixture': FIXTURE, 'cases': out}, f, indent=1, ensure_ascii=False)
        f.write('\n')


main()
