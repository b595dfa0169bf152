/** Whether the Node sandbox can start on this page, and if not, why (texts.ts says it to the learner). */

export type UnavailableReason = 'not-isolated' | 'embedded' | 'offline' | 'unsupported' | 'boot-failed';

export type Availability = { readonly ok: true } | { readonly ok: false; readonly reason: UnavailableReason };

/** What the page knows about itself; `pageEnvironment()` reads it from the browser. */
export interface PageEnvironment {
  readonly crossOriginIsolated: boolean;
  readonly embedded: boolean;
  readonly online: boolean;
  /** Atomics, WebAssembly and Worker exist. */
  readonly apisPresent: boolean;
  /** SharedArrayBuffer exists: browsers expose it only on isolated pages, so it is asked about last. */
  readonly sharedMemory: boolean;
}

export function sandboxAvailability(env: PageEnvironment): Availability {
  if (env.embedded) return { ok: false, reason: 'embedded' };
  if (!env.apisPresent) return { ok: false, reason: 'unsupported' };
  if (!env.crossOriginIsolated) return { ok: false, reason: 'not-isolated' };
  if (!env.sharedMemory) return { ok: false, reason: 'unsupported' };
  if (!env.online) return { ok: false, reason: 'offline' };
  return { ok: true };
}

/** Reads the environment from `globalThis` (a browser page). */
export function pageEnvironment(g: typeof globalThis = globalThis): PageEnvironment {
  let embedded: boolean;
  try {
    embedded = g.window !== undefined && g.window.top !== g.window.self;
  } catch {
    embedded = true; // a cross-origin parent: reading top throws
  }
  return {
    crossOriginIsolated: g.crossOriginIsolated === true,
    embedded,
    online: g.navigator?.onLine !== false,
    apisPresent: typeof g.Atomics === 'object' && typeof g.WebAssembly === 'object' && typeof g.Worker === 'function',
    sharedMemory: typeof g.SharedArrayBuffer === 'function',
  };
}
