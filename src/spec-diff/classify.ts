// Compares two bundled OpenAPI 3.1 documents and classifies every change for the two audiences:
// clients (who send requests and read responses) and implementations (who read requests and send
// responses). The rule: whatever lets the *sender* send more than before breaks the *reader*.
type Json = Record<string, any>;

export type ChangeClass = 'breaking' | 'risky' | 'safe';

export interface SpecChange {
  /** JSON pointer in the bundled document: the new one, or the old one for what was removed. */
  pointer: string;
  /** Stable identifier of the kind of change, e.g. `response-property-removed`. */
  kind: string;
  message: string;
  /** Where it shows, e.g. `GET /users/invite/sent, response 200`. */
  where: string;
  clients: ChangeClass;
  implementations: ChangeClass;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;
const RANK: Record<ChangeClass, number> = { safe: 0, risky: 1, breaking: 2 };

export function worstClass(...classes: ChangeClass[]): ChangeClass {
  return classes.reduce<ChangeClass>((worst, c) => (RANK[c] > RANK[worst] ? c : worst), 'safe');
}

export function escapePointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

function child(pointer: string, ...segments: Array<string | number>): string {
  return pointer + segments.map((s) => `/${escapePointerSegment(s)}`).join('');
}

/** Follows local `$ref`s; returns the node and the pointer it lives at. */
function resolve(doc: Json, node: unknown, pointer: string): { node: Json | undefined; pointer: string } {
  let current: unknown = node;
  let at = pointer;
  const seen = new Set<string>();
  while (current && typeof current === 'object' && typeof (current as Json).$ref === 'string') {
    const ref: string = (current as Json).$ref;
    if (!ref.startsWith('#/') || seen.has(ref)) return { node: undefined, pointer: at };
    seen.add(ref);
    at = ref;
    current = ref
      .slice(2)
      .split('/')
      .reduce<any>((n, key) => n?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return { node: current && typeof current === 'object' ? (current as Json) : undefined, pointer: at };
}

const show = (value: unknown) => (typeof value === 'string' ? `\`${value}\`` : `\`${JSON.stringify(value)}\``);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Which way a change moves the set of values a schema accepts. */
type Effect = 'widened' | 'narrowed' | 'changed';
type Direction = 'request' | 'response';

/** Widening a response in these ways breaks clients outright; other widenings are risky. */
const RESPONSE_WIDENINGS_THAT_BREAK_CLIENTS = new Set(['type', 'nullable', 'required', 'const', 'schema-branch']);

function classOf(direction: Direction, effect: Effect, aspect: string): Pick<SpecChange, 'clients' | 'implementations'> {
  if (effect === 'changed') return { clients: 'breaking', implementations: 'breaking' };
  if (direction === 'request') {
    return effect === 'narrowed' ? { clients: 'breaking', implementations: 'safe' } : { clients: 'safe', implementations: 'breaking' };
  }
  if (effect === 'narrowed') return { clients: 'safe', implementations: 'breaking' };
  return { clients: RESPONSE_WIDENINGS_THAT_BREAK_CLIENTS.has(aspect) ? 'breaking' : 'risky', implementations: 'safe' };
}

const DOCUMENTATION_KEYS = ['title', 'description', 'summary', 'example', 'examples', 'x-enumDescriptions', 'externalDocs', 'x-codeSamples', 'tags'] as const;

// What each kind of object's comparison looks at (besides DOCUMENTATION_KEYS). A change to any
// other key (discriminator, links, callbacks, an extension...) is reported as unclassified: risky.
const HANDLED = {
  schema: new Set(['type', 'nullable', 'enum', 'const', 'minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties', 'minContains', 'maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties', 'maxContains', 'pattern', 'format', 'multipleOf', 'contentEncoding', 'contentMediaType', 'uniqueItems', 'default', 'readOnly', 'writeOnly', 'deprecated', 'properties', 'required', 'items', 'additionalProperties', 'allOf', 'anyOf', 'oneOf', 'prefixItems', 'x-retryable', '$ref']),
  server: new Set(['url']),
  securityScheme: new Set(['type', 'in', 'name', 'scheme', 'bearerFormat', 'openIdConnectUrl', 'flows']),
  operation: new Set(['operationId', 'deprecated', 'servers', 'security', 'parameters', 'requestBody', 'responses']),
  parameter: new Set(['name', 'in', 'required', 'style', 'explode', 'allowReserved', 'allowEmptyValue', 'deprecated', 'schema']),
  requestBody: new Set(['required', 'content']),
  mediaType: new Set(['schema']),
  response: new Set(['headers', 'content']),
  header: new Set(['required', 'schema', 'deprecated']),
} as const;

const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties', 'minContains'] as const;
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties', 'maxContains'] as const;

class Comparison {
  readonly changes: SpecChange[] = [];
  private readonly seen = new Set<string>();
  private readonly visitedSchemas = new Set<string>();

  constructor(readonly before: Json, readonly after: Json) {}

  add(change: SpecChange): void {
    const key = `${change.pointer}|${change.kind}|${change.clients}|${change.implementations}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.changes.push(change);
  }

  documentation(oldNode: Json, newNode: Json, pointer: string, where: string): void {
    for (const key of DOCUMENTATION_KEYS) {
      if (!same(oldNode[key], newNode[key])) {
        const verb = oldNode[key] === undefined ? 'added' : newNode[key] === undefined ? 'removed' : 'changed';
        this.add({ pointer: child(pointer, key), kind: 'documentation', message: `${key} ${verb}`, where, clients: 'safe', implementations: 'safe' });
      }
    }
  }

  unclassified(oldNode: Json, newNode: Json, pointer: string, where: string, handled: ReadonlySet<string>): void {
    for (const key of new Set([...Object.keys(oldNode), ...Object.keys(newNode)])) {
      if (handled.has(key) || (DOCUMENTATION_KEYS as readonly string[]).includes(key) || same(oldNode[key], newNode[key])) continue;
      const verb = oldNode[key] === undefined ? 'added' : newNode[key] === undefined ? 'removed' : 'changed';
      this.add({ pointer: child(pointer, key), kind: 'unclassified', message: `\`${key}\` ${verb}: not classified by this tool, review it by hand`, where, clients: 'risky', implementations: 'risky' });
    }
  }

