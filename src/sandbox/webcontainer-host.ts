/**
 * The SandboxHost backed by StackBlitz's WebContainer API. @webcontainer/api is imported here, on demand,
 * so pages load it only when the learner opens the sandbox. Booting contacts StackBlitz's servers.
 */
import type { FileTree, SandboxHost, SandboxProcess, SpawnOptions } from './host.ts';

type WebContainerModule = typeof import('@webcontainer/api');
type WebContainer = Awaited<ReturnType<WebContainerModule['WebContainer']['boot']>>;

export class WebContainerHost implements SandboxHost {
  #container: WebContainer | undefined;

  async boot(): Promise<void> {
    const { WebContainer } = await import('@webcontainer/api');
    this.#container = await WebContainer.boot({ workdirName: 'lab' });
  }

  #booted(): WebContainer {
    if (this.#container === undefined) throw new Error('WebContainerHost: boot() first');
    return this.#container;
  }

  async mount(tree: FileTree): Promise<void> {
    await this.#booted().mount(tree); // our FileTree is WebContainer's FileSystemTree, read-only
  }

  async spawn(command: string, args: readonly string[], options: SpawnOptions = {}): Promise<SandboxProcess> {
    const proc = await this.#booted().spawn(command, [...args], options.terminal ? { terminal: options.terminal } : {});
    const writer = proc.input.getWriter();
    return {
      readOutput: (onChunk) => proc.output.pipeTo(new WritableStream({ write: (chunk) => onChunk(chunk) })),
      write: (data) => void writer.write(data),
      resize: (size) => proc.resize(size),
      exit: proc.exit,
    };
  }
}
