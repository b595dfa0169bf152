#!/bin/sh
# record_sclient_offsets.sh - how many bytes fewer `openssl s_client -verify_return_error` reads and writes
# when it aborts on an untrusted certificate, per TLS version (helper H4, issue 9). Against Postfix only
# TLSv1.3 was recorded (host-tools/openssl-sclient-verify-return-error.txt: 1253/337 against 1613/410);
# this runs openssl s_server with the lab's own certificate on 127.0.0.1:44333 to get both versions.
# Needs the lab's PEMs in the current directory (see record_openssl.py). Loopback only.
set -eu
OUT="$(dirname "$0")/../host-tools/openssl-sclient-verify-offsets.txt"
openssl s_server -accept 127.0.0.1:44333 -cert mail.example.org.crt -key mail.example.org.key -quiet -naccept 5 >/dev/null 2>&1 &
sleep 1
{
  openssl version
  for v in -tls1_3 -tls1_2; do
    for e in "" -verify_return_error; do
      printf '$ openssl s_client -connect 127.0.0.1:44333 %s %s </dev/null | grep "SSL handshake has read"\n' "$v" "$e"
      openssl s_client -connect 127.0.0.1:44333 $v $e </dev/null 2>/dev/null | grep "SSL handshake has read"
    done
  done
  echo '$ openssl s_client -connect 127.0.0.1:44333 -tls1_2 -verify_return_error </dev/null'
  echo '--- stdout ---'
  openssl s_client -connect 127.0.0.1:44333 -tls1_2 -verify_return_error </dev/null 2>/tmp/sclient-offsets-err.txt || true
  echo '--- stderr ---'
  cat /tmp/sclient-offsets-err.txt
  rm -f /tmp/sclient-offsets-err.txt
} > "$OUT"
wait
cat "$OUT"
