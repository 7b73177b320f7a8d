// Moved to src/spec/keywords.ts (shared with the mock).
export { cleanSchema, ENFORCED_FORMATS, UnenforceableKeywordError, type KeywordNote as UnenforceableKeyword } from '../spec/keywords.js';