  // ---------------------------------------------------------------- schemas

  schema(oldRaw: unknown, newRaw: unknown, oldPointer: string, newPointer: string, direction: Direction, where: string, label: string): void {
    const o = resolve(this.before, oldRaw, oldPointer);
    const n = resolve(this.after, newRaw, newPointer);
    const visitKey = `${o.pointer}|${n.pointer}|${direction}`;
    if (this.visitedSchemas.has(visitKey)) return;
    this.visitedSchemas.add(visitKey);
    const oldSchema = o.node ?? {};
    const newSchema = n.node ?? {};
    const at = n.pointer;
    const emit = (effect: Effect, aspect: string, pointer: string, message: string, kind = `${direction}-${aspect}-${effect}`) =>
      this.add({ pointer, kind, message: `${label}: ${message}`, where, ...classOf(direction, effect, aspect) });

    this.documentation(oldSchema, newSchema, at, where);
    this.unclassified(oldSchema, newSchema, at, where, HANDLED.schema);
    this.types(oldSchema, newSchema, at, emit);
    this.enums(oldSchema, newSchema, at, direction, where, label, emit);

    for (const key of LOWER_BOUNDS) this.bound(oldSchema[key], newSchema[key], child(at, key), key, 'lower', emit);
    for (const key of UPPER_BOUNDS) this.bound(oldSchema[key], newSchema[key], child(at, key), key, 'upper', emit);
    for (const key of ['pattern', 'format', 'multipleOf', 'contentEncoding', 'contentMediaType'] as const) {
      if (same(oldSchema[key], newSchema[key])) continue;
      if (oldSchema[key] === undefined) emit('narrowed', key, child(at, key), `${key} ${show(newSchema[key])} added`);
      else if (newSchema[key] === undefined) emit('widened', key, child(at, key), `${key} ${show(oldSchema[key])} removed`);
      else emit('changed', key, child(at, key), `${key} changed from ${show(oldSchema[key])} to ${show(newSchema[key])}`);
    }
    if (Boolean(oldSchema.uniqueItems) !== Boolean(newSchema.uniqueItems)) {
      emit(newSchema.uniqueItems ? 'narrowed' : 'widened', 'uniqueItems', child(at, 'uniqueItems'), `uniqueItems ${newSchema.uniqueItems ? 'added' : 'removed'}`);
    }
    if (!same(oldSchema.default, newSchema.default)) {
      const message = `default changed from ${show(oldSchema.default ?? null)} to ${show(newSchema.default ?? null)}`;
      // A request default is behaviour the server applies when the client omits the value.
      if (direction === 'request') this.add({ pointer: child(at, 'default'), kind: 'request-default-changed', message: `${label}: ${message}`, where, clients: 'risky', implementations: 'breaking' });
      else this.add({ pointer: child(at, 'default'), kind: 'documentation', message: `${label}: ${message}`, where, clients: 'safe', implementations: 'safe' });
    }
    for (const key of ['readOnly', 'writeOnly'] as const) {
      if (Boolean(oldSchema[key]) !== Boolean(newSchema[key])) emit('changed', key, child(at, key), `${key} ${newSchema[key] ? 'added' : 'removed'}`);
    }
    if (Boolean(oldSchema.deprecated) !== Boolean(newSchema.deprecated)) {
      this.add({ pointer: child(at, 'deprecated'), kind: 'deprecated', message: `${label}: ${newSchema.deprecated ? 'deprecated' : 'no longer deprecated'}`, where, clients: 'safe', implementations: 'safe' });
    }
    this.properties(oldSchema, newSchema, o.pointer, at, direction, where, label, emit);
    if (oldSchema.items !== undefined || newSchema.items !== undefined) {
      if (oldSchema.items === undefined) emit('narrowed', 'items', child(at, 'items'), 'items schema added');
      else if (newSchema.items === undefined) emit('widened', 'items', child(at, 'items'), 'items schema removed');
      else this.schema(oldSchema.items, newSchema.items, child(o.pointer, 'items'), child(at, 'items'), direction, where, nest(label, '[]', ''));
    }
    this.additionalProperties(oldSchema, newSchema, o.pointer, at, direction, where, label, emit);
    this.branches(oldSchema, newSchema, o.pointer, at, direction, where, label, emit);
  }

