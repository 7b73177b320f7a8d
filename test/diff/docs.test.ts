// docs/spec-diff.md publishes the classifier's rules and the corpus's size: both must be current.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { rules, rulesTable } from '../../src/spec-diff/rules.js';
import { handWrittenPairs, pairs } from './corpus.js';
import { LOCATIONS, SCHEMA_EDITS } from './schema-edits.js';

const docs = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../docs/spec-diff.md'), 'utf8');

it('publishes the rule table of rules.ts (npm run diff -- --rules)', () => {
  const published = /<!-- rules:start -->\n([\s\S]*?)\n<!-- rules:end -->/.exec(docs)?.[1];
  expect(published, 'run `npm run diff -- --rules` and paste the table between the markers').toBe(rulesTable());
  expect(published!.split('\n')).toHaveLength(Object.keys(rules()).length + 2);
});

it('states the corpus size it has', () => {
  expect(docs).toContain(`(\`test/diff/corpus/pairs.yaml\`, ${handWrittenPairs.length})`);
  expect(docs).toContain(`${SCHEMA_EDITS.length} edits`);
  expect(docs).toContain(`× ${LOCATIONS.length} places`);
  expect(docs).toContain(`= ${SCHEMA_EDITS.length * LOCATIONS.length} pairs; ${pairs.length} pairs`);
  expect(docs).toContain(`for the ${Object.keys(rules()).length} rules`);
});
