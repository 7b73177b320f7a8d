// The "Try it" console of each operation: parameters and body pre-filled from the spec's examples
// and checked against their schemas as you type, a base URL picker (the local mock first when
// `npm run docs:serve -- --mock` runs it, the spec's servers, or any URL), and a send from the
// browser showing status, headers, body, time and, under docs:serve, the contract kit's verdict.
// The API key lives in one variable of this script: never in storage, cookies, the URL or history.
import type { ConsoleOperation, ConsoleParameter, ReferenceData } from '../reference.js';
import { checkValue } from './schema-check.js';

/** What docs:serve tells the page about itself (absent on a static host or from disk). */
export interface LocalServices {
  mock: string | null;
  check: boolean;
}

export const LOCAL_SERVICES_PATH = '__docs/local.json';
export const CHECK_PATH = '__docs/check';

let apiKey = '';
let local: Promise<LocalServices> | undefined;

function localServices(): Promise<LocalServices> {
  local ??= location.protocol.startsWith('http')
    ? fetch(LOCAL_SERVICES_PATH, { cache: 'no-store', credentials: 'omit' })
        .then((r) => (r.ok ? (r.json() as Promise<LocalServices>) : { mock: null, check: false }))
        .catch(() => ({ mock: null, check: false }))
    : Promise.resolve({ mock: null, check: false });
  return local;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

/** A parameter's text as the value its schema expects (numbers, booleans, JSON for objects). */
export function typedValue(text: string, schema: Record<string, any>): unknown {
  const types: string[] = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if ((types.includes('integer') || types.includes('number')) && text.trim() !== '' && !Number.isNaN(Number(text))) return Number(text);
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  if ((types.includes('array') || types.includes('object')) && text.trim()) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

interface Field {
  param: ConsoleParameter;
  input: HTMLInputElement;
  problem: HTMLElement;
}

function paramField(param: ConsoleParameter, id: string): Field {
  const input = el('input', { type: 'text', id, name: param.name, autocomplete: 'off', spellcheck: 'false', 'data-param': param.name, 'data-in': param.in });
  input.value = param.value ?? '';
  const problem = el('span', { class: 'field-problem', 'aria-live': 'polite' });
  return { param, input, problem };
}

function validateField(field: Field): boolean {
  const text = field.input.value;
  let message = '';
  if (text === '') message = field.param.required ? 'Required.' : '';
  else message = checkValue(typedValue(text, field.param.schema), field.param.schema).join(' ');
  field.problem.textContent = message;
  field.input.setAttribute('aria-invalid', String(message !== ''));
  return message === '';
}

export function buildUrl(base: string, path: string, fields: Field[]): string {
  let route = path;
  const query = new URLSearchParams();
  for (const { param, input } of fields) {
    if (input.value === '') continue;
    if (param.in === 'path') route = route.replace(`{${param.name}}`, encodeURIComponent(input.value));
    else if (param.in === 'query') query.append(param.name, input.value);
  }
  const search = query.toString();
  return `${base.replace(/\/+$/, '')}${route}${search ? `?${search}` : ''}`;
}

function showResponse(out: HTMLElement, parts: { status: string; ms: number; headers: Array<[string, string]>; body: string; verdict: Node }): void {
  let pretty = parts.body;
  try {
    pretty = JSON.stringify(JSON.parse(parts.body), null, 2);
  } catch {
    /* not JSON: shown as it is */
  }
  out.replaceChildren(
    el('p', { class: 'try-status', 'data-testid': 'try-status' }, el('strong', { text: parts.status }), ` · ${parts.ms.toFixed(0)} ms`),
    parts.verdict,
    el('details', { class: 'try-headers' }, el('summary', { text: `Headers (${parts.headers.length})` }), el('pre', { class: 'code', text: parts.headers.map(([k, v]) => `${k}: ${v}`).join('\n') })),
    el('pre', { class: 'code try-body', 'data-testid': 'try-body', text: pretty }),
  );
}

async function verdictFor(services: LocalServices, operationId: string, status: number, headers: Array<[string, string]>, text: string): Promise<Node> {
  if (!services.check) return el('p', { class: 'try-verdict unknown', text: 'Conformance is checked when the docs are served by npm run docs:serve.' });
  try {
    const response = await fetch(CHECK_PATH, { method: 'POST', credentials: 'omit', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operationId, status, headers: Object.fromEntries(headers), text }) });
    const verdict = (await response.json()) as { conforms: boolean; checks: number; findings: Array<{ check: string; message: string }> };
    if (verdict.conforms) return el('p', { class: 'try-verdict ok', 'data-testid': 'try-verdict', text: `Conforms to the spec (${verdict.checks} contract checks).` });
    return el('div', { class: 'try-verdict bad', 'data-testid': 'try-verdict' }, el('p', { text: 'Does not conform to the spec:' }), el('ul', {}, ...verdict.findings.map((f) => el('li', { text: `${f.check}: ${f.message}` }))));
  } catch (error) {
    return el('p', { class: 'try-verdict unknown', text: `Conformance check failed: ${(error as Error).message}` });
  }
}

