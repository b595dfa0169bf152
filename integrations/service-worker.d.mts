// Types for service-worker.mjs (plain JavaScript, so that the Node browser tests can import it).
import type { AstroIntegration } from 'astro';

export interface OfflineManifest {
  /** 16 hex digits from every cached file's URL and contents. */
  readonly buildId: string;
  /** The URLs the worker caches, sorted: pages as their folder URL (/lessons/x/), other files by path. */
  readonly files: readonly string[];
}
export declare const SERVICE_WORKER: 'sw.js';
export declare function offlineManifest(root: string): OfflineManifest;
export declare function serviceWorkerSource(manifest: OfflineManifest): string;
export declare function writeServiceWorker(root: string): OfflineManifest & { readonly bytes: number };
export declare function offlineCache(): AstroIntegration;
