import type { TlsSession } from '../tls/types.ts';

/** Where a message entered the mail system. */
export type MessageOrigin =
  | {
      readonly kind: 'smtpd';
      /** e.g. `localhost` and `127.0.0.1`. */
      readonly clientName: string;
      readonly clientAddr: string;
      /** The HELO/EHLO argument, '' when the client sent none. */
      readonly helo: string;
      /** `SMTP`, `ESMTP`, `ESMTPS` (after STARTTLS) or `ESMTPSA` (after AUTH over TLS). */
      readonly protocol: string;
      readonly tls: TlsSession | null;
      readonly saslMethod: string | null;
      readonly saslUsername: string | null;
      /** Syslog name of the receiving service, e.g. `postfix/submission/smtpd`. */
      readonly program: string;
    }
  /** Local submission through sendmail(1) and pickup(8). */
  | { readonly kind: 'pickup'; readonly uid: number }
  /**
   * A message the mail system writes itself, e.g. smtpd's `Postfix SMTP server: errors from ...` notice to
   * postmaster (corpus p25-may-cert-missing/postmaster-notice.txt): cleanup adds `Received: by <host> (Postfix)`.
   */
  | { readonly kind: 'internal' };

/** A message handed to cleanup(8): what smtpd (or sendmail) collected, before headers are added. */
export interface QueuedMessage {
  readonly queueId: string;
  /** Envelope sender without brackets; '' for the null sender `<>`. */
  readonly sender: string;
  readonly recipients: readonly string[];
  /** The message as received: each line without its CR and ended by '\n', dot-unstuffed, final '.' removed. */
  readonly content: string;
  /** Milliseconds since the epoch when the message arrived. */
  readonly arrivedAt: number;
  readonly origin: MessageOrigin;
}
