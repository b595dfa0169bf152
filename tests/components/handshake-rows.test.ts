/**
 * The handshake diagram's rows from a connection record: the order of the exchange is kept, SMTP lines in
 * one direction group into one arrow, TLS flights stand alone, and the outcome reads as a sentence. The
 * record is built by the lesson runtime's LabEvents from a real session (not written by hand), so these
 * rows are what the page would draw.
 */
import { describe, expect, it } from 'vitest';
import { describeRow, diagramOutcome, diagramRows, diagramTitle } from '../../src/components/course/handshake-rows.ts';
import { createLessonSession } from '../../src/lesson-runtime/session.ts';

function connection(lines: readonly string[]) {
  const session = createLessonSession({ scenario: 'lab-default' });
  for (const line of lines) session.runLine(line);
  const rec = session.lastConnection();
  session.dispose();
  if (rec === null) throw new Error('no connection recorded');
  return rec;
}

describe('diagram rows', () => {
  it('telnet without TLS: greeting, EHLO, its reply as one arrow, QUIT; outcome plaintext', () => {
    const rec = connection(['telnet localhost 25', 'EHLO client.example.com', 'QUIT']);
    const rows = diagramRows(rec);
    const smtp = rows.filter((r) => r.kind === 'smtp');
    expect(smtp.map((r) => r.from)).toEqual(['server', 'client', 'server', 'client', 'server']);
    const ehloReply = smtp[2];
    expect(ehloReply?.kind === 'smtp' && ehloReply.lines).toContain('250-STARTTLS');
    expect(rows.some((r) => r.kind === 'tls')).toBe(false);
    expect(diagramOutcome(rec).kind).toBe('plaintext');
    expect(diagramTitle(rec).client).toBe('telnet');
    expect(diagramTitle(rec).server).toMatch(/port 25/);
  });

  it('s_client with STARTTLS: the flights after 220 Ready, outcome names version and cipher', () => {
    const rec = connection(['openssl s_client -starttls smtp -connect localhost:25 -crlf', 'QUIT']);
    const rows = diagramRows(rec);
    const names = diagramTitle(rec);
    const text = rows.map((r) => describeRow(r, names));
    const ready = text.findIndex((t) => t.includes('220 2.0.0 Ready to start TLS'));
    const hello = text.findIndex((t) => t.includes('TLS ClientHello'));
    expect(ready).toBeGreaterThan(0);
    expect(hello).toBeGreaterThan(ready);
    const outcome = diagramOutcome(rec);
    expect(outcome.kind).toBe('tls');
    expect(outcome.text).toMatch(/^Encrypted with TLSv1\.[23], cipher \S+$/);
  });
});

describe('the encrypted part', () => {
  it('is marked once, after the handshake, when TLS was agreed', async () => {
    const { ENCRYPTED_FROM_HERE } = await import('../../src/components/course/handshake-rows.ts');
    const rec = connection(['openssl s_client -starttls smtp -connect localhost:25 -crlf', 'EHLO client.example.com', 'QUIT']);
    const rows = diagramRows(rec);
    const at = rows.findIndex((r) => r.kind === 'note' && r.text === ENCRYPTED_FROM_HERE);
    expect(rows.filter((r) => r.kind === 'note' && r.text === ENCRYPTED_FROM_HERE)).toHaveLength(1);
    expect(rows[at - 1]?.kind).toBe('tls');
    expect(rows.slice(at + 1).some((r) => r.kind === 'smtp' && r.from === 'client' && r.lines.includes('EHLO client.example.com'))).toBe(
      true,
    );
    const plain = diagramRows(connection(['telnet localhost 25', 'QUIT']));
    expect(plain.some((r) => r.kind === 'note' && r.text === ENCRYPTED_FROM_HERE)).toBe(false);
  });
});
