// The whole pipeline as functions: validate the spec, then produce every output in memory.
// Nothing here writes; scripts/generate.ts writes what `produceOutputs` returns.
import path from 'node:path';
import { stringify } from 'yaml';
import { DOCS_DIR, GENERATED_DIR, SPEC_ROOT, relativeToProject } from './paths.js';
import { PipelineError, sortProblems, type Problem } from './problems.js';
import { bundleWithRedocly, lintWithRedocly, sharedResolver, type Bundle } from './redocly.js';
import type { BaseResolver } from '@redocly/openapi-core';
import { lintWithSpectral } from './spectral-thread.js';
import { checkYamlSyntax, listSpecFiles } from './yaml-syntax.js';
import { generateTypes } from './typescript-types.js';
import { renderOperationModule } from './operation-table.js';
import { renderDocsPage } from './docs-page.js';
import type { OutputSet } from './outputs.js';
import { codeSamplesDirFor, injectCodeSamples } from '../site/code-samples.js';
import { SITE_DIR, readChangelog, renderSite } from '../site/site.js';

export type Progress = (step: string, ms: number) => void;

async function timed<T>(step: string, progress: Progress | undefined, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await run();
  progress?.(step, performance.now() - start);
  return result;
}

/** Every lint finding (YAML syntax first: when the YAML is broken, the other tools are not run). */
export async function lintSpec(progress?: Progress, root = SPEC_ROOT, resolver?: Promise<BaseResolver>): Promise<Problem[]> {
  // Spectral starts at once (on the other core when it has a worker); its findings are dropped
  // when the YAML is broken.
  const spectralLint = timed('spectral lint', progress, () => lintWithSpectral(root));
  spectralLint.catch(() => {});
  const files = await listSpecFiles(path.dirname(root));
  const syntax = await timed('yaml syntax', progress, () => checkYamlSyntax(files));
  if (syntax.length > 0) return sortProblems(syntax);
  const [redocly, spectral] = await Promise.all([timed('redocly lint', progress, async () => lintWithRedocly(root, await resolver)), spectralLint]);
  return sortProblems([...redocly, ...spectral]);
}

export interface Outputs {
  bundled: Record<string, unknown>;
  outputs: OutputSet;
}

/** One shape the pipeline cannot handle: where in the bundled document, which operation, why. */
export interface SpecShape {
  pointer: string;
  reason: string;
  operationId?: string;
}

/**
 * The shapes a SpecShapeError names (src/spec/model.ts throws it with `shapes`; a single
 * `{ pointer, reason, operationId }` is read too). Matched by name and fields, so that any
 * module may throw one without depending on the pipeline.
 */
export function specShapesOf(error: unknown): SpecShape[] | undefined {
  if (!(error instanceof Error) || error.name !== 'SpecShapeError') return undefined;
  const e = error as Error & { shapes?: unknown; pointer?: unknown; reason?: unknown; operationId?: unknown };
  const list = Array.isArray(e.shapes) ? e.shapes : [e];
  const shapes = list.filter((s): s is SpecShape => typeof s?.pointer === 'string' && typeof s?.reason === 'string');
  return shapes.length > 0 ? shapes : undefined;
}

/**
 * Any failure while producing outputs, as problems with a file and line: each shape of a
 * SpecShapeError at the source file and line its pointer was written at (through the bundle's
 * source map), naming the operation; anything else at the spec root, named by its step, without
 * a stack (POSTPRESS_DEBUG=1 keeps it).
 */
export function asPipelineError(error: unknown, step: string, root: string, bundle?: Bundle): PipelineError {
  if (error instanceof PipelineError) return error;
  const shapes = specShapesOf(error);
  if (shapes) {
    return new PipelineError(sortProblems(shapes.map((shape) => {
      let location: { file: string; line: number; column: number } | undefined;
      try {
        location = bundle?.sourceMap().locate(shape.pointer);
      } catch {
        // No source map (the bundle failed): the spec root still names the spec.
      }
      return {
        tool: 'pipeline' as const,
        rule: 'spec-shape',
        severity: 'error' as const,
        message: `${shape.operationId ? `${shape.operationId}: ` : ''}${shape.reason}`,
        file: relativeToProject(location?.file ?? root),
        line: location?.line ?? 1,
        column: location?.column ?? 1,
        pointer: shape.pointer,
      };
    })));
  }
  const message = error instanceof Error ? (process.env.POSTPRESS_DEBUG ? error.stack ?? error.message : error.message.split('\n')[0]!) : String(error);
  return new PipelineError([{ tool: 'pipeline', rule: 'internal-error', severity: 'error', message: `${step} failed: ${message}`, file: relativeToProject(root), line: 1, column: 1 }]);
}

