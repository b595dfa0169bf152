/**
 * What the "Open a Node sandbox" button does once pressed (sandbox-launcher.ts fetches this module on the
 * click): it checks the page (availability.ts); where the sandbox cannot run it explains why and points to
 * `npm run serve`; where it can, it loads the WebContainer adapter and the terminal and opens two `jsh`
 * terminals.
 */
import { pageEnvironment, sandboxAvailability } from '../../sandbox/availability.ts';
import { CERT_URL, KEY_URL, SERVER_BUNDLE_URL, sandboxFiles, type CertificatePair } from '../../sandbox/example-client.ts';
import { SERVE_HINT, unavailableText } from '../../sandbox/texts.ts';
import type { UnavailableReason } from '../../sandbox/availability.ts';
import type { Shell } from '../../shell/shell.ts';
import type { TerminalPort } from '../../shell/terminal-port.ts';

const SANDBOX_PAGE = '/lab/sandbox/';

function explain(status: HTMLElement, reason: UnavailableReason): void {
  status.replaceChildren();
  const why = document.createElement('p');
  why.textContent = unavailableText(reason);
  status.append(why);
  if (reason === 'not-isolated' && location.pathname !== SANDBOX_PAGE) {
    const p = document.createElement('p');
    const a = document.createElement('a');
    a.href = SANDBOX_PAGE;
    a.textContent = 'Try the sandbox page';
    p.append(a, '.');
    status.append(p);
  }
  const hint = document.createElement('p');
  hint.textContent = SERVE_HINT;
  status.append(hint);
  status.hidden = false;
}

/** mountTerminal drives a Shell through `attach(port)` only; this hands the port to the sandbox instead. */
function portCatcher(onPort: (port: TerminalPort) => void): Shell {
  const catcher: Pick<Shell, 'attach'> = {
    attach(port) {
      onPort(port);
      return () => undefined;
    },
  };
  return catcher as Shell; // structurally enough for mountTerminal, which calls attach() alone
}

/** The certificate the build made, or undefined when the site has none (the server will say it lacks one). */
async function fetchCertificate(): Promise<CertificatePair | undefined> {
  const [cert, key] = await Promise.all([fetch(CERT_URL), fetch(KEY_URL)]);
  return cert.ok && key.ok ? { cert: await cert.text(), key: await key.text() } : undefined;
}

async function start(root: HTMLElement, status: HTMLElement, button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  const area = root.querySelector<HTMLElement>('.sandbox-terminals');
  if (area === null) return;
  area.hidden = false;
  const [{ mountTerminal }, { WebContainerHost }, { openSandbox }] = await Promise.all([
    import('../../terminal/mount-terminal.ts'),
    import('../../sandbox/webcontainer-host.ts'),
    import('../../sandbox/open-sandbox.ts'),
  ]);
  const ports: TerminalPort[] = [];
  for (const el of area.querySelectorAll<HTMLElement>('.sandbox-terminal')) {
    mountTerminal(
      el,
      portCatcher((p) => ports.push(p)),
    );
  }
  try {
    const response = await fetch(SERVER_BUNDLE_URL);
    if (!response.ok) throw new Error(`${SERVER_BUNDLE_URL}: HTTP ${response.status}`);
    await openSandbox(new WebContainerHost(), sandboxFiles(await response.text(), await fetchCertificate()), ports);
  } catch (err) {
    explain(status, 'boot-failed');
    const detail = document.createElement('p');
    detail.textContent = `(${err instanceof Error ? err.message : String(err)})`;
    status.prepend(detail);
  }
}

/** The button was pressed: explains why the sandbox cannot run here, or starts it. */
export function launchSandbox(root: HTMLElement, status: HTMLElement, button: HTMLButtonElement): void {
  const availability = sandboxAvailability(pageEnvironment());
  if (!availability.ok) explain(status, availability.reason);
  else void start(root, status, button);
}