/** Opens the console of one operation in its panel. */
export async function openConsole(container: HTMLElement, op: ReferenceData['ops'][number], data: ReferenceData): Promise<void> {
  const spec: ConsoleOperation = op.console ?? { params: [], body: null, auth: [] };
  const services = await localServices();
  const uid = `try-${op.id.replace(/[^\w-]/g, '_')}`;
  const baseSelect = el('select', { id: `${uid}-base`, 'aria-label': 'Base URL' });
  if (services.mock) baseSelect.append(el('option', { value: services.mock, text: `Local mock (${services.mock})` }));
  for (const server of data.servers ?? []) baseSelect.append(el('option', { value: server.url, text: `${server.url}${server.description ? ` (${server.description.trim()})` : ''}` }));
  baseSelect.append(el('option', { value: '', text: 'Other URL…' }));
  const otherBase = el('input', { type: 'url', id: `${uid}-other`, placeholder: 'https://…', 'aria-label': 'Other base URL', autocomplete: 'off', hidden: '' });
  baseSelect.addEventListener('change', () => (otherBase.hidden = baseSelect.value !== ''));

  const keyInputs = spec.auth
    .filter((a) => a.type !== 'other')
    .map((a) => {
      const input = el('input', { type: 'password', id: `${uid}-key-${a.scheme}`, autocomplete: 'off', 'aria-label': `API key (${a.scheme})`, 'data-auth': a.scheme });
      input.value = apiKey;
      input.addEventListener('input', () => {
        apiKey = input.value;
        for (const other of document.querySelectorAll<HTMLInputElement>('input[data-auth]')) if (other !== input) other.value = apiKey;
      });
      return el('label', { class: 'try-field' }, el('span', { text: a.type === 'apiKey' ? `${a.header} (API key, kept in memory only)` : `${a.type === 'bearer' ? 'Bearer token' : 'user:password'} (kept in memory only)` }), input);
    });
  const unsupportedAuth = spec.auth.filter((a) => a.type === 'other').map((a) => el('p', { class: 'try-note', text: `${a.scheme}: this console sends keys in headers only; add it under Extra headers if it travels in one.` }));

  const fields = spec.params.map((p, i) => paramField(p, `${uid}-p${i}`));
  const bodyInput = spec.body ? el('textarea', { id: `${uid}-body`, rows: '8', spellcheck: 'false', 'aria-label': 'Request body' }) : undefined;
  const bodyProblem = el('span', { class: 'field-problem', 'aria-live': 'polite' });
  if (bodyInput && spec.body) bodyInput.value = spec.body.example;
  const validateBody = () => {
    if (!bodyInput || !spec.body) return true;
    let message = '';
    if (bodyInput.value.trim() === '') message = spec.body.required ? 'Required.' : '';
    else {
      try {
        message = checkValue(JSON.parse(bodyInput.value), spec.body.schema).join(' ');
      } catch (error) {
        message = `Not JSON: ${(error as Error).message}`;
      }
    }
    bodyProblem.textContent = message;
    return message === '';
  };
  const extraHeaders = el('textarea', { id: `${uid}-headers`, rows: '2', spellcheck: 'false', placeholder: 'Prefer: code=401', 'aria-label': 'Extra headers' });
  const send = el('button', { type: 'button', class: 'try-send', text: 'Send' });
  const output = el('div', { class: 'try-output', 'aria-live': 'polite' });

  for (const field of fields) {
    field.input.addEventListener('input', () => validateField(field));
    validateField(field);
  }
  bodyInput?.addEventListener('input', validateBody);
  validateBody();

  send.addEventListener('click', async () => {
    const valid = fields.map(validateField).every(Boolean) && validateBody();
    const base = baseSelect.value || otherBase.value.trim();
    if (!base) {
      output.replaceChildren(el('p', { class: 'try-error', text: 'Pick a base URL or type one.' }));
      return;
    }
    const headers = new Headers({ accept: 'application/json' });
    for (const { param, input } of fields) if (param.in === 'header' && input.value !== '') headers.set(param.name, input.value);
    for (const a of spec.auth) {
      if (!apiKey || !a.header) continue;
      headers.set(a.header, a.type === 'apiKey' ? apiKey : a.type === 'bearer' ? `Bearer ${apiKey}` : `Basic ${btoa(apiKey)}`);
    }
    for (const line of extraHeaders.value.split('\n')) {
      const at = line.indexOf(':');
      if (at > 0) headers.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
    }
    if (bodyInput && spec.body && bodyInput.value.trim()) headers.set('content-type', spec.body.mediaType);
    const url = buildUrl(base, op.path, fields);
    output.replaceChildren(el('p', { class: 'try-pending', text: `${valid ? '' : 'Sending despite the problems marked above. '}${op.method.toUpperCase()} ${url} …` }));
    const started = performance.now();
    try {
      const response = await fetch(url, {
        method: op.method.toUpperCase(),
        headers,
        ...(bodyInput && bodyInput.value.trim() ? { body: bodyInput.value } : {}),
        mode: 'cors',
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
      });
      const text = await response.text();
      const ms = performance.now() - started;
      const headerList = [...response.headers.entries()];
      showResponse(output, { status: `${response.status} ${response.statusText}`.trim(), ms, headers: headerList, body: text, verdict: await verdictFor(services, op.id, response.status, headerList, text) });
    } catch (error) {
      output.replaceChildren(el('p', { class: 'try-error', text: `No response: ${(error as Error).message}. Is the server up, and does it allow this page's origin (CORS)?` }));
    }
  });

  const paramRows = fields.map((f) =>
    el('label', { class: 'try-field', for: f.input.id }, el('span', { text: `${f.param.name} (${f.param.in}${f.param.required ? ', required' : ''})` }), f.input, f.problem),
  );
  container.replaceChildren(
    el('div', { class: 'try-console', role: 'group', 'aria-label': `Try ${op.summary || op.id}` },
      el('h4', { text: 'Try it' }),
      el('label', { class: 'try-field' }, el('span', { text: 'Base URL' }), baseSelect, otherBase),
      ...keyInputs,
      ...unsupportedAuth,
      ...paramRows,
      ...(bodyInput ? [el('label', { class: 'try-field' }, el('span', { text: `Body (${spec.body!.mediaType})` }), bodyInput, bodyProblem)] : []),
      el('label', { class: 'try-field' }, el('span', { text: 'Extra headers (one per line)' }), extraHeaders),
      send,
      output,
    ),
  );
}

/** One click handler for every operation's "Try it" button. */
export function setupConsoles(data: ReferenceData): void {
  document.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest?.('.try-open');
    if (!button) return;
    const container = button.closest<HTMLElement>('[data-try]');
    const op = data.ops.find((o) => o.id === container?.dataset.try);
    if (container && op) void openConsole(container, op, data);
  });
}
