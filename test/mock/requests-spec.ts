// A valid spec that reads requests in every way OpenAPI allows: credentials in the query, a
// cookie, a header or Authorization (and requirements of several schemes), path styles, header and
// cookie parameters, and request bodies in several media types.
const ok = { '200': { description: 'OK.', content: { 'application/json': { schema: { type: 'object' } } } } };
const lower = { type: 'string', pattern: '^[a-z]+$' };

export const REQUESTS = {
  openapi: '3.1.0',
  info: { title: 'Requests', version: '1.0.0' },
  components: {
    securitySchemes: {
      queryKey: { type: 'apiKey', in: 'query', name: 'api_key' },
      cookieKey: { type: 'apiKey', in: 'cookie', name: 'session' },
      headerKey: { type: 'apiKey', in: 'header', name: 'X-Key' },
      bearer: { type: 'http', scheme: 'bearer' },
      oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://auth.example/token', scopes: {} } } },
      oidc: { type: 'openIdConnect', openIdConnectUrl: 'https://auth.example/.well-known/openid-configuration' },
      basic: { type: 'http', scheme: 'basic' },
      // Not checked by the mock (TLS is below HTTP): any request passes.
      tls: { type: 'mutualTLS' },
    },
  },
  paths: {
    '/query-key': { get: { operationId: 'queryKey', security: [{ queryKey: [] }], responses: ok } },
    '/cookie-key': { get: { operationId: 'cookieKey', security: [{ cookieKey: [] }], responses: ok } },
    // (X-Key and bearer) or oauth.
    '/both': { get: { operationId: 'both', security: [{ headerKey: [], bearer: [] }, { oauth: [] }], responses: ok } },
    '/oidc': { get: { operationId: 'oidc', security: [{ oidc: [] }], responses: ok } },
    '/basic': { get: { operationId: 'basic', security: [{ basic: [] }], responses: ok } },
    '/tls': { get: { operationId: 'tls', security: [{ tls: [] }], responses: ok } },
    '/optional': { get: { operationId: 'optional', security: [{}, { headerKey: [] }], responses: ok } },
    '/label/{id}': { get: { operationId: 'label', parameters: [{ name: 'id', in: 'path', required: true, style: 'label', schema: lower }], responses: ok } },
    '/matrix/{id}': { get: { operationId: 'matrix', parameters: [{ name: 'id', in: 'path', required: true, style: 'matrix', schema: lower }], responses: ok } },
    '/params': {
      get: {
        operationId: 'params',
        parameters: [
          { name: 'X-Trace', in: 'header', required: true, schema: { type: 'integer' } },
          { name: 'theme', in: 'cookie', schema: { type: 'string', enum: ['light', 'dark'] } },
          { name: 'tag', in: 'query', schema: { type: 'string' } },
          { name: 'ids', in: 'query', explode: true, schema: { type: 'array', items: { type: 'integer' } } },
          { name: 'names', in: 'query', explode: true, schema: { type: ['array', 'null'], items: { type: 'string' } } },
          { name: 'any', in: 'query', schema: {} },
          { name: 'csv', in: 'query', explode: false, schema: { type: 'array', items: { type: 'string' } } },
        ],
        responses: ok,
      },
    },
    '/bodies': {
      post: {
        operationId: 'bodies',
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } },
            'text/plain': { schema: { type: 'string' } },
            'image/*': { schema: { type: 'string', contentMediaType: 'image/png' } },
          },
        },
        responses: ok,
      },
    },
    // An optional body, and a JSON body without a schema: anything JSON.
    '/loose': { post: { operationId: 'loose', requestBody: { content: { 'application/json': {} } }, responses: ok } },
  },
};
