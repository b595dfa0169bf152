/**
 * What swaks 20201014.0 (Debian 12 package 20201014.0-2) prints. [corpus] terminal/term-swaks; the rest
 * [recorded] from the same swaks on a Debian 12 machine, or taken from its message strings (marked [swaks]).
 * Prefixes: `===` information and `***` errors (stderr); ` ->`/` ~>` what swaks sent (plain/TLS), `<- `/`<~ `
 * replies, `<**`/`<~*` unexpected replies.
 */
export const VERSION = '20201014.0';
export const trying = (host: string, port: number): string => `Trying ${host}:${port}...`;
export const connectedTo = (host: string): string => `Connected to ${host}.`;
/** [recorded] */
export const errorConnecting = (host: string, port: number): string => `Error connecting to ${host}:${port}:`;
/** [recorded] */
export const SOCKET_REFUSED = '\tIO::Socket::INET6: connect: Connection refused';
/** [recorded] */
export const SOCKET_NONAME = '\tIO::Socket::INET6: getaddrinfo: Name or service not known';
/** strerror(ENETUNREACH), in the same IO::Socket::INET6 form. */
export const SOCKET_UNREACHABLE = '\tIO::Socket::INET6: connect: Network is unreachable';
export const CLOSED = 'Connection closed with remote host.';
export const tlsStarted = (version: string, cipher: string, bits: number): string => `TLS started with cipher ${version}:${cipher}:${bits}`;
export const TLS_NO_LOCAL_CERT = 'TLS no local certificate set';
export const tlsPeerDn = (dn: string): string => `TLS peer DN="${dn}"`;
/** [swaks] */
export const tlsStartupFailed = (res: string): string => `TLS startup failed (${res})`;
/** [swaks] */
export const NO_STARTTLS = 'Host did not advertise STARTTLS';
/** [swaks] */
export const STARTTLS_FAILED = 'STARTTLS attempted but failed';
/** [swaks] */
export const NO_AUTH_ADVERTISED = 'Host did not advertise authentication';
/** [swaks] */
export const AUTH_TYPE_UNAVAILABLE = 'Auth not attempted, requested type not available';
/** [swaks] */
export const AUTH_NO_TYPES = 'Auth not attempted, no advertised types available';
/** [corpus] */
export const NO_AUTH_SUCCEEDED = 'No authentication type succeeded';
/** [swaks] */
export const LOST_CONNECTION = 'Remote host closed connection unexpectedly.';
/**
 * [recorded] a read that got nothing within swaks' --timeout (host-tools/late-close-587/swaks.out: `<** ` then this,
 * 30 s after connecting to a throttled submission service).
 */
export const timedOut = (secs: number): string => `Timeout (${secs} secs) waiting for server response`;
/** [recorded] `swaks --foo` (exit 1, no prefix). */
export const unknownOption = (name: string): string => `Unknown option: ${name}\n`;
/** [corpus] the data swaks sends by default. */
export const X_MAILER = `X-Mailer: swaks v${VERSION} jetmore.org/john/code/swaks/`;
export const DEFAULT_BODY = 'This is a test mailing';
/** [swaks] prompts on a terminal for what the command line did not give. */
export const PROMPT_TO = 'To: ';
/** [recorded] `swaks --version` (stdout, exit 0). */
export const VERSION_TEXT = `swaks version ${VERSION}

        Copyright (c) 2003-2008,2010-2020 John Jetmore <jj33@pobox.com>

    This program is free software; you can redistribute it and/or modify
    it under the terms of the GNU General Public License as published by
    the Free Software Foundation; either version 2 of the License, or
    (at your option) any later version.

    This program is distributed in the hope that it will be useful,
    but WITHOUT ANY WARRANTY; without even the implied warranty of
    MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
    GNU General Public License for more details.

    You should have received a copy of the GNU General Public License
    along with this program; if not, write to the Free Software
    Foundation, Inc., 51 Franklin St, Fifth Floor, Boston, MA 02110-1301, USA.

`;
