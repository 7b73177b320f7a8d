// For each statement of the reference page, a payload it allows is accepted and a payload it
// forbids is rejected by the compiled schemas of the bundled spec.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundled, componentSchema, operation, parameter, resolve, responseSchema } from './compiled-schemas.js';
import { REFERENCE_PAGE_SEED, errorStatuses, exampleRequest, exampleResponse, heading, pageText, summaryLine } from './reference-page.js';

const clone = <T>(value: T): T => structuredClone(value);
const page = exampleResponse as { items: Array<Record<string, any>>; [k: string]: any };
const invitation = () => clone(page.items[0]!);
const list = (items = [invitation()], cursor: string | null = 'eyJvIjoxMDB9') => ({ object: 'InvitationList', items, cursor });

const REQUIRED_INVITATION_FIELDS = ['object', 'id', 'invited_user', 'invited_user_id', 'invited_user_public_id', 'invited_user_description', 'date', 'parsed_datetime', 'invitation_text'];
const INVITER_FIELDS = ['inviter_name', 'inviter_id', 'inviter_public_identifier', 'inviter_description'];

describe('the reference page copy', () => {
  it.skipIf(!fs.existsSync(REFERENCE_PAGE_SEED))('matches the seed page in ../shared/seed', () => {
    expect(pageText).toBe(fs.readFileSync(REFERENCE_PAGE_SEED, 'utf8'));
  });
});

describe('operation', () => {
  it('is GET /users/invite/sent with the page title and summary', () => {
    expect(heading).toBe('List all invitations sent');
    expect(operation.operationId).toBe('listSentInvitations');
    expect(operation.summary).toBe(heading);
    expect(operation.description).toContain(summaryLine);
  });

  it('uses the example request base URL /api/v1 (decision: the heading says /v1)', () => {
    expect(bundled.servers).toEqual([expect.objectContaining({ url: 'https://api.postpress.ai/api/v1' })]);
    expect(exampleRequest).toContain('https://api.postpress.ai/api/v1/users/invite/sent');
  });

  it('carries the page curl as a code sample', () => {
    const curl = operation['x-codeSamples'].find((s: any) => s.lang === 'curl' || s.lang === 'Shell' || /curl/i.test(s.label));
    expect(curl.source.trim()).toBe(exampleRequest);
  });
});

describe('authorization', () => {
  it('is an X-API-KEY header API key, required globally, never in the URL', () => {
    const schemes = bundled.components.securitySchemes;
    expect(schemes.ApiKeyAuth).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-API-KEY' });
    expect(schemes.ApiKeyAuth.description).toContain('API key from your postpress dashboard.');
    expect(Object.values<any>(schemes).every((s) => s.in !== 'query' && s.in !== 'cookie')).toBe(true);
    expect(bundled.security).toEqual([{ ApiKeyAuth: [] }]);
    expect(operation.security).toBeUndefined();
  });
});

describe('query parameters', () => {
  it('cursor: optional string, minimum length 1, bounded', () => {
    const cursor = parameter('cursor');
    expect(cursor.required).toBe(false);
    expect(cursor.description).toContain('Pass the `cursor` from the previous response to fetch the next page. Repeat until `cursor` is `null`. Minimum length 1.'.replace('page. Repeat', 'page.\nRepeat'));
    expect(cursor.validate('eyJvIjoxMDB9')).toBe(true);
    expect(cursor.validate('x')).toBe(true);
    expect(cursor.validate('')).toBe(false);
    expect(cursor.validate('x'.repeat(4097))).toBe(false);
    expect(cursor.validate(null)).toBe(false);
  });

  it('limit: optional integer between 1 and 250, default 100', () => {
    const limit = parameter('limit');
    expect(limit.required).toBe(false);
    expect(limit.description).toBe('Maximum number of items to return. Between 1 and 250. Defaults to 100.');
    expect(limit.schema.default).toBe(100);
    for (const ok of [1, 100, 250]) expect(limit.validate(ok), `limit ${ok}`).toBe(true);
    for (const bad of [0, 251, 2.5, -1, 'abc', '10', null]) expect(limit.validate(bad), `limit ${bad}`).toBe(false);
  });

  it('account_id: required, non-empty, bounded', () => {
    const accountId = parameter('account_id');
    expect(accountId.required).toBe(true);
    expect(accountId.description).toContain('The id of the linked account to perform the request from.');
    expect(accountId.validate('acc_linkedin_01HXYZ4QK3WJ8FN3M6QH7TZ8GR')).toBe(true);
    expect(accountId.validate('')).toBe(false);
    expect(accountId.validate('a'.repeat(257))).toBe(false);
  });
});

