// The mock's fixtures file: the data it starts from, beside the spec (docs/mock.md, "Fixtures").
// It is YAML or JSON; this module reads it, checks its shape (naming file and key) and expands
// record generators (`count` + `template`) into records, deterministically for a seed.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const FIXTURES_FILE_NAMES = ['mock-fixtures.yaml', 'mock-fixtures.yml', 'mock-fixtures.json'] as const;

/** A problem with the fixtures file, naming the file and the key. */
export class FixturesError extends Error {
  constructor(readonly file: string, readonly at: string, reason: string) {
    super(`${file}${at ? ` (at ${at})` : ''}: ${reason}`);
    this.name = 'FixturesError';
  }
}

export interface RecordTemplate {
  /** Named lists that `{name}` placeholders pick from. */
  readonly lists: Readonly<Record<string, readonly string[]>>;
  /** The record; strings may hold placeholders, values may be `{ $cycle: [...] }`. */
  readonly record: unknown;
  /** Dates for `{date:...}`: the first record's, and the step between records. */
  readonly dates?: { readonly start: number; readonly stepMs: number; readonly jitterMs: number };
}

export interface DataSet {
  /** The partition value (e.g. an account id), or '' for a collection without partitions. */
  readonly partition: string;
  /** A short name tests and banners use for the data set. */
  readonly label?: string;
  /** Literal records, then generated ones. */
  readonly records: readonly unknown[];
  /** Where each record came from, for error messages (`collections.X.data[1].records[3]`). */
  readonly origins: readonly string[];
}

export interface CollectionFixtures {
  readonly name: string;
  /** `newest-first`: records created later are listed first. Default `oldest-first`. */
  readonly order: 'newest-first' | 'oldest-first';
  readonly data: readonly DataSet[];
  /** Records created through the API start from this template (`create-from`, else the first generator's). */
  readonly template?: RecordTemplate;
}

export interface MockFixtures {
  /** The file read, or undefined when the spec has none. */
  readonly file: string | undefined;
  /** The parameter or body field that names a request's partition (e.g. a linked account). */
  readonly partitionBy: string | undefined;
  /** Partition values no data set lists get the `unknown-partition` answer. */
  readonly knownPartitionsOnly: boolean;
  /** Situation → documented error `type` that answers it. */
  readonly answers: Readonly<Record<string, string>>;
  readonly collections: ReadonlyMap<string, CollectionFixtures>;
}

export const SITUATIONS = [
  'missing-credentials',
  'invalid-credentials',
  'invalid-request',
  'invalid-cursor',
  'not-found',
  'unknown-partition',
  'capacity',
  'not-served',
  'failure',
] as const;
export type Situation = (typeof SITUATIONS)[number];

export const NO_FIXTURES: MockFixtures = {
  file: undefined,
  partitionBy: undefined,
  knownPartitionsOnly: false,
  answers: {},
  collections: new Map(),
};

/** The package root (where `openapi/` sits), from src/mock/ or dist/lib/src/mock/. */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

/** The fixtures of our bundled spec: openapi/mock-fixtures.yaml. */
export function bundledFixturesFile(): string {
  return path.join(packageRoot(), 'openapi', FIXTURES_FILE_NAMES[0]);
}

