/**
 * What GNU inetutils telnet 2.4 (Debian 12 `telnet` → inetutils-telnet 2:2.4-2+deb12u3) prints.
 * Sources: corpus terminal/term-telnet-25-may, term-telnet-escape, term-telnet-465 (marked [corpus]);
 * the rest was recorded from the same inetutils-telnet 2.4 in tmux on a Debian 12 machine against a
 * loopback listener (marked [recorded]).
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
/** [corpus] term-telnet-escape: `status` while connected. */
export const status = (name: string): string =>
  `Connected to ${name}.\nOperating in obsolete linemode\nLocal character echo\nEscape character is '^]'.\n`;
/** [recorded] */
export const INVALID_COMMAND = '?Invalid command\n';
/** [recorded] `s` at the telnet> prompt. */
export const AMBIGUOUS_COMMAND = '?Ambiguous command\n';
/** [recorded] `open localhost 25` while connected. */
export const alreadyConnected = (name: string): string => `?Already connected to ${name}\n`;
/** [recorded] `open` without a host, asked for on the next line. */
export const OPEN_TO = '(to) ';
/** [recorded] `telnet ""`. */
export const USAGE = 'usage: telnet [-4] [-6] [-l user] [-b addr] [-a] host-name [port]\n';
/** [recorded] `telnet -Q` (exit status 64). */
export const invalidOption = (opt: string): string =>
  `telnet: invalid option -- '${opt}'\nTry 'telnet --help' or 'telnet --usage' for more information.\n`;
/** [recorded] commands given without their argument; they stay at the telnet> prompt. */
export const NEEDS_ARGUMENT: Readonly<Record<string, string>> = {
  mode: "'mode' command requires an argument\n'mode ?' for help.\n",
  send: "need at least one argument for 'send' command\n'send ?' for help\n",
  set: "Format is 'set Name Value'\n'set ?' for help.\n",
  toggle: "Need an argument to 'toggle' command.  'toggle ?' for help.\n",
  unset: "Need an argument to 'unset' command.  'unset ?' for help.\n",
  slc: "Need an argument to 'slc' command.  'slc ?' for help.\n",
  auth: "Need an argument to 'auth' command.  'auth ?' for help.\n",
  encrypt: "Need an argument to 'encrypt' command.  'encrypt ?' for help.\n",
  environ: "Need an argument to 'environ' command.  'environ ?' for help.\n",
};

/** [corpus] term-telnet-escape: `?` at the telnet> prompt. */
export const HELP =
  'Commands may be abbreviated.  Commands are:\n\n' +
  'close           close current connection\n' +
  'logout          forcibly logout remote user and close the connection\n' +
  'display         display operating parameters\n' +
  "mode            try to enter line or character mode ('mode ?' for more)\n" +
  'open            connect to a site\n' +
  'quit            exit telnet\n' +
  "send            transmit special characters ('send ?' for more)\n" +
  "set             set operating parameters ('set ?' for more)\n" +
  "unset           unset operating parameters ('unset ?' for more)\n" +
  'status          print status information\n' +
  "toggle          toggle operating parameters ('toggle ?' for more)\n" +
  "slc             change state of special characters ('slc ?' for more)\n" +
  "auth            turn on (off) authentication ('auth ?' for more)\n" +
  "encrypt         turn on (off) encryption ('encrypt ?' for more)\n" +
  'z               suspend telnet\n' +
  '!               invoke a subshell\n' +
  "environ         change environment variables ('environ ?' for more)\n" +
  '?               print help information\n';

/** [recorded] `send ?` */
export const SEND_HELP =
  'ao              Send Telnet Abort output\n' +
  "ayt             Send Telnet 'Are You There'\n" +
  'brk             Send Telnet Break\n' +
  'ec              Send Telnet Erase Character\n' +
  'el              Send Telnet Erase Line\n' +
  'escape          Send current escape character\n' +
  "ga              Send Telnet 'Go Ahead' sequence\n" +
  'ip              Send Telnet Interrupt Process\n' +
  "nop             Send Telnet 'No operation'\n" +
  "eor             Send Telnet 'End of Record'\n" +
  "abort           Send Telnet 'Abort Process'\n" +
  "susp            Send Telnet 'Suspend Process'\n" +
  'eof             Send Telnet End of File Character\n' +
  "synch           Perform Telnet 'Synch operation'\n" +
  'getstatus       Send request for STATUS\n' +
  '?               Display send options\n';

/** [recorded] `display` while connected (then back to the session). */
export const DISPLAY =
  'will flush output when sending interrupt characters.\n' +
  "won't send interrupt characters in urgent mode.\n" +
  "won't send login name and/or authentication information.\n" +
  "won't skip reading of ~/.telnetrc file.\n" +
  "won't map carriage return on output.\n" +
  'will recognize certain control characters.\n' +
  "won't turn on socket level debugging.\n" +
  "won't print hexadecimal representation of network traffic.\n" +
  'won\'t print user readable output for "netdata".\n' +
  "won't show option processing.\n" +
  "won't print hexadecimal representation of terminal traffic.\n" +
  '\n' +
  'echo            [^E]\n' +
  'escape          [^]]\n' +
  'rlogin          [off]\n' +
  'tracefile       "(standard output)"\n' +
  'flushoutput     [^O]\n' +
  'interrupt       [^C]\n' +
  'quit            [^\\]\n' +
  'eof             [^D]\n' +
  'erase           [^?]\n' +
  'kill            [^U]\n' +
  'lnext           [^V]\n' +
  'susp            [^Z]\n' +
  'reprint         [^R]\n' +
  'worderase       [^W]\n' +
  'start           [^Q]\n' +
  'stop            [^S]\n' +
  'forw1           [off]\n' +
  'forw2           [off]\n' +
  'ayt             [^T]\n';

/** Bytes telnet puts on the wire. [recorded] (the listener's `od -c`): Ctrl-C sends IAC IP IAC DO TIMING-MARK. */
export const IAC_IP_DO_TM = '\xff\xf4\xff\xfd\x06';
/** [recorded] Ctrl-D on an empty line sends the EOF character itself. */
export const EOF_CHAR = '\x04';
/** [recorded] `send ip`. */
export const IAC_IP = '\xff\xf4';
/** [recorded] `status` at the telnet> prompt before any connection. */
export const STATUS_NOT_CONNECTED = "No connection.\nEscape character is '^]'.\n";
/** [recorded] `close` before any connection. */
export const NEED_CONNECTED = '?Need to be connected first.\n';
/** [recorded] `telnet localhost 2525 extra` (exit status 1). */
export const TOO_MANY_ARGUMENTS = 'telnet: too many arguments\n';
