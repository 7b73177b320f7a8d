// Compares two bundled OpenAPI 3.1 documents and classifies every change for the two audiences:
// clients (who send requests and read responses) and implementations (who read requests and send
// responses). The rule: whatever lets the *sender* send more than before breaks the *reader*.
import { rules, type ChangeClass, type Rule } from './rules.js';

export type { ChangeClass } from './rules.js';

type Json = Record<string, any>;

export interface SpecChange {
  /** JSON pointer in the bundled document: the new one, or the old one for what was removed. */
  pointer: string;
  /** The id of the rule that classified it (see rules.ts), e.g. `response-required-property-removed`. */
  kind: string;
  message: string;
  /** Where it shows, e.g. `GET /things, response 200`. */
  where: string;
  clients: ChangeClass;
  implementations: ChangeClass;
}

export function worstClass(...classes: ChangeClass[]): ChangeClass {
  const rank: Record<ChangeClass, number> = { safe: 0, risky: 1, breaking: 2 };
  return classes.reduce<ChangeClass>((worst, c) => (rank[c] > rank[worst] ? c : worst), 'safe');
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
const verbOf = (before: unknown, after: unknown) => (before === undefined ? 'added' : after === undefined ? 'removed' : 'changed');

/** Which way a change moves the set of values a schema accepts. */
type Effect = 'widened' | 'narrowed' | 'changed';
type Direction = 'request' | 'response';
type Emit = (effect: Effect, aspect: string, pointer: string, message: string) => void;

// The tables below are built per comparison, not at module load, so that mutation testing
// exercises them like the rest of the classifier.
const documentationKeys = () => ['title', 'description', 'summary', 'example', 'examples', 'x-enumDescriptions', 'externalDocs', 'x-codeSamples', 'tags'];

// What each kind of object's comparison looks at (besides the documentation keys). A change to any
// other key (discriminator, links, callbacks, an extension...) is reported as unclassified: risky.
const handledKeys = () => ({
  schema: new Set(['type', 'nullable', 'enum', 'const', 'minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties', 'minContains', 'maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties', 'maxContains', 'pattern', 'format', 'multipleOf', 'contentEncoding', 'contentMediaType', 'uniqueItems', 'default', 'readOnly', 'writeOnly', 'deprecated', 'properties', 'required', 'items', 'additionalProperties', 'allOf', 'anyOf', 'oneOf', 'prefixItems', 'x-retryable', '$ref']),
  server: new Set(['url']),
  securityScheme: new Set(['type', 'in', 'name', 'scheme', 'bearerFormat', 'openIdConnectUrl', 'flows']),
  operation: new Set(['operationId', 'deprecated', 'servers', 'security', 'parameters', 'requestBody', 'responses']),
  parameter: new Set(['name', 'in', 'required', 'style', 'explode', 'allowReserved', 'allowEmptyValue', 'deprecated', 'schema']),
  requestBody: new Set(['required', 'content']),
  mediaType: new Set(['schema']),
  response: new Set(['headers', 'content']),
  header: new Set(['required', 'schema', 'deprecated']),
});

class Comparison {
  readonly changes: SpecChange[] = [];
  private readonly seen = new Set<string>();
  private readonly visitedSchemas = new Set<string>();
  private readonly rules: Record<string, Rule> = rules();
  private readonly documentationKeys = documentationKeys();
  private readonly handled = handledKeys();

  constructor(readonly before: Json, readonly after: Json) {}

  /** Reports a change under rule `kind`; the classes are the rule's (rules.ts). */
  add(kind: string, pointer: string, message: string, where: string): void {
    const rule = this.rules[kind];
    // Stryker disable next-line all: unreachable while every kind used here has a rule (a corpus test checks both ways)
    if (!rule) throw new Error(`spec-diff: no rule ${kind} in rules.ts`);
    const key = `${pointer}|${kind}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.changes.push({ pointer, kind, message, where, clients: rule.clients, implementations: rule.implementations });
  }

  documentation(oldNode: Json, newNode: Json, pointer: string, where: string): void {
    for (const key of this.documentationKeys) {
      if (!same(oldNode[key], newNode[key])) this.add('documentation', child(pointer, key), `${key} ${verbOf(oldNode[key], newNode[key])}`, where);
    }
  }

  unclassified(oldNode: Json, newNode: Json, pointer: string, where: string, handled: ReadonlySet<string>): void {
    for (const key of new Set([...Object.keys(oldNode), ...Object.keys(newNode)])) {
      if (handled.has(key) || this.documentationKeys.includes(key) || same(oldNode[key], newNode[key])) continue;
      this.add('unclassified', child(pointer, key), `\`${key}\` ${verbOf(oldNode[key], newNode[key])}: not classified by this tool, review it by hand`, where);
    }
  }

  private deprecated(oldNode: Json, newNode: Json, pointer: string, where: string, label: string): void {
    if (Boolean(oldNode.deprecated) !== Boolean(newNode.deprecated)) {
      this.add('deprecated', child(pointer, 'deprecated'), `${label} ${newNode.deprecated ? 'deprecated' : 'no longer deprecated'}`, where);
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
    const emit: Emit = (effect, aspect, pointer, message) => this.add(`${direction}-${aspect}-${effect}`, pointer, `${label}: ${message}`, where);

    this.documentation(oldSchema, newSchema, at, where);
    this.unclassified(oldSchema, newSchema, at, where, this.handled.schema);
    this.types(oldSchema, newSchema, at, emit);
    this.enums(oldSchema, newSchema, at, where, label, emit);

    for (const key of ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties', 'minContains']) this.bound(oldSchema[key], newSchema[key], child(at, key), key, 'lower', emit);
    for (const key of ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties', 'maxContains']) this.bound(oldSchema[key], newSchema[key], child(at, key), key, 'upper', emit);
    for (const key of ['pattern', 'format', 'multipleOf', 'contentEncoding', 'contentMediaType'] as const) {
      if (same(oldSchema[key], newSchema[key])) continue;
      if (oldSchema[key] === undefined) emit('narrowed', key, child(at, key), `${key} ${show(newSchema[key])} added`);
      else if (newSchema[key] === undefined) emit('widened', key, child(at, key), `${key} ${show(oldSchema[key])} removed`);
      else emit(constraintChange(key, oldSchema[key], newSchema[key]), key, child(at, key), `${key} changed from ${show(oldSchema[key])} to ${show(newSchema[key])}`);
    }
    if (Boolean(oldSchema.uniqueItems) !== Boolean(newSchema.uniqueItems)) {
      emit(newSchema.uniqueItems ? 'narrowed' : 'widened', 'uniqueItems', child(at, 'uniqueItems'), `uniqueItems ${newSchema.uniqueItems ? 'added' : 'removed'}`);
    }
    if (!same(oldSchema.default, newSchema.default)) {
      const message = `${label}: default changed from ${show(oldSchema.default ?? null)} to ${show(newSchema.default ?? null)}`;
      // A request default is behaviour the server applies when the client omits the value.
      this.add(direction === 'request' ? 'request-default-changed' : 'documentation', child(at, 'default'), message, where);
    }
    for (const key of ['readOnly', 'writeOnly'] as const) {
      if (Boolean(oldSchema[key]) !== Boolean(newSchema[key])) {
        const verb = newSchema[key] ? 'added' : 'removed';
        this.add(`${direction}-${key}-${verb}`, child(at, key), `${label}: ${key} ${verb}`, where);
      }
    }
    this.deprecated(oldSchema, newSchema, at, where, label);
    this.properties(oldSchema, newSchema, o.pointer, at, direction, where, label, emit);
    if (oldSchema.items !== undefined || newSchema.items !== undefined) {
      if (oldSchema.items === undefined) emit('narrowed', 'items', child(at, 'items'), 'items schema added');
      else if (newSchema.items === undefined) emit('widened', 'items', child(at, 'items'), 'items schema removed');
      else this.schema(oldSchema.items, newSchema.items, child(o.pointer, 'items'), child(at, 'items'), direction, where, nest(label, '[]', ''));
    }
    this.additionalProperties(oldSchema, newSchema, o.pointer, at, direction, where, label, emit);
    this.branches(oldSchema, newSchema, o.pointer, at, direction, where, label, emit);
  }

  private types(oldSchema: Json, newSchema: Json, at: string, emit: Emit): void {
    const oldNull = isNullable(this.before, oldSchema);
    const newNull = isNullable(this.after, newSchema);
    if (oldNull !== newNull) emit(newNull ? 'widened' : 'narrowed', 'nullable', child(at, 'type'), newNull ? 'made nullable' : 'no longer nullable');
    const oldTypes = typeSet(oldSchema);
    const newTypes = typeSet(newSchema);
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

  private enums(oldSchema: Json, newSchema: Json, at: string, where: string, label: string, emit: Emit): void {
    if (!same(oldSchema.const, newSchema.const)) {
      if (oldSchema.const === undefined) emit('narrowed', 'const', child(at, 'const'), `const ${show(newSchema.const)} added`);
      else if (newSchema.const === undefined) emit('widened', 'const', child(at, 'const'), `const ${show(oldSchema.const)} removed`);
      else emit('changed', 'const', child(at, 'const'), `const changed from ${show(oldSchema.const)} to ${show(newSchema.const)}`);
    }
    const values = (schema: Json): unknown[] | undefined => (Array.isArray(schema.enum) ? schema.enum.filter((v: unknown) => v !== null) : undefined);
    const oldEnum = values(oldSchema);
    const newEnum = values(newSchema);
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
        this.add('retry-advice-changed', child(at, 'x-retryable', value), `${label}: ${show(value)} is ${newRetry[value] ? 'now' : 'no longer'} retryable`, where);
      }
    }
  }

  private bound(oldValue: unknown, newValue: unknown, pointer: string, key: string, side: 'lower' | 'upper', emit: Emit): void {
    if (same(oldValue, newValue)) return;
    if (typeof oldValue !== 'number') return emit('narrowed', 'bounds', pointer, `${key} ${show(newValue)} added`);
    if (typeof newValue !== 'number') return emit('widened', 'bounds', pointer, `${key} ${show(oldValue)} removed`);
    const looser = side === 'lower' ? newValue < oldValue : newValue > oldValue;
    emit(looser ? 'widened' : 'narrowed', 'bounds', pointer, `${key} ${looser ? 'widened' : 'narrowed'} from ${oldValue} to ${newValue}`);
  }

  private properties(oldSchema: Json, newSchema: Json, oldAt: string, at: string, direction: Direction, where: string, label: string, emit: Emit): void {
    const oldProps: Json = oldSchema.properties ?? {};
    const newProps: Json = newSchema.properties ?? {};
    const oldRequired = new Set<string>(oldSchema.required ?? []);
    const newRequired = new Set<string>(newSchema.required ?? []);
    // `required` may name a property `properties` does not define: it still requires it.
    for (const name of new Set([...Object.keys(oldProps), ...Object.keys(newProps), ...oldRequired, ...newRequired])) {
      const path = nest(label, name, '.');
      const inOld = Object.hasOwn(oldProps, name);
      const inNew = Object.hasOwn(newProps, name);
      if (inOld && !inNew) {
        const required = oldRequired.has(name) ? 'required' : 'optional';
        this.add(`${direction}-${required}-property-removed`, child(oldAt, 'properties', name), `${path}: removed${required === 'required' ? ' (it was required)' : ''}`, where);
        continue;
      }
      const pointer = child(at, 'properties', name);
      if (inNew && !inOld) {
        const required = newRequired.has(name) ? 'required' : 'optional';
        this.add(`${direction}-${required}-property-added`, pointer, `${path}: added${required === 'required' ? ' (required)' : ''}`, where);
        continue;
      }
      if (oldRequired.has(name) !== newRequired.has(name)) {
        const nowRequired = newRequired.has(name);
        emit(nowRequired ? 'narrowed' : 'widened', 'required', child(at, 'required'), `property \`${name}\` made ${nowRequired ? 'required' : 'optional'}`);
      }
      if (inOld) this.schema(oldProps[name], newProps[name], child(oldAt, 'properties', name), pointer, direction, where, path);
    }
  }

  private additionalProperties(oldSchema: Json, newSchema: Json, oldAt: string, at: string, direction: Direction, where: string, label: string, emit: Emit): void {
    // Absent, `true` and `{}` all allow any additional property.
    const open = (value: unknown) => value === undefined || value === true || same(value, {});
    const o = oldSchema.additionalProperties;
    const n = newSchema.additionalProperties;
    if (same(o, n) || (open(o) && open(n))) return;
    const pointer = child(at, 'additionalProperties');
    if (typeof o === 'object' && typeof n === 'object' && !open(o) && !open(n)) {
      return this.schema(o, n, child(oldAt, 'additionalProperties'), pointer, direction, where, nest(label, '{*}', ''));
    }
    // false < a schema < open
    const rank = (value: unknown) => (value === false ? 0 : open(value) ? 2 : 1);
    const widens = rank(n) > rank(o);
    emit(widens ? 'widened' : 'narrowed', 'additionalProperties', pointer, n === false ? 'additional properties forbidden' : open(n) ? 'additional properties allowed' : o === false ? 'additional properties allowed by a schema' : 'additional properties restricted by a schema');
  }

  /**
   * allOf / anyOf / oneOf / prefixItems. Branches are matched by `$ref` or by equal content
   * first (so reordering or inserting a branch changes nothing else), then by position.
   */
  private branches(oldSchema: Json, newSchema: Json, oldAt: string, at: string, direction: Direction, where: string, label: string, emit: Emit): void {
    for (const key of ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const) {
      const indexed = (list: unknown) => (Array.isArray(list) ? list.map((branch, i) => ({ branch, i })) : []);
      // prefixItems are positional: entry i constrains the i-th array element.
      const oldLeft = indexed(oldSchema[key]).filter((b) => key === 'prefixItems' || !isNullBranch(this.before, b.branch));
      const newLeft = indexed(newSchema[key]).filter((b) => key === 'prefixItems' || !isNullBranch(this.after, b.branch));
      const pairs: Array<[number, number]> = [];
      if (key !== 'prefixItems') {
        const identity = (branch: unknown) => JSON.stringify(branch);
        for (const n of [...newLeft]) {
          const match = oldLeft.findIndex((o) => identity(o.branch) === identity(n.branch));
          if (match === -1) continue;
          pairs.push([oldLeft[match]!.i, n.i]);
          oldLeft.splice(match, 1);
          newLeft.splice(newLeft.indexOf(n), 1);
        }
      }
      for (let j = 0; j < Math.min(oldLeft.length, newLeft.length); j++) pairs.push([oldLeft[j]!.i, newLeft[j]!.i]);
      for (const [i, j] of pairs) {
        this.schema(oldSchema[key][i], newSchema[key][j], child(oldAt, key, i), child(at, key, j), direction, where, nest(label, `(${key}[${j}])`, ''));
      }
      if (oldLeft.length === newLeft.length) continue;
      // More anyOf/oneOf branches accept more; more allOf (or prefixItems) constraints accept less.
      const more = newLeft.length > oldLeft.length;
      const widens = key === 'allOf' || key === 'prefixItems' ? !more : more;
      emit(widens ? 'widened' : 'narrowed', 'schema-branch', child(at, key), `${key} ${more ? 'gained' : 'lost'} ${Math.abs(newLeft.length - oldLeft.length)} branch(es)`);
    }
  }

  // ---------------------------------------------------------------- document

  compare(): SpecChange[] {
    const b = this.before;
    const a = this.after;
    if (!same(b.info?.version, a.info?.version)) {
      this.add('version-changed', '#/info/version', `info.version changed from ${show(b.info?.version)} to ${show(a.info?.version)}`, 'info');
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
      this.add('server-moved', child(pointer, i, 'url'), `server ${show(url)} moved to ${show(newUrls[i])}: clients calling the old URL fail`, where);
    }
    for (const url of removed.filter((u) => !moved.includes(u))) {
      this.add('server-removed', child(pointer, oldUrls.indexOf(url), 'url'), `server ${show(url)} removed: clients calling it fail`, where);
    }
    for (const url of added.filter((u) => !moved.some((m) => newUrls[oldUrls.indexOf(m)] === u))) {
      this.add('server-added', child(pointer, newUrls.indexOf(url), 'url'), `server ${show(url)} added`, where);
    }
    newServers.forEach((server, i) => {
      const before = oldServers.find((s) => s.url === server.url);
      if (!before) return;
      this.documentation(before, server, child(pointer, i), where);
      this.unclassified(before, server, child(pointer, i), where, this.handled.server);
    });
  }

  private securitySchemes(): void {
    const oldSchemes: Json = this.before.components?.securitySchemes ?? {};
    const newSchemes: Json = this.after.components?.securitySchemes ?? {};
    for (const [name, oldScheme] of Object.entries<Json>(oldSchemes)) {
      const newScheme = newSchemes[name];
      if (!newScheme) continue; // Its requirements report the removal.
      const pointer = child('#/components/securitySchemes', name);
      for (const key of this.handled.securityScheme) {
        if (!same(oldScheme[key], newScheme[key])) {
          this.add('security-scheme-changed', child(pointer, key), `security scheme \`${name}\`: ${key} changed from ${show(oldScheme[key] ?? null)} to ${show(newScheme[key] ?? null)}`, 'security');
        }
      }
      this.documentation(oldScheme, newScheme, pointer, 'security');
      this.unclassified(oldScheme, newScheme, pointer, 'security', this.handled.securityScheme);
    }
  }

  private operations(): void {
    const oldOps = operationsOf(this.before);
    const newOps = operationsOf(this.after);
    for (const [key, op] of oldOps) {
      if (!newOps.has(key)) this.add('operation-removed', op.pointer, `operation ${op.label} removed`, op.label);
    }
    for (const [key, op] of newOps) {
      const old = oldOps.get(key);
      if (old) this.operation(old, op);
      else this.add('operation-added', op.pointer, `operation ${op.label} added: implementations must serve it`, op.label);
    }
  }

  private operation(old: OperationRef, op: OperationRef): void {
    const where = op.label;
    const o = old.operation;
    const n = op.operation;
    this.documentation(o, n, op.pointer, where);
    this.unclassified(o, n, op.pointer, where, this.handled.operation);
    if (o.operationId !== n.operationId) {
      this.add('operation-id-changed', child(op.pointer, 'operationId'), `operationId changed from ${show(o.operationId)} to ${show(n.operationId)}: generated client method names change`, where);
    }
    this.deprecated(o, n, op.pointer, where, 'operation');
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
      if (!newAlternatives.has(alternative) && !newOpen) this.add('security-alternative-removed', pointer, `requests with ${alternative} are no longer accepted`, where);
    }
    for (const alternative of newAlternatives) {
      if (!oldAlternatives.has(alternative) && !oldOpen) this.add('security-alternative-added', pointer, `requests with ${alternative} are now accepted`, where);
    }
  }

  private parameters(old: OperationRef, op: OperationRef): void {
    const where = op.label;
    const oldParams = parametersOf(this.before, old);
    const newParams = parametersOf(this.after, op);
    for (const [key, p] of oldParams) {
      if (newParams.has(key)) continue;
      const required = p.node.required === true;
      this.add(required ? 'parameter-required-removed' : 'parameter-optional-removed', p.pointer, `${p.in} parameter \`${p.name}\` removed${required ? ' (it was required)' : ''}`, where);
    }
    for (const [key, p] of newParams) {
      const label = `${p.in} parameter \`${p.name}\``;
      const before = oldParams.get(key);
      if (!before) {
        const required = p.node.required === true;
        this.add(required ? 'parameter-required-added' : 'parameter-optional-added', p.pointer, `${label} added${required ? ' (required)' : ''}`, where);
        continue;
      }
      this.documentation(before.node, p.node, p.pointer, where);
      this.unclassified(before.node, p.node, p.pointer, where, this.handled.parameter);
      // Matched by key: a path parameter by position (its name is free), a header case-insensitively.
      if (p.in === 'path' && before.name !== p.name) {
        this.add('path-parameter-renamed', child(p.pointer, 'name'), `path parameter \`${before.name}\` renamed to \`${p.name}\``, where);
      }
      if ((before.node.required === true) !== (p.node.required === true)) {
        const nowRequired = p.node.required === true;
        this.add(nowRequired ? 'parameter-made-required' : 'parameter-made-optional', child(p.pointer, 'required'), `${label} made ${nowRequired ? 'required' : 'optional'}`, where);
      }
      const oldSerialization = serialization(before.node);
      const newSerialization = serialization(p.node);
      for (const key of Object.keys(newSerialization) as Array<keyof typeof newSerialization>) {
        if (oldSerialization[key] !== newSerialization[key]) {
          this.add('parameter-serialization-changed', child(p.pointer, key), `${label}: ${key} changed from ${show(oldSerialization[key])} to ${show(newSerialization[key])}`, where);
        }
      }
      this.deprecated(before.node, p.node, p.pointer, where, label);
      this.schema(before.node.schema, p.node.schema, child(before.pointer, 'schema'), child(p.pointer, 'schema'), 'request', where, label);
    }
  }

  private requestBody(old: OperationRef, op: OperationRef): void {
    const where = op.label;
    const o = resolve(this.before, old.operation.requestBody, child(old.pointer, 'requestBody'));
    const n = resolve(this.after, op.operation.requestBody, child(op.pointer, 'requestBody'));
    if (!o.node && !n.node) return;
    if (!n.node) return this.add('request-body-removed', o.pointer, 'request body removed: clients still sending one may be rejected', where);
    if (!o.node) {
      const required = n.node.required === true;
      return this.add(required ? 'request-body-required-added' : 'request-body-optional-added', n.pointer, `request body added${required ? ' (required)' : ''}`, where);
    }
    this.documentation(o.node, n.node, n.pointer, where);
    this.unclassified(o.node, n.node, n.pointer, where, this.handled.requestBody);
    if (Boolean(o.node.required) !== Boolean(n.node.required)) {
      const nowRequired = Boolean(n.node.required);
      this.add(nowRequired ? 'request-body-made-required' : 'request-body-made-optional', child(n.pointer, 'required'), `request body made ${nowRequired ? 'required' : 'optional'}`, where);
    }
    this.content(o.node.content ?? {}, n.node.content ?? {}, child(o.pointer, 'content'), child(n.pointer, 'content'), 'request', where, 'request body');
  }

  private content(oldContent: Json, newContent: Json, oldAt: string, at: string, direction: Direction, where: string, label: string): void {
    for (const type of Object.keys(oldContent)) {
      if (!(type in newContent)) this.add(`${direction}-media-type-removed`, child(oldAt, type), `${label}: media type \`${type}\` removed`, where);
    }
    for (const [type, media] of Object.entries<Json>(newContent)) {
      const before: Json | undefined = oldContent[type];
      if (!before) {
        this.add(`${direction}-media-type-added`, child(at, type), `${label}: media type \`${type}\` added`, where);
        continue;
      }
      this.documentation(before, media, child(at, type), where);
      this.unclassified(before, media, child(at, type), where, this.handled.mediaType);
      this.schema(before.schema, media.schema, child(oldAt, type, 'schema'), child(at, type, 'schema'), direction, where, label);
    }
  }

  private responses(old: OperationRef, op: OperationRef): void {
    const oldResponses: Json = old.operation.responses ?? {};
    const newResponses: Json = op.operation.responses ?? {};
    const isSuccess = (status: string) => status.startsWith('2');
    for (const status of Object.keys(oldResponses)) {
      if (status in newResponses) continue;
      const last = isSuccess(status) && !Object.keys(newResponses).some(isSuccess);
      this.add(last ? 'success-response-removed' : 'response-status-removed', child(old.pointer, 'responses', status), `response ${status} removed${last ? ': no success response is left' : ''}`, op.label);
    }
    for (const [status, raw] of Object.entries<Json>(newResponses)) {
      const where = `${op.label}, response ${status}`;
      if (!(status in oldResponses)) {
        const success = isSuccess(status);
        this.add(success ? 'response-success-status-added' : 'response-error-status-added', child(op.pointer, 'responses', status), `response ${status} added: ${success ? 'clients generated before expect another success status' : 'clients may not handle it'}`, op.label);
        continue;
      }
      const n = resolve(this.after, raw, child(op.pointer, 'responses', status));
      const o = resolve(this.before, oldResponses[status], child(old.pointer, 'responses', status));
      if (!o.node || !n.node) continue;
      this.documentation(o.node, n.node, n.pointer, where);
      this.unclassified(o.node, n.node, n.pointer, where, this.handled.response);
      this.headers(o.node.headers ?? {}, n.node.headers ?? {}, child(o.pointer, 'headers'), child(n.pointer, 'headers'), where);
      this.content(o.node.content ?? {}, n.node.content ?? {}, child(o.pointer, 'content'), child(n.pointer, 'content'), 'response', where, `response ${status}`);
    }
  }

  /** Response headers, matched by name without regard to case. */
  private headers(oldHeaders: Json, newHeaders: Json, oldAt: string, at: string, where: string): void {
    const byName = (headers: Json) => new Map(Object.keys(headers).map((name) => [name.toLowerCase(), name]));
    const oldNames = byName(oldHeaders);
    const newNames = byName(newHeaders);
    for (const [lower, name] of oldNames) {
      if (newNames.has(lower)) continue;
      const o = resolve(this.before, oldHeaders[name], child(oldAt, name));
      const required = o.node?.required === true ? 'required' : 'optional';
      this.add(`response-${required}-header-removed`, o.pointer, `response header \`${name}\` removed`, where);
    }
    for (const [lower, name] of newNames) {
      const n = resolve(this.after, newHeaders[name], child(at, name));
      const oldName = oldNames.get(lower);
      const label = `response header \`${name}\``;
      if (oldName === undefined) {
        this.add(`response-${n.node?.required === true ? 'required' : 'optional'}-header-added`, n.pointer, `${label} added`, where);
        continue;
      }
      const o = resolve(this.before, oldHeaders[oldName], child(oldAt, oldName));
      if (!o.node || !n.node) continue;
      if (Boolean(o.node.required) !== Boolean(n.node.required)) {
        const nowRequired = Boolean(n.node.required);
        this.add(nowRequired ? 'response-header-made-required' : 'response-header-made-optional', child(n.pointer, 'required'), `${label} made ${nowRequired ? 'required' : 'optional'}`, where);
      }
      this.documentation(o.node, n.node, n.pointer, where);
      this.unclassified(o.node, n.node, n.pointer, where, this.handled.header);
      this.deprecated(o.node, n.node, n.pointer, where, label);
      this.schema(o.node.schema, n.node.schema, child(o.pointer, 'schema'), child(n.pointer, 'schema'), 'response', where, label);
    }
  }
}

