// npm run dev [-- --port N]: watch openapi/, regenerate generated/ and the docs on each save,
// serve the docs with live reload. See src/watch/dev.ts.
import { parseCliArgs, parsePortOption, runCli, tolerateClosedOutput } from '../src/shared/cli.js';
import { startDevMode } from '../src/watch/dev.js';

// One warm process: Spectral and openapi-typescript stay loaded in this thread. Workers (used by
// the compiled one-shot scripts) would load them again for every job.
process.env.POSTPRESS_THREADS = 'off';

const USAGE = `usage: npm run dev -- [--port N]
  --port N  port of the docs preview on 127.0.0.1 (default 4000; 0 picks a free one)`;

await runCli(
  'dev',
  async () => {
    const { values } = parseCliArgs(process.argv.slice(2), { port: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
    if (values['help']) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const port = parsePortOption(values['port'] as string | undefined, 4000);
    tolerateClosedOutput(process.stdout);
    const dev = await startDevMode({ port });
    const stop = async () => {
      await dev.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  USAGE,
);
