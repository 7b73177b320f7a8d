// Broken specs `npm run generate` must stop on, each with the file:line and rule it must name, and
// the check that it left generated/ and dist/ untouched. generate.test.ts runs two of them in
// `npm test`; generate-broken.pack.ts runs all (npm run test:package: each spawns ~4 s of tsx).
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { copyProject } from './project-copy.js';

export interface BrokenCase {
  name: string;
  file: string;
  change: (text: string) => string;
  /** What stderr must say: the file:line of the fault and the rule. */
  expected: RegExp;
}

export const BROKEN: BrokenCase[] = [
  {
    name: 'a YAML syntax error',
    file: 'openapi/components/schemas/InvitationSent.yaml',
    change: (t) => t.replace('  id:\n    type: string', '  id:\n    type: "string'),
    expected: /openapi\/components\/schemas\/InvitationSent\.yaml:\d+:\d+ error yaml\//,
  },
  {
    name: 'a dangling $ref',
    file: 'openapi/paths/users_invite_sent.yaml',
    change: (t) => t.replace('../components/parameters/Limit.yaml', '../components/parameters/Limits.yaml'),
    expected: /openapi\/paths\/users_invite_sent\.yaml:\d+:\d+ error redocly\/no-unresolved-refs/,
  },
  {
    name: 'an example that violates its schema',
    file: 'openapi/components/examples/InvitationListPage.yaml',
    change: (t) => t.replace('cursor: eyJvIjoxMDB9', 'cursor: 42'),
    expected: /openapi\/components\/examples\/InvitationListPage\.yaml:\d+:\d+ error redocly\/no-invalid-media-type-examples/,
  },
  {
    name: 'a house-rule finding (operationId not verb-first)',
    file: 'openapi/paths/users_invite_sent.yaml',
    change: (t) => t.replace('operationId: listSentInvitations', 'operationId: sentInvitations'),
    expected: /openapi\/paths\/users_invite_sent\.yaml:2:\d+ error spectral\/postpress-operation-id-verb-first/,
  },
  {
    name: 'an operation missing a shared error response',
    file: 'openapi/paths/users_invite_sent.yaml',
    change: (t) => t.replace("    '503':\n      $ref: ../components/responses/ServiceUnavailable.yaml\n", ''),
    expected: /openapi\/paths\/users_invite_sent\.yaml:\d+:\d+ error spectral\/postpress-operation-shared-errors Missing the shared 503 response/,
  },
  {
    name: 'an error status whose body does not pin `status`',
    file: 'openapi/components/schemas/ForbiddenError.yaml',
    change: (t) => t.replace('    const: 403\n', ''),
    expected: /error spectral\/postpress-error-envelope 403: `status` must have `const: 403`/,
  },
  {
    name: 'a path written inline instead of a $ref to paths/',
    file: 'openapi/openapi.yaml',
    change: (t) => t.replace('    $ref: paths/users_invite_sent.yaml', '    get:\n      $ref: paths/users_invite_sent.yaml#/get'),
    expected: /openapi\/openapi\.yaml:\d+:\d+ error spectral\/postpress-paths-are-refs/,
  },
  {
    name: 'a schema property without a description',
    file: 'openapi/components/schemas/Inviter.yaml',
    change: (t) => t.replace('    description: Display name of the inviter.\n', ''),
    expected: /openapi\/components\/schemas\/Inviter\.yaml:\d+:\d+ error spectral\/postpress-property-description/,
  },
  {
    name: 'a stale lint waiver',
    file: '.spectral-ignore.yaml',
    change: (t) => `${t}- rule: owasp:api4:2023-string-limit\n  at: 'openapi/components/schemas/Nope.yaml#'\n  reason: a waiver that matches nothing at all\n`,
    // At the line of the waiver itself.
    expected: new RegExp(`\\.spectral-ignore\\.yaml:${readFileSync('.spectral-ignore.yaml', 'utf8').split('\n').length}:1 error spectral/stale-waiver`),
  },
];


/** Breaks a fresh project copy as the case says and runs the real `scripts/generate.ts` on it. */
export async function expectGenerateStops({ file, change, expected }: BrokenCase): Promise<void> {
  const copy = await copyProject();
  try {
    await copy.edit(file, change);
    const before = await copy.outputsDigest();
    const result = await copy.runScript('scripts/generate.ts');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(expected);
    expect(result.stderr).toContain('generated/ and dist/ were left as they were');
    expect(await copy.outputsDigest()).toBe(before);
  } finally {
    await copy.remove();
  }
}
