// House rules on error responses. `sharedResponses`: each error status is a $ref to the shared
// file in components/responses/. `envelope`: each error body is the envelope, with `status`
// pinned to the HTTP code and `type` an enum whose every value has a description and a retry advice.
import { createRulesetFunction } from '@stoplight/spectral-core';
import { sourceFileOf } from './sourceFile.js';

const SHARED_RESPONSES = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  501: 'NotImplemented',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

function sharedResponses(responses, context) {
  const results = [];
  for (const [code, name] of Object.entries(SHARED_RESPONSES)) {
    const path = [...context.path, code];
    if (!(code in responses)) {
      results.push({ message: `Missing the shared ${code} response (components/responses/${name}.yaml).`, path: context.path });
      continue;
    }
    if (!sourceFileOf(path, context).endsWith(`components/responses/${name}.yaml`)) {
      results.push({ message: `The ${code} response must be a $ref to components/responses/${name}.yaml.`, path });
    }
  }
  return results;
}

function sameKeys(map, values) {
  return map !== null && typeof map === 'object' && Object.keys(map).sort().join('\n') === [...values].sort().join('\n');
}

function envelope(responses, context) {
  const results = [];
  for (const [code, response] of Object.entries(responses)) {
    if (!/^[45]\d\d$/.test(code)) continue;
    const path = [...context.path, code, 'content', 'application/json', 'schema'];
    const schema = response?.content?.['application/json']?.schema;
    const fail = (message, at = []) => results.push({ message: `${code}: ${message}`, path: [...path, ...at] });
    if (!schema) { fail('has no application/json schema.'); continue; }
    const required = schema.required ?? [];
    for (const field of ['title', 'type', 'status']) {
      if (!required.includes(field)) fail(`the envelope must require \`${field}\`.`, ['required']);
    }
    for (const field of ['title', 'type', 'status', 'detail', 'instance']) {
      if (!schema.properties?.[field]) fail(`the envelope has no \`${field}\` property.`, ['properties']);
    }
    if (schema.properties?.status?.const !== Number(code)) fail(`\`status\` must have \`const: ${code}\`.`, ['properties', 'status']);
    const type = schema.properties?.type;
    const values = type?.enum;
    if (!Array.isArray(values) || values.length === 0) { fail('`type` must be an enum of the documented types.', ['properties', 'type']); continue; }
    if (!sameKeys(type['x-enumDescriptions'], values) || !Object.values(type['x-enumDescriptions']).every((d) => typeof d === 'string' && d.trim())) {
      fail('`type` needs `x-enumDescriptions` with a description for exactly each enum value.', ['properties', 'type']);
    }
    if (!sameKeys(type['x-retryable'], values) || !Object.values(type['x-retryable']).every((r) => typeof r === 'boolean')) {
      fail('`type` needs `x-retryable` with a boolean for exactly each enum value.', ['properties', 'type']);
    }
  }
  return results;
}

export default createRulesetFunction(
  {
    input: { type: 'object' },
    options: {
      type: 'object',
      properties: { check: { enum: ['sharedResponses', 'envelope'] } },
      required: ['check'],
      additionalProperties: false,
    },
  },
  (responses, options, context) =>
    options.check === 'sharedResponses' ? sharedResponses(responses, context) : envelope(responses, context),
);