  private types(oldSchema: Json, newSchema: Json, at: string, emit: (e: Effect, a: string, p: string, m: string) => void): void {
    const oldTypes = typeSet(oldSchema);
    const newTypes = typeSet(newSchema);
    const oldNull = isNullable(oldSchema);
    const newNull = isNullable(newSchema);
    if (oldNull !== newNull) emit(newNull ? 'widened' : 'narrowed', 'nullable', child(at, 'type'), newNull ? 'made nullable' : 'no longer nullable');
    if (oldTypes === null && newTypes === null) return;
    if (oldTypes === null) return emit('narrowed', 'type', child(at, 'type'), `type restricted to ${[...newTypes!].join(' | ')}`);
    if (newTypes === null) return emit('widened', 'type', child(at, 'type'), `type restriction ${[...oldTypes].join(' | ')} removed`);
    const added = [...newTypes].filter((t) => !accepts(oldTypes, t));
    const removed = [...oldTypes].filter((t) => !accepts(newTypes, t));
    const description = `type changed from ${[...oldTypes].join(' | ')} to ${[...newTypes].join(' | ')}`;
    if (added.length && removed.length) emit('changed', 'type', child(at, 'type'), description);
    else if (added.length) emit('widened', 'type', child(at, 'type'), `type widened: ${description}`);
    else if (removed.length) emit('narrowed', 'type', child(at, 'type'), `type narrowed: ${description}`);
  }

  private enums(oldSchema: Json, newSchema: Json, at: string, direction: Direction, where: string, label: string, emit: (e: Effect, a: string, p: string, m: string) => void): void {
    if (!same(oldSchema.const, newSchema.const)) {
      if (oldSchema.const === undefined) emit('narrowed', 'const', child(at, 'const'), `const ${show(newSchema.const)} added`);
      else if (newSchema.const === undefined) emit('widened', 'const', child(at, 'const'), `const ${show(oldSchema.const)} removed`);
      else emit('changed', 'const', child(at, 'const'), `const changed from ${show(oldSchema.const)} to ${show(newSchema.const)}`);
    }
    const oldEnum: unknown[] | undefined = Array.isArray(oldSchema.enum) ? oldSchema.enum.filter((v: unknown) => v !== null) : undefined;
    const newEnum: unknown[] | undefined = Array.isArray(newSchema.enum) ? newSchema.enum.filter((v: unknown) => v !== null) : undefined;
    if (oldEnum && !newEnum) emit('widened', 'enum', child(at, 'enum'), 'enum restriction removed');
    else if (!oldEnum && newEnum) emit('narrowed', 'enum', child(at, 'enum'), `restricted to the values ${newEnum.map(show).join(', ')}`);
    else if (oldEnum && newEnum) {
      for (const value of newEnum) {
        if (!oldEnum.some((v) => same(v, value))) emit('widened', 'enum', child(at, 'enum', newSchema.enum.indexOf(value)), `value ${show(value)} added`);
      }
      for (const value of oldEnum) {
        if (!newEnum.some((v) => same(v, value))) emit('narrowed', 'enum', child(at, 'enum'), `value ${show(value)} removed`);
      }
    }
    // Retry advice per error type: clients that follow it change behaviour.
    const oldRetry: Json = oldSchema['x-retryable'] ?? {};
    const newRetry: Json = newSchema['x-retryable'] ?? {};
    for (const value of Object.keys(newRetry)) {
      if (value in oldRetry && oldRetry[value] !== newRetry[value]) {
        this.add({
          pointer: child(at, 'x-retryable', value),
          kind: 'retry-advice-changed',
          message: `${label}: ${show(value)} is ${newRetry[value] ? 'now' : 'no longer'} retryable`,
          where,
          clients: 'risky',
          implementations: direction === 'response' ? 'safe' : 'risky',
        });
      }
    }
  }

