/**
 * A lab machine on a memory terminal from modules imported when called, so that what a test swapped with
 * vi.doMock before (the browser's lazy twins of the outbound code, the TLS code, the program table) is what it
 * gets. Returns a maker: each call boots a new world (createLabWorld's `options`) with its root shell, the server's
 * pauses immediate.
 */
export async function freshLabMaker() {
  const { createLabWorld } = await import('../../src/engine/world/lab-world.ts');
  const { createLabShell } = await import('../../src/shell/lab-shell.ts');
  const { MemoryPort } = await import('../../src/shell/memory-port.ts');
  const { TimerPacer } = await import('../../src/shell/programs/net/lab-env.ts');
  return (setup?: (world: ReturnType<typeof createLabWorld>) => void, options?: Parameters<typeof createLabWorld>[0]) => {
    const world = createLabWorld(options);
    setup?.(world);
    const pacer = new TimerPacer();
    pacer.immediate = true;
    const shell = createLabShell(world, { pacer });
    const port = new MemoryPort(120, 50);
    shell.attach(port);
    port.take();
    return { world, shell, port };
  };
}
