import { Buffer } from 'node:buffer';
// Keeps the API key and secret field values (such as `shared_secret`) out of every report.
import type { Json } from './spec.js';

export const REDACTED = '[REDACTED]';
/**
 * Shorter values are redacted where they stand (a `shared_secret` field) but not searched for in
 * other text: replacing every "id" or "es" would garble the report without hiding anything.
 */
export const MIN_SEARCHED_SECRET_LENGTH = 6;
export const API_KEY_ENV = 'POSTPRESS_API_KEY';

/** Property names the spec marks as secret: named `*secret*`/`*password*` or with `format: password`. */
export function secretFieldNames(document: Json): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const properties = (node as Json).properties;
    if (properties && typeof properties === 'object' && !Array.isArray(node)) {
      for (const name in properties) {
        if (/secret|password/i.test(name) || properties[name]?.format === 'password') names.add(name);
      }
    }
    for (const key in node) visit((node as Json)[key]);
  };
  visit(document.components?.schemas);
  visit(document.paths);
  return names;
}

export class Redactor {
  private readonly secrets = new Set<string>();
  private pattern: RegExp | null = null;

  constructor(secrets: readonly string[], private readonly secretFields: Set<string>) {
    for (const secret of secrets) this.remember(secret);
  }

  private remember(secret: string): void {
    if (secret.length < MIN_SEARCHED_SECRET_LENGTH || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    this.pattern = null;
  }

  /** Learns the secret values a response body carries. */
  observe(body: unknown): void {
    if (Array.isArray(body)) return body.forEach((item) => this.observe(item));
    if (!body || typeof body !== 'object') return;
    for (const [key, value] of Object.entries(body)) {
      if (this.secretFields.has(key) && typeof value === 'string') this.remember(value);
      else this.observe(value);
    }
  }

  text(text: string): string {
    if (this.secrets.size === 0) return text;
    // One alternation, longest first, so a secret that contains another is replaced whole.
    this.pattern ??= new RegExp([...this.secrets].sort((a, b) => b.length - a.length).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
    return text.replace(this.pattern, REDACTED);
  }

  /** A deep copy of `value` with secret fields and every known secret string redacted. */
  value<T>(value: T): T {
    const walk = (node: unknown): unknown => {
      if (typeof node === 'string') return this.text(node);
      if (Array.isArray(node)) return node.map(walk);
      if (!node || typeof node !== 'object') return node;
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, this.secretFields.has(k) && typeof v === 'string' ? REDACTED : walk(v)]));
    };
    return walk(value) as T;
  }
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const escapeInDoubleQuotes = (s: string) => s.replace(/(["\\$`])/g, '\\$1');

/** The environment variable a curl reads the n-th credential from. */
export const credentialEnv = (index: number) => (index === 0 ? API_KEY_ENV : `${API_KEY_ENV}_${index + 1}`);

/** A runnable curl command for a request; each credential becomes `${POSTPRESS_API_KEY}` (then `_2`, `_3`, …). */
export function toCurl(method: string, url: string, headers: Record<string, string>, secrets: readonly string[] | string, body?: string): string {
  const list = (typeof secrets === 'string' ? [secrets] : secrets).filter((s) => s.length > 0);
  const hide = (text: string): string | undefined => {
    let out = escapeInDoubleQuotes(text);
    let changed = false;
    list.forEach((secret, i) => {
      const env = `\${${credentialEnv(i)}}`;
      // The secret as written, base64 (HTTP Basic) and percent-encoded (query, cookie).
      const forms: Array<[string, string]> = [[secret, env], [Buffer.from(secret).toString('base64'), `$(printf %s "${env}" | base64 -w0)`], [encodeURIComponent(secret), env]];
      for (const [form, replacement] of forms) {
        const escaped = escapeInDoubleQuotes(form);
        if (escaped.length > 0 && out.includes(escaped)) {
          out = out.split(escaped).join(replacement);
          changed = true;
        }
      }
    });
    return changed ? out : undefined;
  };
  const urlHidden = hide(url);
  const parts = [`curl --request ${method.toUpperCase()}`, urlHidden === undefined ? `--url ${shellQuote(url)}` : `--url "${urlHidden}"`];
  for (const [name, value] of Object.entries(headers)) {
    const hidden = hide(`${name}: ${value}`);
    parts.push(hidden === undefined ? `--header ${shellQuote(`${name}: ${value}`)}` : `--header "${hidden}"`);
  }
  if (body !== undefined) parts.push(`--data-raw ${shellQuote(body)}`);
  return parts.join(' \\\n  ');
}