  private bound(oldValue: unknown, newValue: unknown, pointer: string, key: string, side: 'lower' | 'upper', emit: (e: Effect, a: string, p: string, m: string) => void): void {
    if (same(oldValue, newValue)) return;
    const aspect = 'bounds';
    if (typeof oldValue !== 'number') return emit('narrowed', aspect, pointer, `${key} ${show(newValue)} added`);
    if (typeof newValue !== 'number') return emit('widened', aspect, pointer, `${key} ${show(oldValue)} removed`);
    const looser = side === 'lower' ? newValue < oldValue : newValue > oldValue;
    emit(looser ? 'widened' : 'narrowed', aspect, pointer, `${key} ${looser ? 'widened' : 'narrowed'} from ${oldValue} to ${newValue}`);
  }

  private properties(oldSchema: Json, newSchema: Json, oldAt: string, at: string, direction: Direction, where: string, label: string, emit: (e: Effect, a: string, p: string, m: string) => void): void {
    const oldProps: Json = oldSchema.properties ?? {};
    const newProps: Json = newSchema.properties ?? {};
    const oldRequired = new Set<string>(oldSchema.required ?? []);
    const newRequired = new Set<string>(newSchema.required ?? []);
        for (const name of new Set([...Object.keys(oldProps), ...Object.keys(newProps)])) {
      const path = nest(label, name, '.');
      if (!(name in newProps)) {
        const pointer = child(oldAt, 'properties', name);
        if (direction === 'response') this.add({ pointer, kind: 'response-property-removed', message: `${path}: removed`, where, clients: 'breaking', implementations: 'safe' });
        // Clients that still send it may be rejected; most servers ignore it.
        else this.add({ pointer, kind: 'request-property-removed', message: `${path}: removed`, where, clients: 'risky', implementations: 'safe' });
        continue;
      }
      const pointer = child(at, 'properties', name);
      if (!(name in oldProps)) {
        const required = newRequired.has(name);
        if (direction === 'response') {
          this.add({ pointer, kind: required ? 'response-required-property-added' : 'response-optional-property-added', message: `${path}: added${required ? ' (required)' : ''}`, where, clients: 'safe', implementations: required ? 'breaking' : 'safe' });
        } else {
          this.add({ pointer, kind: required ? 'request-required-property-added' : 'request-optional-property-added', message: `${path}: added${required ? ' (required)' : ''}`, where, clients: required ? 'breaking' : 'safe', implementations: 'risky' });
        }
        continue;
      }
      if (oldRequired.has(name) !== newRequired.has(name)) {
        const nowRequired = newRequired.has(name);
        emit(nowRequired ? 'narrowed' : 'widened', 'required', child(at, 'required'), `property \`${name}\` ${nowRequired ? "made required" : "made optional"}`);
      }
      this.schema(oldProps[name], newProps[name], child(oldAt, 'properties', name), pointer, direction, where, path);
    }
  }

  private additionalProperties(oldSchema: Json, newSchema: Json, oldAt: string, at: string, direction: Direction, where: string, label: string, emit: (e: Effect, a: string, p: string, m: string) => void): void {
    const o = oldSchema.additionalProperties;
    const n = newSchema.additionalProperties;
    if (same(o, n)) return;
    const pointer = child(at, 'additionalProperties');
    if (n === false) return emit('narrowed', 'additionalProperties', pointer, 'additional properties forbidden');
    if (o === false) return emit('widened', 'additionalProperties', pointer, 'additional properties allowed');
    if (typeof o === 'object' && typeof n === 'object') return this.schema(o, n, child(oldAt, 'additionalProperties'), pointer, direction, where, nest(label, '{*}', ''));
    emit(n === undefined || n === true ? 'widened' : 'narrowed', 'additionalProperties', pointer, 'additional properties schema changed');
  }

  private branches(oldSchema: Json, newSchema: Json, oldAt: string, at: string, direction: Direction, where: string, label: string, emit: (e: Effect, a: string, p: string, m: string) => void): void {
    for (const key of ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const) {
      const o: unknown[] = (oldSchema[key] ?? []).filter((b: unknown) => !isNullBranch(this.before, b));
      const n: unknown[] = (newSchema[key] ?? []).filter((b: unknown) => !isNullBranch(this.after, b));
      for (let i = 0; i < Math.min(o.length, n.length); i++) {
        this.schema(o[i], n[i], child(oldAt, key, i), child(at, key, i), direction, where, nest(label, `(${key}[${i}])`, ''));
      }
      if (o.length === n.length) continue;
      // More anyOf/oneOf branches accept more; more allOf (or prefixItems) constraints accept less.
      const more = n.length > o.length;
      const widens = key === 'allOf' || key === 'prefixItems' ? !more : more;
      emit(widens ? 'widened' : 'narrowed', 'schema-branch', child(at, key), `${key} ${more ? 'gained' : 'lost'} ${Math.abs(n.length - o.length)} branch(es)`);
    }
  }

