#!/usr/bin/env python3
"""Records real screens of nano 7.2, less 590 and bash 5.2.15 (Debian 12) in a tmux 3.3a pane, the way the
corpus's terminal/tt.py does (TERM=xterm-256color, LANG=C.UTF-8, bash --norc, PS1='root@mail:~# '), into
screens.golden.json. The tests replay the same keys into the simulated shell on a headless xterm and compare
the visible rows (trailing spaces trimmed, as `capture-pane -p` trims them). Needs nano, less and tmux:
python3 tests/shell/golden/record-screens.py"""
import json, os, shutil, subprocess, time

HERE = os.path.dirname(os.path.abspath(__file__))
SOCK = 'shellgolden'
ROOT = '/tmp/lab'

FILES = {
    'tmp/lab/t.cf': 'line one\n#submission inet n - y - - smtpd\nline three\n',
    'tmp/lab/n150.txt': ''.join('row %d\n' % i for i in range(1, 151)),
    'tmp/lab/long.txt': ''.join('line %d\n' % i for i in range(1, 101)),
    'tmp/lab/n30.txt': ''.join('%d\n' % i for i in range(1, 31)),
    'tmp/lab/short.txt': 'a\nb\n',
}

# (name, cols, rows, steps); a step is ('type', text) + Enter, ('text', text) without Enter, or ('key', tmux key).
SCENARIOS = [
    ('nano-edit', 80, 24, [
        ('type', 'nano /tmp/lab/t.cf'), ('key', 'Down'), ('key', 'Home'), ('key', 'Delete'), ('key', 'C-o'), ('key', 'Enter'),
        ('text', 'zz'), ('key', 'C-x'), ('key', 'n'),
        ('type', 'nano /tmp/lab/newfile'), ('text', 'hello'), ('key', 'C-x'), ('key', 'y'), ('key', 'Enter'),
        ('type', 'cat /tmp/lab/t.cf /tmp/lab/newfile'),
    ]),
    ('nano-keys', 120, 12, [
        ('type', 'nano /tmp/lab/n150.txt'), ('key', 'Down'), ('key', 'Down'), ('key', 'Down'), ('key', 'Down'), ('key', 'Right'), ('key', 'C-c'),
        ('key', 'C-o'), ('key', 'C-c'), ('key', 'C-x'),
        ('type', 'nano /tmp/lab/n150.txt'), ('key', 'C-k'), ('key', 'C-k'), ('key', 'C-u'), ('key', 'C-x'), ('key', 'C-c'), ('key', 'C-x'), ('key', 'n'),
        ('type', 'nano'), ('key', 'C-x'),
        ('type', 'nano /tmp/lab/t.cf'), ('key', 'C-k'), ('key', 'C-u'), ('key', 'C-c'), ('text', 'x'), ('key', 'C-x'), ('key', 'y'),
        ('text', '.new'), ('key', 'Enter'), ('key', 'y'),
        ('type', 'cat /tmp/lab/t.cf.new'),
    ]),
    ('less-keys', 80, 10, [
        ('type', 'less /tmp/lab/long.txt'), ('key', 'Space'), ('key', 'b'), ('key', 'Down'), ('key', 'j'), ('text', '/line 5'), ('key', 'Enter'),
        ('key', 'n'), ('text', '/nomatch'), ('key', 'Enter'), ('key', 'Enter'), ('key', 'G'), ('key', 'x'), ('key', 'q'),
        ('type', 'cat /tmp/lab/n30.txt | less'), ('key', 'G'), ('key', 'q'),
        ('type', 'less /tmp/lab/short.txt'), ('key', 'Space'), ('key', 'q'),
        ('type', 'less /nope; echo rc=$?'),
    ]),
]


def tmux(*a):
    return subprocess.run(['tmux', '-L', SOCK] + list(a), capture_output=True, text=True).stdout


def screen():
    last, same = None, 0
    for _ in range(40):
        time.sleep(0.1)
        s = tmux('capture-pane', '-p', '-t', 's')
        same = same + 1 if s == last else 0
        last = s
        if same >= 4:
            break
    rows = last.split('\n')
    while rows and rows[-1] == '':
        rows.pop()
    return rows


def main():
    out = {}
    for name, cols, rows, steps in SCENARIOS:
        shutil.rmtree(ROOT, ignore_errors=True)
        for rel, content in FILES.items():
            p = os.path.join('/', rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, 'w') as f:
                f.write(content)
        tmux('kill-server')
        tmux('-f', '/dev/null', 'new-session', '-d', '-s', 's', '-x', str(cols), '-y', str(rows),
             'env -i HOME=/root TERM=xterm-256color LANG=C.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin bash --norc --noprofile')
        tmux('set-option', '-t', 's', 'status', 'off')
        time.sleep(0.3)
        tmux('send-keys', '-t', 's', '-l', "export PS1='root@mail:~# '; cd /root; unset HISTFILE")
        tmux('send-keys', '-t', 's', 'Enter')
        time.sleep(0.2)
        tmux('send-keys', '-t', 's', '-l', 'clear')
        tmux('send-keys', '-t', 's', 'Enter')
        time.sleep(0.4)
        tmux('clear-history', '-t', 's')
        caps = []
        for kind, arg in steps:
            if kind == 'key':
                tmux('send-keys', '-t', 's', arg)
            else:
                tmux('send-keys', '-t', 's', '-l', arg)
                if kind == 'type':
                    tmux('send-keys', '-t', 's', 'Enter')
            caps.append({'step': [kind, arg], 'screen': screen()})
        tmux('kill-server')
        out[name] = {'cols': cols, 'rows': rows, 'steps': caps}
    shutil.rmtree(ROOT, ignore_errors=True)
    with open(os.path.join(HERE, 'screens.golden.json'), 'w') as f:
        json.dump({'files': FILES, 'scenarios': out}, f, indent=1, ensure_ascii=False)
        f.write('\n')


main()
