// The mock's defaults, in a module of their own so the CLI can print its usage (or refuse a bad
// flag) without loading the spec, Ajv and the fixtures.
export const MOCK_API_KEY = 'pp_test_mock_key';
export const MOCK_DEFAULT_SEED = 20260527;
/** Written records held over all API keys before writes are refused. */
export const DEFAULT_MAX_RECORDS = 100_000;
/** Request bodies larger than this are refused with a 413. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** The path that forgets all state (POST), outside the API's base path. */
export const RESET_PATH = '/__mock/reset';