/** A multiple of a multiple is a multiple: `multipleOf` 2 -> 4 accepts less, 4 -> 2 more. */
function constraintChange(key: string, before: unknown, after: unknown): Effect {
  if (key === 'multipleOf' && typeof before === 'number' && typeof after === 'number') {
    if (Number.isInteger(after / before)) return 'narrowed';
    if (Number.isInteger(before / after)) return 'widened';
  }
  return 'changed';
}

/** A parameter's serialization with OpenAPI's defaults spelled out. */
function serialization(parameter: Json): { style: string; explode: boolean; allowReserved: boolean; allowEmptyValue: boolean } {
  const style: string = parameter.style ?? (parameter.in === 'query' || parameter.in === 'cookie' ? 'form' : 'simple');
  return {
    style,
    explode: parameter.explode ?? style === 'form',
    allowReserved: parameter.allowReserved === true,
    allowEmptyValue: parameter.allowEmptyValue === true,
  };
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
  return node !== undefined && (node.type === 'null' || same(node.enum, [null]) || node.const === null);
}

/** Whether a schema accepts `null`: by type, OpenAPI 3.0 `nullable`, enum, const, or a null oneOf/anyOf branch. */
function isNullable(doc: Json, schema: Json): boolean {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const branches = [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
  return types.includes('null') || schema.nullable === true || (Array.isArray(schema.enum) && schema.enum.includes(null)) || schema.const === null || branches.some((b) => isNullBranch(doc, b));
}

interface OperationRef {
  label: string;
  pointer: string;
  pathItem: Json;
  pathPointer: string;
  operation: Json;
}

/** Operations keyed by method and path template with parameter names blanked: `GET /things/{}`. */
function operationsOf(doc: Json): Map<string, OperationRef> {
  const operations = new Map<string, OperationRef>();
  for (const [path, raw] of Object.entries<Json>(doc.paths ?? {})) {
    const { node: pathItem, pointer: pathPointer } = resolve(doc, raw, child('#/paths', path));
    if (!pathItem) continue;
    for (const method of ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']) {
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
