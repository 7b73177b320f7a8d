// A small OpenAPI 3.1 document for the response-check tests: a list with documented headers (typed: integer, number, boolean), a
// bodiless status, a shared problem response enumerating its types (title and status through
// allOf), an inline error with its own types, a text error, an error with two media types and wildcard
// media types.
export const RESPONSE_SPEC = {
  openapi: '3.1.0',
  info: { title: 'response checks', version: '1' },
  paths: {
    '/things': {
      get: {
        operationId: 'listThings',
        responses: {
          '200': {
            description: 'ok',
            headers: {
              'X-Count': { required: true, schema: { type: 'integer', minimum: 0 } },
              'X-Note': { schema: { type: 'string', maxLength: 3 } },
              'X-Flag': { schema: { type: 'boolean' } },
              'X-Limit': { schema: { $ref: '#/components/schemas/Limit' } },
              'X-Id': { schema: { type: ['integer', 'string'], maxLength: 2 } },
              'X-Free': { description: 'no schema: any value' },
              'X-Enabled': { schema: { type: 'boolean', const: true } },
              'X-Code': { schema: { minLength: 3 } },
            },
            content: { 'application/json': { schema: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { type: 'string' } } } } } },
          },
          '204': { description: 'nothing' },
          '400': { $ref: '#/components/responses/BadRequest' },
          '404': {
            description: 'not found',
            content: { 'application/problem+json': { schema: { type: 'object', properties: { type: { type: 'string', enum: ['errors/not-found'] }, status: { type: 'integer' } } } } },
          },
          '422': { description: 'two bodies', content: { 'application/problem+json': { schema: { type: 'object' } }, 'text/html': { schema: { type: 'string' } } } },
          '502': { description: 'anything', content: { '*/*': {} } },
          '409': { description: 'conflict', content: { 'application/problem+json': { schema: { type: 'object', properties: { detail: { type: 'string' } } } } } },
          '500': { description: 'text', content: { 'Text/Plain': { schema: { type: 'string' } } } },
          '503': { description: 'any text', content: { 'text/*': {} } },
        },
      },
    },
  },
  components: {
    responses: {
      BadRequest: { description: 'bad', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
    },
    schemas: {
      Problem: { allOf: [{ $ref: '#/components/schemas/Base' }], properties: { type: { type: 'string', enum: ['errors/a', 'errors/b'] } } },
      Limit: { type: 'number', maximum: 10 },
      Base: { type: 'object', properties: { title: { type: 'string' }, status: { type: 'integer' } } },
    },
  },
};
