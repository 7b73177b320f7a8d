// The package root: the typed postpress client, and the runtime for another spec's generated files.
export { API_KEY_HEADER, createPostpressClient, DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS } from './client.js';
export type { ClientEvent, PostpressClient, PostpressClientOptions } from './client.js';
export { createClientFor } from './core.js';
export type { ClientOptions, ClientSpec } from './core.js';
export { PostpressError } from './problems.js';
export type { AnyError, ClientProblem, ClientProblemType } from './problems.js';
export type { RetryOptions } from './retry.js';
export type {
  BodyFor, CallOptions, ClientFor, DataFor, ErrorResult, ErrorStatusFor, InputFor, MethodFor, OkResult, OperationBody, OperationData, OperationError,
  OperationErrors, OperationId, OperationIdFor, OperationInput, OperationMethod, OperationParams, OperationResult, PageItem, PageItemFor,
  PaginatedOperationId, PaginatedOperationIdFor, Paginator, ParamsFor, ResultFor, SuccessStatusFor,
} from './types.js';
export { errorCatalog, errorSets, operations } from '../../generated/operations.js';
export type { components, paths } from '../../generated/schema.js';
