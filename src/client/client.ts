// The typed postpress client: the runtime of core.ts bound to this project's generated files
// (the operation table and error sets, the spec's server and API-key header), plus `raw`, an
// openapi-fetch client of the same spec.
import createClient, { type Client } from 'openapi-fetch';
import type { operations as OperationTypes, paths } from '../../generated/schema.js';
import { errorSets, operations, securitySchemes, type SecuritySchemeEntry } from '../../generated/operations.js';
import { createClientFor, type ClientOptions } from './core.js';
import type { ClientFor } from './types.js';

/** The server URL of the spec (`servers[0].url`); a test keeps the two equal. */
export const DEFAULT_BASE_URL = 'https://api.postpress.ai/api/v1';
/** The header of the spec's `apiKey` security scheme, read from the generated table. */
export const API_KEY_HEADER: string = apiKeyHeaderOf(securitySchemes);

function apiKeyHeaderOf(schemes: Readonly<Record<string, SecuritySchemeEntry>>): string {
  const scheme = Object.values(schemes).find((s) => s.type === 'apiKey' && s.in === 'header');
  if (!scheme?.parameterName) throw new Error('the spec declares no apiKey security scheme sent in a header');
  return scheme.parameterName;
}

export type PostpressClientOptions = ClientOptions;

export type PostpressClient = ClientFor<OperationTypes, typeof operations> & {
  /** The underlying openapi-fetch client (same base URL, fetch and API key header). */
  readonly raw: Client<paths>;
};

export function createPostpressClient(options: PostpressClientOptions): PostpressClient {
  const client = createClientFor<OperationTypes, typeof operations>({ operations, errorSets, defaultBaseUrl: DEFAULT_BASE_URL, apiKeyHeader: API_KEY_HEADER }, options);
  const doFetch = options.fetch ?? globalThis.fetch;
  const raw = createClient<paths>({
    baseUrl: (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, ''), fetch: (request: Request) => doFetch(request), headers: { [API_KEY_HEADER]: options.apiKey },
  });
  Object.defineProperty(client, 'raw', { value: raw, enumerable: false });
  return client as PostpressClient;
}

export { DEFAULT_TIMEOUT_MS, type ClientEvent, type ClientProblem, type ClientProblemType } from './core.js';
