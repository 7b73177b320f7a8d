// Types of a client derived from a spec's generated files: `Types`, the `operations` interface
// openapi-typescript writes (schema.ts), and `Table`, the operation table (operations.ts). The
// `…For` types work for any spec; the `Operation…` ones are bound to this project's generated
// files. Nothing here names an operation by hand.
import type { operations as OperationTypes } from '../../generated/schema.js';
import type { operations as operationTable, OperationId } from '../../generated/operations.js';
import type { AnyError, ClientProblem } from './problems.js';

export type { OperationId };
type Simplify<T> = { [K in keyof T]: T[K] } & {};
type Group<T> = [NonNullable<T>] extends [never] ? {} : NonNullable<T>;

/** What a client needs of one operation's table entry, at the type level. */
export interface TableEntryShape {
  readonly statuses: readonly number[];
  readonly errors: { readonly [status: string]: string };
  readonly requestBody: { readonly required: boolean; readonly mediaType: string } | null;
  readonly pagination: { readonly itemsField: string } | null;
}
/** What a client needs of one operation's openapi-typescript type. */
export interface OperationTypeShape {
  parameters: { query?: unknown; path?: unknown; header?: unknown; cookie?: unknown };
  requestBody?: unknown;
  responses: object;
}
export type TableShape = { readonly [operationId: string]: TableEntryShape };
export type TypesShape = { [operationId: string]: OperationTypeShape };

/** The operations present in both generated files. */
export type OperationIdFor<Types, Table> = Extract<keyof Types, keyof Table> & string;

type Entry<Table, Op> = Op extends keyof Table ? Table[Op] : never;
type Parameters<Types, Op> = Op extends keyof Types ? (Types[Op] extends { parameters: infer P } ? P : {}) : {};
type Key<T, K extends string> = T extends { [P in K]?: infer V } ? V : never;

type AllParams<Types, Op> = Group<Key<Parameters<Types, Op>, 'query'>> & Group<Key<Parameters<Types, Op>, 'path'>> & Group<Key<Parameters<Types, Op>, 'header'>> & Group<Key<Parameters<Types, Op>, 'cookie'>>;
/** The header the client fills with one key per call: optional to the caller. */
type KeyHeader<Table, Op> = Entry<Table, Op> extends { idempotencyKeyHeader: infer K extends string } ? K : never;
type KeyOptional<P, K extends PropertyKey> = [K] extends [never] ? P : Omit<P, K> & Partial<Pick<P, K & keyof P>>;

/** The parameters of an operation (path, query, header and cookie) as one flat object. */
export type ParamsFor<Types, Op, Table = never> = Simplify<KeyOptional<AllParams<Types, Op>, KeyHeader<Table, Op>>>;

type BodyEntry<Table, Op> = Entry<Table, Op> extends { requestBody: infer B } ? B : null;
type Content<R> = NonNullable<R> extends { content: infer C } ? C : never;

/** The request body of an operation (of its media type in the table), or never. */
export type BodyFor<Types, Table, Op> = BodyEntry<Table, Op> extends { mediaType: infer M }
  ? Op extends keyof Types ? (Types[Op] extends { requestBody?: infer R } ? (M extends keyof Content<R> ? Content<R>[M] : Content<R>[keyof Content<R>]) : never) : never
  : never;

/** The first argument of an operation's method: its parameters, and `body` when it takes one. */
export type InputFor<Types, Table, Op> = BodyEntry<Table, Op> extends { required: true }
  ? Simplify<ParamsFor<Types, Op, Table> & { body: BodyFor<Types, Table, Op> }>
  : BodyEntry<Table, Op> extends { required: boolean } ? Simplify<ParamsFor<Types, Op, Table> & { body?: BodyFor<Types, Table, Op> }> : ParamsFor<Types, Op, Table>;

type Statuses<Table, Op> = Entry<Table, Op> extends { statuses: ReadonlyArray<infer S> } ? S & number : never;
/** The documented 2xx statuses of an operation. */
export type SuccessStatusFor<Table, Op> = { [S in Statuses<Table, Op>]: `${S}` extends `2${string}` ? S : never }[Statuses<Table, Op>];
/** The documented error statuses of an operation (those with an error set). */
export type ErrorStatusFor<Table, Op> = Entry<Table, Op> extends { errors: infer E }
  ? { [S in Statuses<Table, Op>]: `${S}` extends keyof E ? S : never }[Statuses<Table, Op>]
  : never;

type Responses<Types, Op> = Op extends keyof Types ? (Types[Op] extends { responses: infer R } ? R : {}) : {};
type Response<Types, Op, S> = S extends keyof Responses<Types, Op> ? Responses<Types, Op>[S] : never;
/** The body of a response: its content (every media type), or undefined when it has none. */
type BodyOf<R> = R extends { content: infer C } ? (C extends object ? C[keyof C] : undefined) : undefined;

