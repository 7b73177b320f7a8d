// `npm run dev`: one process that watches openapi/, regenerates on each save and serves the docs
// with live reload. Modules load once; the Redocly config and the Spectral ruleset stay warm.
import fs from 'node:fs';
import path from 'node:path';
import { watch as watchFiles } from 'chokidar';
import { DOCS_DIR, PROJECT_ROOT, SPEC_DIR, relativeToProject } from '../pipeline/paths.js';
import { SITE_DIR } from '../site/site.js';
import { startDocsServer, type DocsServer } from './docs-server.js';
import { Regenerator, describeFailure, type RunOutcome } from './regenerate.js';

/** Editors save in several writes (truncate, write, rename): wait until this long without one. */
export const DEBOUNCE_MS = 15;

/**
 * chokidar drops a file's further change events for 50 ms after it reports one (no trailing
 * event), so the last of quick saves, or the write after a truncation, can go unreported. This
 * long after the last event, the files are compared with what the last run started from.
 */
export const TRAILING_CHECK_MS = 80;

/** Size and modification time of every watched file: what a run starts from. */
async function fingerprint(dir: string, extra: string): Promise<string> {
  const entries = await fs.promises.readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  const files = [...entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)), extra].sort();
  const stats = await Promise.all(files.map((f) => fs.promises.stat(f, { bigint: true }).then((st) => `${st.size}:${st.mtimeNs}`, () => 'absent')));
  return files.map((f, i) => `${f}=${stats[i]}`).join('\n');
}

export interface DevOptions {
  port?: number;
  log?: (line: string) => void;
}

export interface DevMode {
  server: DocsServer;
  /** Resolves once the current and any queued regeneration are done. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export async function startDevMode(options: DevOptions = {}): Promise<DevMode> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const regenerator = new Regenerator(log);

  // The port first: a busy one fails at once (CannotListenError), before seconds of building.
  const server = await startDocsServer([SITE_DIR, DOCS_DIR], { port: options.port });
  const changelog = path.join(PROJECT_ROOT, 'CHANGELOG.md');
  let startedFrom = await fingerprint(SPEC_DIR, changelog);
  let first: Awaited<ReturnType<Regenerator['start']>>;
  try {
    first = await regenerator.start();
  } catch (error) {
    await server.close();
    throw error;
  }
  if (first.ok === true) log(`dev: outputs ready in ${first.totalMs.toFixed(0)} ms${first.changed.length ? ` (wrote ${first.changed.map(relativeToProject).join(', ')})` : ''}`);
  else if (first.ok === false) for (const line of describeFailure(first)) log(line);

  log(`dev: serving ${server.url} (${fs.existsSync(SITE_DIR) ? relativeToProject(SITE_DIR) : relativeToProject(DOCS_DIR)}), reloads on change`);

  const inFlight = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let trailing: NodeJS.Timeout | undefined;

  const report = (outcome: RunOutcome) => {
    if (outcome.ok === true) {
      log(`ok       ${outcome.totalMs.toFixed(0).padStart(5)} ms  all outputs${outcome.changed.length ? `, wrote ${outcome.changed.map(relativeToProject).join(', ')}` : ', nothing changed'}`);
      server.reload({ changed: outcome.changed.map(relativeToProject) });
    } else if (outcome.ok === 'superseded') {
      log('newer save: this one stops after its types');
    } else {
      for (const line of describeFailure(outcome)) log(line);
    }
  };

  const track = (work: Promise<void>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  // Each save starts its run at once: its fast pass does not wait for an earlier full pass. The
  // files are fingerprinted first, so a write the run may not have read shows in the next check.
  const launch = async (savedAt: number) => {
    const from = await fingerprint(SPEC_DIR, changelog);
    startedFrom = from;
    const run: Promise<void> = regenerator
      .run(savedAt)
      .then(async (outcome) => {
        // A save still being written when the run read it (truncate, then write) is unfinished, not
        // broken: run again for the files as they are now, unless a newer run already does.
        if (outcome.ok === false && (await fingerprint(SPEC_DIR, changelog)) !== from) {
          if (startedFrom === from) track(launch(performance.now()));
          return;
        }
        report(outcome);
      }, (error: unknown) => log(`dev: regeneration failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`))
      .finally(() => inFlight.delete(run));
    inFlight.add(run);
  };

  let burstStart = 0;
  const onChange = () => {
    // A run starts once the files have been quiet for DEBOUNCE_MS; the clock starts at the first
    // event of the burst, so latency figures include the wait.
    if (timer === undefined) burstStart = performance.now();
    else clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      track(launch(burstStart));
    }, DEBOUNCE_MS);
    clearTimeout(trailing);
    trailing = setTimeout(() => {
      trailing = undefined;
      checkUnreported();
    }, TRAILING_CHECK_MS);
  };
  // A change no event reported: run for it as for a save seen now.
  const checkUnreported = () => {
    const check = async () => {
      if (timer === undefined && (await fingerprint(SPEC_DIR, changelog)) !== startedFrom) await launch(performance.now());
    };
    track(check().catch((error: unknown) => log(`dev: cannot read the spec files: ${error instanceof Error ? error.message : String(error)}`)));
  };

  // chokidar, not fs.watch: a save by rename (sed -i, vim, JetBrains safe-write) replaces the
  // file's inode, after which a recursive fs.watch on Linux no longer reports that file.
  // The site renders the changelog too. (Lint and build configs are read once: restart for those.)
  const watcher = watchFiles([SPEC_DIR, changelog], { ignoreInitial: true, atomic: true });
  watcher.on('all', onChange);
  watcher.on('error', (error) => log(`dev: watcher error: ${error instanceof Error ? error.message : String(error)}`));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  checkUnreported(); // a save made while the first run or the watcher was starting
  log(`dev: watching ${relativeToProject(SPEC_DIR)}/ and CHANGELOG.md (Ctrl-C to stop)`);

  return {
    server,
    async idle() {
      while (timer !== undefined || trailing !== undefined || inFlight.size > 0) {
        await (inFlight.size > 0 ? Promise.all(inFlight) : new Promise((r) => setTimeout(r, DEBOUNCE_MS)));
      }
    },
    async close() {
      await watcher.close();
      clearTimeout(timer);
      clearTimeout(trailing);
      await Promise.all(inFlight);
      await server.close();
    },
  };
}

