/**
 * What GNU inetutils telnet 2.4 prints at its `telnet>` prompt (Ctrl-], or `telnet` without a host): the
 * replies of its commands, which come with the prompt's code (telnet-prompt.ts) on first use. Sources as in
 * telnet-texts.ts: corpus terminal/term-telnet-escape (marked [corpus]); the rest recorded from the same
 * inetutils-telnet 2.4 on a Debian 12 machine (marked [recorded]).
 */

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

/** [recorded] `send ip`. */
export const IAC_IP = '\xff\xf4';
/** [recorded] `status` at the telnet> prompt before any connection. */
export const STATUS_NOT_CONNECTED = "No connection.\nEscape character is '^]'.\n";
/** [recorded] `close` before any connection. */
export const NEED_CONNECTED = '?Need to be connected first.\n';