describe('200 InvitationList', () => {
  const validate = responseSchema(200);

  it('is application/json and accepts the page example response', () => {
    expect(Object.keys(operation.responses['200'].content)).toEqual(['application/json']);
    expect(validate(exampleResponse), JSON.stringify(validate.errors)).toBe(true);
  });

  it('names the page example as a named example equal to the page', () => {
    const examples = operation.responses['200'].content['application/json'].examples;
    expect(resolve(examples.InvitationListPage).value).toEqual(exampleResponse);
  });

  it.each(['object', 'items', 'cursor'])('rejects a page without `%s` (required)', (field) => {
    const body: Record<string, unknown> = list();
    delete body[field];
    expect(validate(body)).toBe(false);
  });

  it('pins `object` to "InvitationList"', () => {
    expect(validate({ ...list(), object: 'InvitationSent' })).toBe(false);
    expect(validate({ ...list(), object: 'invitationlist' })).toBe(false);
  });

  it('accepts `cursor: null` on the last page (required yet nullable) and rejects an empty or non-string cursor', () => {
    expect(validate(list([invitation()], null))).toBe(true);
    expect(validate(list([], null))).toBe(true);
    expect(validate({ ...list(), cursor: '' })).toBe(false);
    expect(validate({ ...list(), cursor: 42 })).toBe(false);
  });

  it('holds at most 250 items (a page never exceeds limit)', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...invitation(), id: `inv_${i}` }));
    expect(validate(list(many(250)))).toBe(true);
    expect(validate(list(many(251)))).toBe(false);
  });

  it('describes items and cursor with the page text', () => {
    const schema = bundled.components.schemas.InvitationList;
    expect(schema.properties.items.description).toContain('Pending invitations sent by the account.');
    expect(schema.properties.cursor.description).toContain('Cursor for the next page, or `null` if this is the last page.');
  });
});

describe('InvitationSent', () => {
  const validate = componentSchema('InvitationSent');
  const schema = bundled.components.schemas.InvitationSent;

  it('requires exactly the nine fields of the page', () => {
    expect([...schema.required].sort()).toEqual([...REQUIRED_INVITATION_FIELDS].sort());
  });

  it.each(REQUIRED_INVITATION_FIELDS)('rejects an invitation without `%s`', (field) => {
    const body = invitation();
    delete body[field];
    expect(validate(body)).toBe(false);
  });

  it.each(REQUIRED_INVITATION_FIELDS.filter((f) => f !== 'object' && f !== 'parsed_datetime'))('rejects a non-string `%s`', (field) => {
    expect(validate({ ...invitation(), [field]: 7 })).toBe(false);
  });

  it('pins `object` to "InvitationSent" and requires a non-empty id', () => {
    expect(validate({ ...invitation(), object: 'InvitationList' })).toBe(false);
    expect(validate({ ...invitation(), id: '' })).toBe(false);
    expect(validate({ ...invitation(), id: 'x' })).toBe(true);
  });

  it('takes parsed_datetime as an RFC 3339 date-time or null ("when available")', () => {
    expect(validate({ ...invitation(), parsed_datetime: '2026-05-14T10:22:00Z' })).toBe(true);
    expect(validate({ ...invitation(), parsed_datetime: null })).toBe(true);
    expect(validate({ ...invitation(), parsed_datetime: 'May 14, 2026' })).toBe(false);
    expect(validate({ ...invitation(), parsed_datetime: '' })).toBe(false);
  });

  it('makes inviter and specifics optional objects', () => {
    const body = invitation();
    delete body.inviter;
    delete body.specifics;
    expect(validate(body)).toBe(true);
    expect(validate({ ...invitation(), inviter: null })).toBe(false);
    expect(validate({ ...invitation(), specifics: 'LINKEDIN' })).toBe(false);
  });

  it.each(INVITER_FIELDS)('requires inviter.%s when inviter is present', (field) => {
    const body = invitation();
    delete body.inviter[field];
    expect(validate(body)).toBe(false);
  });

  it('requires specifics.provider to be exactly LINKEDIN and specifics.shared_secret', () => {
    expect(validate({ ...invitation(), specifics: { provider: 'GMAIL', shared_secret: 's' } })).toBe(false);
    expect(validate({ ...invitation(), specifics: { provider: 'linkedin', shared_secret: 's' } })).toBe(false);
    expect(validate({ ...invitation(), specifics: { provider: 'LINKEDIN' } })).toBe(false);
    expect(validate({ ...invitation(), specifics: { shared_secret: 's' } })).toBe(false);
    expect(validate({ ...invitation(), specifics: { provider: 'LINKEDIN', shared_secret: 's' } })).toBe(true);
  });

  it('describes fields with the page text where the page has one', () => {
    const described: Record<string, string> = {
      id: 'A unique identifier.',
      date: 'Raw provider-formatted date.',
      parsed_datetime: 'ISO 8601 datetime when available.',
      invitation_text: 'Note attached to the invitation.',
    };
    for (const [field, text] of Object.entries(described)) expect(schema.properties[field].description).toContain(text);
  });
});

