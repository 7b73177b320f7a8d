// npm run docs:serve [-- --port 8080 --host 127.0.0.1 --dir dist/site]: preview the built docs site.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT, relativeToProject } from '../src/pipeline/paths.js';
import { SITE_DIR } from '../src/site/site.js';
import { startStaticServer } from '../src/site/static-server.js';

const USAGE = `usage: npm run docs:serve -- [--port N] [--host ADDRESS] [--dir FOLDER] [--quiet]
  --port   port to listen on (default 4173; 0 picks a free one)
  --host   address to bind (default 127.0.0.1, this machine only)
  --dir    folder to serve (default dist/site, written by \`npm run build\`)
  --quiet  do not log each request`;

function fail(message: string): never {
  console.error(`docs:serve: ${message}\n${USAGE}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', short: 'p', default: '4173' },
      host: { type: 'string', default: '127.0.0.1' },
      dir: { type: 'string', default: SITE_DIR },
      quiet: { type: 'boolean', short: 'q', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const port = Number(values.port);
if (!/^\d+$/.test(values.port) || port > 65535) fail(`--port must be an integer from 0 to 65535, got "${values.port}"`);
const dir = path.resolve(PROJECT_ROOT, values.dir);

try {
  const server = await startStaticServer(dir, {
    port,
    host: values.host,
    log: values.quiet ? undefined : (line) => console.log(`  ${new Date().toISOString().slice(11, 19)} ${line}`),
  });
  const shown = dir.startsWith(PROJECT_ROOT + path.sep) ? relativeToProject(dir) : dir;
  console.log(`docs:serve: serving ${shown} at ${server.url}`);
  console.log(`  reference  ${server.url}`);
  console.log(`  changelog  ${server.url}changelog.html`);
  console.log(`  spec       ${server.url}openapi.yaml, ${server.url}openapi.json`);
  console.log('press Ctrl+C to stop');
  const stop = async () => {
    await server.close();
    console.log('docs:serve: stopped');
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'EADDRINUSE') fail(`port ${port} on ${values.host} is already in use; pick another with --port`);
  if (e.code === 'EADDRNOTAVAIL') fail(`cannot bind ${values.host} on this machine`);
  console.error(`docs:serve: ${e.message}`);
  process.exit(1);
}
