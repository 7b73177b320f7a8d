// The catalog of checks. Each ID is stable: reports, JUnit names and the mutation suites refer to it.
export const CHECKS = {
  'response.status-documented': 'The HTTP status is documented for the operation.',
  'response.content-type': 'The Content-Type is one the spec documents for that status.',
  'response.body-schema': 'The body validates against the documented schema (JSON Schema 2020-12, all errors).',
  'response.headers-schema': 'Documented response headers are present when required and validate against their schema.',
  'error.envelope-status': 'An error body\'s `status`, when present, equals the HTTP status; a documented JSON error body is JSON.',
  'error.envelope-type': 'An error body\'s `type` is one of the types the operation documents for that status (when the spec enumerates them).',
  'error.envelope-title': 'An error body has a non-empty `title` (when its schema has one).',
  'auth.missing-key': 'A request without credentials gets the documented 401.',
  'auth.malformed-key': 'A request with malformed credentials (an API key with a `Bearer ` prefix, a token without its scheme) gets the documented 401.',
  'auth.wrong-key': 'A request with well-formed but wrong credentials for a security scheme gets the documented 401.',
  'params.required-missing': 'A request without a required parameter (query, header or cookie) gets the documented 400.',
  'params.below-minimum': 'A numeric parameter below its minimum gets the documented 400.',
  'params.above-maximum': 'A numeric parameter above its maximum gets the documented 400.',
  'params.not-integer': 'A non-integer number for an integer parameter gets the documented 400.',
  'params.not-a-number': 'A non-numeric value for a numeric parameter gets the documented 400.',
  'params.too-short': 'A string parameter shorter than its minLength (e.g. empty) gets the documented 400.',
  'params.too-long': 'A string parameter longer than its maxLength gets the documented 400.',
  'params.not-in-enum': 'A parameter value outside its enum gets the documented 400.',
  'params.pattern-mismatch': 'A parameter value that does not match its pattern (path parameters included) gets the documented 400.',
  'params.cursor-tampered': 'A tampered or unknown cursor gets the documented 400 (of the type the cursor parameter names with `x-unknown-value-type`, when it does).',
  'boundary.minimum': 'A numeric parameter at its minimum succeeds.',
  'boundary.maximum': 'A numeric parameter at its maximum succeeds.',
  'body.valid': 'Generated valid request bodies (fast-check) are not rejected as invalid (no 400 or 422).',
  'body.invalid': 'A request body with exactly one violation (missing required property, wrong type, bounds, enum, pattern, unknown property) or none at all gets the documented 400.',
  'stateful.created-readable': 'What was created can be read back, with the same id (Schemathesis: ensure_resource_availability).',
  'stateful.created-listed': 'What was created shows in its list.',
  'stateful.deleted-gone': 'What was deleted answers the documented 404 and leaves its list (Schemathesis: use_after_free).',
  'method.not-allowed': 'An undocumented method on a documented path gets 405 with an Allow header naming the documented methods.',
  'pagination.terminates': 'Following the cursor ends with `null` within the page cap.',
  'pagination.unique-ids': 'No item id appears twice in a walk.',
  'pagination.page-size': 'No page holds more items than `limit` (or its default when omitted).',
  'pagination.stable-order': 'Two walks with the same limit return the same ids in the same order.',
  'property.valid-requests': 'Generated valid requests (fast-check) succeed with a conforming page.',
  'property.invalid-requests': 'Generated requests with one invalid parameter (fast-check) get the documented 400.',
  'errors.preferred': 'A `Prefer: code=N, type=T` request gets exactly that documented error (targets that honour Prefer, like the mock).',
  'transport.response': 'The server answers every request within the timeout.',
} as const;

export type CheckId = keyof typeof CHECKS;

export const CHECK_IDS = Object.keys(CHECKS) as CheckId[];

/** Checks applied to every response the kit receives, whichever probe sent the request. */
export const RESPONSE_CHECKS: readonly CheckId[] = [
  'response.status-documented', 'response.content-type', 'response.body-schema', 'response.headers-schema',
  'error.envelope-status', 'error.envelope-type', 'error.envelope-title', 'transport.response',
];
