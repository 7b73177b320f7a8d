// Every rule the classifier applies: one id per kind of change, with its class for the two
// audiences. A change is reported with its rule's id as `kind`, and its classes come from here
// only, so this table is the classifier's whole verdict (docs/spec-diff.md publishes it, and the
// corpus proves that each rule is reached by a spec pair that expects exactly these classes).
//
// Clients send requests and read responses: an already-generated client keeps sending what the
// old spec allowed and keeps expecting what it promised. Implementations read requests and send
// responses: an existing server keeps accepting and sending what the old spec said.
export type ChangeClass = 'breaking' | 'risky' | 'safe';

export interface Rule {
  clients: ChangeClass;
  implementations: ChangeClass;
  /** What the change is, for the published table (a function: comparisons never need the text). */
  when: () => string;
}

const rule = (clients: ChangeClass, implementations: ChangeClass, when: () => string): Rule => ({ clients, implementations, when });

/** Schema rules for one direction: what a request (or response) schema edit does to its reader. */
function schemaRules(direction: 'request' | 'response'): Record<string, Rule> {
  const request = direction === 'request';
  // Narrowing what the sender may send breaks the sender (clients for requests, implementations
  // for responses); widening it breaks the reader.
  const narrowed = (when: () => string) => (request ? rule('breaking', 'safe', when) : rule('safe', 'breaking', when));
  const widened = (when: () => string, breaksClients: boolean) => (request ? rule('safe', 'breaking', when) : rule(breaksClients ? 'breaking' : 'risky', 'safe', when));
  const changed = (when: () => string) => rule('breaking', 'breaking', when);
  const entries: Array<[string, Rule]> = [
    ['type-narrowed', narrowed(() => 'a type is dropped from `type`, or `type` is added')],
    ['type-widened', widened(() => 'a type is added to `type`, or `type` is removed', true)],
    ['type-changed', changed(() => '`type` replaced by types that do not overlap')],
    ['nullable-narrowed', narrowed(() => 'no longer nullable (`null` dropped from type, enum, const or a oneOf/anyOf branch)')],
    ['nullable-widened', widened(() => 'made nullable', true)],
    ['enum-narrowed', narrowed(() => '`enum` added, or a value removed')],
    ['enum-widened', widened(() => '`enum` removed, or a value added (exhaustive switches miss it)', false)],
    ['const-narrowed', narrowed(() => '`const` added')],
    ['const-widened', widened(() => '`const` removed', true)],
    ['const-changed', changed(() => '`const` changed')],
    ['bounds-narrowed', narrowed(() => 'a minimum raised or a maximum lowered, or a bound added (`minimum`, `exclusiveMinimum`, `minLength`, `minItems`, `minProperties`, `minContains` and their `max` counterparts)')],
    ['bounds-widened', widened(() => 'a minimum lowered or a maximum raised, or a bound removed', false)],
    ['items-narrowed', narrowed(() => '`items` schema added')],
    ['items-widened', widened(() => '`items` schema removed', true)],
    ['uniqueItems-narrowed', narrowed(() => '`uniqueItems` added')],
    ['uniqueItems-widened', widened(() => '`uniqueItems` removed', false)],
    ['required-narrowed', narrowed(() => 'a property made required')],
    ['required-widened', widened(() => 'a property made optional', true)],
    ['additionalProperties-narrowed', narrowed(() => '`additionalProperties: false` or a schema added')],
    ['additionalProperties-widened', widened(() => '`additionalProperties` false or schema removed', false)],
    ['schema-branch-narrowed', narrowed(() => 'a `oneOf`/`anyOf` branch removed, an `allOf` or `prefixItems` entry added')],
    ['schema-branch-widened', widened(() => 'a `oneOf`/`anyOf` branch added (an old client cannot read the new variant), an `allOf` or `prefixItems` entry removed', true)],
  ];
  for (const key of ['pattern', 'format', 'multipleOf', 'contentEncoding', 'contentMediaType']) {
    entries.push([`${key}-narrowed`, narrowed(() => `\`${key}\` added`)], [`${key}-widened`, widened(() => `\`${key}\` removed`, false)], [`${key}-changed`, changed(() => `\`${key}\` changed`)]);
  }
  if (request) {
    entries.push(
      ['readOnly-added', rule('risky', 'safe', () => '`readOnly` added: clients sending it may be rejected')],
      ['readOnly-removed', rule('safe', 'risky', () => '`readOnly` removed: servers now receive it')],
      ['writeOnly-added', rule('safe', 'safe', () => '`writeOnly` added')],
      ['writeOnly-removed', rule('safe', 'safe', () => '`writeOnly` removed')],
      ['required-property-added', rule('breaking', 'risky', () => 'a required property added')],
      ['optional-property-added', rule('safe', 'risky', () => 'an optional property added (servers must handle it)')],
      ['required-property-removed', rule('risky', 'breaking', () => 'a required property removed: servers still requiring it reject new clients')],
      ['optional-property-removed', rule('risky', 'safe', () => 'an optional property removed: clients still sending it may be rejected')],
    );
  } else {
    entries.push(
      ['readOnly-added', rule('safe', 'safe', () => '`readOnly` added')],
      ['readOnly-removed', rule('safe', 'safe', () => '`readOnly` removed')],
      ['writeOnly-added', rule('breaking', 'safe', () => '`writeOnly` added: the property leaves responses')],
      ['writeOnly-removed', rule('safe', 'risky', () => '`writeOnly` removed: servers may have to send it')],
      ['required-property-added', rule('safe', 'breaking', () => 'a required property added')],
      ['optional-property-added', rule('safe', 'safe', () => 'an optional property added')],
      ['required-property-removed', rule('breaking', 'safe', () => 'a required property removed')],
      ['optional-property-removed', rule('risky', 'safe', () => 'an optional property removed: clients already handle its absence, not a different type under that name')],
    );
  }
  return Object.fromEntries(entries.map(([id, r]) => [`${direction}-${id}`, r]));
}

