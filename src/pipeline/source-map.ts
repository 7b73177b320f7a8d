// Where each node of the bundled document was written. Redocly's bundle moves every file's
// content into one document (external `$ref`s become `#/components/...` refs, path items are
// inlined) and keeps no map back, so this one is built by walking the bundle and the source files
// side by side: each bundle `$ref` is paired with the source `$ref` it replaced, which names the
// file and the pointer the component came from. Lookups then descend the source files,
// following their own `$ref`s. Only the files Redocly read are used, as Redocly read them.
import { getLineColLocation, type Source } from '@redocly/openapi-core';
import path from 'node:path';

type Json = Record<string, any>;
export type PathSegment = string | number;

/** A source file as Redocly read it: its text and its parsed content before bundling edited it. */
export interface SourceFile {
  source: Source;
  parsed: unknown;
}

export interface SourceLocation {
  /** Absolute path of the file. */
  file: string;
  /** JSON pointer inside the file (`''` is the whole file). */
  pointer: string;
  line: number;
  column: number;
}

interface Place {
  file: string;
  pointer: string;
  node: unknown;
}

const MAX_REF_HOPS = 64;

export function escapePointerSegment(segment: PathSegment): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function toPointer(segments: readonly PathSegment[]): string {
  return segments.map((s) => `/${escapePointerSegment(s)}`).join('');
}

export function fromPointer(pointer: string): string[] {
  const body = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (body === '') return [];
  return body.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const localRef = (node: unknown): string | undefined =>
  isObject(node) && typeof node.$ref === 'string' && node.$ref.startsWith('#') ? node.$ref : undefined;

function at(root: unknown, segments: readonly string[]): unknown {
  let node = root;
  for (const s of segments) {
    if (!isObject(node)) return undefined;
    node = node[s];
  }
  return node;
}

export class BundleSourceMap {
  /** Bundle pointer of a `$ref` target -> where its content was written. */
  private readonly origins = new Map<string, Place>();

  constructor(
    readonly bundle: Json,
    readonly rootFile: string,
    private readonly files: ReadonlyMap<string, SourceFile>,
  ) {
    const root = files.get(rootFile);
    if (!root) throw new Error(`the source map has no content for the root file ${rootFile}`);
    const start: Place = { file: rootFile, pointer: '', node: root.parsed };
    this.origins.set('', start);
    this.walk(bundle, start);
  }

  /** Follows the source `$ref`s at a place to the content they name. */
  private content(place: Place): Place {
    let current = place;
    for (let hop = 0; hop < MAX_REF_HOPS; hop++) {
      const node = current.node;
      if (!isObject(node) || typeof node.$ref !== 'string') return current;
      const [filePart, fragment = ''] = node.$ref.split('#', 2) as [string, string?];
      const file = filePart ? path.resolve(path.dirname(current.file), decodeURIComponent(filePart)) : current.file;
      const parsed = this.files.get(file)?.parsed;
      if (parsed === undefined) return current; // a file Redocly did not read: stay at the $ref
      const pointer = fragment === '' || fragment === '/' ? '' : fragment;
      current = { file, pointer, node: at(parsed, fromPointer(pointer)) };
    }
    return current;
  }

  private walk(bundleNode: unknown, source: Place): void {
    // No source node: a component the bundler added, paired when a ref to it is walked.
    if (!isObject(bundleNode) || source.node === undefined) return;
    const ref = localRef(bundleNode);
    if (ref !== undefined) {
      // A ref kept (or made) by the bundler: its target is where the source ref pointed.
      const target = ref.slice(1);
      if (!this.origins.has(target)) {
        const origin = this.content(source);
        this.origins.set(target, origin);
        this.walk(at(this.bundle, fromPointer(target)), origin);
      }
      return;
    }
    const content = this.content(source); // the bundler inlined a source ref here
    for (const [key, child] of Object.entries(bundleNode)) {
      if (!isObject(child)) continue;
      this.walk(child, { file: content.file, pointer: `${content.pointer}/${escapePointerSegment(key)}`, node: isObject(content.node) ? content.node[key] : undefined });
    }
  }

  /**
   * The canonical place of a node in the bundle: where it is written, not the route through
   * `$ref`s that reached it (Spectral reports nodes of the resolved document by their route).
   * Segments past the last existing node are kept (a finding about a missing property).
   */
  home(route: readonly PathSegment[]): string[] {
    let segments: string[] = [];
    let node: unknown = this.bundle;
    const follow = () => {
      for (let hop = 0; hop < MAX_REF_HOPS; hop++) {
        const ref = localRef(node);
        if (ref === undefined) return;
        segments = fromPointer(ref);
        node = at(this.bundle, segments);
      }
    };
    for (let i = 0; i < route.length; i++) {
      follow();
      const key = String(route[i]);
      if (!isObject(node) || !(key in node)) return [...segments, ...route.slice(i).map(String)];
      node = node[key];
      segments.push(key);
    }
    follow();
    return segments;
  }

  /** The file and pointer where the content at a bundle route was written. */
  place(route: readonly PathSegment[]): { file: string; pointer: string } {
    const segments = this.home(route);
    let anchor = 0;
    for (let i = segments.length; i > 0; i--) {
      if (this.origins.has(toPointer(segments.slice(0, i)))) {
        anchor = i;
        break;
      }
    }
    let place = this.origins.get(toPointer(segments.slice(0, anchor)))!;
    for (const key of segments.slice(anchor)) {
      place = this.content(place);
      if (!isObject(place.node) || !(key in place.node)) break; // report the closest existing node
      place = { file: place.file, pointer: `${place.pointer}/${escapePointerSegment(key)}`, node: place.node[key] };
    }
    place = this.content(place);
    return { file: place.file, pointer: place.pointer };
  }

  /** File, pointer, line and column of the content at a bundle route (a route or a pointer). */
  locate(route: readonly PathSegment[] | string): SourceLocation {
    const { file, pointer } = this.place(typeof route === 'string' ? fromPointer(route) : route);
    return { file, pointer, ...this.lineOf(file, pointer) };
  }

  /** Line and column of a pointer in a source file (its YAML is parsed for lines only when asked). */
  lineOf(file: string, pointer: string): { line: number; column: number } {
    const source = this.files.get(file)?.source;
    if (source) {
      try {
        const loc = getLineColLocation({ source, pointer: `#${pointer}`, reportOnKey: false });
        return { line: loc.start.line, column: loc.start.col };
      } catch {
        // An unparsable file was reported by the YAML check; line 1 still names it.
      }
    }
    return { line: 1, column: 1 };
  }
}
