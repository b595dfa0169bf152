/**
 * LabEvents and the pictures drawn from them: the EHLO diff (before/after the last change that took
 * effect) and the connection records of the handshake diagram, checked against the corpus's replies.
 */
import { describe, expect, it } from 'vitest';
import { CORPUS_REMOTE_HOSTS, RemoteWorld } from '../../src/engine/remote/remote-world.ts';
import { createLabWorld } from '../../src/engine/world/lab-world.ts';
import { LabEvents } from '../../src/lesson-runtime/events.ts';
import { createLessonSession } from '../../src/lesson-runtime/session.ts';
import { createLabShell } from '../../src/shell/lab-shell.ts';
import { MemoryPort } from '../../src/shell/memory-port.ts';

describe('EHLO diff', () => {
  it('shows STARTTLS added to port 25 after the reload that turned it on, and nothing before any change', () => {
    const s = createLessonSession({ scenario: 'lab-default' });
    const first = s.ehloDiff();
    expect(first.services.map((x) => [x.service, x.port])).toEqual([['smtp', 25]]);
    expect(first.services[0]?.before).toEqual(first.services[0]?.after);
    s.runLine('postconf -e smtpd_tls_security_level=none');
    s.runLine('postfix reload');
    s.runLine('postconf -e smtpd_tls_security_level=may');
    s.apply();
    const d = s.ehloDiff().services[0];
    expect(d?.before).not.toContain('250-STARTTLS');
    expect(d?.after).toContain('250-STARTTLS');
    expect(d?.after.filter((l) => !(d.before ?? []).includes(l))).toEqual(['250-STARTTLS']);
  });

  it('lists a service that appeared, with an empty before', () => {
    const s = createLessonSession({ scenario: 'lab-default' });
    s.runLine("postconf -M submission/inet='submission inet n - y - - smtpd'");
    s.apply();
    const sub = s.ehloDiff().services.find((x) => x.service === 'submission');
    expect(sub?.port).toBe(587);
    expect(sub?.before).toEqual([]);
    expect(sub?.after[0]).toBe('250-mail.example.org');
  });
});

describe('connection records', () => {
  it("records the learner's telnet session line by line, with the plaintext after STARTTLS", () => {
    const s = createLessonSession({ scenario: 'lab-default' });
    expect(s.lastConnection()).toBeNull();
    for (const l of ['telnet localhost 25', 'EHLO c.example.com', 'STARTTLS', 'RSET']) s.runLine(l);
    const c = s.lastConnection();
    expect(c?.client).toBe('telnet');
    expect(c?.server).toEqual({ host: '127.0.0.1', port: 25, service: 'smtp' });
    expect(c?.steps[0]).toEqual({ kind: 'smtp', from: 'server', text: '220 mail.example.org ESMTP Postfix' });
    expect(c?.steps).toContainEqual({ kind: 'smtp', from: 'server', text: '220 2.0.0 Ready to start TLS' });
    expect(c?.outcome.tls).toBeNull();
    expect(s.events.typedAfterStarttlsInTelnet).toBe(true);
  });

  it('records a refused TLSv1 handshake as alert 70 with the versions offered', () => {
    const s = createLessonSession({ scenario: 'lab-default' });
    s.runLine("postconf -e 'smtpd_tls_protocols = >=TLSv1.2'");
    s.apply();
    s.runLine('openssl s_client -connect localhost:25 -starttls smtp -tls1 -cipher DEFAULT@SECLEVEL=0');
    const c = s.lastConnection();
    expect(c?.client).toBe('openssl s_client');
    const tls = c?.steps.filter((x) => x.kind === 'tls');
    expect(tls?.[0]).toEqual({ kind: 'tls', from: 'client', flight: 'ClientHello', detail: 'offers TLSv1' });
    expect(tls?.some((x) => x.kind === 'tls' && x.flight === 'Alert' && x.from === 'server')).toBe(true);
    expect(c?.outcome).toEqual({ tls: null, failure: 'alert 70: protocol version' });
  });

  it("records Postfix's delivery apart from the learner's connections", () => {
    const s = createLessonSession({ scenario: 'lab-default' });
    expect(s.lastDelivery()).toBeNull();
    s.runLine("printf 'Subject: t\\n\\nx\\n' | sendmail bob@example.net");
    const d = s.lastDelivery();
    expect(d?.server.port).toBe(2526);
    expect(d?.steps).toContainEqual({ kind: 'smtp', from: 'client', text: 'STARTTLS' });
    expect(d?.outcome.tls?.version).toBe('TLSv1.3');
    expect(s.lastConnection()).toBeNull();
  });

  it('records what each program printed, and lines typed into sessions', () => {
    const s = createLessonSession({ scenario: 'lab-default' });
    s.runLine('postconf smtpd_tls_security_level; echo done');
    expect(s.events.output.map((l) => [l.program, l.text])).toEqual([
      ['postconf', 'smtpd_tls_security_level = may'],
      ['echo', 'done'],
    ]);
    expect(s.events.commands.map((c) => [c.line, c.status])).toEqual([['postconf smtpd_tls_security_level; echo done', 0]]);
    s.runLine('nc localhost 25');
    s.runLine('NOOP');
    expect(s.events.typed).toEqual([{ program: 'nc', line: 'NOOP' }]);
    expect(s.events.replies.map((r) => r.line)).toContain('250 2.0.0 Ok');
  });
});

