// Type tests of every operation shape, on the grown fixture spec's generated files: a required
// JSON body, path and header parameters, an array query parameter with an enum, 201 and bodiless
// 204 successes, per-operation 404 and 409 error types, oneOf items, pagination.
import { describe, expectTypeOf, it } from 'vitest';
import type { ClientFor, ClientProblem, InputFor, ResultFor } from '../../src/client/index.js';
import { createClientFor } from '../../src/client/index.js';
import type { components, operations as Types } from './grown-generated/schema.js';
import { errorSets, operations } from './grown-generated/operations.js';

type Table = typeof operations;
type Schemas = components['schemas'];
declare const client: ClientFor<Types, Table>;

describe('the runtime bound to another spec', () => {
  it('createClientFor returns the typed client of the tables it is given', () => {
    const c = createClientFor<Types, Table>({ operations, errorSets, apiKeyHeader: 'X-API-KEY' }, { apiKey: 'k', baseUrl: 'http://x' });
    expectTypeOf(c).toEqualTypeOf<ClientFor<Types, Table>>();
  });
});

describe('request bodies', () => {
  it('a required JSON body is a required `body`, beside the parameters', () => {
    expectTypeOf<InputFor<Types, Table, 'sendInvitation'>>().toEqualTypeOf<{ 'Idempotency-Key'?: string; body: Schemas['SendInvitationRequest'] }>();
    void client.sendInvitation({ body: { account_id: 'a', provider_id: 'p' } });
    void client.sendInvitation({ body: { account_id: 'a', provider_id: 'p', message: 'hi' }, 'Idempotency-Key': 'k-1' });
    // @ts-expect-error the body is required
    void client.sendInvitation({});
    // @ts-expect-error the input is required (it holds a required body)
    void client.sendInvitation();
    // @ts-expect-error provider_id is required in the body
    void client.sendInvitation({ body: { account_id: 'a' } });
    // @ts-expect-error an unknown body field (additionalProperties: false)
    void client.sendInvitation({ body: { account_id: 'a', provider_id: 'p', note: 'x' } });
    // @ts-expect-error body fields are not parameters
    void client.sendInvitation({ account_id: 'a', provider_id: 'p' });
  });

  it('a PATCH body with path parameters', () => {
    void client.updateWebhook({ webhook_id: 'wh_1', body: { enabled: false } });
    // @ts-expect-error enabled is a boolean
    void client.updateWebhook({ webhook_id: 'wh_1', body: { enabled: 'no' } });
    // @ts-expect-error the path parameter is required
    void client.updateWebhook({ body: { name: 'n' } });
    // @ts-expect-error an operation without a request body takes no `body`
    void client.getWebhook({ webhook_id: 'wh_1', body: {} });
  });

  it('array items follow their enum', () => {
    void client.createWebhook({ body: { request_url: 'https://x', events: ['invitation.accepted'] } });
    // @ts-expect-error not a WebhookEvent
    void client.createWebhook({ body: { request_url: 'https://x', events: ['made.up'] } });
  });
});

describe('an idempotency key the spec requires', () => {
  it('is optional to the caller: the client fills it', () => {
    type KeyTypes = { op: { parameters: { header: { 'Idem-Key': string; 'X-Other': string } }; responses: { 200: { content: { 'application/json': { ok: boolean } } } } } };
    type KeyTable = { op: { statuses: readonly [200]; errors: {}; requestBody: null; pagination: null; idempotencyKeyHeader: 'Idem-Key' } };
    expectTypeOf<InputFor<KeyTypes, KeyTable, 'op'>>().toEqualTypeOf<{ 'Idem-Key'?: string; 'X-Other': string }>();
  });
});

describe('parameters of every location', () => {
  it('path, query (enum, array) and header parameters in one flat object', () => {
    expectTypeOf<InputFor<Types, Table, 'listReceivedInvitations'>>().toEqualTypeOf<{
      cursor?: string; limit?: number; account_id: string; status?: 'pending' | 'accepted' | 'ignored'; sender_types?: ('member' | 'company')[]; 'X-Request-Id'?: string;
    }>();
    void client.listReceivedInvitations({ account_id: 'a', sender_types: ['member', 'company'], 'X-Request-Id': 'r1' });
    // @ts-expect-error not a documented status value
    void client.listReceivedInvitations({ account_id: 'a', status: 'withdrawn' });
    // @ts-expect-error an array parameter takes an array
    void client.listReceivedInvitations({ account_id: 'a', sender_types: 'member' });
    // @ts-expect-error the path parameter is required
    void client.getSentInvitation({ account_id: 'a' });
    expectTypeOf(client.listWebhooks).parameter(0).toEqualTypeOf<{ cursor?: string; limit?: number } | undefined>();
  });
});

describe('results', () => {
  it('a 201 success is narrowed by its own status', async () => {
    const r = await client.sendInvitation({ body: { account_id: 'a', provider_id: 'p' } });
    if (r.ok) {
      expectTypeOf(r.status).toEqualTypeOf<201>();
      expectTypeOf(r.data).toEqualTypeOf<Schemas['InvitationSent']>();
    }
    // @ts-expect-error 200 is not a status of this operation
    if (r.status === 200) return;
  });

  it('a bodiless 204 types data as undefined', async () => {
    const r = await client.deleteWebhook({ webhook_id: 'wh_1' });
    if (r.ok) {
      expectTypeOf(r.status).toEqualTypeOf<204>();
      expectTypeOf(r.data).toEqualTypeOf<undefined>();
    }
    expectTypeOf<Extract<ResultFor<Types, Table, 'cancelInvitation'>, { ok: true }>['data']>().toEqualTypeOf<undefined>();
  });

  it('per-operation error sets: each 404 has its own types, 409 only where documented', async () => {
    const r = await client.getWebhook({ webhook_id: 'wh_1' });
    if (r.status === 404) {
      expectTypeOf(r.error).toEqualTypeOf<Schemas['WebhookNotFoundError']>();
      expectTypeOf(r.error.type).toEqualTypeOf<'errors/webhook_not_found'>();
      // @ts-expect-error the invitation 404 type is another operation's
      if (r.error.type === 'errors/invitation_not_found') return;
    }
    const s = await client.sendInvitation({ body: { account_id: 'a', provider_id: 'p' } });
    if (s.status === 409) expectTypeOf(s.error).toEqualTypeOf<Schemas['InvitationConflictError']>();
    // @ts-expect-error no 404 documented for sendInvitation
    if (s.status === 404) return;
    // @ts-expect-error no 409 documented for getWebhook
    if (r.status === 409) return;
    if (r.status === 0) expectTypeOf(r.error).toEqualTypeOf<ClientProblem>();
  });

  it('oneOf items keep their discriminator', async () => {
    for await (const inv of client.paginate('listReceivedInvitations', { account_id: 'a' })) {
      expectTypeOf(inv).toEqualTypeOf<Schemas['InvitationReceived']>();
      if (inv.sender_type === 'company') expectTypeOf(inv).toEqualTypeOf<Schemas['CompanyInvitation']>();
    }
    for await (const hook of client.paginate('listWebhooks', {})) expectTypeOf(hook).toEqualTypeOf<Schemas['Webhook']>();
    // @ts-expect-error not a paginated operation
    client.paginate('getWebhook', { webhook_id: 'wh_1' });
  });
});