describe('errors', () => {
  const envelopeFor = (status: number, type: string) => ({ title: 'Title', type, status });
  const statuses = errorStatuses.map((s) => s.status);

  it('documents every error status of the page, plus the 400 this spec decided', () => {
    expect(statuses).toEqual([401, 403, 429, 500, 501, 503, 504]);
    const documented = Object.keys(operation.responses).filter((s) => s >= '400').map(Number);
    expect(documented).toEqual([400, ...statuses]);
    expect(resolve(operation.responses['400']).description).toMatch(/leaves open|documents no response/i);
  });

  describe.each(errorStatuses)('$status ($count types)', ({ status, count, summary, types }) => {
    const validate = responseSchema(status);
    const body = resolve(operation.responses[String(status)]);
    const typeSchema = resolve(body.content['application/json'].schema).properties.type;

    it('lists exactly the page types, each with the page description', () => {
      expect(types).toHaveLength(count);
      expect(typeSchema.enum).toEqual(types.map((t) => t.type));
      expect(typeSchema['x-enumDescriptions']).toEqual(Object.fromEntries(types.map((t) => [t.type, t.description])));
      expect(body.description).toContain(summary);
    });

    it('accepts each documented type, with and without detail and instance', () => {
      for (const { type } of types) {
        expect(validate(envelopeFor(status, type)), type).toBe(true);
        expect(validate({ ...envelopeFor(status, type), detail: 'd', instance: 'req_1' }), type).toBe(true);
      }
    });

    it('rejects every type of every other status', () => {
      const others = errorStatuses.filter((s) => s.status !== status).flatMap((s) => s.types.map((t) => t.type));
      for (const type of others) expect(validate(envelopeFor(status, type)), type).toBe(false);
      expect(validate(envelopeFor(status, 'errors/made_up'))).toBe(false);
    });

    it('rejects a body whose status is not the HTTP status', () => {
      const type = types[0]!.type;
      for (const other of [...statuses.filter((s) => s !== status), 200, 400]) expect(validate(envelopeFor(other, type)), String(other)).toBe(false);
      expect(validate({ ...envelopeFor(status, type), status: String(status) })).toBe(false);
    });

    it.each(['title', 'type', 'status'])('rejects a body without `%s`', (field) => {
      const b: Record<string, unknown> = envelopeFor(status, types[0]!.type);
      delete b[field];
      expect(validate(b)).toBe(false);
    });

    it('gives every type a retry advice', () => {
      expect(Object.keys(typeSchema['x-retryable']).sort()).toEqual(types.map((t) => t.type).sort());
    });
  });

  it('rejects a 401 body carrying a 403 type, and one with status 500', () => {
    const validate = responseSchema(401);
    expect(validate({ title: 'Unauthorized', type: 'errors/account_restricted', status: 401 })).toBe(false);
    expect(validate({ title: 'Unauthorized', type: 'errors/missing_credentials', status: 500 })).toBe(false);
  });

  it('describes the envelope fields with the page text', () => {
    const s = bundled.components.schemas;
    expect(s.ErrorTitle.description).toBe('Short error title.');
    expect(s.ErrorDetail.description).toBe('Human-readable explanation.');
    expect(s.ErrorInstance.description).toBe('Request identifier for support.');
  });

  it('400 carries the same envelope with errors/invalid_parameters', () => {
    const validate = responseSchema(400);
    expect(validate({ title: 'Bad Request', type: 'errors/invalid_parameters', status: 400, detail: 'limit must be between 1 and 250' })).toBe(true);
    expect(validate({ title: 'Bad Request', type: 'errors/missing_credentials', status: 400 })).toBe(false);
  });
});
