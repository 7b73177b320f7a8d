// Parses every YAML file of the spec first, so a syntax error names its file and line
// before any other tool sees it.
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { SPEC_DIR, relativeToProject } from './paths.js';
import type { Problem } from './problems.js';

export async function listSpecFiles(dir = SPEC_DIR): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

export async function checkYamlSyntax(files: string[]): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const file of files) {
    const text = await fs.readFile(file, 'utf8');
    const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
    for (const error of [...doc.errors, ...doc.warnings]) {
      const pos = error.linePos?.[0];
      problems.push({
        tool: 'yaml',
        rule: error.code,
        severity: 'error',
        message: error.message.split('\n')[0] ?? error.message,
        file: relativeToProject(file),
        line: pos?.line ?? 1,
        column: pos?.col ?? 1,
      });
    }
  }
  return problems;
}
