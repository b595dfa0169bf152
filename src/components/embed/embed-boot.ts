/**
 * /embed/lab.js: the one classic script an /embed/ page names. It sets up the chunk loader
 * (system-loader.ts) as `System`, which the embed's chunks call, and starts the entry chunk, whose file
 * name the build fills in (embed-build.ts). Chunks are found next to this script.
 */
import { browserSystem } from './system-loader.ts';

declare const __EMBED_ENTRY__: string;

const self = document.currentScript;
const base = self instanceof HTMLScriptElement && self.src !== '' ? self.src : location.href;
const system = browserSystem(document);
(globalThis as { System?: unknown }).System = system;

system.import(new URL(__EMBED_ENTRY__, base).href).catch((error: unknown) => {
  const note = document.createElement('p');
  note.setAttribute('role', 'alert');
  note.textContent = `The lab could not start: ${error instanceof Error ? error.message : String(error)}. Reload the page to try again.`;
  document.body.prepend(note);
});
