// The verdict of a diff (does it need a major bump, did it get one), its printout and its
// CHANGELOG.md entry.
import fs from 'node:fs/promises';
import path from 'node:path';
import { worstClass, type ChangeClass, type SpecChange } from './classify.js';

/** `1.2.3` -> 1; undefined when the version is not `MAJOR.MINOR.PATCH[...]`. */
export function majorOf(version: unknown): number | undefined {
  const match = typeof version === 'string' ? /^v?(\d+)\.(\d+)\.(\d+)(?:[-+].+)?$/.exec(version.trim()) : null;
  return match ? Number(match[1]) : undefined;
}

export interface Verdict {
  oldVersion: string | undefined;
  newVersion: string | undefined;
  breaking: SpecChange[];
  risky: SpecChange[];
  safe: SpecChange[];
  majorBump: boolean;
  /** Something breaks and the version does not say so. */
  fails: boolean;
}

export function verdict(changes: SpecChange[], oldVersion: unknown, newVersion: unknown): Verdict {
  const overall = (c: SpecChange) => worstClass(c.clients, c.implementations);
  const oldMajor = majorOf(oldVersion);
  const newMajor = majorOf(newVersion);
  // NaN (no MAJOR.MINOR.PATCH on either side) is never greater: no bump.
  const majorBump = Number(newMajor) > Number(oldMajor);
  const breaking = changes.filter((c) => overall(c) === 'breaking');
  return {
    oldVersion: typeof oldVersion === 'string' ? oldVersion : undefined,
    newVersion: typeof newVersion === 'string' ? newVersion : undefined,
    breaking,
    risky: changes.filter((c) => overall(c) === 'risky'),
    safe: changes.filter((c) => overall(c) === 'safe'),
    majorBump,
    fails: breaking.length > 0 && !majorBump,
  };
}

export function formatChange(c: SpecChange): string {
  const overall = worstClass(c.clients, c.implementations);
  const label: Record<ChangeClass, string> = { breaking: 'BREAKING', risky: 'risky', safe: 'safe' };
  return `${label[overall].padEnd(8)} clients: ${c.clients.padEnd(8)} implementations: ${c.implementations.padEnd(8)} ${c.pointer}\n         ${c.message} (${c.where})`;
}

export function formatReport(changes: SpecChange[], v: Verdict, oldSource: string, newSource: string): string {
  const lines = [`spec diff ${oldSource} (${v.oldVersion ?? 'no version'}) -> ${newSource} (${v.newVersion ?? 'no version'})`];
  for (const c of [...v.breaking, ...v.risky, ...v.safe]) lines.push(formatChange(c));
  lines.push(`${changes.length} change${changes.length === 1 ? '' : 's'}: ${v.breaking.length} breaking, ${v.risky.length} risky, ${v.safe.length} safe`);
  if (v.breaking.length === 0) lines.push('no breaking change');
  else if (v.majorBump) lines.push(`breaking changes announced by the major version bump ${v.oldVersion} -> ${v.newVersion}`);
  else if (majorOf(v.newVersion) === undefined) lines.push(`FAIL: breaking changes, and info.version ${JSON.stringify(v.newVersion ?? null)} is not MAJOR.MINOR.PATCH`);
  else lines.push(`FAIL: breaking changes without a major bump of info.version (${v.oldVersion} -> ${v.newVersion}); bump it to ${(majorOf(v.oldVersion) ?? 0) + 1}.0.0 or undo them`);
  return lines.join('\n');
}

function bullet(c: SpecChange): string {
  const classes = c.clients === c.implementations ? `${c.clients} for both` : `clients: ${c.clients}, implementations: ${c.implementations}`;
  return `- ${c.message} (${c.where}; ${classes}). \`${c.pointer}\``;
}

/** The CHANGELOG.md section for the new version. Documentation-only edits are summed up in one line. */
export function renderChangelogEntry(v: Verdict, date: string): string {
  const lines = [`## ${v.newVersion ?? 'Unreleased'} — ${date}`, ''];
  const docs = v.safe.filter((c) => c.kind === 'documentation' || c.kind === 'version-changed');
  const otherSafe = v.safe.filter((c) => !docs.includes(c));
  const section = (title: string, list: SpecChange[]) => {
    if (list.length === 0) return;
    lines.push(`### ${title}`, '', ...list.map(bullet), '');
  };
  section('Breaking', v.breaking);
  section('Risky', v.risky);
  section('Other changes', otherSafe);
  const docEdits = docs.filter((c) => c.kind === 'documentation').length;
  if (docEdits > 0) lines.push(`${docEdits} documentation edit${docEdits === 1 ? '' : 's'} (descriptions, summaries, examples).`, '');
  if (lines.length === 2) lines.push('No change to the API contract.', '');
  return lines.join('\n');
}

/** Puts the entry above the newest one, written to a temp file and renamed into place. */
export async function writeChangelogEntry(file: string, entry: string, version: string | undefined): Promise<void> {
  const current = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    return '# Changelog\n\n';
  });
  if (version && new RegExp(`^## ${version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`, 'm').test(current)) {
    throw new Error(`${path.basename(file)} already has an entry for ${version}: bump info.version or edit the entry by hand`);
  }
  const at = current.search(/^## /m);
  const next = at === -1 ? `${current.trimEnd()}\n\n${entry}` : `${current.slice(0, at)}${entry}\n${current.slice(at)}`;
  const temp = `${file}.tmp-${process.pid}`;
  await fs.writeFile(temp, next.endsWith('\n') ? next : `${next}\n`);
  await fs.rename(temp, file);
}
