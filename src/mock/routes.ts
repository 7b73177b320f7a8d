// Request routing: the spec's path templates, under the path of its first server URL.
// Literal segments win over templated ones (`/things/mine` before `/things/{id}`), as OpenAPI
// requires; a template variable matches one whole, non-empty segment.

export interface RouteMatch<T> {
  readonly value: T;
  /** Template variable → the segment's text, percent-decoded. */
  readonly pathParams: Readonly<Record<string, string>>;
}

interface Node<T> {
  literal: Map<string, Node<T>>;
  variable?: { node: Node<T> };
  /** Method (upper case) → value, at the end of a template. */
  methods?: Map<string, T>;
  template?: string;
}

const newNode = <T>(): Node<T> => ({ literal: new Map() });

/** The path part of the first server URL (`https://api.example.com/v1` → `/v1`; variables take their default). */
export function basePathOf(document: Record<string, any>): string {
  const server = Array.isArray(document.servers) ? document.servers[0] : undefined;
  let url = typeof server?.url === 'string' ? server.url : '';
  for (const [name, variable] of Object.entries<any>(server?.variables ?? {})) {
    url = url.split(`{${name}}`).join(String(variable?.default ?? ''));
  }
  let pathname: string;
  try {
    pathname = new URL(url, 'http://mock.invalid').pathname;
  } catch {
    pathname = '/';
  }
  return pathname.replace(/\/+$/, '');
}

export class Router<T> {
  readonly #root: Node<T> = newNode();
  /** Method and template of every route, for 404 messages. */
  readonly routes: Array<{ method: string; template: string }> = [];

  add(method: string, template: string, value: T): void {
    let node = this.#root;
    for (const segment of template.split('/').slice(1)) {
      if (!segment.includes('{')) {
        let next = node.literal.get(segment);
        if (!next) node.literal.set(segment, (next = newNode()));
        node = next;
      } else {
        // `{id}` or a segment mixing text and variables (`{name}.{ext}`): matched by a regular expression below.
        node.variable ??= { node: newNode() };
        node = node.variable.node;
      }
    }
    node.methods ??= new Map();
    node.template = template;
    node.methods.set(method.toUpperCase(), value);
    this.routes.push({ method: method.toUpperCase(), template });
  }

  /**
   * The route for a path: `{ match }` when one matches the method, `{ allow }` when the path exists
   * with other methods, `{}` when no template matches the path.
   */
  find(method: string, path: string): { match?: RouteMatch<T>; allow?: string[] } {
    const segments = path.split('/').slice(1);
    const found = this.#walk(this.#root, segments, 0);
    if (!found?.methods || !found.template) return {};
    const value = found.methods.get(method.toUpperCase());
    if (value === undefined) return { allow: [...found.methods.keys()] };
    const pathParams = extractParams(found.template, segments);
    if (!pathParams) return {};
    return { match: { value, pathParams } };
  }

  #walk(node: Node<T>, segments: string[], index: number): Node<T> | undefined {
    if (index === segments.length) return node.methods ? node : undefined;
    const segment = segments[index]!;
    const literal = node.literal.get(segment);
    if (literal) {
      const found = this.#walk(literal, segments, index + 1);
      if (found) return found;
    }
    if (node.variable && segment !== '') return this.#walk(node.variable.node, segments, index + 1);
    return undefined;
  }
}

const patterns = new Map<string, RegExp>();

function segmentPattern(segment: string): RegExp {
  let pattern = patterns.get(segment);
  if (!pattern) {
    const source = segment
      .split(/(\{[^}]+\})/)
      .map((part) => (part.startsWith('{') ? '([^/]+?)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    pattern = new RegExp(`^${source}$`);
    patterns.set(segment, pattern);
  }
  return pattern;
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** Template variables of a matched path, decoded; undefined when a segment does not fit. */
function extractParams(template: string, segments: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  const parts = template.split('/').slice(1);
  for (const [index, part] of parts.entries()) {
    if (!part.includes('{')) continue;
    const names = [...part.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    const match = segmentPattern(part).exec(segments[index] ?? '');
    if (!match) return undefined;
    for (const [i, name] of names.entries()) {
      const value = decode(match[i + 1] ?? '');
      if (value === undefined) return undefined;
      params[name] = value;
    }
  }
  return params;
}
