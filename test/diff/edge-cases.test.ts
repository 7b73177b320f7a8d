// Classifier paths the corpus pairs do not take: the verb of a documentation change, retry advice
// flipped both ways, servers and security set on an operation (against the document's), scopes in
// a security requirement, types inferred from `const` and `enum`, and header names, which are
// case-insensitive. Each change is checked as a user reads it: rule, pointer, message.
import { describe, expect, it } from 'vitest';
import { compareSpecs } from '../../src/spec-diff/classify.js';
import { base } from './corpus.js';

const copy = () => structuredClone(base) as Record<string, any>;
const lines = (before: Record<string, any>, after: Record<string, any>) =>
  compareSpecs(before, after).map((c) => `${c.kind} ${c.pointer} [${c.clients}/${c.implementations}] ${c.message} (${c.where})`);

describe('changes the corpus pairs do not make', () => {
  it('names a documentation change added, removed or changed, and an unknown keyword likewise', () => {
    const none = copy();
    const some = copy();
    some.info.description = 'New.';
    const other = copy();
    other.info.description = 'Old.';
    expect(lines(none, some)).toEqual(['documentation #/info/description [safe/safe] description added (info)']);
    expect(lines(some, none)).toEqual(['documentation #/info/description [safe/safe] description removed (info)']);
    expect(lines(other, some)).toEqual(['documentation #/info/description [safe/safe] description changed (info)']);
    const callbacks = copy();
    callbacks.paths['/users/invite/sent'].get.callbacks = { done: {} };
    expect(lines(callbacks, copy())).toEqual(['unclassified #/paths/~1users~1invite~1sent/get/callbacks [risky/risky] `callbacks` removed: not classified by this tool, review it by hand (GET /users/invite/sent)']);
  });

  it('reports retry advice turned on and turned off', () => {
    const after = copy();
    after.components.schemas.ForbiddenError.properties.type['x-retryable']['errors/account_restricted'] = true;
    after.components.schemas.TooManyRequestsError.properties.type['x-retryable']['errors/too_many_requests'] = false;
    expect(lines(copy(), after)).toEqual([
      'retry-advice-changed #/components/schemas/ForbiddenError/properties/type/x-retryable/errors~1account_restricted [risky/safe] response 403 `type`: `errors/account_restricted` is now retryable (GET /users/invite/sent, response 403)',
      'retry-advice-changed #/components/schemas/TooManyRequestsError/properties/type/x-retryable/errors~1too_many_requests [risky/safe] response 429 `type`: `errors/too_many_requests` is no longer retryable (GET /users/invite/sent, response 429)',
    ]);
  });

  it('compares servers against none, and an operation\'s servers against the document\'s', () => {
    const without = copy();
    delete without.servers;
    expect(lines(without, copy())).toEqual(['server-added #/servers/0/url [safe/safe] server `https://api.postpress.ai/api/v1` added (servers)']);
    expect(lines(copy(), without)).toEqual(['server-removed #/servers/0/url [breaking/risky] server `https://api.postpress.ai/api/v1` removed: clients calling it fail (servers)']);
    const own = copy();
    own.paths['/users/invite/sent'].get.servers = [{ url: 'https://api.postpress.ai/api/v1' }, { url: 'https://eu.postpress.ai/api/v1' }];
    // The document's server is the operation's before: only the second one is new.
    expect(lines(copy(), own)).toEqual(['server-added #/paths/~1users~1invite~1sent/get/servers/1/url [safe/safe] server `https://eu.postpress.ai/api/v1` added (GET /users/invite/sent)']);
    expect(lines(own, copy())).toEqual(['server-removed #/paths/~1users~1invite~1sent/get/servers/1/url [breaking/risky] server `https://eu.postpress.ai/api/v1` removed: clients calling it fail (GET /users/invite/sent)']);
    // Neither the operation nor the document named a server before: every server the operation now names is new.
    const ownOnly = structuredClone(without);
    ownOnly.paths['/users/invite/sent'].get.servers = [{ url: 'https://eu.postpress.ai/api/v1' }];
    expect(lines(without, ownOnly)).toEqual(['server-added #/paths/~1users~1invite~1sent/get/servers/0/url [safe/safe] server `https://eu.postpress.ai/api/v1` added (GET /users/invite/sent)']);
    expect(lines(ownOnly, without)).toEqual(['server-removed #/paths/~1users~1invite~1sent/get/servers/0/url [breaking/risky] server `https://eu.postpress.ai/api/v1` removed: clients calling it fail (GET /users/invite/sent)']);
  });

  it('reads no security anywhere as no authentication, before and after', () => {
    const open = copy();
    delete open.security;
    for (const item of Object.values(open.paths) as Record<string, any>[]) for (const op of Object.values(item)) delete op.security;
    expect(lines(open, structuredClone(open))).toEqual([]);
    const described = structuredClone(open);
    described.info.description = 'Open.';
    expect(lines(open, described)).toEqual(['documentation #/info/description [safe/safe] description added (info)']);
  });

  it('names a security alternative with its scopes, sorted', () => {
    const before = copy();
    before.paths['/users/invite'].post.security = [{ ApiKeyAuth: [] }];
    const after = copy();
    after.paths['/users/invite'].post.security = [{ ApiKeyAuth: [] }, { OAuth: ['write', 'read'] }];
    expect(lines(before, after)).toEqual(['security-alternative-added #/paths/~1users~1invite/post/security [safe/breaking] requests with OAuth[read,write] are now accepted (POST /users/invite)']);
    // The document's requirement is the operation's when it sets none: writing it out changes nothing.
    expect(lines(copy(), before)).toEqual([]);
  });

  it('infers types from const and enum when a schema states none', () => {
    const level = (schema: unknown) => {
      const spec = copy();
      spec.components.schemas.InvitationRequest.properties.level = schema;
      return spec;
    };
    expect(lines(level({ const: 1 }), level({ const: 'one' }))).toEqual([
      'request-type-changed #/components/schemas/InvitationRequest/properties/level/type [breaking/breaking] request body `level`: type changed from integer to string (POST /users/invite)',
      'request-const-changed #/components/schemas/InvitationRequest/properties/level/const [breaking/breaking] request body `level`: const changed from `1` to `one` (POST /users/invite)',
    ]);
    expect(lines(level({ enum: [1, 2] }), level({ enum: [1.5, null] })).slice(0, 2)).toEqual([
      'request-nullable-widened #/components/schemas/InvitationRequest/properties/level/type [safe/breaking] request body `level`: made nullable (POST /users/invite)',
      'request-type-widened #/components/schemas/InvitationRequest/properties/level/type [safe/breaking] request body `level`: type widened: type changed from integer to number (POST /users/invite)',
    ]);
    expect(lines(level({ enum: [[1], true] }), level({ enum: [{}, 'x'] }))[0]).toBe(
      'request-type-changed #/components/schemas/InvitationRequest/properties/level/type [breaking/breaking] request body `level`: type changed from array | boolean to object | string (POST /users/invite)',
    );
  });

  it('matches header parameters case-insensitively: a new spelling is no change, a new name is', () => {
    const header = (name: string) => {
      const spec = copy();
      spec.paths['/users/invite'].post.parameters.push({ name, in: 'header', schema: { type: 'string' } });
      return spec;
    };
    expect(lines(header('X-Trace'), header('x-trace'))).toEqual([]);
    expect(lines(header('X-Trace'), header('X-Other'))).toEqual([
      'parameter-optional-removed #/paths/~1users~1invite/post/parameters/1 [risky/safe] header parameter `X-Trace` removed (POST /users/invite)',
      'parameter-optional-added #/paths/~1users~1invite/post/parameters/1 [safe/risky] header parameter `X-Other` added (POST /users/invite)',
    ]);
  });
});
