/**
 * The lab's shell on the browser's program table (lab-programs.browser.ts: programs made the first time a line
 * names them) against Node's (lab-programs.ts: every program made with the shell): the same lines give the same
 * screen and the same mail.log, PIDs included. What a program's making does to the machine (systemd's units with
 * the PIDs of what it started at boot) must not wait for the program's code.
 */
import { describe, expect, it, vi } from 'vitest';
import { freshLabMaker } from '../support/fresh-lab.ts';

const LINES = [
  'postfix stop',
  'systemctl status postfix@- --no-pager',
  'journalctl -u postfix@- --no-pager',
  'postfix start',
  'printf "QUIT\\r\\n" | telnet localhost 25',
  'echo after',
];

async function run(browserTable: boolean) {
  vi.resetModules();
  if (browserTable) vi.doMock('../../src/shell/lab-programs.ts', async () => await import('../../src/shell/lab-programs.browser.ts'));
  else vi.doUnmock('../../src/shell/lab-programs.ts');
  const { world, port } = (await freshLabMaker())();
  for (const l of LINES) port.type(`${l}\r`);
  // The browser's table fetches each program by a real import here: wait for the last line's output.
  let screen = '';
  for (let i = 0; i < 500 && !/\r\nafter\r\n/.test(screen); i++) {
    await new Promise((r) => setTimeout(r, 5));
    screen += port.take();
  }
  vi.doUnmock('../../src/shell/lab-programs.ts');
  return { screen, log: world.logLines() };
}

describe('the browser program table against the eager one', { timeout: 60_000 }, () => {
  it('postfix stop before systemctl and journalctl first look, then a connection: the same screen and log', async () => {
    const browser = await run(true);
    const node = await run(false);
    // systemd's record of the boot survives a stop made before anyone looked (it did not in the browser).
    expect(node.screen).toContain('Process: ');
    expect(node.screen).toContain('Started postfix@-.service');
    expect(browser.screen).toBe(node.screen);
    expect(browser.log).toEqual(node.log);
    expect(browser.log.some((l) => l.includes('postfix/smtpd['))).toBe(true);
  });
});
