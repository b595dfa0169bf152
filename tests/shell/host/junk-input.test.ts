/** Junk arguments to the host tools: an answer and an exit status, never an exception or a hang. */
import { describe, expect, it } from 'vitest';
import { createLabWorld } from '../../../src/engine/world/lab-world.ts';
import { createLabShell } from '../../../src/shell/lab-shell.ts';

const LINES = [
  'openssl x509',
  'openssl x509 -in /etc/postfix',
  'openssl x509 -in /etc/postfix/main.cf -noout -text',
  'openssl x509 -in /etc/postfix/tls/mail.example.org.crt -noout -ext',
  'openssl x509 -in /etc/postfix/tls/mail.example.org.crt -noout -ext nosuch,subjectAltName',
  'openssl x509 -in /etc/postfix/tls/mail.example.org.crt -checkend -5',
  'openssl verify -CAfile',
  'openssl verify -CAfile /etc/postfix/main.cf /etc/postfix/tls/mail.example.org.crt',
  'openssl rsa',
  'openssl rsa -in /etc/postfix/tls/mail.example.org.key -text',
  'openssl pkey -in /etc/postfix/tls/mail.example.org.key -pubout -text',
  'openssl dgst',
  'openssl dgst -sha256 -r',
  'openssl md5 /etc/postfix /nonexistent',
  'openssl s_client -connect 127.0.0.1:25 -starttls smtp -verify',
  'openssl s_client -connect 127.0.0.1:25 -starttls smtp -verify 0 -verify_return_error -CAfile /etc/postfix/tls/mail.example.org.crt -verify_hostname x',
  'systemctl',
  'systemctl status',
  'systemctl start',
  'systemctl restart nosuch postfix',
  'systemctl is-active postfix postfix@- nosuch',
  'systemctl is-enabled nosuch',
  'journalctl -n',
  'journalctl -n abc',
  'journalctl --bogus',
  'journalctl -u',
  'service',
  'service nosuch start',
  'service postfix frobnicate',
  'service postfix check',
  'hostname -f -s',
  'hostname newname',
  'which -a',
  'which ./x /usr/bin/ls',
  'ss',
  'ss -lunp',
  'man',
  'man 5',
  'man -k postconf',
];

describe('host tools with junk arguments', () => {
  it.each(LINES)('%s', (line) => {
    const shell = createLabShell(createLabWorld());
    const r = shell.runLine(line);
    expect(Number.isInteger(r.exitCode)).toBe(true);
    expect(r.stderr).not.toContain('internal simulator error');
  });
});
