// `Prefer: code=503, type=errors/network_down` asks the mock for one documented response.
// Preferences other than `code` and `type` are ignored, as RFC 7240 requires; `code` and `type`
// themselves are checked against the spec and a combination it does not document is refused.
import { errorTypesOf, statusOfErrorType } from './spec.js';

export type Preference =
  | { readonly kind: 'none' }
  | { readonly kind: 'apply'; readonly status: number; readonly type: string | undefined; readonly applied: string }
  | { readonly kind: 'invalid'; readonly problem: string };

const NONE: Preference = { kind: 'none' };

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

/** Reads `code` and `type` from the Prefer header(s) and checks them against the operation's statuses. */
export function readPreference(header: string | string[] | undefined, statuses: readonly number[]): Preference {
  if (header === undefined) return NONE;
  const text = Array.isArray(header) ? header.join(',') : header;
  const found: Record<'code' | 'type', string[]> = { code: [], type: [] };
  for (const preference of text.split(',')) {
    const [token = ''] = preference.split(';'); // parameters after `;` are not used
    const equals = token.indexOf('=');
    const name = (equals === -1 ? token : token.slice(0, equals)).trim().toLowerCase();
    if (name !== 'code' && name !== 'type') continue;
    found[name].push(equals === -1 ? '' : unquote(token.slice(equals + 1).trim()));
  }
  const codes = [...new Set(found.code)];
  const types = [...new Set(found.type)];
  if (codes.length === 0 && types.length === 0) return NONE;
  if (codes.length > 1) return { kind: 'invalid', problem: `Prefer gives ${codes.length} different \`code\` values` };
  if (types.length > 1) return { kind: 'invalid', problem: `Prefer gives ${types.length} different \`type\` values` };
  const [code] = codes;
  const [type] = types;
  const documented = statuses.join(', ');

  let status: number;
  if (code !== undefined) {
    status = /^\d{3}$/.test(code) ? Number(code) : Number.NaN;
    if (!statuses.includes(status)) {
      return { kind: 'invalid', problem: `Prefer code=${code} is not a documented status (documented: ${documented})` };
    }
  } else {
    const inferred = statusOfErrorType(type ?? '');
    if (inferred === undefined || !statuses.includes(inferred)) {
      return { kind: 'invalid', problem: `Prefer type=${type ?? ''} is not a documented error type` };
    }
    status = inferred;
  }

  const documentedTypes = errorTypesOf(status);
  if (type === undefined) {
    return { kind: 'apply', status, type: documentedTypes[0], applied: `code=${status}` };
  }
  if (!documentedTypes.includes(type)) {
    const allowed = documentedTypes.length === 0 ? 'none' : documentedTypes.join(', ');
    return {
      kind: 'invalid',
      problem: `Prefer type=${type} is not documented for status ${status} (documented types: ${allowed})`,
    };
  }
  return { kind: 'apply', status, type, applied: code === undefined ? `type=${type}` : `code=${status}, type=${type}` };
}
