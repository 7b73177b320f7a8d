// Writing outputs all-or-nothing: each output folder is staged beside the real one, then swapped
// in by rename, so a reader never sees a half-written folder and a failed run changes nothing.
import fs from 'node:fs/promises';
import path from 'node:path';

/** Folder (absolute) -> file path inside it -> content. */
export type OutputSet = Map<string, Map<string, string | Uint8Array>>;

async function sameContent(file: string, content: string | Uint8Array): Promise<boolean> {
  try {
    const existing = await fs.readFile(file);
    return Buffer.compare(existing, typeof content === 'string' ? Buffer.from(content) : Buffer.from(content)) === 0;
  } catch {
    return false;
  }
}

async function folderMatches(dir: string, files: Map<string, string | Uint8Array>): Promise<boolean> {
  let present: string[];
  try {
    present = (await fs.readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
  } catch {
    return false;
  }
  if (present.length !== files.size) return false;
  for (const [name, content] of files) {
    if (!(await sameContent(path.join(dir, name), content))) return false;
  }
  return true;
}

/** Replaces each folder with exactly the given files. Unchanged folders are left alone. */
export async function writeOutputs(outputs: OutputSet): Promise<{ changed: string[] }> {
  const changed: string[] = [];
  const staged: Array<{ dir: string; staging: string }> = [];
  try {
    for (const [dir, files] of outputs) {
      if (await folderMatches(dir, files)) continue;
      const staging = `${dir}.staging-${process.pid}`;
      await fs.rm(staging, { recursive: true, force: true });
      for (const [name, content] of files) {
        const target = path.join(staging, name);
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.writeFile(target, content);
      }
      staged.push({ dir, staging });
    }
  } catch (error) {
    await Promise.all(staged.map((s) => fs.rm(s.staging, { recursive: true, force: true })));
    throw error;
  }
  for (const { dir, staging } of staged) {
    const old = `${dir}.old-${process.pid}`;
    await fs.mkdir(path.dirname(dir), { recursive: true });
    await fs.rm(old, { recursive: true, force: true });
    await fs.rename(dir, old).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
    await fs.rename(staging, dir);
    await fs.rm(old, { recursive: true, force: true });
    changed.push(dir);
  }
  return { changed };
}

/** Differences between a folder on disk and the files it should hold. */
export async function diffOutputs(dir: string, files: Map<string, string | Uint8Array>): Promise<string[]> {
  const differences: string[] = [];
  let present: string[] = [];
  try {
    present = (await fs.readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
  } catch {
    // Missing folder: every expected file is missing.
  }
  for (const name of [...files.keys()].sort()) {
    if (!present.includes(name)) differences.push(`${name}: missing`);
    else if (!(await sameContent(path.join(dir, name), files.get(name)!))) differences.push(`${name}: differs from what the spec produces`);
  }
  for (const name of present.sort()) if (!files.has(name)) differences.push(`${name}: not produced by the spec (stale)`);
  return differences;
}