  // ---------------------------------------------------------------- document

  compare(): SpecChange[] {
    const b = this.before;
    const a = this.after;
    if (!same(b.info?.version, a.info?.version)) {
      this.add({ pointer: '#/info/version', kind: 'version-changed', message: `info.version changed from ${show(b.info?.version)} to ${show(a.info?.version)}`, where: 'info', clients: 'safe', implementations: 'safe' });
    }
    this.documentation(b.info ?? {}, a.info ?? {}, '#/info', 'info');
    this.servers(b.servers ?? [], a.servers ?? [], '#/servers', 'servers');
    this.securitySchemes();
    this.operations();
    return this.changes;
  }

  private servers(oldServers: Json[], newServers: Json[], pointer: string, where: string): void {
    const oldUrls: string[] = oldServers.map((s) => s.url);
    const newUrls: string[] = newServers.map((s) => s.url);
    const removed = oldUrls.filter((url) => !newUrls.includes(url));
    const added = newUrls.filter((url) => !oldUrls.includes(url));
    // Same list length and one URL replaced in place: a moved server, reported once.
    const moved = oldUrls.length === newUrls.length ? removed.filter((url) => added.includes(newUrls[oldUrls.indexOf(url)]!)) : [];
    for (const url of moved) {
      const i = oldUrls.indexOf(url);
      this.add({ pointer: child(pointer, i, 'url'), kind: 'server-moved', message: `server ${show(url)} moved to ${show(newUrls[i])}: clients calling the old URL fail`, where, clients: 'breaking', implementations: 'risky' });
    }
    for (const url of removed.filter((u) => !moved.includes(u))) {
      this.add({ pointer: child(pointer, oldUrls.indexOf(url), 'url'), kind: 'server-removed', message: `server ${show(url)} removed: clients calling it fail`, where, clients: 'breaking', implementations: 'risky' });
    }
    for (const url of added.filter((u) => !moved.some((m) => newUrls[oldUrls.indexOf(m)] === u))) {
      this.add({ pointer: child(pointer, newUrls.indexOf(url), 'url'), kind: 'server-added', message: `server ${show(url)} added`, where, clients: 'safe', implementations: 'safe' });
    }
    newServers.forEach((server, i) => {
      const before = oldServers.find((s) => s.url === server.url);
      if (before) this.documentation(before, server, child(pointer, i), where);
      if (before) this.unclassified(before, server, child(pointer, i), where, HANDLED.server);
    });
  }

  private securitySchemes(): void {
    const oldSchemes: Json = this.before.components?.securitySchemes ?? {};
    const newSchemes: Json = this.after.components?.securitySchemes ?? {};
    for (const [name, oldScheme] of Object.entries<Json>(oldSchemes)) {
      const newScheme = newSchemes[name];
      if (!newScheme) continue; // Its requirements report the removal.
      const pointer = child('#/components/securitySchemes', name);
      for (const key of ['type', 'in', 'name', 'scheme', 'bearerFormat', 'openIdConnectUrl', 'flows'] as const) {
        if (!same(oldScheme[key], newScheme[key])) {
          this.add({ pointer: child(pointer, key), kind: 'security-scheme-changed', message: `security scheme \`${name}\`: ${key} changed from ${show(oldScheme[key] ?? null)} to ${show(newScheme[key] ?? null)}`, where: 'security', clients: 'breaking', implementations: 'breaking' });
        }
      }
      this.documentation(oldScheme, newScheme, pointer, 'security');
      this.unclassified(oldScheme, newScheme, pointer, 'security', HANDLED.securityScheme);
    }
  }

  private operations(): void {
    const oldOps = operationsOf(this.before);
    const newOps = operationsOf(this.after);
    for (const [key, op] of oldOps) {
      if (!newOps.has(key)) {
        this.add({ pointer: op.pointer, kind: 'operation-removed', message: `operation ${op.label} removed`, where: op.label, clients: 'breaking', implementations: 'safe' });
      }
    }
    for (const [key, op] of newOps) {
      const old = oldOps.get(key);
      if (!old) {
        this.add({ pointer: op.pointer, kind: 'operation-added', message: `operation ${op.label} added: implementations must serve it`, where: op.label, clients: 'safe', implementations: 'risky' });
        continue;
      }
      this.operation(old, op);
    }
  }

