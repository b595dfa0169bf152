/**
 * `npm run serve`: the lab's simulated Postfix on real loopback sockets (issue 11).
 * `npm run serve -- --help` lists the options; `npm run serve -- reload` reloads a running server.
 */
import { readFileSync } from 'node:fs';
import { configFolder, initConfigFolder } from '../src/server/config-folder.ts';
import { LabServer } from '../src/server/lab-server.ts';
import { hasNodeOpensslConf, rerunWithNodeOpensslConf } from '../src/server/node-openssl-conf.ts';
import { HELP, isLoopback, parseServeArgs } from '../src/server/options.ts';
import { listenWarning, startBanner } from '../src/server/texts.ts';

async function main(): Promise<number> {
  const parsed = parseServeArgs(process.argv.slice(2));
  if (!parsed.ok) {
    process.stderr.write(`serve: ${parsed.error}\n`);
    return 2;
  }
  const o = parsed.options;
  if (o.command === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  const folder = configFolder(o.configDir);
  if (o.command === 'reload') {
    let pid: number;
    try {
      pid = Number(readFileSync(folder.pidFile, 'utf8').trim());
      process.kill(pid, 'SIGHUP');
    } catch {
      process.stderr.write(`serve: no running server found for ${folder.root} (no ${folder.pidFile}, or its process is gone)\n`);
      return 1;
    }
    process.stdout.write(`serve: asked the server (pid ${pid}) to reload\n`);
    return 0;
  }
  // One session ticket after TLSv1.3, as Postfix: the setting only takes at Node's start (node-openssl-conf.ts).
  if (!hasNodeOpensslConf(folder.root)) return rerunWithNodeOpensslConf(folder.root);
  const init = initConfigFolder(folder);
  if (!init.ok) {
    process.stderr.write(`serve: ${init.error}\n`);
    return 1;
  }
  if (!isLoopback(o.listen)) process.stderr.write(listenWarning(o.listen));
  const server = await LabServer.start({ folder, ports: o.ports, listen: o.listen });
  if (server.startOutput !== '') process.stderr.write(server.startOutput);
  process.stdout.write(startBanner(folder, server.bound(), init.created));
  process.on('SIGHUP', () => {
    const out = server.reload();
    process.stdout.write(`serve: reloaded main.cf and master.cf\n${out}`);
  });
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.stop();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`serve: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
