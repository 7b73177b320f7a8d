// A small OpenAPI 3.1 document for the RunContext tests: a paginated list, create, read and
// delete of one resource (with a link from the create to the read), an operation with header,
// cookie, array and required query parameters, and security schemes of every kind the kit applies.
export const CONTEXT_SPEC = {
  openapi: '3.1.0',
  info: { title: 'context', version: '1' },
  security: [{ key: [] }],
  components: {
    securitySchemes: {
      key: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      qkey: { type: 'apiKey', in: 'query', name: 'api_key' },
      ckey: { type: 'apiKey', in: 'cookie', name: 'session' },
      basic: { type: 'http', scheme: 'basic' },
      bearer: { type: 'http', scheme: 'bearer' },
      digest: { type: 'http', scheme: 'Digest' },
      oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://example.com/token', scopes: {} } } },
    },
    schemas: {
      Thing: { type: 'object', required: ['thing_id', 'name'], properties: { thing_id: { type: 'string' }, name: { type: 'string' } } },
      Problem: { type: 'object', properties: { type: { type: 'string', enum: ['errors/bad', 'errors/worse'] }, status: { type: 'integer' }, title: { type: 'string' } } },
    },
    responses: {
      Bad: { description: 'bad', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
    },
    examples: {
      NewThing: { value: { name: 'from components' } },
    },
  },
  paths: {
    '/things': {
      get: {
        operationId: 'listThings',
        'x-pagination': { cursorParam: 'cursor', cursorField: 'next', itemsField: 'items', limitParam: 'limit' },
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 50, default: 10 } },
          { name: 'cursor', in: 'query', schema: { type: 'string' } },
        ],
        responses: {
          '200': { description: 'a page', content: { 'application/json': { schema: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Thing' } }, next: { type: ['string', 'null'] } } } } } },
          '400': { $ref: '#/components/responses/Bad' },
        },
      },
      post: {
        operationId: 'createThing',
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1 }, owner_id: { type: 'string' } }, additionalProperties: false }, examples: { one: { $ref: '#/components/examples/NewThing' } } } } },
        responses: {
          '201': {
            description: 'created',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
            links: { read: { operationId: 'getThing', parameters: { thing_id: '$response.body#/thing_id' } } },
          },
          '400': { $ref: '#/components/responses/Bad' },
        },
      },
    },
    '/things/{thing_id}': {
      parameters: [{ name: 'thing_id', in: 'path', required: true, schema: { type: 'string' } }],
      get: { operationId: 'getThing', responses: { '200': { description: 'a thing', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } }, '404': { description: 'gone' } } },
      delete: { operationId: 'deleteThing', responses: { '204': { description: 'deleted' }, '404': { description: 'gone' } } },
    },
    '/owners/{owner_id}/notes': {
      get: {
        operationId: 'listNotes',
        security: [{ qkey: [], ckey: [] }, { basic: [] }],
        parameters: [
          { name: 'owner_id', in: 'path', required: true, schema: { type: 'string' }, example: 'own 1/2' },
          { name: 'X-Trace', in: 'header', required: true, schema: { type: 'string' }, example: 't-1' },
          { name: 'pref', in: 'cookie', required: true, schema: { type: 'string', enum: ['a b', 'c'] } },
          { name: 'theme', in: 'cookie', required: true, schema: { type: 'string' }, example: 'dark' },
          { name: 'tags', in: 'query', required: true, style: 'form', explode: false, schema: { type: 'array', items: { type: 'string' }, examples: [['x', 'y']] } },
          { name: 'ids', in: 'query', required: true, schema: { type: 'array', items: { type: 'integer' }, default: [1, 2] } },
          { name: 'optional', in: 'query', schema: { type: 'string' } },
          { name: 'size', in: 'query', required: true, schema: { type: 'integer', minimum: 3, maximum: 3 } },
        ],
        responses: { '200': { description: 'notes', content: { 'application/json': { schema: { type: 'array', items: { type: 'object' } } } } } },
      },
      post: {
        operationId: 'addNote',
        security: [{ bearer: [] }, {}],
        parameters: [{ name: 'owner_id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '201': { description: 'added' } },
      },
    },
    '/impossible': {
      get: { operationId: 'getImpossible', parameters: [{ name: 'bad', in: 'query', required: true, schema: { type: 'string', pattern: '^a$', not: { const: 'a' } } }], responses: { '200': { description: 'ok' } } },
    },
    '/ghost': {
      get: { operationId: 'getGhost', security: [{ ghost: [], key: [] }], responses: { '200': { description: 'ok' } } },
    },
    '/open': {
      get: { operationId: 'openThing', security: [], responses: { '200': { description: 'ok' } } },
      put: { operationId: 'putOpen', security: [{ digest: [] }, { oauth: [] }], requestBody: { content: { 'text/plain': { example: 'hello' } } }, responses: { '200': { description: 'ok' } } },
    },
  },
};
