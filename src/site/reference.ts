// The reference page, rendered from the bundled spec at generate time: a static shell (the intro,
// the sidebar with every operation, one placeholder per operation with its heading, the error
// type catalog) plus, in a JSON data block, each operation's body as HTML. The page's script puts
// an operation's body in place only when it comes near the viewport (or is linked to), so a
// 500-operation spec opens as fast as a one-operation one; responses shared by many operations
// are stored once. Works for any valid OpenAPI 3.1 document (local `$ref`s).
import { escapeHtml } from '../pipeline/docs-page.js';
import { getPointer, inlineRefs, resolve } from '../spec/pointer.js';
import { buildSpecModel, type OperationModel, type ResponseModel, type SpecModel } from '../spec/model.js';
import { RETRY_ADVICE, SchemaRenderer, highlightJson, inlineMarkdown, markdown, refName } from './schema-html.js';

type Json = Record<string, any>;

/** What the page's script reads: each operation's body (lazily put in place) and the search index. */
export interface ConsoleParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  /** JSON Schema, `$ref`s inlined. */
  schema: Json;
  /** Pre-filled value: the example, else the default, else (when required) a sample. */
  value?: string;
}

export interface ConsoleOperation {
  params: ConsoleParameter[];
  body: { mediaType: string; required: boolean; schema: Json; example: string } | null;
  /** How the API key or token travels, for the schemes the console can send from a browser. */
  auth: Array<{ scheme: string; type: 'apiKey' | 'bearer' | 'basic' | 'other'; header?: string; in?: string }>;
}

export interface ReferenceData {
  ops: Array<{ id: string; method: string; path: string; summary: string; tag: string; html: string; console?: ConsoleOperation }>;
  servers?: Array<{ url: string; description: string }>;
  /** The sidebar's links to each tag and operation (`<li>`s). */
  toc: string;
  /** The tag sections and one empty placeholder per operation, in sidebar order. */
  sections: string;
  /** HTML shared by several operations (a `$ref`'d response), spliced in at `<!--frag:KEY-->`. */
  frags: Record<string, string>;
  errors: Array<{ type: string; statuses: number[]; description: string }>;
}

export const OPERATION_ANCHOR = 'operation/';
export const ERROR_ANCHOR = 'error/';
export const TAG_ANCHOR = 'tag/';
const UNTAGGED = 'Operations';

export const operationAnchor = (operationId: string) => `${OPERATION_ANCHOR}${operationId}`;
export const errorAnchor = (type: string) => `${ERROR_ANCHOR}${type}`;

const statusClass = (status: string) => (status.startsWith('2') ? 'ok' : status.startsWith('3') ? 'redirect' : /^[45]/.test(status) ? 'error' : 'other');
const firstLine = (text: string) => text.trim().split('\n')[0] ?? '';

export interface ErrorTypeEntry {
  type: string;
  statuses: number[];
  description: string;
  retryable: boolean | undefined;
  operations: number;
}

/** Every error type any operation documents, once, with the statuses that carry it. */
export function errorTypes(model: SpecModel): ErrorTypeEntry[] {
  const byType = new Map<string, ErrorTypeEntry>();
  const uses = new Map<string, Set<string>>();
  for (const op of model.operations) {
    for (const setId of Object.values(op.errors)) {
      for (const type of Object.keys(model.errorSets[setId]?.types ?? {})) {
        const seen = uses.get(type) ?? new Set();
        seen.add(op.operationId);
        uses.set(type, seen);
      }
    }
  }
  for (const set of Object.values(model.errorSets)) {
    for (const [type, info] of Object.entries(set.types)) {
      const entry = byType.get(type) ?? { type, statuses: [], description: info.description, retryable: info.retryable, operations: uses.get(type)?.size ?? 0 };
      if (!entry.statuses.includes(set.status)) entry.statuses.push(set.status);
      byType.set(type, entry);
    }
  }
  return [...byType.values()].sort((a, b) => a.statuses[0]! - b.statuses[0]! || a.type.localeCompare(b.type));
}

function tabs(label: string, items: Array<{ title: string; body: string }>): string {
  if (items.length === 0) return '';
  return `<div class="tabs" data-tabs><div class="tab-list" role="tablist" aria-label="${escapeHtml(label)}">${items
    .map((item, i) => `<button type="button" role="tab" class="tab" data-tab="${i}" aria-selected="${i === 0}">${escapeHtml(item.title)}</button>`)
    .join('')}</div>${items.map((item, i) => `<div role="tabpanel" class="tab-panel" data-panel="${i}"${i === 0 ? '' : ' hidden'}>${item.body}</div>`).join('')}</div>`;
}

