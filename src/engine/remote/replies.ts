/*
 * What the simulated remote MX says. Every text is the corpus's fake MX: the `Receiver`
 * class of the corpus's `pfrec.py` (the server side of every `outbound-*` transcript).
 */

/** corpus: outbound-may-starttls/transcript.txt, `S: 220 mx.example.net ESMTP test receiver` */
export const mxBanner = (hostname: string): string => `220 ${hostname} ESMTP test receiver`;

/** EHLO keywords in the fake MX's order (pfrec.py Receiver; outbound-may-starttls). STARTTLS goes after SIZE. */
export const MX_EHLO_BEFORE_STARTTLS = ['PIPELINING', 'SIZE 10240000'] as const;
export const MX_EHLO_STARTTLS = 'STARTTLS';
export const MX_EHLO_AFTER_STARTTLS = ['ENHANCEDSTATUSCODES', '8BITMIME'] as const;

/** pfrec.py Receiver: `HELO` answer. */
export const mxHelo = (hostname: string): string => `250 ${hostname}`;
/** corpus: outbound-may-starttls, answer to STARTTLS. */
export const MX_STARTTLS_READY = '220 2.0.0 Ready to start TLS';
/** corpus: outbound-may-starttls, answer to MAIL FROM. */
export const MX_MAIL_OK = '250 2.1.0 Ok';
/** corpus: outbound-may-starttls, answer to RCPT TO. */
export const MX_RCPT_OK = '250 2.1.5 Ok';
/** corpus: outbound-may-starttls, answer to DATA. */
export const MX_DATA_GO = '354 End data with <CR><LF>.<CR><LF>';
/** corpus: outbound-may-starttls, `250 2.0.0 Ok: queued as RX0007` (the MX numbers its messages RX0001, RX0002...). */
export const mxQueued = (n: number): string => `250 2.0.0 Ok: queued as RX${n.toString().padStart(4, '0')}`;
/** corpus: outbound-may-starttls, answer to QUIT. */
export const MX_BYE = '221 2.0.0 Bye';
/** pfrec.py Receiver: answer to RSET and NOOP. */
export const MX_OK = '250 2.0.0 Ok';
/** pfrec.py Receiver: answer to anything else (including STARTTLS where it is not offered). */
export const MX_UNKNOWN = '502 5.5.2 Error: command not recognized';
