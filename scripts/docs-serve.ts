// npm run docs:serve [-- --port 8080 --host 127.0.0.1 --dir dist/site --mock]: preview the built
// docs site; with --mock, the mock server too (CORS for the site), so the Try it console of every
// operation can call it offline. Either way the console's responses are judged by the contract
// kit's response checks (POST /__docs/check).
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MOCK_API_KEY, startMock, type RunningMock } from '../src/mock/index.js';
import { PROJECT_ROOT, relativeToProject } from '../src/pipeline/paths.js';
import { localServicesHandler } from '../src/site/local-services.js';
import { SITE_FILES } from '../src/site/layout.js';
import { SITE_DIR } from '../src/site/site.js';
import { startStaticServer } from '../src/site/static-server.js';
import { listenErrorMessage } from '../src/shared/cli.js';

const USAGE = `usage: npm run docs:serve -- [--port N] [--host ADDRESS] [--dir FOLDER] [--mock] [--mock-port N] [--quiet]
  --port       port to listen on (default 4173; 0 picks a free one)
  --host       address to bind (default 127.0.0.1, this machine only)
  --dir        folder to serve (default dist/site, written by \`npm run build\`)
  --mock       also run the mock server (the bundled spec, CORS for the site); the Try it
               console offers it first
  --mock-port  port of the mock (default 0: a free one)
  --quiet      do not log each request`;

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
      mock: { type: 'boolean', default: false },
      'mock-port': { type: 'string', default: '0' },
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
const mockPort = Number(values['mock-port']);
if (!/^\d+$/.test(values['mock-port']) || mockPort > 65535) fail(`--mock-port must be an integer from 0 to 65535, got "${values['mock-port']}"`);
const dir = path.resolve(PROJECT_ROOT, values.dir);

try {
  const log = values.quiet ? undefined : (line: string) => console.log(`  ${new Date().toISOString().slice(11, 19)} ${line}`);
  const specText = await fs.readFile(path.join(dir, SITE_FILES.specJson), 'utf8').catch(() => undefined);
  const services = { document: specText ? JSON.parse(specText) : {}, mockUrl: null as string | null };
  const server = await startStaticServer(dir, { port, host: values.host, log, hook: specText ? localServicesHandler(services) : undefined });
  let mock: RunningMock | undefined;
  if (values.mock) {
    try {
      mock = await startMock({ host: values.host, port: mockPort, cors: server.url.replace(/\/$/, ''), onReply: log && ((r) => log(`mock ${r.method} ${r.target} ${r.status}`)) });
    } catch (error) {
      await server.close();
      throw error;
    }
    services.mockUrl = mock.url;
  }
  const shown = dir.startsWith(PROJECT_ROOT + path.sep) ? relativeToProject(dir) : dir;
  console.log(`docs:serve: serving ${shown} at ${server.url}`);
  console.log(`  reference  ${server.url}`);
  console.log(`  changelog  ${server.url}changelog.html`);
  console.log(`  spec       ${server.url}openapi.yaml, ${server.url}openapi.json`);
  if (mock) console.log(`  mock       ${mock.url} (API key ${MOCK_API_KEY}; CORS for ${server.url.replace(/\/$/, '')})`);
  console.log('press Ctrl+C to stop');
  const stop = async () => {
    await Promise.all([server.close(), mock?.close()]);
    console.log('docs:serve: stopped');
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  const e = error as NodeJS.ErrnoException;
  const cannotListen = listenErrorMessage(error, values.host!, port);
  if (cannotListen) fail(cannotListen);
  console.error(`docs:serve: ${e.message}`);
  process.exit(1);
}
