import { labTlsBootFiles } from '../../tls/data/lab-tls-boot.ts';
import type { SimFile } from '../../tls/types.ts';
import { LAB_MASTER_CF } from './lab-master-cf.ts';
import { ETC_HOSTNAME, lazyHostFiles } from './host-etc.ts';

/**
 * main.cf of the lab: the settings the ground-truth corpus was recorded with (corpus
 * base/main.cf), line for line, so that errors name the same line numbers. One change:
 * the log goes to /var/log/mail.log, where Debian's syslog puts it and where the course
 * tells learners to look. Comments are ours.
 */
export const LAB_MAIN_CF = `# ---- main.cf of the Postfix TLS Lab (mail.example.org) ----
compatibility_level = 3.6
myhostname = mail.example.org
mydomain = example.org
myorigin = $mydomain
mydestination = $myhostname, localhost, example.org
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 192.0.2.0/32
alias_maps = hash:/etc/aliases
alias_database = hash:/etc/aliases
biff = no
append_dot_mydomain = no
# The lab has no DNS: mail for other domains goes to the relay host below
smtp_dns_support_level = disabled
lmtp_dns_support_level = disabled
relayhost = [127.0.0.2]:2526
smtp_host_lookup = native
# Where Postfix writes its log (postlogd, Postfix 3.4 and later)
maillog_file = /var/log/mail.log
# We are the server (smtpd): our certificate and opportunistic TLS
smtpd_tls_cert_file = /etc/postfix/tls/mail.example.org.crt
smtpd_tls_key_file = /etc/postfix/tls/mail.example.org.key
smtpd_tls_security_level = may
smtpd_tls_loglevel = 1
# We are the client (smtp): opportunistic TLS to other servers
smtp_tls_security_level = may
smtp_tls_loglevel = 1
# SASL (Cyrus, sasldb): switched on per service in master.cf
smtpd_sasl_type = cyrus
smtpd_sasl_path = smtpd
`;

/** Names the lab machine resolves (IPv4 only, as inet_protocols = ipv4). */
export const LAB_HOSTS = `127.0.0.1	localhost
127.0.0.1	mail.example.org mail
127.0.0.2	mx.example.net
`;

/** Debian's default aliases: postmaster's mail goes to root. */
export const LAB_ALIASES = `postmaster:    root
`;

/** The accounts of a fresh Debian 12 with Postfix installed (the ones mail can reach). */
export const LAB_PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
postfix:x:101:104::/var/spool/postfix:/usr/sbin/nologin
`;

/** Cyrus SASL's configuration for smtpd (corpus base/sasl-smtpd.conf). */
export const LAB_SASL_SMTPD_CONF = `pwcheck_method: auxprop
auxprop_plugin: sasldb
mech_list: PLAIN LOGIN
sasldb_path: /etc/sasldb2
`;

/** Every file of the lab machine as it boots, with its mode. */
export function labFiles(): Record<string, SimFile> {
  const text = (content: string, mode = 0o644): SimFile => ({ content, mode });
  const { '/etc/services': etcServices, ...lazy } = lazyHostFiles();
  return {
    '/etc/postfix/main.cf': text(LAB_MAIN_CF),
    '/etc/postfix/master.cf': text(LAB_MASTER_CF),
    '/etc/postfix/sasl/smtpd.conf': text(LAB_SASL_SMTPD_CONF),
    '/etc/hosts': text(LAB_HOSTS),
    '/etc/services': etcServices,
    '/etc/aliases': text(LAB_ALIASES),
    '/etc/passwd': text(LAB_PASSWD),
    '/etc/hostname': text(ETC_HOSTNAME),
    ...lazy,
    '/var/log/mail.log': text('', 0o640),
    ...labTlsBootFiles(),
  };
}
