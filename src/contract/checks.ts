// The catalog of checks. Each ID is stable: reports, JUnit names and the mutation suite refer to it.
export const CHECKS = {
  'response.status-documented': 'The HTTP status is documented for the operation.',
  'response.content-type': 'The Content-Type is one the spec documents for that status.',
  'response.body-schema': 'The body validates against the documented schema (JSON Schema 2020-12, all errors).',
  'response.headers-schema': 'Documented response headers are present when required and validate against their schema.',
  'error.envelope-status': 'An error body\'s `status` equals the HTTP status.',
  'error.envelope-type': 'An error body\'s `type` is one of the types documented for that status.',
  'error.envelope-title': 'An error body has a non-empty `title`.',
  'auth.missing-key': 'A request without the API key gets the documented 401 `errors/missing_credentials`.',
  'auth.malformed-key': 'A request with a malformed key (`Bearer <key>`) gets the documented 401.',
  'auth.wrong-key': 'A request with a well-formed but wrong key gets the documented 401.',
  'params.required-missing': 'A request without a required parameter gets the documented 400.',
  'params.below-minimum': 'An integer parameter below its minimum gets the documented 400.',
  'params.above-maximum': 'An integer parameter above its maximum gets the documented 400.',
  'params.not-integer': 'A non-integer number for an integer parameter gets the documented 400.',
  'params.not-a-number': 'A non-numeric value for a numeric parameter gets the documented 400.',
  'params.too-short': 'A string parameter shorter than its minLength (e.g. empty) gets the documented 400.',
  'params.too-long': 'A string parameter longer than its maxLength gets the documented 400.',
  'params.cursor-tampered': 'A tampered or unknown cursor gets the documented 400 `errors/invalid_cursor`.',
  'boundary.minimum': 'An integer parameter at its minimum succeeds.',
  'boundary.maximum': 'An integer parameter at its maximum succeeds.',
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
