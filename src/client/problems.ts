// Client-side problems: what went wrong when no documented response came back. They share
// the shape of the API's error envelope and carry `status: 0` (no documented HTTP status).

/**
 * - `client/invalid_input`: a parameter breaks its schema in the spec; nothing was sent.
 * - `client/network_error`: the connection failed or was reset (before or during the body).
 * - `client/timeout`: the call's `timeoutMs` deadline (covering every retry) passed.
 * - `client/aborted`: the caller's `signal` aborted the call.
 * - `client/invalid_response`: the server answered, but not as the spec says: an empty,
 *   non-JSON or truncated body, an error body without a documented `type`, or a status the
 *   operation does not document (`httpStatus` tells which).
 * - `client/repeated_cursor`: pagination received a cursor it had already followed.
 */
export type ClientProblemType =
  | 'client/invalid_input'
  | 'client/network_error'
  | 'client/timeout'
  | 'client/aborted'
  | 'client/invalid_response'
  | 'client/repeated_cursor';

export interface ClientProblem<T extends ClientProblemType = ClientProblemType> {
  type: T;
  title: string;
  status: 0;
  detail: string;
  /** The HTTP status of the response, when one arrived (`client/invalid_response`). */
  httpStatus?: number;
  /** How many HTTP requests the call made (0 when nothing was sent). */
  attempts: number;
}

const TITLES: Record<ClientProblemType, string> = {
  'client/invalid_input': 'Invalid input',
  'client/network_error': 'Network error',
  'client/timeout': 'Timed out',
  'client/aborted': 'Aborted',
  'client/invalid_response': 'Invalid response',
  'client/repeated_cursor': 'Repeated cursor',
};

export function clientProblem<T extends ClientProblemType>(type: T, detail: string, attempts: number, httpStatus?: number): ClientProblem<T> {
  const problem: ClientProblem<T> = { type, title: TITLES[type], status: 0, detail, attempts };
  if (httpStatus !== undefined) problem.httpStatus = httpStatus;
  return problem;
}

/** Anything `result.error` can be: a documented envelope or a client-side problem. */
export interface AnyError {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
}

/**
 * Thrown by `paginate()` (an iterator cannot return a result). `error` and `status` are those
 * of the failed result; the message holds only `type`, `status`, `title` and `detail`.
 */
export class PostpressError<E extends AnyError = AnyError> extends Error {
  override readonly name = 'PostpressError';
  readonly status: E['status'];
  readonly type: E['type'];
  readonly error: E;

  constructor(error: E) {
    super(`${error.type} (status ${error.status}): ${error.title}${error.detail ? ` - ${error.detail}` : ''}`);
    this.error = error;
    this.status = error.status;
    this.type = error.type;
  }
}
