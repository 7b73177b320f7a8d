// The package root: the typed postpress client.
export { createPostpressClient, DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS } from './client.js';
export type { ClientEvent, PostpressClient, PostpressClientOptions } from './client.js';
export { PostpressError } from './problems.js';
export type { AnyError, ClientProblem, ClientProblemType } from './problems.js';
export type { RetryOptions } from './retry.js';
export type {
  CallOptions, ErrorResult, OkResult, OperationData, OperationError, OperationErrors, OperationId, OperationMethod,
  OperationParams, OperationResult, PageItem, PaginatedOperationId, Paginator,
} from './types.js';
export { errorCatalog, operations } from '../../generated/operations.js';
export type { components, paths } from '../../generated/schema.js';
