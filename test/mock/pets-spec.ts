// A small third-party OpenAPI 3.1 document in shapes our spec does not use.
const problem = { description: 'A problem.', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
const pet = (status: string) => ({ [status]: { description: 'A pet.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } } });

export const PETS = {
  openapi: '3.1.0',
  info: { title: 'Pets', version: '1.0.0' },
  security: [{ bearer: [] }],
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    schemas: {
      Pet: {
        type: 'object',
        required: ['id', 'name'],
        properties: { id: { type: 'integer', minimum: 1 }, name: { type: 'string', minLength: 1 }, country: { type: 'string', format: 'iso-country-code' }, tags: {} },
      },
      NewPet: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1 }, country: { type: 'string', format: 'iso-country-code' } } },
      Problem: { type: 'object', properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' } } },
    },
  },
  paths: {
    '/pets': {
      get: { operationId: 'listPets', responses: { '200': { description: 'Pets.', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Pet' } } } } }, default: problem } },
      post: {
        operationId: 'createPet',
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/NewPet' } } } },
        responses: { ...pet('201'), '400': problem },
      },
    },
    '/pets/{petId}': {
      parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'integer' } }],
      get: { operationId: 'getPet', responses: { ...pet('200'), '404': problem } },
      delete: { operationId: 'deletePet', responses: { '204': { description: 'Gone.' }, '404': problem } },
    },
    '/upload': {
      post: { operationId: 'upload', requestBody: { content: { 'multipart/form-data': { schema: { type: 'object' } } } }, responses: { '200': { description: 'Stored.' } } },
    },
    '/status': {
      get: {
        operationId: 'status',
        security: [],
        responses: { '200': { description: 'Up.', content: { 'application/json': { schema: { type: 'object', required: ['up', 'since'], properties: { up: { type: 'boolean' }, since: { type: 'string', format: 'date-time' } } } } } } },
      },
    },
  },
  webhooks: { petAdded: { post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } }, responses: { '200': { description: 'Received.' } } } } },
};

