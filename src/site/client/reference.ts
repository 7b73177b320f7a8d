// The reference page's script (bundled by esbuild at generate time, inlined under the page's CSP):
// puts each operation's body in place when it nears the viewport or is linked to, switches tabs,
// follows deep links (also Redoc-style `#tag/T/operation/ID`), and searches operations, paths
// and error types. Requests nothing.
import type { ReferenceData } from '../reference.js';

const OPERATION = 'operation/';

export interface ReferencePage {
  data: ReferenceData;
  render(section: Element): void;
  go(hash: string): void;
}

/** The page's data block: gzip in base64 (see site.ts packReferenceData), inflated in memory. */
export async function readData(node: Element | null = document.getElementById('docs-data')): Promise<ReferenceData> {
  const packed = (node?.textContent ?? '').trim();
  if (!packed) return { ops: [], frags: {}, errors: [], toc: '', sections: '' };
  const bytes = Uint8Array.from(atob(packed), (c) => c.charCodeAt(0));
  const text = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
  return JSON.parse(text) as ReferenceData;
}

/** `#tag/T/operation/ID` (Redoc's links) → `operation/ID`; anything else unchanged, decoded. */
export function normalizeHash(hash: string): string {
  let target = hash.replace(/^#/, '');
  try {
    target = decodeURIComponent(target);
  } catch {
    /* keep it as it is */
  }
  const redoc = /^tag\/[^/]+\/operation\/(.+)$/.exec(target);
  return redoc ? `${OPERATION}${redoc[1]}` : target;
}

function setupTabs(root: Document): void {
  root.addEventListener('click', (event) => {
    const tab = (event.target as Element | null)?.closest?.('[role="tab"][data-tab]');
    if (!tab) return;
    const group = tab.closest('[data-tabs]');
    if (!group) return;
    const index = tab.getAttribute('data-tab');
    for (const t of group.querySelectorAll(':scope > .tab-list > [role="tab"]')) t.setAttribute('aria-selected', String(t === tab));
    for (const panel of group.querySelectorAll<HTMLElement>(':scope > [role="tabpanel"]')) panel.hidden = panel.getAttribute('data-panel') !== index;
  });
}

interface SearchEntry {
  href: string;
  label: string;
  detail: string;
  kind: 'operation' | 'error';
  text: string;
}

function searchIndex(data: ReferenceData): SearchEntry[] {
  const entries: SearchEntry[] = data.ops.map((op) => ({
    href: `#${OPERATION}${op.id}`,
    label: op.summary || `${op.method.toUpperCase()} ${op.path}`,
    detail: `${op.method.toUpperCase()} ${op.path}`,
    kind: 'operation',
    text: `${op.summary} ${op.method} ${op.path} ${op.id} ${op.tag}`.toLowerCase(),
  }));
  for (const error of data.errors) {
    entries.push({ href: `#error/${error.type}`, label: error.type, detail: `${error.statuses.join(', ')} · ${error.description}`, kind: 'error', text: `${error.type} ${error.statuses.join(' ')} ${error.description}`.toLowerCase() });
  }
  return entries;
}

export function search(entries: SearchEntry[], query: string, limit = 30): SearchEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return entries.filter((e) => words.every((w) => e.text.includes(w))).slice(0, limit);
}

function setupSearch(data: ReferenceData, go: (hash: string) => void): void {
  const input = document.getElementById('search') as HTMLInputElement | null;
  const list = document.getElementById('search-results');
  if (!input || !list) return;
  let entries: SearchEntry[] | undefined;
  let shown: SearchEntry[] = [];
  const update = () => {
    entries ??= searchIndex(data);
    shown = search(entries, input.value);
    list.replaceChildren(
      ...shown.map((entry) => {
        const li = document.createElement('li');
        li.setAttribute('role', 'option');
        const a = document.createElement('a');
        a.href = entry.href;
        a.className = `result result-${entry.kind}`;
        const label = document.createElement('span');
        label.className = 'result-label';
        label.textContent = entry.label;
        const detail = document.createElement('span');
        detail.className = 'result-detail';
        detail.textContent = entry.detail;
        a.append(label, detail);
        li.append(a);
        return li;
      }),
    );
    if (input.value.trim() && shown.length === 0) {
      const li = document.createElement('li');
      li.className = 'no-results';
      li.textContent = 'No operation or error type matches.';
      list.append(li);
    }
    list.hidden = input.value.trim() === '';
  };
  input.addEventListener('input', update);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && shown[0]) {
      event.preventDefault();
      location.hash = shown[0].href;
      go(shown[0].href);
    } else if (event.key === 'Escape') {
      input.value = '';
      update();
    }
  });
}

export async function startReference(): Promise<ReferencePage> {
  const data = await readData();
  const holder = document.getElementById('operations');
  if (holder) holder.innerHTML = data.sections;
  const sections = document.querySelectorAll<HTMLElement>('section.operation[data-op]');
  const render = (section: Element) => {
    const el = section as HTMLElement;
    if (el.dataset.rendered !== undefined) return;
    const op = data.ops[Number(el.dataset.op)];
    if (!op) return;
    el.innerHTML = op.html.replace(/<!--frag:(.+?)-->/g, (match, key: string) => data.frags[key] ?? match);
    el.dataset.rendered = '';
    el.style.minHeight = '';
    el.dispatchEvent(new CustomEvent('operation-rendered', { bubbles: true, detail: { operationId: op.id } }));
  };

  const go = (hash: string) => {
    const target = normalizeHash(hash);
    if (!target) return;
    const element = document.getElementById(target);
    if (!element) return;
    if (`#${target}` !== location.hash && location.hash) history.replaceState(null, '', `#${target}`);
    if (element.matches('section.operation')) {
      // The ones just above render too, so the target does not move once it is shown.
      const index = Number((element as HTMLElement).dataset.op);
      for (const i of [index - 1, index, index + 1]) if (sections[i]) render(sections[i]);
    }
    element.scrollIntoView({ block: 'start' });
    if (element.matches('tr')) {
      element.classList.remove('flash');
      void (element as HTMLElement).offsetWidth;
      element.classList.add('flash');
    }
  };

  setupTabs(document);
  setupSearch(data, go);
  if (location.hash) go(location.hash);
  const observer = new IntersectionObserver(
    (seen) => {
      for (const entry of seen) {
        if (!entry.isIntersecting) continue;
        render(entry.target);
        observer.unobserve(entry.target);
      }
    },
    { rootMargin: '600px 0px 1200px 0px' },
  );
  for (const section of sections) if (section.dataset.rendered === undefined) observer.observe(section);
  window.addEventListener('hashchange', () => go(location.hash));
  // The sidebar's links once the first operation has had its frame.
  const toc = document.getElementById('toc');
  requestAnimationFrame(() => setTimeout(() => toc?.insertAdjacentHTML('beforeend', data.toc), 0));
  const page: ReferencePage = { data, render, go };
  (window as unknown as { postpressReference: ReferencePage }).postpressReference = page;
  document.documentElement.dataset.referenceReady = '';
  return page;
}
