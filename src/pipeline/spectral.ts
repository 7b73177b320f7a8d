// Spectral lint, in-process. Waivers come from .spectral-ignore.yaml: one entry per finding,
// each with its reason. A waiver that matches no finding is itself reported, so none go stale.
import fsp from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import spectralCore from '@stoplight/spectral-core';
import spectralParsers from '@stoplight/spectral-parsers';
import { PROJECT_ROOT, SPECTRAL_IGNORE, SPECTRAL_RULESET, SPEC_ROOT, relativeToProject } from './paths.js';
import type { Problem } from './problems.js';
import { loadSpectralRulesetDefinition } from './spectral-ruleset.js';

const { Spectral, Document, Ruleset } = spectralCore;

export interface SpectralWaiver {
  rule: string;
  /** `file#/json/pointer`, the file relative to the project root. */
  at: string;
  reason: string;
}

type LoadedRuleset = InstanceType<typeof Ruleset>;
let rulesetPromise: Promise<LoadedRuleset> | undefined;

/** The ruleset is loaded once (migrated and bundled as `spectral lint` does, cached on disk);
 * each run gets a fresh Spectral, whose resolver caches files. */
async function loadSpectral(): Promise<InstanceType<typeof Spectral>> {
  rulesetPromise ??= loadSpectralRulesetDefinition().then(
    (definition) => new Ruleset(definition as ConstructorParameters<typeof Ruleset>[0], { severity: 'recommended', source: SPECTRAL_RULESET }),
  );
  const spectral = new Spectral();
  spectral.setRuleset(await rulesetPromise);
  return spectral;
}

export async function loadSpectralWaivers(file = SPECTRAL_IGNORE): Promise<SpectralWaiver[]> {
  const parsed: unknown = parse(await fsp.readFile(file, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${relativeToProject(file)}: expected a list of waivers`);
  return parsed.map((entry: Partial<SpectralWaiver>, i) => {
    if (typeof entry?.rule !== 'string' || typeof entry.at !== 'string' || typeof entry.reason !== 'string' || entry.reason.trim().length < 10) {
      throw new Error(`${relativeToProject(file)}: waiver ${i + 1} needs \`rule\`, \`at\` and a \`reason\` of at least 10 characters`);
    }
    return entry as SpectralWaiver;
  });
}

function pointerOf(segments: ReadonlyArray<string | number>): string {
  return '#' + segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

const SEVERITY: Record<number, Problem['severity']> = { 0: 'error', 1: 'warning', 2: 'warning', 3: 'warning' };

export async function lintWithSpectral(root = SPEC_ROOT): Promise<Problem[]> {
  const [spectral, waivers] = await Promise.all([loadSpectral(), loadSpectralWaivers()]);
  const text = await fsp.readFile(root, 'utf8');
  const results = await spectral.runWithResolved(new Document(text, spectralParsers.Yaml, root));
  const used = new Set<SpectralWaiver>();
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const r of results.results) {
    const file = relativeToProject(r.source ? path.resolve(r.source) : root);
    const pointer = pointerOf(r.path);
    const key = `${r.code}|${file}|${r.range.start.line}|${r.range.start.character}|${r.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const at = `${file}${pointer}`;
    const waiver = waivers.find((w) => w.rule === r.code && (w.at === at || w.at === `${file}#${r.range.start.line + 1}`));
    if (waiver) {
      used.add(waiver);
      continue;
    }
    problems.push({
      tool: 'spectral',
      rule: String(r.code),
      severity: SEVERITY[r.severity] ?? 'warning',
      message: r.message,
      file,
      line: r.range.start.line + 1,
      column: r.range.start.character + 1,
      pointer,
    });
  }
  for (const w of waivers) {
    if (!used.has(w)) {
      problems.push({
        tool: 'spectral',
        rule: 'stale-waiver',
        severity: 'error',
        message: `The waiver of ${w.rule} at ${w.at} matches no finding: remove it.`,
        file: relativeToProject(SPECTRAL_IGNORE),
        line: 1,
        column: 1,
      });
    }
  }
  return problems;
}

export { PROJECT_ROOT };
