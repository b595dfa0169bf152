/**
 * swaks against the extra recordings (tests/corpus-extra/swaks-*: swaks run as a plain command, stdout as
 * `S:` and stderr as `E:`), through LabShell.runLine on a lab machine set up as each config.txt says.
 * Intended difference: the recording machine was `vm` (swaks' EHLO name, default sender, Message-Id
 * domain); the lab machine here is given that name.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maskVolatile, normalize } from '../../../src/corpus/normalize.ts';
import { createLabWorld } from '../../../src/engine/world/lab-world.ts';
import { createLabShell } from '../../../src/shell/lab-shell.ts';

const EXTRA = join(import.meta.dirname, '../../corpus-extra');
const scenarios = existsSync(EXTRA) ? readdirSync(EXTRA).filter((d) => d.startsWith('swaks-')) : [];

function parse(text: string): { cmd: string; stdout: string[]; stderr: string[]; exit: number | null }[] {
  const out: { cmd: string; stdout: string[]; stderr: string[]; exit: number | null }[] = [];
  for (const line of text.split('\n')) {
    const c = /^C: \$ (.*)$/.exec(line);
    const b = out[out.length - 1];
    if (c !== null) out.push({ cmd: c[1] ?? '', stdout: [], stderr: [], exit: null });
    else if (b === undefined) continue;
    else if (line.startsWith('S: ') || line === 'S:') b.stdout.push(maskVolatile(line.slice(3)));
    else if (line.startsWith('E: ') || line === 'E:') b.stderr.push(maskVolatile(line.slice(3)));
    else if (/^# exit status \d+/.test(line)) b.exit = Number(/\d+/.exec(line)?.[0]);
  }
  return out;
}

function configOf(dir: string): { main: string[]; master: string } {
  const main: string[] = [];
  const master: string[] = [];
  let part = '';
  for (const l of readFileSync(join(dir, 'config.txt'), 'utf8').split('\n')) {
    if (l.startsWith('# --- main.cf')) part = 'main';
    else if (l.startsWith('# --- master.cf')) part = 'master';
    else if (l.startsWith('# ---')) part = 'other';
    else if (l.startsWith('#') || l.trim() === '') continue;
    else if (part === 'main') main.push(l);
    else if (part === 'master') master.push(l);
  }
  return { main, master: master.length === 0 ? '' : `${master.join('\n')}\n` };
}

const lines = (t: string): string[] => {
  const l = normalize(t.replace(/\r\n/g, '\n')).split('\n').map(maskVolatile);
  if (l[l.length - 1] === '') l.pop();
  return l;
};

describe('swaks against tests/corpus-extra', () => {
  it('has recordings', () => {
    expect(scenarios.length).toBeGreaterThan(0);
  });
  for (const sc of scenarios) {
    it(sc, () => {
      const dir = join(EXTRA, sc);
      const world = createLabWorld({ start: false });
      const cfg = configOf(dir);
      const shell = createLabShell(world, { fqdn: 'vm' });
      if (cfg.main.length > 0) shell.runLine(`postconf -e ${cfg.main.map((m) => `'${m}'`).join(' ')}`, { tty: false });
      if (cfg.master !== '') world.fs.write('/etc/postfix/master.cf', (world.fs.read('/etc/postfix/master.cf') ?? '') + cfg.master);
      world.postfix(['start'], false);
      const blocks = parse(readFileSync(join(dir, 'transcript.normalized.txt'), 'utf8'));
      expect(blocks.length).toBeGreaterThan(0);
      for (const b of blocks) {
        const r = shell.runLine(b.cmd, { tty: false });
        expect({ stdout: lines(r.stdout), stderr: lines(r.stderr), exit: r.exitCode }, b.cmd).toEqual({
          stdout: b.stdout,
          stderr: b.stderr,
          exit: b.exit,
        });
      }
    });
  }
});
