// Builds the request target and headers of a call from the operation's parameters, each by its
// own `style` and `explode` (OpenAPI 3.1 §4.8.12.4): path (simple, label, matrix), query (form,
// spaceDelimited, pipeDelimited, deepObject), header (simple) and cookie (form). Every path and
// query value is percent-encoded, so no value can add a segment, a query or a fragment; a value
// that would make a whole segment `.` or `..` (which URLs resolve away) is refused.
import type { OperationEntry, OperationParameterEntry } from '../../generated/operations.js';

type Param = OperationParameterEntry;
const enc = encodeURIComponent;
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

function scalar(value: unknown): string {
  return value === null ? '' : String(value);
}

function pairsOf(value: object): Array<[string, string]> {
  return Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, scalar(v)]);
}

/** One path parameter's text in the path: encoded and prefixed per its style. */
export function pathValue(p: Param, value: unknown): string {
  const prefix = p.style === 'label' ? '.' : p.style === 'matrix' ? `;${enc(p.name)}=` : '';
  if (Array.isArray(value)) {
    const items = value.map((v) => enc(scalar(v)));
    if (!p.explode || p.style === 'simple') return prefix + items.join(',');
    return p.style === 'label' ? `.${items.join('.')}` : items.map((item) => prefix + item).join('');
  }
  if (typeof value === 'object' && value !== null) {
    const pairs = pairsOf(value).map(([k, v]) => [enc(k), enc(v)]);
    if (!p.explode) return prefix + pairs.flat().join(',');
    const assigned = pairs.map(([k, v]) => `${k}=${v}`);
    return p.style === 'label' ? `.${assigned.join('.')}` : p.style === 'matrix' ? assigned.map((a) => `;${a}`).join('') : assigned.join(',');
  }
  return prefix + enc(scalar(value));
}

/** Appends one query parameter's `name=value` pairs (encoded) to `out`. */
export function queryPairs(p: Param, value: unknown, out: string[]): void {
  const name = enc(p.name);
  if (Array.isArray(value)) {
    const items = value.map((v) => enc(scalar(v)));
    if (p.explode) for (const item of items) out.push(`${name}=${item}`);
    else out.push(`${name}=${items.join(p.style === 'spaceDelimited' ? '%20' : p.style === 'pipeDelimited' ? '|' : ',')}`);
  } else if (typeof value === 'object' && value !== null) {
    const pairs = pairsOf(value);
    if (p.style === 'deepObject') for (const [k, v] of pairs) out.push(`${name}[${enc(k)}]=${enc(v)}`);
    else if (p.explode) for (const [k, v] of pairs) out.push(`${enc(k)}=${enc(v)}`);
    else out.push(`${name}=${pairs.map(([k, v]) => `${enc(k)},${enc(v)}`).join(',')}`);
  } else {
    out.push(`${name}=${enc(scalar(value))}`);
  }
}

/** A header parameter's value (style simple). */
export function headerValue(p: Pick<Param, 'explode'>, value: unknown): string {
  if (Array.isArray(value)) return value.map(scalar).join(',');
  if (typeof value === 'object' && value !== null) {
    const pairs = pairsOf(value);
    return p.explode ? pairs.map(([k, v]) => `${k}=${v}`).join(',') : pairs.flat().join(',');
  }
  return scalar(value);
}

/** A cookie parameter's `name=value` (style form; values encoded). */
export function cookiePair(p: Param, value: unknown): string {
  const text = Array.isArray(value) ? value.map((v) => enc(scalar(v))).join(',')
    : typeof value === 'object' && value !== null ? pairsOf(value).flat().map(enc).join(',') : enc(scalar(value));
  return `${enc(p.name)}=${text}`;
}

/** What a call needs of its operation, worked out once. */
export interface RequestPlan {
  /** The path template by segment: literal text and path parameters. */
  readonly segments: ReadonlyArray<ReadonlyArray<string | Param>> | null;
  readonly path: string;
  readonly query: readonly Param[];
  /** The query parameters' names, encoded. */
  readonly queryNames: readonly string[];
  readonly headers: readonly Param[];
  readonly cookies: readonly Param[];
}

export function planRequest(op: Pick<OperationEntry, 'path' | 'parameters'>): RequestPlan {
  const inPath = op.parameters.filter((p) => p.in === 'path');
  const segments = inPath.length === 0 ? null : op.path.split('/').map((segment) => segment.split(/(\{[^}]*\})/).filter(Boolean).map((part) => {
    const param = /^\{.*\}$/.test(part) ? inPath.find((p) => `{${p.name}}` === part) : undefined;
    return param ?? part;
  }));
  const query = op.parameters.filter((p) => p.in === 'query');
  return {
    segments,
    path: op.path,
    query,
    queryNames: query.map((p) => enc(p.name)),
    headers: op.parameters.filter((p) => p.in === 'header'),
    cookies: op.parameters.filter((p) => p.in === 'cookie'),
  };
}

/** The path and query of a call (to append to the base URL), or why it cannot be built. */
export function requestTarget(plan: RequestPlan, given: Record<string, unknown>): string | { problem: string } {
  let path = plan.path;
  if (plan.segments) {
    const built: string[] = [];
    for (const segment of plan.segments) {
      let text = '';
      for (const part of segment) text += typeof part === 'string' ? part : pathValue(part, given[part.name]);
      if (text !== '' && DOT_SEGMENT.test(text) && !segment.every((part) => typeof part === 'string')) {
        const names = segment.filter((part): part is Param => typeof part !== 'string').map((p) => `"${p.name}"`).join(', ');
        return { problem: `parameter ${names} would make the path segment "${text}", which URLs resolve to another path` };
      }
      built.push(text);
    }
    path = built.join('/');
  }
  let query = '';
  for (let i = 0; i < plan.query.length; i++) {
    const p = plan.query[i]!;
    const value = given[p.name];
    if (value === undefined) continue;
    if (typeof value !== 'object' || value === null) {
      query += `${query === '' ? '?' : '&'}${plan.queryNames[i]}=${enc(scalar(value))}`;
    } else {
      const pairs: string[] = [];
      queryPairs(p, value, pairs);
      if (pairs.length > 0) query += `${query === '' ? '?' : '&'}${pairs.join('&')}`;
    }
  }
  return path + query;
}