describe('a proxy in front of the lab smtpd', () => {
  it("records the learner's connection to the proxy, not the proxy's own connection on to smtpd", () => {
    const remote = new RemoteWorld([
      ...CORPUS_REMOTE_HOSTS,
      { kind: 'strip-proxy', address: '127.0.0.3', port: 2525, upstreamAddress: '127.0.0.1', upstreamPort: 25 },
    ]);
    const world = createLabWorld({ remote });
    const events = new LabEvents();
    world.network.observe(events.connectionObserver);
    const shell = createLabShell(world, { observer: events.shellObserver });
    shell.runLine('telnet 127.0.0.3 2525', { tty: true, stdin: 'EHLO c.example.com\nQUIT\n' });
    const c = events.lastConnection;
    expect(c?.client).toBe('telnet');
    expect(c?.server).toEqual({ host: '127.0.0.3', port: 2525 });
    const lines = c?.steps.flatMap((x) => (x.kind === 'smtp' && x.from === 'server' ? [x.text] : [])) ?? [];
    expect(lines).toContain('250-mail.example.org');
    expect(lines).not.toContain('250-STARTTLS');
    // LabShell.runLine reports to the observer too: the command, its program, the lines typed.
    expect(events.commands.map((x) => x.line)).toEqual(['telnet 127.0.0.3 2525']);
    expect(events.typed.map((x) => x.line)).toEqual(['EHLO c.example.com', 'QUIT']);
  });
});

describe('the hooks change nothing', () => {
  it('a shell and network observed by LabEvents print and log exactly what unobserved ones do', () => {
    const lines = [
      'postconf -n | head -3',
      'telnet localhost 25',
      'EHLO c.example.com',
      'STARTTLS',
      'QUIT',
      'openssl s_client -connect localhost:25 -starttls smtp -quiet',
      'QUIT',
      "printf 'Subject: t\\n\\nx\\n' | sendmail bob@example.net",
      'tail -n 4 /var/log/mail.log',
    ];
    const drive = (observe: boolean): { screen: string; log: string[] } => {
      const world = createLabWorld();
      const events = new LabEvents();
      if (observe) world.network.observe(events.connectionObserver);
      const shell = createLabShell(world, {
        ...(observe ? { observer: events.shellObserver } : {}),
        pacer: { immediate: true, after: (_ms, fn) => (fn(), () => {}) },
      });
      const port = new MemoryPort();
      shell.attach(port);
      for (const l of lines) port.type(`${l}\r`);
      if (observe) expect(events.commands.length).toBe(5);
      return { screen: port.output, log: world.logLines() };
    };
    const plain = drive(false);
    expect(drive(true)).toEqual(plain);
    expect(plain.screen).toContain('250-STARTTLS');
  });
});