export class ReferenceRenderer {
  readonly model: SpecModel;
  private readonly schemas: SchemaRenderer;
  readonly frags: Record<string, string> = {};

  constructor(readonly document: Json) {
    this.model = buildSpecModel(document);
    this.schemas = new SchemaRenderer(document);
  }

  private raw(pointer: string): Json {
    return resolve(this.document, getPointer(this.document, pointer)).node ?? {};
  }

  /** `{ in: [params] }` tables: name, required, type, limits, description, example. */
  private parametersHtml(op: OperationModel): string {
    const order = ['path', 'query', 'header', 'cookie'] as const;
    return order
      .map((location) => {
        const params = op.parameters.filter((p) => p.in === location);
        if (params.length === 0) return '';
        const rows = params.map((p) => {
          const raw = this.raw(p.pointer);
          const limits = this.schemas.limits(p.schema).map((l) => `<span class="limit">${escapeHtml(l)}</span>`).join(' ');
          const example = p.example !== undefined ? `<div class="example">Example: <code>${escapeHtml(typeof p.example === 'string' ? p.example : JSON.stringify(p.example))}</code></div>` : '';
          return `<tr><td class="field" data-field="${escapeHtml(p.name)}"><span class="field-name">${escapeHtml(p.name)}</span>${p.required ? '<span class="required">required</span>' : ''}</td><td class="field-info"><span class="type">${escapeHtml(this.schemas.typeLabel(p.schema))}</span>${p.deprecated ? ' <span class="deprecated">deprecated</span>' : ''} ${limits}${raw.description ? `<div class="description">${markdown(raw.description)}</div>` : ''}${this.schemas.enumHtml(p.schema)}${example}</td></tr>`;
        });
        return `<h4 class="params-title">${location[0]!.toUpperCase()}${location.slice(1)} parameters</h4><table class="fields params" data-in="${location}"><tbody>${rows.join('')}</tbody></table>`;
      })
      .join('');
  }

  private securityHtml(op: OperationModel): string {
    if (op.security.length === 0) return '<p class="auth">No authentication.</p>';
    const alternatives = op.security.map((requirement) =>
      Object.keys(requirement)
        .map((name) => {
          const scheme = this.model.securitySchemes[name];
          const where = scheme?.type === 'apiKey' ? `<code>${escapeHtml(scheme.parameterName ?? '')}</code> ${escapeHtml(scheme.in ?? '')}` : scheme?.type === 'http' ? `HTTP ${escapeHtml(scheme.scheme ?? '')}` : escapeHtml(scheme?.type ?? 'unknown');
          return `<a href="#auth">${escapeHtml(name)}</a> (${where})`;
        })
        .join(' and ') || 'none',
    );
    return `<p class="auth"><strong>Authorization:</strong> ${alternatives.join(' or ')}</p>`;
  }

  private requestBodyHtml(op: OperationModel): string {
    if (!op.requestBody) return '';
    const raw = this.raw(op.requestBody.pointer);
    const media = op.requestBody.content;
    return `<h4>Request body${op.requestBody.required ? ' <span class="required">required</span>' : ''}</h4>${markdown(raw.description)}${media
      .map((m) => `<p class="media-type">${escapeHtml(m.mediaType)}</p>${m.schema ? this.schemas.fieldsHtml(m.schema) : ''}`)
      .join('')}`;
  }