/** `mock-fixtures.yaml` (or .yml/.json) in the spec file's directory, if there is one. */
export function fixturesBesideSpec(specFile: string): string | undefined {
  const dir = path.dirname(path.resolve(specFile));
  for (const name of FIXTURES_FILE_NAMES) {
    const candidate = path.join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

type Raw = Record<string, unknown>;
const isObject = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

const DURATION = /^(-?\d+(?:\.\d+)?)(ms|s|m|h|d)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

function duration(file: string, at: string, raw: unknown): number {
  const match = typeof raw === 'string' ? DURATION.exec(raw.trim()) : null;
  if (typeof raw === 'number') return raw;
  if (!match) throw new FixturesError(file, at, `expected a duration such as 3h, -90m or 500ms, got ${JSON.stringify(raw)}`);
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}

function parseTemplate(file: string, at: string, raw: unknown): RecordTemplate {
  if (!isObject(raw) || !('record' in raw)) throw new FixturesError(file, at, 'a template needs a `record` (and may have `lists` and `dates`)');
  const lists: Record<string, string[]> = {};
  for (const [name, list] of Object.entries(isObject(raw.lists) ? raw.lists : {})) {
    if (!Array.isArray(list) || list.length === 0) throw new FixturesError(file, `${at}.lists.${name}`, 'a list must be a non-empty array');
    lists[name] = list.map(String);
  }
  let dates: RecordTemplate['dates'];
  if (raw.dates !== undefined) {
    if (!isObject(raw.dates)) throw new FixturesError(file, `${at}.dates`, 'expected { start, step, jitter? }');
    const start = Date.parse(String(raw.dates.start));
    if (Number.isNaN(start)) throw new FixturesError(file, `${at}.dates.start`, `not a date: ${JSON.stringify(raw.dates.start)}`);
    dates = {
      start,
      stepMs: duration(file, `${at}.dates.step`, raw.dates.step ?? '1h'),
      jitterMs: duration(file, `${at}.dates.jitter`, raw.dates.jitter ?? '0ms'),
    };
  }
  return { lists, record: raw.record, ...(dates ? { dates } : {}) };
}

/** Reads and checks a fixtures file, expanding generators for `seed`. */
export async function loadFixtures(file: string, seed: number): Promise<MockFixtures> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FixturesError(file, '', code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? String(error)})`);
  }
  let raw: unknown;
  try {
    raw = parse(text, { uniqueKeys: true });
  } catch (error) {
    const line = (error as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
    throw new FixturesError(`${file}${line ? `:${line}` : ''}`, '', `not valid YAML or JSON: ${String((error as Error).message).split('\n')[0]}`);
  }
  return parseFixtures(file, raw ?? {}, seed);
}

/** Checks the parsed content of a fixtures file (exported for tests and for `fixtures` given inline). */
export function parseFixtures(file: string, raw: unknown, seed: number): MockFixtures {
  if (!isObject(raw)) throw new FixturesError(file, '', 'the top level must be a mapping');
  const known = new Set(['partition', 'answers', 'collections', 'templates']);
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) throw new FixturesError(file, key, `unknown key (expected ${[...known].join(', ')})`);
  }
  let partitionBy: string | undefined;
  let knownPartitionsOnly = false;
  if (raw.partition !== undefined) {
    if (!isObject(raw.partition) || typeof raw.partition.by !== 'string' || raw.partition.by === '') {
      throw new FixturesError(file, 'partition', 'expected { by: <parameter or body field name>, known-only?: true|false }');
    }
    partitionBy = raw.partition.by;
    knownPartitionsOnly = raw.partition['known-only'] === true;
  }
  const answers: Record<string, string> = {};
  for (const [situation, type] of Object.entries(isObject(raw.answers) ? raw.answers : {})) {
    if (!(SITUATIONS as readonly string[]).includes(situation)) {
      throw new FixturesError(file, `answers.${situation}`, `unknown situation (expected one of ${SITUATIONS.join(', ')})`);
    }
    if (typeof type !== 'string') throw new FixturesError(file, `answers.${situation}`, 'expected an error `type` documented by the spec');
    answers[situation] = type;
  }
  const templates = new Map<string, RecordTemplate>();
  for (const [name, template] of Object.entries(isObject(raw.templates) ? raw.templates : {})) {
    templates.set(name, parseTemplate(file, `templates.${name}`, template));
  }
  const collections = new Map<string, CollectionFixtures>();
  for (const [name, rawCollection] of Object.entries(isObject(raw.collections) ? raw.collections : {})) {
    const at = `collections.${name}`;
    if (!isObject(rawCollection)) throw new FixturesError(file, at, 'expected { order?, create-from?, data: [...] }');
    const order = rawCollection.order ?? 'oldest-first';
    if (order !== 'newest-first' && order !== 'oldest-first') throw new FixturesError(file, `${at}.order`, 'expected newest-first or oldest-first');
    if (!Array.isArray(rawCollection.data)) throw new FixturesError(file, `${at}.data`, 'expected a list of data sets');
    const data = rawCollection.data.map((set, index) => dataSet(file, `${at}.data[${index}]`, set, templates, seed));
    const firstGenerator = rawCollection.data.map((set) => (isObject(set) && isObject(set.generate) ? set.generate.template : undefined)).find((t) => t !== undefined);
    const createFrom = rawCollection['create-from'] ?? firstGenerator;
    const template = createFrom === undefined ? undefined : templates.get(String(createFrom));
    if (createFrom !== undefined && !template) throw new FixturesError(file, `${at}.create-from`, `no template named ${JSON.stringify(createFrom)} under \`templates\``);
    collections.set(name, { name, order, data, ...(template ? { template } : {}) });
  }
  return { file, partitionBy, knownPartitionsOnly, answers, collections };
}

function dataSet(file: string, at: string, raw: unknown, templates: ReadonlyMap<string, RecordTemplate>, seed: number): DataSet {
  if (!isObject(raw)) throw new FixturesError(file, at, 'expected { partition?, label?, records?, generate? }');
  const partition = raw.partition === undefined ? '' : String(raw.partition);
  const records: unknown[] = [];
  const origins: string[] = [];
  if (raw.records !== undefined) {
    if (!Array.isArray(raw.records)) throw new FixturesError(file, `${at}.records`, 'expected a list of records');
    raw.records.forEach((record, index) => {
      records.push(record);
      origins.push(`${at}.records[${index}]`);
    });
  }
  if (raw.generate !== undefined) {
    const generate = raw.generate;
    if (!isObject(generate) || !Number.isSafeInteger(generate.count) || (generate.count as number) < 0) {
      throw new FixturesError(file, `${at}.generate`, 'expected { count: <whole number>, template: <name> }');
    }
    const template = templates.get(String(generate.template));
    if (!template) throw new FixturesError(file, `${at}.generate.template`, `no template named ${JSON.stringify(generate.template)} under \`templates\``);
    for (let position = 0; position < (generate.count as number); position++) {
      records.push(expandTemplate(template, `${seed}\0${partition}\0${String(generate.template)}`, position));
      origins.push(`${at}.generate (record ${position})`);
    }
  }
  return { partition, ...(typeof raw.label === 'string' ? { label: raw.label } : {}), records, origins };
}