/**
 * The rule table. Built on each call (a comparison builds it once) rather than at module load, so
 * that mutation testing exercises it like the rest of the classifier.
 */
export function rules(): Record<string, Rule> {
  return {
    'version-changed': rule('safe', 'safe', () => '`info.version` changed'),
    documentation: rule('safe', 'safe', () => 'titles, descriptions, summaries, examples, tags, external docs; a response `default`'),
    deprecated: rule('safe', 'safe', () => '`deprecated` added or removed (operation, parameter, schema, header)'),
    unclassified: rule('risky', 'risky', () => 'any other keyword added, removed or changed (`discriminator`, `not`, `if`, `links`, an `x-` extension...): review by hand'),
    'server-added': rule('safe', 'safe', () => 'a server URL added'),
    'server-removed': rule('breaking', 'risky', () => 'a server URL removed'),
    'server-moved': rule('breaking', 'risky', () => 'a server URL replaced in place'),
    'security-scheme-changed': rule('breaking', 'breaking', () => 'a security scheme\'s type, location, header name, scheme or flows changed'),
    'security-alternative-removed': rule('breaking', 'safe', () => 'a way to authenticate is no longer accepted (or an open operation now needs credentials)'),
    'security-alternative-added': rule('safe', 'breaking', () => 'a new way to authenticate is accepted (or credentials are no longer needed)'),
    'operation-removed': rule('breaking', 'safe', () => 'an operation removed (or its path moved)'),
    'operation-added': rule('safe', 'risky', () => 'an operation added: implementations must serve it'),
    'operation-id-changed': rule('risky', 'safe', () => '`operationId` changed: generated method names change'),
    'parameter-required-added': rule('breaking', 'risky', () => 'a required parameter added'),
    'parameter-optional-added': rule('safe', 'risky', () => 'an optional parameter added'),
    'parameter-required-removed': rule('risky', 'breaking', () => 'a required parameter removed: servers still requiring it reject new clients'),
    'parameter-optional-removed': rule('risky', 'safe', () => 'an optional parameter removed: clients still sending it may be rejected'),
    'parameter-made-required': rule('breaking', 'safe', () => 'a parameter made required'),
    'parameter-made-optional': rule('safe', 'breaking', () => 'a parameter made optional'),
    'parameter-serialization-changed': rule('breaking', 'breaking', () => '`style`, `explode`, `allowReserved` or `allowEmptyValue` changed (defaults spelled out count as unchanged)'),
    'path-parameter-renamed': rule('risky', 'safe', () => 'a path parameter renamed: the URL is the same, but regenerated clients take the argument under the new name'),
    'request-default-changed': rule('risky', 'breaking', () => 'a request `default` changed: servers must apply the new one'),
    'request-body-required-added': rule('breaking', 'risky', () => 'a required request body added'),
    'request-body-optional-added': rule('safe', 'risky', () => 'an optional request body added'),
    'request-body-removed': rule('risky', 'safe', () => 'the request body removed: clients still sending one may be rejected'),
    'request-body-made-required': rule('breaking', 'safe', () => 'the request body made required'),
    'request-body-made-optional': rule('safe', 'breaking', () => 'the request body made optional'),
    'request-media-type-added': rule('safe', 'breaking', () => 'a request media type added: servers must read it'),
    'request-media-type-removed': rule('breaking', 'safe', () => 'a request media type removed: clients sending it are rejected'),
    'response-media-type-added': rule('risky', 'safe', () => 'a response media type added'),
    'response-media-type-removed': rule('breaking', 'safe', () => 'a response media type removed'),
    'response-success-status-added': rule('breaking', 'safe', () => 'a 2XX status added (e.g. 201 -> 200): a client generated before expects only the old success status and answers `client/invalid_response`'),
    'response-error-status-added': rule('risky', 'safe', () => 'an error status (or `default`) added: old clients read it as an undocumented error'),
    'response-status-removed': rule('safe', 'breaking', () => 'a status removed while another success status remains'),
    'success-response-removed': rule('breaking', 'breaking', () => 'the last success status removed'),
    'response-required-header-added': rule('safe', 'breaking', () => 'a required response header added'),
    'response-optional-header-added': rule('safe', 'safe', () => 'an optional response header added'),
    'response-required-header-removed': rule('breaking', 'safe', () => 'a required response header removed'),
    'response-optional-header-removed': rule('risky', 'safe', () => 'an optional response header removed'),
    'response-header-made-required': rule('safe', 'breaking', () => 'a response header made required'),
    'response-header-made-optional': rule('breaking', 'safe', () => 'a response header made optional'),
    'retry-advice-changed': rule('risky', 'safe', () => 'the `x-retryable` advice of an error type changed: clients that follow it retry differently'),
    ...schemaRules('request'),
    ...schemaRules('response'),
  };
}

/** The rules as the Markdown table docs/spec-diff.md publishes (`npm run diff -- --rules`). */
export function rulesTable(): string {
  const rows = Object.entries(rules()).map(([id, r]) => `| \`${id}\` | ${r.clients} | ${r.implementations} | ${r.when().replace(/\|/g, '\\|')} |`);
  return ['| rule | clients | implementations | when |', '|---|---|---|---|', ...rows].join('\n');
}
