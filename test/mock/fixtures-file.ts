// A fixtures file with `text`, as `mock-fixtures.yaml` in a fresh temporary folder.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export async function fixturesFile(text: string): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'mock-fixtures-')), 'mock-fixtures.yaml');
  await writeFile(file, text);
  return file;
}
