// Types derived from the generated spec types and operation table: parameters, results
// narrowed per status, pagination. Nothing here names an operation by hand.
import type { operations as OperationTypes } from '../../generated/schema.js';
import type { operations as operationTable, OperationId } from '../../generated/operations.js';
import type { AnyError, ClientProblem } from './problems.js';

export type { OperationId };
type Table = typeof operationTable;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
type Group<T> = [NonNullable<T>] extends [never] ? {} : NonNullable<T>;

/** The parameters of an operation (path, query and header) as one flat object. */
export type OperationParams<Op extends OperationId> = Simplify<
  Group<OperationTypes[Op]['parameters']['query']> & Group<OperationTypes[Op]['parameters']['path']> & Group<OperationTypes[Op]['parameters']['header']>
>;

type Responses<Op extends OperationId> = OperationTypes[Op]['responses'];
type JsonBody<R> = R extends { content: { 'application/json': infer B } } ? B : undefined;
type SuccessStatus<Op extends OperationId> = Table[Op]['successStatus'];
type ErrorStatusOf<Op extends OperationId> = Exclude<Table[Op]['statuses'][number], SuccessStatus<Op>>;

/** The body of the operation's success response. */
export type OperationData<Op extends OperationId> = JsonBody<Responses<Op>[SuccessStatus<Op> & keyof Responses<Op>]>;

/** The error envelope of each documented error status, keyed by status. */
export type OperationErrors<Op extends OperationId> = {
  [S in ErrorStatusOf<Op>]: JsonBody<Responses<Op>[S & keyof Responses<Op>]>;
};

export interface OkResult<S, D> { ok: true; status: S; data: D }
export interface ErrorResult<S, E> { ok: false; status: S; error: E }
/** Any operation's result, untyped (inside the client). */
export type AnyResult = OkResult<number, unknown> | ErrorResult<number, AnyError>;

/**
 * What every operation method returns (it never throws): `ok` and `status` narrow `data` or
 * `error`; `status: 0` holds a client-side problem.
 */
export type OperationResult<Op extends OperationId> =
  | OkResult<SuccessStatus<Op>, OperationData<Op>>
  | { [S in ErrorStatusOf<Op>]: ErrorResult<S, OperationErrors<Op>[S]> }[ErrorStatusOf<Op>]
  | ErrorResult<0, ClientProblem>;

/** The `error` of any failed result of the operation. */
export type OperationError<Op extends OperationId> = Extract<OperationResult<Op>, { ok: false }>['error'];

export interface CallOptions {
  /** Aborts the call, including a retry wait; the result is `client/aborted`. */
  signal?: AbortSignal;
  /** Deadline for the whole call including retries; overrides the client's. */
  timeoutMs?: number;
}

export type OperationMethod<Op extends OperationId> = {} extends OperationParams<Op>
  ? (params?: OperationParams<Op>, options?: CallOptions) => Promise<OperationResult<Op>>
  : (params: OperationParams<Op>, options?: CallOptions) => Promise<OperationResult<Op>>;

/** The operations the spec marks as paginated (`x-pagination`). */
export type PaginatedOperationId = { [Op in OperationId]: Table[Op]['pagination'] extends null ? never : Op }[OperationId];

type Pagination<Op extends PaginatedOperationId> = NonNullable<Table[Op]['pagination']>;
type ItemsOf<D, F extends PropertyKey> = D extends { [K in F]: ReadonlyArray<infer I> } ? I : never;

/** One item of a paginated operation's pages. */
export type PageItem<Op extends PaginatedOperationId> = ItemsOf<OperationData<Op>, Pagination<Op>['itemsField']>;

/**
 * `for await (const item of paginator)` yields every item; `.pages()` yields each page's body.
 * Both fetch a page only when the previous one is used up, and throw a `PostpressError`.
 */
export interface Paginator<Item, Page> extends AsyncIterable<Item> {
  pages(): AsyncIterableIterator<Page>;
}