  private operation(old: OperationRef, op: OperationRef): void {
    const where = op.label;
    const o = old.operation;
    const n = op.operation;
    this.documentation(o, n, op.pointer, where);
    this.unclassified(o, n, op.pointer, where, HANDLED.operation);
    if (o.operationId !== n.operationId) {
      this.add({ pointer: child(op.pointer, 'operationId'), kind: 'operation-id-changed', message: `operationId changed from ${show(o.operationId)} to ${show(n.operationId)}: generated client method names change`, where, clients: 'risky', implementations: 'safe' });
    }
    if (Boolean(o.deprecated) !== Boolean(n.deprecated)) {
      this.add({ pointer: child(op.pointer, 'deprecated'), kind: 'deprecated', message: n.deprecated ? 'operation deprecated' : 'operation no longer deprecated', where, clients: 'safe', implementations: 'safe' });
    }
    if (o.servers || n.servers) this.servers(o.servers ?? this.before.servers ?? [], n.servers ?? this.after.servers ?? [], child(op.pointer, 'servers'), where);
    this.security(o.security ?? this.before.security ?? [], n.security ?? this.after.security ?? [], n.security ? child(op.pointer, 'security') : '#/security', where);
    this.parameters(old, op);
    this.requestBody(old, op);
    this.responses(old, op);
  }

  private security(oldReqs: Json[], newReqs: Json[], pointer: string, where: string): void {
    const describe = (req: Json) => {
      const names = Object.keys(req).sort();
      return names.length === 0 ? 'no authentication' : names.map((k) => `${k}${req[k]?.length ? `[${[...req[k]].sort().join(',')}]` : ''}`).join(' + ');
    };
    const oldAlternatives = new Set((oldReqs.length ? oldReqs : [{}]).map(describe));
    const newAlternatives = new Set((newReqs.length ? newReqs : [{}]).map(describe));
    // Where anonymous requests are accepted, every credential is (it is simply not checked).
    const oldOpen = oldAlternatives.has('no authentication');
    const newOpen = newAlternatives.has('no authentication');
    for (const alternative of oldAlternatives) {
      if (!newAlternatives.has(alternative) && !newOpen) this.add({ pointer, kind: 'security-alternative-removed', message: `requests with ${alternative} are no longer accepted`, where, clients: 'breaking', implementations: 'safe' });
    }
    for (const alternative of newAlternatives) {
      if (!oldAlternatives.has(alternative) && !oldOpen) this.add({ pointer, kind: 'security-alternative-added', message: `requests with ${alternative} are now accepted`, where, clients: 'safe', implementations: 'breaking' });
    }
  }

  private parameters(old: OperationRef, op: OperationRef): void {
    const where = op.label;
    const oldParams = parametersOf(this.before, old);
    const newParams = parametersOf(this.after, op);
    for (const [key, p] of oldParams) {
      if (!newParams.has(key)) {
        // Path parameters are part of the path (a renamed one shows as a changed operation).
        this.add({ pointer: p.pointer, kind: 'parameter-removed', message: `${p.in} parameter \`${p.name}\` removed: clients still sending it may be rejected`, where, clients: 'risky', implementations: 'safe' });
      }
    }
    for (const [key, p] of newParams) {
      const label = `${p.in} parameter \`${p.name}\``;
      const before = oldParams.get(key);
      if (!before) {
        const required = Boolean(p.node.required);
        this.add({ pointer: p.pointer, kind: required ? 'parameter-required-added' : 'parameter-optional-added', message: `${label} added${required ? ' (required)' : ''}`, where, clients: required ? 'breaking' : 'safe', implementations: 'risky' });
        continue;
      }
      this.documentation(before.node, p.node, p.pointer, where);
      this.unclassified(before.node, p.node, p.pointer, where, HANDLED.parameter);
      if (Boolean(before.node.required) !== Boolean(p.node.required)) {
        const nowRequired = Boolean(p.node.required);
        this.add({ pointer: child(p.pointer, 'required'), kind: nowRequired ? 'parameter-made-required' : 'parameter-made-optional', message: `${label} made ${nowRequired ? 'required' : 'optional'}`, where, clients: nowRequired ? 'breaking' : 'safe', implementations: nowRequired ? 'safe' : 'breaking' });
      }
      for (const key of ['style', 'explode', 'allowReserved', 'allowEmptyValue'] as const) {
        if (!same(before.node[key], p.node[key])) {
          this.add({ pointer: child(p.pointer, key), kind: 'parameter-serialization-changed', message: `${label}: ${key} changed`, where, clients: 'breaking', implementations: 'breaking' });
        }
      }
      if (Boolean(before.node.deprecated) !== Boolean(p.node.deprecated)) {
        this.add({ pointer: child(p.pointer, 'deprecated'), kind: 'deprecated', message: `${label} ${p.node.deprecated ? 'deprecated' : 'no longer deprecated'}`, where, clients: 'safe', implementations: 'safe' });
      }
      this.schema(before.node.schema, p.node.schema, child(before.pointer, 'schema'), child(p.pointer, 'schema'), 'request', where, label);
    }
  }

