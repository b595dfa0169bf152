/**
 * Binds the "Open a Node sandbox" buttons. Nothing else comes with the page (issue 12, page weight): the
 * availability check, the explanations and the sandbox itself (sandbox-launch.ts) are fetched on the click.
 */

/** Shown when the launcher's code cannot be fetched (offline without the cache, say). */
const LOAD_FAILED = 'The sandbox could not be loaded: check the network and try again.';

export function bindSandboxLaunchers(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-sandbox-launcher]')) {
    const button = root.querySelector<HTMLButtonElement>('button');
    const status = root.querySelector<HTMLElement>('.sandbox-status');
    if (button === null || status === null) continue;
    button.addEventListener('click', () => {
      import('./sandbox-launch.ts').then(
        (m) => m.launchSandbox(root, status, button),
        () => {
          status.textContent = LOAD_FAILED;
          status.hidden = false;
        },
      );
    });
  }
}
