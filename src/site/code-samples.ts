// Code samples live as real files, one per language and operation:
//   openapi/code_samples/<language>/<operationId>.<ext>
// The pipeline injects them into the bundle's `x-codeSamples`, so the published spec, the docs
// and the type-checked files are one and the same text. The YAML under openapi/ holds none.
import fs from 'node:fs/promises';
import path from 'node:path';
import { SPEC_DIR, relativeToProject } from '../pipeline/paths.js';
import type { Problem } from '../pipeline/problems.js';

export const CODE_SAMPLES_DIR = path.join(SPEC_DIR, 'code_samples');

/** The code_samples folder beside a spec's root file. */
export function codeSamplesDirFor(root: string): string {
  return path.join(path.dirname(root), 'code_samples');
}

/** Languages in the order the docs show them; every operation needs one sample of each. */
export const SAMPLE_LANGUAGES = [
  { folder: 'curl', extension: '.sh', lang: 'curl', label: 'curl' },
  { folder: 'typescript', extension: '.ts', lang: 'TypeScript', label: 'TypeScript' },
] as const;

export interface CodeSample {
  lang: string;
  label: string;
  source: string;
}

/** operationId -> its samples (in SAMPLE_LANGUAGES order), plus files that fit no language. */
export async function loadCodeSamples(dir = CODE_SAMPLES_DIR): Promise<{ samples: Map<string, Map<string, CodeSample & { file: string }>>; strays: string[] }> {
  const samples = new Map<string, Map<string, CodeSample & { file: string }>>();
  const strays: string[] = [];
  let entries: string[] = [];
  try {
    entries = (await fs.readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  for (const file of entries) {
    const relative = path.relative(dir, file).split(path.sep);
    const language = SAMPLE_LANGUAGES.find((l) => relative.length === 2 && relative[0] === l.folder && relative[1]!.endsWith(l.extension));
    if (!language) {
      strays.push(file);
      continue;
    }
    const operationId = path.basename(relative[1]!, language.extension);
    const source = (await fs.readFile(file, 'utf8')).replace(/\s+$/, '') + '\n';
    const byLanguage = samples.get(operationId) ?? new Map();
    byLanguage.set(language.lang, { lang: language.lang, label: language.label, source, file });
    samples.set(operationId, byLanguage);
  }
  return { samples, strays };
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

function problem(file: string, message: string, rule: string): Problem {
  return { tool: 'pipeline', rule, severity: 'error', message, file, line: 1, column: 1 };
}

/**
 * A spec tree without a code_samples folder is left as it is (its YAML may carry samples).
 * Otherwise: a copy of the bundled document with each operation's `x-codeSamples` taken from the files.
 * Problems: an operation without a sample in every language, a sample for no operation, a file
 * that fits no language, or `x-codeSamples` written in the YAML (a second place for a sample).
 */
export async function injectCodeSamples(bundled: Record<string, any>, dir = CODE_SAMPLES_DIR): Promise<{ document: Record<string, any>; problems: Problem[] }> {
  const document = structuredClone(bundled);
  if (!(await fs.stat(dir).catch(() => undefined))?.isDirectory()) return { document, problems: [] };
  const { samples, strays } = await loadCodeSamples(dir);
  const problems: Problem[] = strays.map((file) =>
    problem(relativeToProject(file), `not a code sample: expected <${SAMPLE_LANGUAGES.map((l) => l.folder).join('|')}>/<operationId>.<${SAMPLE_LANGUAGES.map((l) => l.extension.slice(1)).join('|')}>`, 'code-sample-path'),
  );
  const used = new Set<string>();
  for (const [route, pathItem] of Object.entries<Record<string, any>>(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = pathItem?.[method];
      if (!operation) continue;
      const where = `${method.toUpperCase()} ${route}`;
      if (operation['x-codeSamples'] !== undefined) {
        problems.push(problem(relativeToProject(SPEC_DIR), `${where}: x-codeSamples is written in the YAML; move each sample to ${relativeToProject(dir)}/<language>/${operation.operationId ?? '<operationId>'}.<ext>`, 'code-sample-in-yaml'));
        continue;
      }
      const id: string | undefined = operation.operationId;
      const found = id ? samples.get(id) : undefined;
      if (id) used.add(id);
      const list: CodeSample[] = [];
      for (const language of SAMPLE_LANGUAGES) {
        const sample = found?.get(language.lang);
        if (!sample) {
          problems.push(problem(`${relativeToProject(dir)}/${language.folder}/${id ?? '<operationId>'}${language.extension}`, `${where}: missing its ${language.label} code sample`, 'code-sample-missing'));
          continue;
        }
        list.push({ lang: sample.lang, label: sample.label, source: sample.source });
      }
      operation['x-codeSamples'] = list;
    }
  }
  for (const [id, byLanguage] of samples) {
    if (used.has(id)) continue;
    for (const sample of byLanguage.values()) problems.push(problem(relativeToProject(sample.file), `no operation has operationId "${id}"`, 'code-sample-orphan'));
  }
  return { document, problems };
}