  private responseHtml(response: ResponseModel): string {
    const key = response.pointer.startsWith('#/components/') ? `r:${response.status}:${response.pointer}` : undefined;
    if (key && this.frags[key] !== undefined) return `<!--frag:${key}-->`;
    const headers = response.headers.length
      ? `<h5>Headers</h5><table class="fields"><tbody>${response.headers
          .map((h) => {
            const raw = this.raw(`${response.pointer}/headers/${h.name.replace(/~/g, '~0').replace(/\//g, '~1')}`);
            return `<tr><td class="field"><span class="field-name">${escapeHtml(h.name)}</span>${h.required ? '<span class="required">required</span>' : ''}</td><td class="field-info"><span class="type">${escapeHtml(this.schemas.typeLabel(h.schema))}</span> ${this.schemas.limits(h.schema).map((l) => `<span class="limit">${escapeHtml(l)}</span>`).join(' ')}${raw.description ? `<div class="description">${markdown(raw.description)}</div>` : ''}</td></tr>`;
          })
          .join('')}</tbody></table>`
      : '';
    const types = this.model.errorSets[response.errorSet ?? '']?.types ?? {};
    const typeTable = Object.keys(types).length ? `<h5 class="error-types-title">Error types</h5>${this.schemas.describedEnumTable(types)}` : '';
    this.schemas.describedEnumsShownApart = typeTable !== '';
    const body = response.content
      .map((m) => `<p class="media-type">${escapeHtml(m.mediaType)}</p>${m.schema ? this.schemas.fieldsHtml(m.schema) : ''}`)
      .join('');
    this.schemas.describedEnumsShownApart = false;
    const html = `<details class="response ${statusClass(response.status)}" data-status="${escapeHtml(response.status)}" open><summary><strong class="status">${escapeHtml(response.status)}</strong> <span class="response-summary">${inlineMarkdown(firstLine(response.description))}</span></summary><div class="response-body">${markdown(response.description.trim().split('\n').slice(1).join('\n'))}${typeTable}${headers}${body || '<p class="no-body">No body.</p>'}</div></details>`;
    if (!key) return html;
    this.frags[key] = html;
    return `<!--frag:${key}-->`;
  }

  private codeSamples(op: OperationModel): Array<{ title: string; body: string }> {
    const samples: Array<{ lang?: string; label?: string; source?: string }> = this.raw(op.pointer)['x-codeSamples'] ?? [];
    if (samples.length) return samples.map((s) => ({ title: String(s.label ?? s.lang ?? 'Sample'), body: `<pre class="code"><code>${escapeHtml(String(s.source ?? '').trimEnd())}</code></pre>` }));
    return [{ title: 'curl', body: `<pre class="code"><code>${escapeHtml(this.curl(op))}</code></pre>` }];
  }

  /** A curl command for an operation without code samples: its required parameters from their examples. */
  curl(op: OperationModel): string {
    const base = this.model.servers[0] ?? '';
    let route = op.path;
    const query: string[] = [];
    const headers: string[] = [];
    for (const p of op.parameters) {
      if (!p.required) continue;
      const value = String(p.example ?? this.schemas.sample(p.schema));
      if (p.in === 'path') route = route.replace(`{${p.name}}`, encodeURIComponent(value));
      else if (p.in === 'query') query.push(`${encodeURIComponent(p.name)}=${encodeURIComponent(value)}`);
      else if (p.in === 'header') headers.push(`${p.name}: ${value}`);
    }
    for (const requirement of op.security.slice(0, 1)) {
      for (const name of Object.keys(requirement)) {
        const scheme = this.model.securitySchemes[name];
        if (scheme?.type === 'apiKey' && scheme.in === 'header') headers.push(`${scheme.parameterName}: YOUR_API_KEY`);
        if (scheme?.type === 'http') headers.push(`Authorization: ${scheme.scheme === 'basic' ? 'Basic' : 'Bearer'} YOUR_TOKEN`);
      }
    }
    const lines = [`curl --request ${op.method.toUpperCase()} \\`, `  --url '${base}${route}${query.length ? `?${query.join('&')}` : ''}'`];
    for (const h of headers) lines[lines.length - 1] += ' \\', lines.push(`  --header '${h}'`);
    const media = op.requestBody?.content[0];
    if (media) {
      lines[lines.length - 1] += ' \\';
      lines.push(`  --header 'content-type: ${media.mediaType}' \\`);
      lines.push(`  --data '${JSON.stringify(media.example ?? this.schemas.sample(media.schema ?? {}))}'`);
    }
    return lines.join('\n');
  }

  private responseSamples(op: OperationModel): Array<{ title: string; body: string }> {
    return op.responses
      .filter((r) => r.content.length > 0)
      .map((r) => {
        const key = r.pointer.startsWith('#/components/') ? `s:${r.pointer}` : undefined;
        if (key && this.frags[key] !== undefined) return { title: r.status, body: `<!--frag:${key}-->` };
        const raw = this.raw(r.pointer);
        const body = Object.entries<Json>(raw.content ?? {})
          .map(([mediaType, media]) => {
            const named = Object.entries<Json>(media.examples ?? {}).map(([name, ex]) => {
              const example = resolve(this.document, ex).node ?? {};
              return { title: String(example.summary ?? name), value: example.value };
            });
            const examples = named.length ? named : [{ title: '', value: media.example ?? (media.schema ? this.schemas.sample(media.schema) : null) }];
            return `<p class="media-type">${escapeHtml(mediaType)}</p>${examples
              .map((e) => `${e.title && examples.length > 1 ? `<p class="example-title">${escapeHtml(e.title)}</p>` : ''}<pre class="code json"><code>${highlightJson(e.value)}</code></pre>`)
              .join('')}`;
          })
          .join('');
        if (key) {
          this.frags[key] = body;
          return { title: r.status, body: `<!--frag:${key}-->` };
        }
        return { title: r.status, body };
      });
  }

  operationBody(op: OperationModel): string {
    const raw = this.raw(op.pointer);
    return `<div class="op-grid"><div class="op-main">${op.deprecated ? '<p class="deprecated-note">Deprecated.</p>' : ''}${markdown(raw.description)}${this.securityHtml(op)}${this.parametersHtml(op)}${this.requestBodyHtml(op)}<h4>Responses</h4>${op.responses.map((r) => this.responseHtml(r)).join('')}</div><aside class="op-panel"><div class="try" data-try="${escapeHtml(op.operationId)}"><button type="button" class="try-open">Try it</button></div><div class="panel-block"><h4>Request samples</h4>${tabs('Request samples', this.codeSamples(op))}</div><div class="panel-block"><h4>Response samples</h4>${tabs('Response samples', this.responseSamples(op))}</div></aside></div>`;
  }

  /** What the Try it console needs of an operation: its parameters, body and authentication. */
  consoleOperation(op: OperationModel): ConsoleOperation {
    const params = op.parameters.map((p) => {
      const example = p.example ?? p.schema.default ?? (p.required ? this.schemas.sample(p.schema) : undefined);
      return { name: p.name, in: p.in, required: p.required, schema: p.schema, ...(example !== undefined && example !== null ? { value: typeof example === 'string' ? example : JSON.stringify(example) } : {}) };
    });
    const media = op.requestBody?.content.find((m) => /json/i.test(m.mediaType)) ?? op.requestBody?.content[0];
    const body = media
      ? { mediaType: media.mediaType, required: op.requestBody!.required, schema: (inlineRefs(this.document, media.schema ?? {}) as Json) ?? {}, example: JSON.stringify(media.example ?? this.schemas.sample(media.schema ?? {}), null, 2) }
      : null;
    const auth = (op.security[0] ? Object.keys(op.security[0]) : []).map((name) => {
      const scheme = this.model.securitySchemes[name];
      if (scheme?.type === 'apiKey' && scheme.in === 'header') return { scheme: name, type: 'apiKey' as const, header: scheme.parameterName ?? '' };
      if (scheme?.type === 'http' && (scheme.scheme === 'bearer' || scheme.scheme === 'basic')) return { scheme: name, type: scheme.scheme as 'bearer' | 'basic', header: 'Authorization' };
      return { scheme: name, type: 'other' as const, ...(scheme?.in ? { in: scheme.in } : {}) };
    });
    return { params, body, auth };
  }

  /** Rough height of an operation before its body is in place, so the scrollbar and deep links are close from the start. */
  estimatedHeight(op: OperationModel): number {
    const rows = op.parameters.length + op.responses.reduce((n, r) => n + 2 + Object.keys(this.model.errorSets[r.errorSet ?? '']?.types ?? {}).length, 0);
    return 260 + rows * 44;
  }
}

function tagOf(op: OperationModel): string {
  return op.tags[0] ?? UNTAGGED;
}

const methodBadge = (method: string) => `<span class="method ${method}">${method === 'delete' ? 'DEL' : method.toUpperCase()}</span>`;

export function renderReference(bundled: Json): { body: string; data: ReferenceData } {
  const renderer = new ReferenceRenderer(bundled);
  const { model } = renderer;
  const info = bundled.info ?? {};
  const tagDescriptions = new Map<string, Json>((bundled.tags ?? []).map((t: Json) => [String(t.name), t]));
  const tagOrder = [...tagDescriptions.keys(), ...model.operations.map(tagOf)].filter((t, i, all) => all.indexOf(t) === i);
  const byTag = new Map(tagOrder.map((t) => [t, model.operations.filter((op) => tagOf(op) === t)]));
  const errors = errorTypes(model);

  // The sidebar's operation links and the operations' placeholders are built by the page's script
  // from the data (links once the first operation shows): 500 operations cost no parse time first.
  const toc = `${[...byTag]
    .filter(([, ops]) => ops.length > 0)
    .map(([tag, ops]) => `<li class="toc-tag"><a href="#${TAG_ANCHOR}${escapeHtml(tag)}">${escapeHtml(tag)}</a><ul>${ops.map((op) => `<li><a href="#${escapeHtml(operationAnchor(op.operationId))}">${methodBadge(op.method)}<span>${escapeHtml(op.summary || `${op.method.toUpperCase()} ${op.path}`)}</span></a></li>`).join('')}</ul></li>`)
    .join('')}${errors.length ? '<li><a href="#errors">Error types</a></li>' : ''}`;
  const nav = `<nav class="sidebar" aria-label="Reference">
<div class="search"><input type="search" id="search" placeholder="Search operations, paths, error types" aria-label="Search the reference" autocomplete="off" spellcheck="false"><ul id="search-results" class="search-results" role="listbox" aria-label="Search results" hidden></ul></div>
<ul class="toc" id="toc"><li><a href="#intro">Introduction</a></li></ul>
</nav>`;

  const servers = (bundled.servers ?? []) as Json[];
  const schemes = Object.entries<Json>(bundled.components?.securitySchemes ?? {});
  const intro = `<section id="intro" class="intro prose">
<h1>${escapeHtml(String(info.title ?? 'API'))} <span class="version">${escapeHtml(String(info.version ?? ''))}</span></h1>
${info.summary ? `<p class="lead">${inlineMarkdown(info.summary)}</p>` : ''}
${markdown(info.description)}
${servers.length ? `<h2 id="servers">Base URL${servers.length > 1 ? 's' : ''}</h2><ul class="servers">${servers.map((s) => `<li><code>${escapeHtml(String(s.url))}</code>${s.description ? ` ${inlineMarkdown(s.description)}` : ''}</li>`).join('')}</ul>` : ''}
${schemes.length ? `<h2 id="auth">Authentication</h2>${schemes.map(([name, s]) => `<p><strong>${escapeHtml(name)}</strong>: ${s.type === 'apiKey' ? `API key in the <code>${escapeHtml(String(s.name))}</code> ${escapeHtml(String(s.in))}` : escapeHtml(String(s.type))}. ${inlineMarkdown(s.description ?? '')}</p>`).join('')}` : ''}
</section>`;

  const data: ReferenceData = { ops: [], frags: renderer.frags, toc, sections: '', servers: servers.map((s) => ({ url: String(s.url), description: String(s.description ?? '') })), errors: errors.map((e) => ({ type: e.type, statuses: e.statuses, description: e.description })) };
  const sections: string[] = [];
  for (const [tag, ops] of byTag) {
    if (ops.length === 0) continue;
    const description = tagDescriptions.get(tag)?.description;
    sections.push(`<section class="tag-section" id="${TAG_ANCHOR}${escapeHtml(tag)}"><h2>${escapeHtml(tag)}</h2>${markdown(description)}</section>`);
    for (const op of ops) {
      const head = `<h2 class="op-title">${escapeHtml(op.summary || `${op.method.toUpperCase()} ${op.path}`)}</h2><div class="endpoint">${methodBadge(op.method)}<code class="path">${escapeHtml(op.path)}</code></div>`;
      data.ops.push({ id: op.operationId, method: op.method, path: op.path, summary: op.summary, tag, html: `${head}<div class="op-body">${renderer.operationBody(op)}</div>`, console: renderer.consoleOperation(op) });
      sections.push(`<section class="operation" id="${escapeHtml(operationAnchor(op.operationId))}" data-op="${data.ops.length - 1}" style="min-height:${renderer.estimatedHeight(op)}px"></section>`);
    }
  }

  const catalog = errors.length
    ? `<section id="errors" class="errors prose"><h2>Error types</h2><p>Every error response carries one of these in its <code>type</code>. Branch on it; show <code>detail</code> to people; quote <code>instance</code> to support.</p><table class="error-catalog"><thead><tr><th>Type</th><th>Status</th><th>Meaning and what to do</th></tr></thead><tbody>${errors
        .map((e) => `<tr id="${escapeHtml(errorAnchor(e.type))}"><td class="enum-value"><code>${escapeHtml(e.type)}</code></td><td>${e.statuses.join(', ')}</td><td>${inlineMarkdown(e.description)}${e.retryable === undefined ? '' : ` <span class="retry retry-${e.retryable}">${RETRY_ADVICE[`${e.retryable}`]}</span>`}</td></tr>`)
        .join('')}</tbody></table></section>`
    : '';

  data.sections = sections.join('');
  return { body: `<div class="layout">${nav}<main id="content">${intro}<div id="operations"></div>${catalog}</main></div>`, data };
}

export { refName };
