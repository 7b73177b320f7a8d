// Redaction on its own: which fields the spec marks as secret, which values are hidden in text and
// in values, and the curl commands that read credentials from the environment.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { API_KEY_ENV, credentialEnv, MIN_SEARCHED_SECRET_LENGTH, REDACTED, Redactor, secretFieldNames, toCurl } from '../../src/contract/redact.js';

describe('secretFieldNames', () => {
  test('names with secret or password in any case, and format: password, in schemas and paths', () => {
    const names = secretFieldNames({
      components: { schemas: {
        A: { type: 'object', properties: { empty: null, shared_secret: { type: 'string' }, UserPassword: { type: 'string' }, pin: { type: 'string', format: 'password' }, plain: { type: 'string', format: 'email' } } },
        B: { allOf: [{ properties: { nested: { type: 'object', properties: { deep_SECRET: {} } } } }] },
      } },
      paths: { '/x': { post: { requestBody: { content: { 'application/json': { schema: { properties: { token_password: {} } } } } } } } },
    });
    expect([...names].sort()).toEqual(['UserPassword', 'deep_SECRET', 'pin', 'shared_secret', 'token_password']);
  });

  test('only components/schemas and paths are read; an array named properties is no schema', () => {
    expect(secretFieldNames({ info: { properties: { my_secret: {} } }, components: { parameters: { p: { properties: { other_secret: {} } } } } }).size).toBe(0);
    expect(secretFieldNames({ components: { schemas: { A: { enum: [{ properties: { a_secret: {} } }] } } } })).toEqual(new Set(['a_secret']));
    expect(secretFieldNames({ paths: { '/x': [{ properties: ['x_secret'] }] } }).size).toBe(0);
    expect(secretFieldNames({}).size).toBe(0);
  });
});

describe('Redactor', () => {
  test('hides the given secrets in text, longest first, regex characters literal', () => {
    const r = new Redactor(['key.123', 'key.123456', 'a+b(c)'], new Set());
    expect(r.text('x key.123456 y key.123 z keyX123 a+b(c)')).toBe(`x ${REDACTED} y ${REDACTED} z keyX123 ${REDACTED}`);
  });

  test(`secrets shorter than ${MIN_SEARCHED_SECRET_LENGTH} characters are not searched for`, () => {
    expect(MIN_SEARCHED_SECRET_LENGTH).toBe(6);
    const r = new Redactor(['12345', '123456'], new Set());
    expect(r.text('12345 and 123456')).toBe(`12345 and ${REDACTED}`);
    expect(new Redactor(['12345'], new Set()).text('12345')).toBe('12345');
  });

  test('learns secret field values from bodies, in nested objects and arrays, and hides them from then on', () => {
    const r = new Redactor([], new Set(['shared_secret']));
    expect(r.text('s3cr3t-one')).toBe('s3cr3t-one');
    r.observe({ items: [{ shared_secret: 's3cr3t-one' }, { specifics: { shared_secret: 's3cr3t-two' } }], shared_secret: 42 });
    expect(r.text('a s3cr3t-one b s3cr3t-two')).toBe(`a ${REDACTED} b ${REDACTED}`);
    // A secret learned after a text was redacted is hidden too.
    r.observe([{ shared_secret: 's3cr3t-three' }]);
    expect(r.text('s3cr3t-three s3cr3t-one')).toBe(`${REDACTED} ${REDACTED}`);
    // Other fields teach nothing; a secret field holding an object is searched inside.
    r.observe({ other: 'not-a-secret', shared_secret: { shared_secret: 'inner-secret' } });
    expect(r.text('not-a-secret inner-secret')).toBe(`not-a-secret ${REDACTED}`);
    r.observe(null);
    r.observe('shared_secret');
  });

  test('a value is copied with secret fields and known secrets redacted', () => {
    const r = new Redactor(['pp_live_key'], new Set(['shared_secret']));
    const input = { a: 'x pp_live_key y', list: ['pp_live_key', 1, null, true], shared_secret: 'short', n: { shared_secret: 7, deep: { shared_secret: 'abc' } }, u: undefined };
    const out = r.value(input);
    expect(out).toEqual({ a: `x ${REDACTED} y`, list: [REDACTED, 1, null, true], shared_secret: REDACTED, n: { shared_secret: 7, deep: { shared_secret: REDACTED } }, u: undefined });
    expect(input.a).toBe('x pp_live_key y');
    expect(input.shared_secret).toBe('short');
    expect(r.value('pp_live_key')).toBe(REDACTED);
    expect(r.value(5)).toBe(5);
    expect(r.value(null)).toBe(null);
  });
});

describe('credentialEnv', () => {
  test('the first credential is POSTPRESS_API_KEY, then _2, _3', () => {
    expect(API_KEY_ENV).toBe('POSTPRESS_API_KEY');
    expect([0, 1, 2].map(credentialEnv)).toEqual(['POSTPRESS_API_KEY', 'POSTPRESS_API_KEY_2', 'POSTPRESS_API_KEY_3']);
  });
});

describe('toCurl', () => {
  test('without secrets: single-quoted parts, the method in capitals, one line per part', () => {
    expect(toCurl('post', "http://h/x?a=it's", { accept: 'application/json' }, [], '{"a":"b\'c"}')).toBe([
      'curl --request POST',
      "  --url 'http://h/x?a=it'\\''s'",
      "  --header 'accept: application/json'",
      "  --data-raw '{\"a\":\"b'\\''c\"}'",
    ].join(' \\\n'));
    expect(toCurl('get', 'http://h/', {}, '')).toBe("curl --request GET \\\n  --url 'http://h/'");
  });

  test('each secret, as written, base64 or percent-encoded, becomes its environment variable', () => {
    const key = 'key/one two';
    const second = 'second-key';
    const basic = Buffer.from(second).toString('base64');
    const curl = toCurl('get', `http://h/x?k=${encodeURIComponent(key)}`, { 'x-api-key': key, authorization: `Basic ${basic}`, accept: '*/*' }, [key, second]);
    expect(curl).toBe([
      'curl --request GET',
      '  --url "http://h/x?k=${POSTPRESS_API_KEY}"',
      '  --header "x-api-key: ${POSTPRESS_API_KEY}"',
      '  --header "authorization: Basic $(printf %s "${POSTPRESS_API_KEY_2}" | base64 -w0)"',
      "  --header 'accept: */*'",
    ].join(' \\\n'));
  });

  test('empty credentials are no secret and take no variable', () => {
    expect(toCurl('get', 'http://h/?k=key-one', { 'x-api-key': 'key-one' }, ['', 'key-one'])).toBe([
      'curl --request GET', '  --url "http://h/?k=${POSTPRESS_API_KEY}"', '  --header "x-api-key: ${POSTPRESS_API_KEY}"',
    ].join(' \\\n'));
  });

  test('the rest of a double-quoted part is escaped for the shell', async () => {
    const key = 'pp_live_k"ey';
    const curl = toCurl('get', 'http://h/', { 'x-api-key': key, 'x-note': `$HOME \`id\` \\ "q" ${key}` }, key);
    expect(curl).not.toContain(key);
    const script = `curl() { for a in "$@"; do printf '%s\\n' "$a"; done; }\n${curl}`;
    const { stdout } = await promisify(execFile)('sh', ['-c', script], { env: { ...process.env, [API_KEY_ENV]: key } });
    expect(stdout.split('\n').slice(0, -1)).toEqual(['--request', 'GET', '--url', 'http://h/', '--header', `x-api-key: ${key}`, '--header', `x-note: $HOME \`id\` \\ "q" ${key}`]);
  });
});
