#!/bin/sh
# record_systemd_sources.sh - what the lab's systemctl/journalctl texts are DERIVED from (helper H4, issue 9).
# The recording machines do not boot systemd, so nothing can be recorded from a running systemctl. Instead
# this keeps, in tests/corpus-extra/host-tools/systemd/:
#   - Debian 12's postfix unit files and generator, copied from the installed postfix 3.7.11-0+deb12u1 package;
#   - systemd-252-formats.txt: the printf formats the lab uses, each found verbatim among the strings of
#     Debian 12's systemd 252 binaries (systemctl, libsystemd-core-252.so, libsystemd-shared-252.so).
# Run as any user on a Debian 12 machine with postfix and systemd installed (no systemd needs to run).
set -eu
HERE=$(dirname "$0")
OUT="$HERE/../host-tools/systemd"
mkdir -p "$OUT"
for f in /lib/systemd/system/postfix.service /lib/systemd/system/postfix@.service \
         /lib/systemd/system-generators/postfix-instance-generator; do
  cp "$f" "$OUT/$(basename "$f")"
done
dpkg-query -W -f='postfix ${Version}\nsystemd ' postfix > "$OUT/versions.txt"
dpkg-query -W -f='${Version}\n' systemd >> "$OUT/versions.txt"
LIBS=/usr/lib/x86_64-linux-gnu/systemd
STRINGS=$(mktemp)
strings -n 4 /usr/bin/systemctl /usr/bin/journalctl "$LIBS"/libsystemd-core-252.so "$LIBS"/libsystemd-shared-252.so > "$STRINGS"
: > "$OUT/systemd-252-formats.txt"
while IFS= read -r fmt; do
  if grep -F -x -q -- "$fmt" "$STRINGS"; then
    printf '%s\n' "$fmt" >> "$OUT/systemd-252-formats.txt"
  else
    echo "not found: $fmt" >&2
    exit 1
  fi
done <<'FORMATS'
     Loaded: %s%s%s (%s; %s%s%s%s%s%s%s)
; preset: 
     Active: %s%s (%s)%s
     Active: %s%s%s
   Duration: %s
    Process: %i %s=%s 
   Main PID: %i
%s(code=%s, 
 (code=%s, 
status=%i
     CGroup: %s
Docs:
Starting %s...
Started %s.
Finished %s.
Stopping %s...
Stopped %s.
Reloading %s...
Reloaded %s.
Failed to start %s.
MESSAGE=%s: Deactivated successfully.
MESSAGE=%s: Failed with result '%s'.
MESSAGE=%s: %s exited, code=%s, status=%i/%s%s
%s is not active, cannot reload.
Job for %s failed because %s.
See "%s status %s" and "%s -xeu %s" for details.
Unit %s could not be found.
Unknown command verb %s.
Too few arguments.
Failed to get unit file state for %s: %m
-- No entries --
combined
FORMATS
rm -f "$STRINGS"
echo "wrote $OUT"
