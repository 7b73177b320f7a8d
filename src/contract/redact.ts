// Keeps the API key and secret field values (such as `shared_secret`) out of every report.
import type { ContractSpec, Json } from './spec.js';

export const REDACTED = '[REDACTED]';
/**
 * Shorter values are redacted where they stand (a `shared_secret` field) but not searched for in
 * other text: replacing every "id" or "es" would garble the report without hiding anything.
 */
export const MIN_SEARCHED_SECRET_LENGTH = 6;
export const API_KEY_ENV = 'POSTPRESS_API_KEY';

/** Property names the spec marks as secret: named `*secret*` or with `format: password`. */
export function secretFieldNames(spec: ContractSpec): Set<string> {
  const names = new Set<string>(['shared_secret']);
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const properties = (node as Json).properties;
    if (properties && typeof properties === 'object') {
      for (const [name, schema] of Object.entries<Json>(properties)) {
        if (/secret|password/i.test(name) || schema?.format === 'password') names.add(name);
      }
    }
    Object.values(node).forEach(visit);
  };
  visit(spec.document.components?.schemas);
  return names;
}

export class Redactor {
  private readonly secrets = new Set<string>();
  private pattern: RegExp | null = null;

  constructor(apiKey: string, private readonly secretFields: Set<string>) {
    this.remember(apiKey);
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

/** A runnable curl command for a request; the API key becomes `${POSTPRESS_API_KEY}`. */
export function toCurl(method: string, url: string, headers: Record<string, string>, apiKey: string): string {
  const parts = [`curl --request ${method.toUpperCase()}`, `--url ${shellQuote(url)}`];
  for (const [name, value] of Object.entries(headers)) {
    if (apiKey && value.includes(apiKey)) {
      const pieces = value.split(apiKey).map(escapeInDoubleQuotes);
      parts.push(`--header "${escapeInDoubleQuotes(name)}: ${pieces.join(`\${${API_KEY_ENV}}`)}"`);
    } else parts.push(`--header ${shellQuote(`${name}: ${value}`)}`);
  }
  return parts.join(' \\\n  ');
}
