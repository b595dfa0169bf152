import type { Scenario } from '../types.ts';

/** Lesson 11: the client role never uses TLS; mail goes to the relay host mx.example.net (127.0.0.2:2526, STARTTLS offered). */
export const outgoingNone: Scenario = {
  name: 'outgoing-none',
  version: 1,
  title: 'Outgoing mail without TLS',
  main: { smtp_tls_security_level: 'none' },
};