/** Lints, bundles and renders everything; throws PipelineError (with file and line) on any finding. */
export async function produceOutputs(progress?: Progress, root = SPEC_ROOT): Promise<Outputs> {
  // Rendering runs alongside the lint (it fills this thread while Spectral lints on the other
  // core); its result, or its error, counts only once the lint has passed.
  // Redocly's lint and the bundle read and parse the files once, together.
  const resolver = sharedResolver();
  resolver.catch(() => {}); // awaited (and reported) by the lint and the bundle
  const linting = lintSpec(progress, root, resolver).catch((error: unknown) => {
    throw asPipelineError(error, 'lint', root);
  });
  const rendering = renderOutputs(progress, root, resolver);
  rendering.catch(() => {});
  const problems = await linting;
  if (problems.length > 0) throw new PipelineError(problems);
  return rendering;
}

/** The bundle every output is rendered from: its problems thrown, its code samples put in. */
export async function readyBundle(bundle: { document: Record<string, unknown>; problems: Problem[] }, root = SPEC_ROOT): Promise<Record<string, unknown>> {
  if (bundle.problems.length > 0) throw new PipelineError(sortProblems(bundle.problems));
  const { document, problems } = await injectCodeSamples(bundle.document, codeSamplesDirFor(root));
  if (problems.length > 0) throw new PipelineError(sortProblems(problems));
  return document;
}

/** generated/openapi.yaml and generated/openapi.json (the site publishes the same two texts). */
function renderSpecFiles(bundled: Record<string, unknown>): { yaml: string; json: string } {
  return {
    yaml: `# Generated by \`npm run generate\` from openapi/. Do not edit.\n${stringify(bundled, { lineWidth: 0, aliasDuplicateObjects: false })}`,
    json: `${JSON.stringify(bundled, null, 2)}\n`,
  };
}

/** generated/: the bundled spec, its types and its operation table. */
export async function renderGenerated(bundled: Record<string, unknown>, progress?: Progress, spec = renderSpecFiles(bundled)): Promise<Map<string, string>> {
  const [schemaTs, operationsTs] = await Promise.all([
    timed('types', progress, () => generateTypes(bundled)),
    timed('operation table', progress, async () => renderOperationModule(bundled)),
  ]);
  return new Map([
    ['openapi.yaml', spec.yaml],
    ['openapi.json', spec.json],
    ['schema.ts', schemaTs],
    ['operations.ts', operationsTs],
  ]);
}

async function renderOutputs(progress: Progress | undefined, root: string, resolver: Promise<BaseResolver>): Promise<Outputs> {
  let bundledSpec: Bundle | undefined;
  // Each step's failure becomes a problem with a file and line, named by the step.
  const step = async <T>(name: string, run: () => Promise<T>, time = true): Promise<T> => {
    try {
      return await (time ? timed(name, progress, run) : run());
    } catch (error) {
      throw asPipelineError(error, name, root, bundledSpec);
    }
  };
  bundledSpec = await step('bundle', async () => bundleWithRedocly(root, await resolver));
  const bundled = await step('code samples', () => readyBundle(bundledSpec!, root));
  const spec = renderSpecFiles(bundled);
  const [generated, docsHtml, site] = await Promise.all([
    step('types and operation table', () => renderGenerated(bundled, progress, spec), false),
    step('docs', () => renderDocsPage(bundled)),
    step('site', async () => renderSite({ bundled, specYaml: spec.yaml, specJson: spec.json, changelogMarkdown: await readChangelog() })),
  ]);
  const outputs: OutputSet = new Map([
    [GENERATED_DIR, generated],
    [DOCS_DIR, new Map([['index.html', docsHtml]])],
    [SITE_DIR, site],
  ]);
  return { bundled, outputs };
}