  private requestBody(old: OperationRef, op: OperationRef): void {
    const where = op.label;
    const o = resolve(this.before, old.operation.requestBody, child(old.pointer, 'requestBody'));
    const n = resolve(this.after, op.operation.requestBody, child(op.pointer, 'requestBody'));
    if (!o.node && !n.node) return;
    if (!n.node) return this.add({ pointer: o.pointer, kind: 'request-body-removed', message: 'request body removed: clients still sending one may be rejected', where, clients: 'risky', implementations: 'safe' });
    if (!o.node) {
      const required = Boolean(n.node.required);
      return this.add({ pointer: n.pointer, kind: 'request-body-added', message: `request body added${required ? ' (required)' : ''}`, where, clients: required ? 'breaking' : 'safe', implementations: 'risky' });
    }
    this.documentation(o.node, n.node, n.pointer, where);
    this.unclassified(o.node, n.node, n.pointer, where, HANDLED.requestBody);
    if (Boolean(o.node.required) !== Boolean(n.node.required)) {
      const nowRequired = Boolean(n.node.required);
      this.add({ pointer: child(n.pointer, 'required'), kind: nowRequired ? 'request-body-made-required' : 'request-body-made-optional', message: `request body made ${nowRequired ? 'required' : 'optional'}`, where, clients: nowRequired ? 'breaking' : 'safe', implementations: nowRequired ? 'safe' : 'breaking' });
    }
    this.content(o.node.content ?? {}, n.node.content ?? {}, child(o.pointer, 'content'), child(n.pointer, 'content'), 'request', where, 'request body');
  }

  private content(oldContent: Json, newContent: Json, oldAt: string, at: string, direction: Direction, where: string, label: string): void {
    for (const type of Object.keys(oldContent)) {
      if (!(type in newContent)) {
        this.add({ pointer: child(oldAt, type), kind: `${direction}-media-type-removed`, message: `${label}: media type \`${type}\` removed`, where, clients: 'breaking', implementations: 'safe' });
      }
    }
    for (const [type, media] of Object.entries<Json>(newContent)) {
      const before: Json | undefined = oldContent[type];
      if (!before) {
        this.add({ pointer: child(at, type), kind: `${direction}-media-type-added`, message: `${label}: media type \`${type}\` added`, where, clients: direction === 'response' ? 'risky' : 'safe', implementations: direction === 'request' ? 'breaking' : 'safe' });
        continue;
      }
      this.documentation(before, media, child(at, type), where);
      this.unclassified(before, media, child(at, type), where, HANDLED.mediaType);
      this.schema(before.schema, media.schema, child(oldAt, type, 'schema'), child(at, type, 'schema'), direction, where, label);
    }
  }

  private responses(old: OperationRef, op: OperationRef): void {
    const oldResponses: Json = old.operation.responses ?? {};
    const newResponses: Json = op.operation.responses ?? {};
    const isSuccess = (status: string) => /^2/.test(status);
    for (const status of Object.keys(oldResponses)) {
      if (status in newResponses) continue;
      const success = isSuccess(status) && !Object.keys(newResponses).some(isSuccess);
      this.add({
        pointer: child(old.pointer, 'responses', status),
        kind: success ? 'success-response-removed' : 'response-status-removed',
        message: `response ${status} removed${success ? ': no success response is left' : ''}`,
        where: op.label,
        clients: success ? 'breaking' : 'safe',
        implementations: 'breaking',
      });
    }
    for (const [status, raw] of Object.entries<Json>(newResponses)) {
      const where = `${op.label}, response ${status}`;
      const n = resolve(this.after, raw, child(op.pointer, 'responses', status));
      if (!(status in oldResponses)) {
        this.add({ pointer: child(op.pointer, 'responses', status), kind: 'response-status-added', message: `response ${status} added: clients may not handle it`, where: op.label, clients: 'risky', implementations: 'safe' });
        continue;
      }
      const o = resolve(this.before, oldResponses[status], child(old.pointer, 'responses', status));
      if (!o.node || !n.node) continue;
      this.documentation(o.node, n.node, n.pointer, where);
      this.unclassified(o.node, n.node, n.pointer, where, HANDLED.response);
      this.headers(o.node.headers ?? {}, n.node.headers ?? {}, child(o.pointer, 'headers'), child(n.pointer, 'headers'), where);
      this.content(o.node.content ?? {}, n.node.content ?? {}, child(o.pointer, 'content'), child(n.pointer, 'content'), 'response', where, `response ${status}`);
    }
  }