/** The body of the operation's success responses (`undefined` for a bodiless one). */
export type DataFor<Types, Table, Op> = BodyOf<Response<Types, Op, SuccessStatusFor<Table, Op>>>;

export interface OkResult<S, D> { ok: true; status: S; data: D }
export interface ErrorResult<S, E> { ok: false; status: S; error: E }
/** Any operation's result, untyped (inside the client). */
export type AnyResult = OkResult<number, unknown> | ErrorResult<number, AnyError>;

type ErrorBody<R> = BodyOf<R> extends undefined ? AnyError : BodyOf<R>;

/**
 * What every operation method returns (it never throws): `ok` and `status` narrow `data` or
 * `error`; `status: 0` holds a client-side problem.
 */
export type ResultFor<Types, Table, Op> =
  | { [S in SuccessStatusFor<Table, Op>]: OkResult<S, BodyOf<Response<Types, Op, S>>> }[SuccessStatusFor<Table, Op>]
  | { [S in ErrorStatusFor<Table, Op>]: ErrorResult<S, ErrorBody<Response<Types, Op, S>>> }[ErrorStatusFor<Table, Op>]
  | ErrorResult<0, ClientProblem>;

export interface CallOptions {
  /** Aborts the call, including a retry wait; the result is `client/aborted`. */
  signal?: AbortSignal;
  /** Deadline for the whole call including retries; overrides the client's. */
  timeoutMs?: number;
}

export type MethodFor<Types, Table, Op> = {} extends InputFor<Types, Table, Op>
  ? (input?: InputFor<Types, Table, Op>, options?: CallOptions) => Promise<ResultFor<Types, Table, Op>>
  : (input: InputFor<Types, Table, Op>, options?: CallOptions) => Promise<ResultFor<Types, Table, Op>>;

/** The operations whose table entry has `pagination`. */
export type PaginatedOperationIdFor<Types, Table> = { [Op in OperationIdFor<Types, Table>]: Entry<Table, Op> extends { pagination: null } ? never : Op }[OperationIdFor<Types, Table>];

type ItemsOf<D, F> = F extends PropertyKey ? (D extends { [K in F]: ReadonlyArray<infer I> } ? I : never) : never;
type ItemsField<Table, Op> = Entry<Table, Op> extends { pagination: { itemsField: infer F } } ? F : never;
/** One item of a paginated operation's pages. */
export type PageItemFor<Types, Table, Op> = ItemsOf<DataFor<Types, Table, Op>, ItemsField<Table, Op>>;

/**
 * `for await (const item of paginator)` yields every item; `.pages()` yields each page's body.
 * Both fetch a page only when the previous one is used up, and throw a `PostpressError`.
 */
export interface Paginator<Item, Page> extends AsyncIterable<Item> {
  pages(): AsyncIterableIterator<Page>;
}

/** A client of any spec: one method per operation, and `paginate`. */
export type ClientFor<Types, Table> = { [Op in OperationIdFor<Types, Table>]: MethodFor<Types, Table, Op> } & {
  /** Iterates every item of a paginated operation, following its cursor until it is null. */
  paginate<Op extends PaginatedOperationIdFor<Types, Table>>(
    operationId: Op, input: InputFor<Types, Table, Op>, options?: CallOptions,
  ): Paginator<PageItemFor<Types, Table, Op>, DataFor<Types, Table, Op>>;
};

// Bound to this project's generated files.
type Table = typeof operationTable;
/** The parameters of an operation (path, query, header and cookie) as one flat object. */
export type OperationParams<Op extends OperationId> = ParamsFor<OperationTypes, Op, Table>;
/** The request body of an operation (never when it takes none). */
export type OperationBody<Op extends OperationId> = BodyFor<OperationTypes, Table, Op>;
/** The first argument of an operation's method. */
export type OperationInput<Op extends OperationId> = InputFor<OperationTypes, Table, Op>;
/** The body of the operation's success response. */
export type OperationData<Op extends OperationId> = DataFor<OperationTypes, Table, Op>;
/** The error envelope of each documented error status, keyed by status. */
export type OperationErrors<Op extends OperationId> = { [S in ErrorStatusFor<Table, Op>]: ErrorBody<Response<OperationTypes, Op, S>> };
export type OperationResult<Op extends OperationId> = ResultFor<OperationTypes, Table, Op>;
/** The `error` of any failed result of the operation. */
export type OperationError<Op extends OperationId> = Extract<OperationResult<Op>, { ok: false }>['error'];
export type OperationMethod<Op extends OperationId> = MethodFor<OperationTypes, Table, Op>;
/** The operations the spec marks as paginated (`x-pagination`). */
export type PaginatedOperationId = PaginatedOperationIdFor<OperationTypes, Table>;
/** One item of a paginated operation's pages. */
export type PageItem<Op extends PaginatedOperationId> = PageItemFor<OperationTypes, Table, Op>;
