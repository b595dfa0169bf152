/**
 * The seam between the page and a Node sandbox: the WebContainer adapter (webcontainer-host.ts) implements
 * it in the browser, a fake in tests/sandbox/. Nothing here imports @webcontainer/api.
 */

/** Files to mount, in WebContainer's shape: a folder is `{ directory }`, a file `{ file: { contents } }`. */
export interface FileTree {
  readonly [name: string]: { readonly directory: FileTree } | { readonly file: { readonly contents: string } };
}

export interface SandboxProcess {
  /** What the process prints, chunk by chunk; resolves when its output ends. */
  readOutput(onChunk: (text: string) => void): Promise<void>;
  /** Keys typed into the terminal. */
  write(data: string): void;
  resize(size: { readonly cols: number; readonly rows: number }): void;
  /** Resolves with the exit code. */
  readonly exit: Promise<number>;
}

export interface SpawnOptions {
  readonly terminal?: { readonly cols: number; readonly rows: number };
}

export interface SandboxHost {
  boot(): Promise<void>;
  mount(tree: FileTree): Promise<void>;
  spawn(command: string, args: readonly string[], options?: SpawnOptions): Promise<SandboxProcess>;
}
