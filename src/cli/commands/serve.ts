import type { Command } from 'commander';
import { dbPath } from '../options.ts';
import { startServer } from '../../server.ts';

/** `annalist serve [--port] [--host] [--token]`: serves the API and the web app over the store. */
export function register(program: Command): void {
  program
    .command('serve')
    .description('serve the web app and HTTP API on 127.0.0.1 (port 0 picks a free one; builds the web app if dist/web is missing)')
    .option('--port <n>', 'TCP port (0 = any free port)')
    .option('--host <addr>', 'interface to bind (non-loopback needs a token)')
    .option('--token <secret>', 'require this token on API requests (or env ANNALIST_TOKEN)')
    .option('--log', 'log requests')
    .action(async (opts: { port?: string; host?: string; token?: string; log?: boolean }, cmd: Command) => {
      if (opts.port !== undefined && !/^\d{1,5}$/.test(opts.port.trim())) {
        console.error(`annalist serve: --port must be a number from 0 to 65535 (0 picks a free one), not "${opts.port}"`);
        process.exitCode = 2;
        return;
      }
      let server;
      try {
        server = await startServer({
          db: dbPath(cmd),
          port: opts.port !== undefined ? Number(opts.port) : undefined,
          host: opts.host,
          token: opts.token,
          logger: opts.log ?? false,
        });
      } catch (err) {
        console.error(`annalist serve: ${err instanceof Error ? err.message : String(err)}`);
        process.exitCode = 2;
        return;
      }
      console.log(`Annalist is serving ${dbPath(cmd)} at ${server.url}`);
      const stop = () => void server.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
