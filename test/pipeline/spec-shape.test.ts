// A spec shape the pipeline cannot handle, or any failure while rendering, stops generate with
// file:line, the operation and the reason, and no stack trace; every output is left untouched.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPipelineError, specShapesOf } from '../../src/pipeline/pipeline.js';
import { bundleWithRedocly, type Bundle } from '../../src/pipeline/redocly.js';
import { SPEC_DIR, SPEC_ROOT } from '../../src/pipeline/paths.js';
import { formatProblem } from '../../src/pipeline/problems.js';
import { copyProject } from './project-copy.js';

/** A SpecShapeError as src/spec/model.ts throws it: matched by name and fields. */
function shapeError(shapes: Array<{ operationId?: string; pointer: string; reason: string }>): Error {
  return Object.assign(new Error('unsupported'), { name: 'SpecShapeError', shapes });
}

async function lineOf(file: string, text: string): Promise<number> {
  return (await fs.readFile(file, 'utf8')).split('\n').findIndex((l) => l.includes(text)) + 1;
}

describe('turning a failure into problems', () => {
  let bundle: Bundle;
  beforeAll(async () => {
    bundle = await bundleWithRedocly(SPEC_ROOT);
  });

  it('places each shape at the file and line its pointer was written at, naming the operation', async () => {
    const error = shapeError([
      { operationId: 'listSentInvitations', pointer: '#/paths/~1users~1invite~1sent/get/x-pagination', reason: 'x-pagination.cursorParam `page` is not a query parameter of the operation' },
      { operationId: 'listSentInvitations', pointer: '#/components/schemas/Inviter/properties/inviter_id', reason: 'a second shape' },
    ]);
    const problems = asPipelineError(error, 'types and operation table', SPEC_ROOT, bundle).problems;
    const pathsFile = path.join(SPEC_DIR, 'paths/users_invite_sent.yaml');
    expect(problems.map(formatProblem)).toEqual([
      `openapi/components/schemas/Inviter.yaml:${(await lineOf(path.join(SPEC_DIR, 'components/schemas/Inviter.yaml'), '  inviter_id:')) + 1}:5 error pipeline/spec-shape listSentInvitations: a second shape (at #/components/schemas/Inviter/properties/inviter_id)`,
      `openapi/paths/users_invite_sent.yaml:${(await lineOf(pathsFile, 'x-pagination:')) + 1}:5 error pipeline/spec-shape listSentInvitations: x-pagination.cursorParam \`page\` is not a query parameter of the operation (at #/paths/~1users~1invite~1sent/get/x-pagination)`,
    ]);
  });

  it('reads a single-shape error and ignores errors of other names', () => {
    const single = Object.assign(new Error('x'), { name: 'SpecShapeError', pointer: '#/info', reason: 'why' });
    expect(specShapesOf(single)).toEqual([single]);
    expect(specShapesOf(new Error('Status 404 has different error bodies'))).toBeUndefined();
    expect(specShapesOf(shapeError([]))).toBeUndefined();
  });

  it('any other failure names its step and the spec root, without a stack', () => {
    const error = new Error('Status 404 has different error bodies in different operations\n    at buildErrorCatalog (operation-table.ts:1:1)');
    const [problem] = asPipelineError(error, 'types and operation table', SPEC_ROOT, bundle).problems;
    expect(formatProblem(problem!)).toBe('openapi/openapi.yaml:1:1 error pipeline/internal-error types and operation table failed: Status 404 has different error bodies in different operations');
  });
});

// The real script in a child process, on a temp copy of the project.
describe('npm run generate on a shape the operation model refuses', { timeout: 180_000 }, () => {
  let copy: Awaited<ReturnType<typeof copyProject>>;
  afterAll(() => copy?.remove());

  it('exits 1 with file:line, the operation and the reason, no stack trace, every output untouched', async () => {
    copy = await copyProject();
    // Lint passes (x- extensions are not linted); the operation model refuses a cursor parameter
    // the operation does not have.
    await copy.edit('openapi/paths/users_invite_sent.yaml', (t) => t.replace('    cursorParam: cursor\n', '    cursorParam: page_token\n'));
    const before = await copy.outputsDigest();
    const result = await copy.runScript('scripts/generate.ts');
    expect(result.code, result.stderr).toBe(1);
    const line = (await lineOf(path.join(SPEC_DIR, 'paths/users_invite_sent.yaml'), 'x-pagination:')) + 1;
    expect(result.stderr).toMatch(new RegExp(`openapi/paths/users_invite_sent\\.yaml:${line}:\\d+ error pipeline/spec-shape listSentInvitations: .*page_token`));
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr).toContain('generated/ and dist/ were left as they were');
    expect(await copy.outputsDigest()).toBe(before);
  });
});
