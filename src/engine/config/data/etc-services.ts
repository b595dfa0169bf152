/**
 * The TCP entries of Debian 12's /etc/services (netbase 6.4; the whole text is etc-services-text.ts), in the
 * file's order: what services(5) lookups of the lab find in the pristine file (master.cf service names, the
 * ports of telnet, nc and ss). The world reads this at boot instead of the file's 12.8 kB of text; a test
 * (tests/engine/config/etc-services.test.ts) derives the table from the text and checks that they agree.
 * Packed: one entry per line, its port minus the previous entry's port, its name, its aliases.
 */
const PACKED = `1 tcpmux
6 echo
2 discard sink null
2 systat users
2 daytime
2 netstat
2 qotd quote
2 chargen ttytst source
1 ftp-data
1 ftp
1 ssh
1 telnet
2 smtp mail
12 time timserver
6 whois nicname
6 tacacs
4 domain
17 gopher
9 finger
1 http www
8 kerberos kerberos5 krb5 kerberos-sec
14 iso-tsap tsap
2 acr-nema dicom
6 pop3 pop-3
1 sunrpc portmapper
2 auth authentication tap ident
6 nntp readnews untp
16 epmap loc-srv
4 netbios-ssn
4 imap2 imap
18 snmp
1 snmp-trap snmptrap
1 cmip-man
1 cmip-agent
10 mailq
5 bgp
20 smux
10 qmtp
1 z3950 wais
135 pawserv
1 zserv
23 rpc2portmap
1 codaauth2
19 ldap
38 svrloc
16 https
1 snpp
1 microsoft-ds
19 kpasswd
1 submissions ssmtp smtps urd
22 saft
67 rtsp
53 nqs
21 qmqp
3 ipp
15 ldp
-134 exec
1 login
1 shell cmd syslog
1 printer spooler
23 gdomap
2 uucp uucpd
3 klogin
1 kshell krcmd
4 afpovertcp
15 nntps snntp
24 submission
49 ldaps
19 tinc
51 silc
43 kerberos-adm
104 domain-s
20 rsync
116 ftps-data
1 ftps
2 telnets
1 imaps
2 pop3s
85 socks
13 proofd
1 rootd
100 openvpn
-95 rmiregistry
253 lotusnote lotusnotes
81 ms-sql-s
91 ingreslock
121 datametrics old-radius
1 sa-msg-port old-radacct
3 kermit
28 groupwise
135 radius
1 radius-acct radacct
187 cisco-sccp
49 nfs
37 gnunet
15 rtcm-sc104
18 gsigatekeeper
16 gris
266 cvspserver
29 venus
1 venus-se
1 codasrv
1 codasrv-se
150 mon
45 dict
164 f5-globalsite
19 gsiftp
136 gpsd
103 gds-db gds_db
155 isns
55 iscsi-target
46 mysql
83 ms-wbt-server
104 nut
139 distcc
57 daap
1 svn subversion
341 suucp
63 sysrqd
96 sieve
179 epmd
4 remctl
-20 f5-iquery
107 ntske
231 mtn
208 radmin-port
161 sip
1 sip-tls
161 xmpp-client jabber-client
47 xmpp-server jabber-server
39 cfengine
124 postgresql postgres
124 freeciv rptp
115 amqps
1 amqp
328 x11 x11-0
1 x11-1
1 x11-2
1 x11-3
1 x11-4
1 x11-5
1 x11-6
1 x11-7
339 gnutella-svc
1 gnutella-rtr
32 redis
65 sge-qmaster sge_qmaster
1 sge-execd sge_execd
1 mysql-proxy
251 ircs-u
303 bbs
100 font-service xfs
980 http-alt webcache
60 puppet
961 bacula-dir
1 bacula-fd
1 bacula-sd
564 xmms2
1142 nbd
-759 zabbix-agent
1 zabbix-trapper
29 amanda
1032 dicom
259 hkp
6129 db-lsp
4625 dcap
3 gsidcap
145 wnn6
-21523 kerberos4 kerberos-iv kdc
1 kerberos-master
3 krb-prop krb_prop krb5_prop hprop
1367 iprop
-1250 supfilesrv
256 supfiledbg
-1021 poppassd
669 moira-db moira_db
2 moira-update moira_update
6 spamd
395 skkserv
58 rmtcfg
77 xtel
1 xtelw
1286 zebrasrv
1 zebra
1 ripd
1 ripngd
1 ospfd
1 bgpd
1 ospf6d
1 ospfapi
1 isisd
1949 fax
2 hylafax
390 munin lrrd
717 nrpe
1 nsca
13 canna
834 syslog-tls
52 sane-port sane saned
101 ircd
1354 zope-ftp
60 tproxy
7 omniorb
902 clc-build-daemon
108 xinetd
320 git
255 zope
327 webmin
81 kamanda
1 amandaidx
1 amidxtape
6921 sgi-cad
7550 binkp
2820 asp
3491 csync2
26135 dircproxy
3177 tfido
2 fido`;

/** The entries as services(5) lines, `name port/tcp aliases`. */
export const ETC_SERVICES_TCP: string = ((): string => {
  let port = 0;
  return PACKED.split('\n')
    .map((row) => {
      const [delta, name, ...aliases] = row.split(' ');
      port += Number(delta);
      return [name, `${port}/tcp`, ...aliases].join(' ');
    })
    .join('\n');
})();
