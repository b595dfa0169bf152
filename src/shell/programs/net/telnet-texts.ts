/**
 * What GNU inetutils telnet 2.4 (Debian 12 `telnet` → inetutils-telnet 2:2.4-2+deb12u3) prints.
 * Sources: corpus terminal/term-telnet-25-may, term-telnet-escape, term-telnet-465 (marked [corpus]);
 * the rest was recorded from the same inetutils-telnet 2.4 in tmux on a Debian 12 machine against a
 * loopback listener (marked [recorded]). The replies of the `telnet>` prompt's commands are in telnet-prompt-texts.ts
 * (they load with the prompt's code).
 */

/** [corpus] term-telnet-25-may */
export const trying = (addr: string): string => `Trying ${addr}...\n`;
/** [corpus] term-telnet-25-may */
export const connectedTo = (name: string): string => `Connected to ${name}.\n`;
/** [corpus] term-telnet-25-may */
export const ESCAPE_IS = "Escape character is '^]'.\n";
/** [corpus] term-telnet-25-may: an address that failed while another is left to try (stderr). */
export const connectionFailed = (err: string): string => `Connection failed: ${err}\n`;
/** [corpus] term-telnet-25-may: the last address failed (stderr). */
export const unableToConnect = (err: string): string => `telnet: Unable to connect to remote host: ${err}\n`;
/** [corpus] term-telnet-25-may: getaddrinfo failed (stderr). Two spaces after the colon, as printed. */
export const lookupFailure = (host: string, port: string, err: string): string => `Server lookup failure:  ${host}:${port}, ${err}\n`;
/** [corpus] term-telnet-25-may, gai_strerror(EAI_NONAME). */
export const EAI_NONAME = 'Name or service not known';
/** [recorded] gai_strerror(EAI_SERVICE): `telnet localhost badport`. */
export const EAI_SERVICE = 'Servname not supported for ai_socktype';
/** [recorded] `telnet localhost 99999` (stderr). */
export const portOutOfRange = (port: string): string => `Port number ${port} is out of range.\n`;
/** [corpus] term-telnet-25-may */
export const ECONNREFUSED = 'Connection refused';
/** strerror(ENETUNREACH) (glibc). */
export const ENETUNREACH = 'Network is unreachable';
/** [corpus] term-telnet-465, term-telnet-starttls-then-plaintext */
export const CLOSED_BY_FOREIGN_HOST = 'Connection closed by foreign host.\n';
/** [corpus] term-telnet-escape: `quit` and `close` at the telnet> prompt. */
export const CONNECTION_CLOSED = 'Connection closed.\n';
/** [corpus] term-telnet-escape */
export const PROMPT = 'telnet> ';
/**
 * lab (not a telnet message): the telnet> prompt's code could not be fetched (the page lost its network); the
 * prompt stays, and the next line there tries again. Worded as the shell's own for a program that did not come.
 */
export const PROMPT_NOT_LOADED = 'telnet: this part of the lab could not be loaded; check the network and try again\n';
/** [recorded] `telnet ""`. */
export const USAGE = 'usage: telnet [-4] [-6] [-l user] [-b addr] [-a] host-name [port]\n';
/** [recorded] `telnet -Q` (exit status 64). */
export const invalidOption = (opt: string): string =>
  `telnet: invalid option -- '${opt}'\nTry 'telnet --help' or 'telnet --usage' for more information.\n`;
/** Bytes telnet puts on the wire. [recorded] (the listener's `od -c`): Ctrl-C sends IAC IP IAC DO TIMING-MARK. */
export const IAC_IP_DO_TM = '\xff\xf4\xff\xfd\x06';
/** [recorded] Ctrl-D on an empty line sends the EOF character itself. */
export const EOF_CHAR = '\x04';
/** [recorded] `telnet localhost 2525 extra` (exit status 1). */
export const TOO_MANY_ARGUMENTS = 'telnet: too many arguments\n';
