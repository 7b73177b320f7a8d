// Reads the reference page (a copy of ../shared/seed/000_e1c574c94bd2a10a.txt) into the facts
// the spec must state, so the fidelity tests compare the spec with the page itself.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const REFERENCE_PAGE_COPY = path.join(here, 'fixtures/reference-page.txt');
export const REFERENCE_PAGE_SEED = path.resolve(here, '../../../shared/seed/000_e1c574c94bd2a10a.txt');

export const pageText = fs.readFileSync(REFERENCE_PAGE_COPY, 'utf8');

function between(start: string, end: string): string {
  const from = pageText.indexOf(start);
  const to = pageText.indexOf(end, from + start.length);
  if (from < 0 || to < 0) throw new Error(`reference page: cannot find "${start}" ... "${end}"`);
  return pageText.slice(from + start.length, to);
}

export const exampleRequest = between('Example request\n', 'Example response').trim();
export const exampleResponse: unknown = JSON.parse(between('Example response\n', 'Errors\n'));

export interface PageErrorStatus {
  status: number;
  count: number;
  summary: string;
  types: Array<{ type: string; description: string }>;
}

/** Each error status with its summary line and its `errors/NAME- description` entries. */
export const errorStatuses: PageErrorStatus[] = (() => {
  const section = pageText.slice(pageText.indexOf('\n401 Unauthorized'));
  const heading = /^(\d{3}) [^\n]*?(\d+) types\n([^\n]*)\n([^\n]*)$/gm;
  const result: PageErrorStatus[] = [];
  for (const m of section.matchAll(heading)) {
    const types = [...m[4]!.matchAll(/(errors\/[a-z_]+)- (.*?)(?=errors\/[a-z_]+- |$)/g)].map((t) => ({ type: t[1]!, description: t[2]!.trim() }));
    result.push({ status: Number(m[1]), count: Number(m[2]), summary: m[3]!.trim(), types });
  }
  return result;
})();

export const heading = pageText.split('\n')[0]!.trim();
export const summaryLine = pageText.split('\n')[2]!.trim();
