// npm run dev [-- --port N]: watch openapi/, regenerate generated/ and the docs on each save,
// serve the docs with live reload. See src/watch/dev.ts.
import { startDevMode } from '../src/watch/dev.js';

// One warm process: Spectral and openapi-typescript stay loaded in this thread. Workers (used by
// the compiled one-shot scripts) would load them again for every job.
process.env.POSTPRESS_THREADS = 'off';

const portArg = process.argv.find((a) => a.startsWith('--port='))?.slice('--port='.length) ?? (process.argv.includes('--port') ? process.argv[process.argv.indexOf('--port') + 1] : undefined);
const port = portArg === undefined ? 4000 : Number(portArg);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`dev: --port must be 0..65535, got ${portArg}`);
  process.exit(2);
}

const dev = await startDevMode({ port });
const stop = async () => {
  await dev.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
