/**
 * man: the lab's own short pages for Postfix's commands and files. Not recorded (Postfix's manual text is not
 * ours to copy): the test checks man's layout, that every page says it is the lab's summary and where the full
 * page is, the section order, and that parameters and unknown names still get explain's page and man-db's
 * recorded "No manual entry" answer.
 */
import { describe, expect, it } from 'vitest';
import { createLabWorld } from '../../../src/engine/world/lab-world.ts';
import { createLabShell } from '../../../src/shell/lab-shell.ts';
import { MAN_PAGES } from '../../../src/shell/programs/man-pages.ts';

const shell = () => createLabShell(createLabWorld());

describe('man', () => {
  it.each(MAN_PAGES.map((p) => [`${p.section} ${p.name}`, p] as const))('man %s: man layout, our summary, the full page named', (_n, p) => {
    const r = shell().runLine(`man ${p.section} ${p.name}`);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    const id = `${p.name.toUpperCase()}(${p.section})`;
    expect(lines[0]?.startsWith(id)).toBe(true);
    expect(lines[0]?.endsWith(id)).toBe(true);
    for (const h of ['NAME', 'SYNOPSIS', 'DESCRIPTION', 'SEE ALSO']) expect(lines).toContain(h);
    expect(lines[lines.indexOf('NAME') + 1]).toBe(`       ${p.name} - ${p.summary}`);
    expect(r.stdout).toContain("Postfix TLS Lab's short summary");
    expect(r.stdout.replace(/\s+/g, ' ')).toContain(`https://www.postfix.org/${p.name}.${p.section}.html`);
    // 80 columns when not on a terminal: lines fit in 78.
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(78);
  });

  it('man postconf is section 1; man 5 postconf the main.cf page', () => {
    const sh = shell();
    expect(sh.runLine('man postconf').stdout.startsWith('POSTCONF(1)')).toBe(true);
    expect(sh.runLine('man 5 postconf').stdout.startsWith('POSTCONF(5)')).toBe(true);
    expect(sh.runLine('man master').stdout.startsWith('MASTER(8)')).toBe(true);
  });

  it("a parameter still gets explain's page; an unknown name man-db's answer", () => {
    const sh = shell();
    expect(sh.runLine('man smtpd_tls_security_level').stdout).toContain('Default (postconf -d)');
    const r = sh.runLine('man nosuchpage');
    expect({ stderr: r.stderr, status: r.exitCode }).toEqual({ stderr: 'No manual entry for nosuchpage\n', status: 16 });
    expect(sh.runLine('man 8 nosuchpage').stderr).toBe('No manual entry for nosuchpage in section 8\n');
  });
});