  private headers(oldHeaders: Json, newHeaders: Json, oldAt: string, at: string, where: string): void {
    for (const name of new Set([...Object.keys(oldHeaders), ...Object.keys(newHeaders)])) {
      const o = resolve(this.before, oldHeaders[name], child(oldAt, name));
      const n = resolve(this.after, newHeaders[name], child(at, name));
      const label = `response header \`${name}\``;
      if (!n.node) {
        this.add({ pointer: o.pointer, kind: 'response-header-removed', message: `${label} removed`, where, clients: o.node?.required ? 'breaking' : 'risky', implementations: 'safe' });
      } else if (!o.node) {
        this.add({ pointer: n.pointer, kind: 'response-header-added', message: `${label} added`, where, clients: 'safe', implementations: n.node.required ? 'breaking' : 'safe' });
      } else {
        if (Boolean(o.node.required) !== Boolean(n.node.required)) {
          const nowRequired = Boolean(n.node.required);
          this.add({ pointer: child(n.pointer, 'required'), kind: 'response-header-required-changed', message: `${label} made ${nowRequired ? 'required' : 'optional'}`, where, clients: nowRequired ? 'safe' : 'breaking', implementations: nowRequired ? 'breaking' : 'safe' });
        }
        this.documentation(o.node, n.node, n.pointer, where);
        this.unclassified(o.node, n.node, n.pointer, where, HANDLED.header);
        this.schema(o.node.schema, n.node.schema, child(o.pointer, 'schema'), child(n.pointer, 'schema'), 'response', where, label);
      }
    }
  }
}

/** `response 200` + `date` -> response 200 `date`; response 200 `items[]` + `date` -> response 200 `items[].date`. */
function nest(label: string, segment: string, separator: string): string {
  return label.endsWith('`') ? `${label.slice(0, -1)}${separator}${segment}\`` : `${label} \`${segment}\``;
}

function typeSet(schema: Json): Set<string> | null {
  let types: string[] | null = null;
  if (typeof schema.type === 'string') types = [schema.type];
  else if (Array.isArray(schema.type)) types = schema.type;
  else if (schema.const !== undefined) types = [jsonType(schema.const)];
  else if (Array.isArray(schema.enum) && schema.enum.length > 0) types = schema.enum.map(jsonType);
  if (types === null) return null;
  const nonNull = types.filter((t) => t !== 'null');
  return nonNull.length ? new Set(nonNull) : null;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Whether a type set accepts values of type `t` (every integer is a number). */
function accepts(types: Set<string>, t: string): boolean {
  return types.has(t) || (t === 'integer' && types.has('number'));
}

function isNullBranch(doc: Json, branch: unknown): boolean {
  const node = resolve(doc, branch, '').node;
  return node?.type === 'null' || (Array.isArray(node?.enum) && node.enum.length === 1 && node.enum[0] === null) || (node?.const === null);
}

function isNullable(schema: Json): boolean {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.includes('null') || schema.nullable === true || (Array.isArray(schema.enum) && schema.enum.includes(null)) || schema.const === null;
}

interface OperationRef {
  label: string;
  pointer: string;
  pathItem: Json;
  pathPointer: string;
  operation: Json;
}

/** Operations keyed by method and path template with parameter names blanked: `GET /users/{}`. */
function operationsOf(doc: Json): Map<string, OperationRef> {
  const operations = new Map<string, OperationRef>();
  for (const [path, raw] of Object.entries<Json>(doc.paths ?? {})) {
    const { node: pathItem, pointer: pathPointer } = resolve(doc, raw, child('#/paths', path));
    if (!pathItem) continue;
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      operations.set(`${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, '{}')}`, {
        label: `${method.toUpperCase()} ${path}`,
        pointer: child(pathPointer, method),
        pathItem,
        pathPointer,
        operation,
      });
    }
  }
  return operations;
}

function pathTemplateNames(label: string): string[] {
  return [...label.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!);
}

interface ParameterRef {
  name: string;
  in: string;
  node: Json;
  pointer: string;
}

function parametersOf(doc: Json, op: OperationRef): Map<string, ParameterRef> {
  const params = new Map<string, ParameterRef>();
  const collect = (list: unknown, at: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((raw, i) => {
      const { node, pointer } = resolve(doc, raw, child(at, i));
      if (!node || typeof node.name !== 'string') return;
      // Path parameters are matched by position in the path; names are free to change.
      const key = node.in === 'path' ? `path:${pathTemplateNames(op.label).indexOf(node.name)}` : `${node.in}:${node.in === 'header' ? node.name.toLowerCase() : node.name}`;
      params.set(key, { name: node.name, in: node.in, node, pointer });
    });
  };
  collect(op.pathItem.parameters, child(op.pathPointer, 'parameters'));
  collect(op.operation.parameters, child(op.pointer, 'parameters'));
  return params;
}

/** Every change between two bundled documents, classified for clients and implementations. */
export function compareSpecs(before: Json, after: Json): SpecChange[] {
  return new Comparison(before, after).compare();
}
