// Type tests on generated/schema.ts: literal `object` fields, `cursor: string | null`, and error
// bodies whose `type` narrows to exactly that status's literals.
import { describe, expectTypeOf, it } from 'vitest';
import type { components, operations } from '../../generated/schema.js';
import type { Types401, Types403, Types500, Types503 } from './page-error-types.js';

type Schemas = components['schemas'];
type Responses = operations['listSentInvitations']['responses'];
type Body<S extends keyof Responses> = Responses[S] extends { content: { 'application/json': infer B } } ? B : never;
type ErrorBody = Body<400> | Body<401> | Body<403> | Body<429> | Body<500> | Body<501> | Body<503> | Body<504>;

describe('generated/schema.ts', () => {
  it('gives the 200 body literal object fields and a nullable cursor', () => {
    expectTypeOf<Body<200>>().toEqualTypeOf<Schemas['InvitationList']>();
    expectTypeOf<Schemas['InvitationList']['object']>().toEqualTypeOf<'InvitationList'>();
    expectTypeOf<Schemas['InvitationList']['cursor']>().toEqualTypeOf<string | null>();
    expectTypeOf<Schemas['InvitationSent']['object']>().toEqualTypeOf<'InvitationSent'>();
    expectTypeOf<Schemas['InvitationSent']['parsed_datetime']>().toEqualTypeOf<string | null>();
    expectTypeOf<Schemas['InvitationSpecifics']['provider']>().toEqualTypeOf<'LINKEDIN'>();
  });

  it('keeps the required fields required and inviter/specifics optional', () => {
    expectTypeOf<Schemas['InvitationSent']['id']>().toEqualTypeOf<string>();
    expectTypeOf<Schemas['InvitationSent']['invitation_text']>().toEqualTypeOf<string>();
    expectTypeOf<Schemas['InvitationSent']['inviter']>().toEqualTypeOf<Schemas['Inviter'] | undefined>();
    expectTypeOf<Schemas['InvitationSent']['specifics']>().toEqualTypeOf<Schemas['InvitationSpecifics'] | undefined>();
    // @ts-expect-error `id` is required
    const missingId: Schemas['InvitationSent'] = { object: 'InvitationSent', invited_user: '', invited_user_id: '', invited_user_public_id: '', invited_user_description: '', date: '', parsed_datetime: null, invitation_text: '' };
    void missingId;
  });

  it('narrows an error body on `status` to exactly that status\'s types', () => {
    const narrow = (body: ErrorBody) => {
      if (body.status === 401) expectTypeOf(body.type).toEqualTypeOf<Types401>();
      if (body.status === 403) expectTypeOf(body.type).toEqualTypeOf<Types403>();
      if (body.status === 429) expectTypeOf(body.type).toEqualTypeOf<'errors/too_many_requests'>();
      if (body.status === 500) expectTypeOf(body.type).toEqualTypeOf<Types500>();
      if (body.status === 501) expectTypeOf(body.type).toEqualTypeOf<'errors/feature_not_implemented'>();
      if (body.status === 503) expectTypeOf(body.type).toEqualTypeOf<Types503>();
      if (body.status === 504) expectTypeOf(body.type).toEqualTypeOf<'errors/request_timeout'>();
      if (body.status === 400) expectTypeOf(body.type).toEqualTypeOf<'errors/invalid_parameters' | 'errors/invalid_cursor'>();
    };
    void narrow;
    expectTypeOf<Schemas['UnauthorizedError']['status']>().toEqualTypeOf<401>();
  });

  it('rejects a made-up type, another status\'s type and a mismatched status', () => {
    // @ts-expect-error not a documented type
    const madeUp: Schemas['UnauthorizedError'] = { title: 't', type: 'errors/made_up', status: 401 };
    // @ts-expect-error a 403 type under 401
    const wrongStatusType: Schemas['UnauthorizedError'] = { title: 't', type: 'errors/account_restricted', status: 401 };
    // @ts-expect-error a 401 body cannot say status 500
    const wrongStatus: Schemas['UnauthorizedError'] = { title: 't', type: 'errors/missing_credentials', status: 500 };
    const fine: Schemas['UnauthorizedError'] = { title: 't', type: 'errors/multiple_sessions', status: 401, detail: 'd' };
    void [madeUp, wrongStatusType, wrongStatus, fine];
  });

  it('types the query parameters with account_id required', () => {
    type Query = operations['listSentInvitations']['parameters']['query'];
    expectTypeOf<Query['account_id']>().toEqualTypeOf<string>();
    expectTypeOf<Query['limit']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Query['cursor']>().toEqualTypeOf<string | undefined>();
    type Header = operations['listSentInvitations']['parameters']['header'];
    expectTypeOf<Header>().toEqualTypeOf<undefined>();
  });
});
