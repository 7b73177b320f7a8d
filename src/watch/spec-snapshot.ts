// What the watch mode keeps between saves: each spec file's text, its YAML syntax findings, and
// Redocly's resolver with its parsed documents. A save re-reads every file (a few ms) but re-parses
// only the files whose text changed.
import fs from 'node:fs/promises';
import { SPEC_ROOT } from '../pipeline/paths.js';
import { sortProblems, type Problem } from '../pipeline/problems.js';
import { bundleWithRedocly, sharedResolver, type SharedResolver } from '../pipeline/redocly.js';
import { checkYamlSyntax, listSpecFiles } from '../pipeline/yaml-syntax.js';

export class SpecSnapshot {
  private texts = new Map<string, string>();
  private syntax = new Map<string, Problem[]>();
  private resolver: SharedResolver | undefined;

  /** Brings the snapshot up to date; returns the YAML syntax findings of the whole spec. */
  async refresh(): Promise<{ changed: string[]; problems: Problem[] }> {
    const files = await listSpecFiles();
    const texts = new Map(await Promise.all(files.map(async (f) => [f, await fs.readFile(f, 'utf8')] as const)));
    const changed = files.filter((f) => this.texts.get(f) !== texts.get(f));
    const removed = [...this.texts.keys()].filter((f) => !texts.has(f));
    await Promise.all(changed.map(async (f) => this.syntax.set(f, await checkYamlSyntax([f]))));
    for (const f of removed) this.syntax.delete(f);
    if (this.resolver) {
      // Keep only documents whose text is unchanged (anything else, e.g. a file outside openapi/, is re-read).
      for (const key of [...this.resolver.cache.keys()]) {
        if (!texts.has(key) || changed.includes(key)) this.resolver.cache.delete(key);
      }
    }
    this.texts = texts;
    return { changed: [...changed, ...removed], problems: sortProblems([...this.syntax.values()].flat()) };
  }

  /** `bundleWithRedocly`, from the cached documents. */
  async bundle(root = SPEC_ROOT): Promise<{ document: Record<string, unknown>; problems: Problem[] }> {
    this.resolver ??= await sharedResolver();
    const result = await bundleWithRedocly(root, this.resolver);
    // A failed resolve is cached too: start clean next time.
    if (result.problems.length > 0) this.resolver = undefined;
    return result;
  }
}
