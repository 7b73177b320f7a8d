// Type tests of the client: results narrow per status, parameters come from the spec, and a
// made-up error type or parameter does not compile.
import { describe, expectTypeOf, it } from 'vitest';
import {
  createPostpressClient, PostpressError, type ClientProblem, type ClientProblemType, type OperationResult, type PostpressClient,
} from '../../src/client/index.js';
import type { components } from '../../generated/schema.js';
import type { Types401 } from '../spec/page-error-types.js';

type Schemas = components['schemas'];

declare const client: PostpressClient;
declare const r: OperationResult<'listSentInvitations'>;

describe('results', () => {
  it('narrow data on ok and on status 200', () => {
    if (r.ok) {
      expectTypeOf(r.status).toEqualTypeOf<200>();
      expectTypeOf(r.data).toEqualTypeOf<Schemas['InvitationList']>();
      expectTypeOf(r.data.items[0]!.specifics).toEqualTypeOf<Schemas['InvitationSpecifics'] | undefined>();
    }
    if (r.status === 200) expectTypeOf(r.data.cursor).toEqualTypeOf<string | null>();
  });

  it('narrow error per status: 401 has exactly its 13 types', () => {
    if (!r.ok && r.status === 401) {
      expectTypeOf(r.error).toEqualTypeOf<Schemas['UnauthorizedError']>();
      expectTypeOf(r.error.type).toEqualTypeOf<Types401>();
      expectTypeOf(r.error.status).toEqualTypeOf<401>();
    }
    if (r.status === 429) expectTypeOf(r.error.type).toEqualTypeOf<'errors/too_many_requests'>();
    if (r.status === 504) expectTypeOf(r.error).toEqualTypeOf<Schemas['GatewayTimeoutError']>();
  });

  it('status 0 is a typed client problem', () => {
    if (r.status === 0) {
      expectTypeOf(r.error).toEqualTypeOf<ClientProblem>();
      expectTypeOf(r.error.type).toEqualTypeOf<ClientProblemType>();
      expectTypeOf<ClientProblemType>().toEqualTypeOf<
        'client/invalid_input' | 'client/network_error' | 'client/timeout' | 'client/aborted' | 'client/invalid_response' | 'client/repeated_cursor'
      >();
    }
  });

  it('lists exactly the documented statuses, plus 0', () => {
    expectTypeOf(r.status).toEqualTypeOf<0 | 200 | 400 | 401 | 403 | 429 | 500 | 501 | 503 | 504>();
  });

  it('reject a made-up error type or status', () => {
    if (r.status === 401) {
      // @ts-expect-error a type that the spec does not list for 401
      if (r.error.type === 'errors/made_up') return;
      // @ts-expect-error a 403 type is not a 401 type
      if (r.error.type === 'errors/account_restricted') return;
    }
    // @ts-expect-error 502 is not documented
    if (r.status === 502) return;
    // @ts-expect-error no data without checking ok or status
    void r.data;
  });
});

describe('methods and parameters', () => {
  it('take the operation parameters from the spec', () => {
    expectTypeOf(client.listSentInvitations).parameter(0).toEqualTypeOf<{ cursor?: string; limit?: number; account_id: string }>();
    expectTypeOf(client.listSentInvitations).returns.resolves.toEqualTypeOf<OperationResult<'listSentInvitations'>>();
    // @ts-expect-error account_id is required
    void client.listSentInvitations({ limit: 10 });
    // @ts-expect-error unknown parameter
    void client.listSentInvitations({ account_id: 'a', accountId: 'a' });
    // @ts-expect-error limit is a number
    void client.listSentInvitations({ account_id: 'a', limit: '10' });
    // @ts-expect-error not an operation of the table
    void client['not an operation id'];
  });

  it('paginate yields items and pages, only for paginated operations', async () => {
    for await (const inv of client.paginate('listSentInvitations', { account_id: 'a', limit: 250 })) {
      expectTypeOf(inv).toEqualTypeOf<Schemas['InvitationSent']>();
    }
    for await (const p of client.paginate('listSentInvitations', { account_id: 'a' }).pages()) {
      expectTypeOf(p).toEqualTypeOf<Schemas['InvitationList']>();
    }
    // @ts-expect-error not an operation
    client.paginate('nope', { account_id: 'a' });
  });

  it('has the options of the issue', () => {
    createPostpressClient({ apiKey: 'k', baseUrl: 'http://x', fetch, timeoutMs: 1, retry: { maxRetries: 1 }, onEvent: (e) => void e.type });
    createPostpressClient({ apiKey: 'k', retry: false });
    // @ts-expect-error apiKey is required
    createPostpressClient({});
    expectTypeOf(new PostpressError({ type: 'x', title: 't', status: 0 }).error.type).toEqualTypeOf<string>();
  });
});
