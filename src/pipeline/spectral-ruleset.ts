// The Spectral ruleset as one CommonJS source, as `spectral lint` makes it on every run (migrate
// the YAML to JS, bundle it with rollup), and evaluated. Migrating and bundling cost more than the lint itself,
// so the source is cached on disk, keyed on .spectral.yaml, everything under lint/ and the
// installed @stoplight/* versions; a miss rebuilds it. rollup and the migrator load only then.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { builtins } from '@stoplight/spectral-ruleset-bundler/plugins/builtins';
import { CACHE_DIR, PROJECT_ROOT, SPECTRAL_RULESET } from './paths.js';

const BUILTINS = Symbol.for('@stoplight-spectral/builtins');
const PLACEHOLDER = '__postpress_builtins__';
/** Where `spectral lint` puts the migrated ruleset; the bundle resolves its imports from here. */
const ENTRY = path.join(path.dirname(SPECTRAL_RULESET), '.spectral.js');

/** `builtins()` registers Spectral's own modules under a random id the bundled source refers to. */
function registerBuiltins(): { plugin: ReturnType<typeof builtins>; id: string | undefined } {
  const registry = () => ((globalThis as Record<symbol, Record<string, unknown> | undefined>)[BUILTINS] ?? {});
  const before = new Set(Object.keys(registry()));
  const plugin = builtins();
  return { plugin, id: Object.keys(registry()).find((k) => !before.has(k)) };
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fsp.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)).sort();
}

export async function rulesetCacheKey(): Promise<string> {
  const hash = createHash('sha256');
  const add = (name: string, content: string | Buffer) => hash.update(name).update('\0').update(content).update('\0');
  // Names relative to the project: copies of the project share node_modules, and so this cache.
  add(path.relative(PROJECT_ROOT, SPECTRAL_RULESET), await fsp.readFile(SPECTRAL_RULESET));
  for (const file of await filesUnder(path.join(PROJECT_ROOT, 'lint'))) add(path.relative(PROJECT_ROOT, file), await fsp.readFile(file));
  const stoplight = path.join(PROJECT_ROOT, 'node_modules', '@stoplight');
  for (const pkg of (await fsp.readdir(stoplight).catch(() => [] as string[])).sort()) {
    const manifest = await fsp.readFile(path.join(stoplight, pkg, 'package.json'), 'utf8').catch(() => '{}');
    add(pkg, String((JSON.parse(manifest) as { version?: string }).version));
  }
  return hash.digest('hex').slice(0, 32);
}

async function bundleFresh(builtinsPlugin: ReturnType<typeof builtins>): Promise<string> {
  const [{ migrateRuleset }, { bundleRuleset }, { node }, { commonjs }, { stdin }, runtime] = await Promise.all([
    import('@stoplight/spectral-ruleset-migrator'),
    import('@stoplight/spectral-ruleset-bundler'),
    import('@stoplight/spectral-ruleset-bundler/presets/node'),
    import('@stoplight/spectral-ruleset-bundler/plugins/commonjs'),
    import('@stoplight/spectral-ruleset-bundler/plugins/stdin'),
    import('@stoplight/spectral-runtime'),
  ]);
  const migrated = await migrateRuleset(SPECTRAL_RULESET, { format: 'esm', fs });
  return bundleRuleset(ENTRY, {
    target: 'node',
    format: 'commonjs',
    // CommonJS rulesets such as the OWASP one need the commonjs plugin.
    plugins: [stdin(migrated, ENTRY), builtinsPlugin, commonjs(), ...node({ fs, fetch: (runtime.default ?? runtime).fetch })],
  });
}

/** Rulesets of inputs that have not been seen for a week. */
async function pruneStale(keep: string): Promise<void> {
  const weekAgo = Date.now() - 7 * 24 * 3600 * 1000;
  for (const name of await fsp.readdir(CACHE_DIR)) {
    const file = path.join(CACHE_DIR, name);
    if (!name.startsWith('spectral-ruleset-') || file === keep) continue;
    const stat = await fsp.stat(file).catch(() => undefined);
    if (stat && stat.atimeMs < weekAgo && stat.mtimeMs < weekAgo) await fsp.rm(file, { force: true });
  }
}

/** The bundled ruleset source, ready to evaluate; `cached` says whether the disk cache served it. */
export async function spectralRulesetSource(): Promise<{ source: string; cached: boolean }> {
  const { plugin, id } = registerBuiltins();
  const file = path.join(CACHE_DIR, `spectral-ruleset-${await rulesetCacheKey()}.cjs`);
  const hit = id ? await fsp.readFile(file, 'utf8').catch(() => undefined) : undefined;
  if (hit !== undefined) return { source: hit.split(`['${PLACEHOLDER}']`).join(`['${id}']`), cached: true };
  const source = await bundleFresh(plugin);
  if (id) {
    const temp = `${file}.${process.pid}.tmp`;
    try {
      await fsp.mkdir(CACHE_DIR, { recursive: true });
      await fsp.writeFile(temp, source.split(`['${id}']`).join(`['${PLACEHOLDER}']`));
      await fsp.rename(temp, file);
      await pruneStale(file);
    } catch {
      await fsp.rm(temp, { force: true }); // A cache that cannot be written only costs time.
    }
  }
  return { source, cached: false };
}

/** The ruleset definition (what a `.spectral.js` exports), evaluated from the bundled source. */
export async function loadSpectralRulesetDefinition(): Promise<unknown> {
  const { source } = await spectralRulesetSource();
  const module: { exports?: unknown } = {};
  const req = createRequire(ENTRY);
  Function('module, require', source)(module, (id: string) => req(req.resolve(id, { paths: [PROJECT_ROOT] })));
  return module.exports;
}
