// The `Prefer` header (RFC 7240) asks the mock for a particular answer:
//   code=503, type=<error type>   one documented response (and error type)
//   example=<name>                one of the response's named examples
//   delay=<ms>                    answer after that many milliseconds (at most MAX_DELAY_MS)
//   fault=reset | truncate        drop the connection without an answer, or mid-body
// Preferences the mock does not know are ignored, as RFC 7240 requires; a known one with a bad
// value is a problem the caller hears about (a 400), never silently dropped.

export const MAX_DELAY_MS = 60_000;
export const FAULTS = ['reset', 'truncate'] as const;
export type Fault = (typeof FAULTS)[number];

export interface Preference {
  readonly code?: string;
  readonly type?: string;
  readonly example?: string;
  readonly delayMs?: number;
  readonly fault?: Fault;
  /** The preferences honoured, for `Preference-Applied`. */
  readonly applied: readonly string[];
  readonly problems: readonly string[];
}

export const NO_PREFERENCE: Preference = { applied: [], problems: [] };

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

export function readPreference(header: string | string[] | undefined): Preference {
  if (header === undefined) return NO_PREFERENCE;
  const text = Array.isArray(header) ? header.join(',') : header;
  const found = new Map<string, string[]>();
  for (const preference of text.split(',')) {
    const [token = ''] = preference.split(';'); // parameters after `;` are not used
    const equals = token.indexOf('=');
    const name = (equals === -1 ? token : token.slice(0, equals)).trim().toLowerCase();
    if (!['code', 'type', 'example', 'delay', 'fault'].includes(name)) continue;
    const value = equals === -1 ? '' : unquote(token.slice(equals + 1).trim());
    found.set(name, [...new Set([...(found.get(name) ?? []), value])]);
  }
  if (found.size === 0) return NO_PREFERENCE;
  const problems: string[] = [];
  const applied: string[] = [];
  const one = (name: string): string | undefined => {
    const values = found.get(name);
    if (!values) return undefined;
    if (values.length > 1) {
      problems.push(`Prefer gives ${values.length} different \`${name}\` values`);
      return undefined;
    }
    applied.push(`${name}=${values[0]}`);
    return values[0];
  };
  const code = one('code');
  const type = one('type');
  const example = one('example');
  const delay = one('delay');
  const fault = one('fault');
  let delayMs: number | undefined;
  if (delay !== undefined) {
    delayMs = /^\d{1,6}$/.test(delay) ? Number(delay) : Number.NaN;
    if (!(delayMs <= MAX_DELAY_MS)) {
      problems.push(`Prefer delay=${delay} must be a whole number of milliseconds from 0 to ${MAX_DELAY_MS}`);
      delayMs = undefined;
    }
  }
  if (fault !== undefined && !(FAULTS as readonly string[]).includes(fault)) {
    problems.push(`Prefer fault=${fault} is not one of ${FAULTS.join(', ')}`);
  }
  return {
    ...(code !== undefined ? { code } : {}),
    ...(type !== undefined ? { type } : {}),
    ...(example !== undefined ? { example } : {}),
    ...(delayMs !== undefined ? { delayMs } : {}),
    ...(fault !== undefined && (FAULTS as readonly string[]).includes(fault) ? { fault: fault as Fault } : {}),
    applied,
    problems,
  };
}