// ---- templates --------------------------------------------------------------------------------

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const HEX = '0123456789abcdef';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ALPHABETS: Record<string, string> = { crockford: CROCKFORD, hex: HEX, base64url: BASE64URL, digits: '0123456789' };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const PLACEHOLDER = /\{([a-z0-9]+)(?::([A-Za-z0-9_#-]+))?(?:#(\d+))?\}/gi;

/** FNV-1a, 32 bits: cheap, stable mixing of short strings. */
function fnv(text: string, basis = 0x811c9dc5): number {
  let hash = basis >>> 0;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/** Deterministic draws for one record: one SHA-256 per record, then a small PRNG (mulberry32). */
class Draws {
  readonly #seed: number;
  #state: number;
  readonly #picks = new Map<string, number>();
  constructor(key: string) {
    this.#seed = createHash('sha256').update(key).digest().readUInt32BE(0);
    this.#state = this.#seed;
  }
  #next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** A number in [0, 2^32) fixed for (record, name). */
  fixed(name: string): number {
    let value = this.#picks.get(name);
    if (value === undefined) {
      value = fnv(name, this.#seed);
      value = Math.imul(value ^ (value >>> 16), 0x45d9f3b) >>> 0;
      this.#picks.set(name, value);
    }
    return value;
  }
  /** `length` characters of `alphabet`, new for each call. */
  chars(alphabet: string, length: number): string {
    let out = '';
    while (out.length < length) out += alphabet[this.#next() % alphabet.length];
    return out;
  }
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function formatDate(date: Date, format: string): string {
  if (format === 'display') return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
  if (format === 'day') return date.toISOString().slice(0, 10);
  if (format === 'unix') return String(Math.floor(date.getTime() / 1000));
  return date.toISOString();
}

function expandString(text: string, template: RecordTemplate, draws: Draws, position: number, depth = 0): string {
  if (depth > 2) return text;
  return text.replace(PLACEHOLDER, (whole, name: string, argument: string | undefined, draw: string | undefined) => {
    if (name === 'i') return String(position);
    if (name === 'n') return String(position + 1);
    const alphabet = ALPHABETS[name];
    if (alphabet) return draws.chars(alphabet, Number(argument ?? 8));
    if (name === 'date') {
      const dates = template.dates ?? { start: Date.UTC(2026, 0, 1), stepMs: 3_600_000, jitterMs: 0 };
      const jitter = dates.jitterMs === 0 ? 0 : (draws.fixed('date') % Math.abs(dates.jitterMs)) * Math.sign(dates.jitterMs);
      return formatDate(new Date(dates.start + position * dates.stepMs + jitter), argument ?? 'iso');
    }
    const pickFrom = (list: string, suffix: string | undefined) => {
      const values = template.lists[list];
      if (!values) return undefined;
      return values[draws.fixed(`${list}#${suffix ?? ''}`) % values.length]!;
    };
    if (name === 'slug' && argument) {
      const [list, suffix] = argument.split('#');
      const value = pickFrom(list!, suffix ?? draw);
      return value === undefined ? whole : slug(value);
    }
    const value = pickFrom(name, argument?.replace(/^#/, '') ?? draw);
    // A picked value may hold placeholders of its own (`Hi {first}`).
    return value === undefined ? whole : expandString(value, template, draws, position, depth + 1);
  });
}

const OMIT = Symbol('omit');

function expandValue(value: unknown, template: RecordTemplate, draws: Draws, position: number): unknown {
  if (typeof value === 'string') return expandString(value, template, draws, position);
  if (Array.isArray(value)) return value.map((v) => expandValue(v, template, draws, position)).filter((v) => v !== OMIT);
  if (!isObject(value)) return value;
  if (value.$omit === true) return OMIT;
  if (Array.isArray(value.$cycle) && value.$cycle.length > 0) {
    return expandValue(value.$cycle[position % value.$cycle.length], template, draws, position);
  }
  const out: Raw = {};
  for (const [key, member] of Object.entries(value)) {
    const expanded = expandValue(member, template, draws, position);
    if (expanded !== OMIT) out[key] = expanded;
  }
  return out;
}

/** One record of a generator: the template with its placeholders filled for `position`. */
export function expandTemplate(template: RecordTemplate, key: string, position: number): unknown {
  const expanded = expandValue(template.record, template, new Draws(`${key}\0${position}`), position);
  return expanded === OMIT ? {} : expanded;
}
