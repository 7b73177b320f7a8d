// The text of a spec that the docs publish to callers: every `description`, `summary` and `title`
// (the info, servers, tags, operations, parameters, responses, headers, examples, schemas and
// their properties) and the error types' `x-enumDescriptions`. Example values, defaults and every
// other `x-` extension (`x-decision` among them) are not public text.
type Json = Record<string, any>;

export interface PublicText {
  /** JSON pointer of the text in the document. */
  pointer: string;
  text: string;
}

const TEXT_KEYS = new Set(['description', 'summary', 'title']);
/** Keys whose values are data, not prose, wherever they appear. */
const DATA_KEYS = new Set(['example', 'examples', 'default', 'enum', 'const', 'x-codeSamples']);
const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

export function publicTexts(document: Json): PublicText[] {
  const found: PublicText[] = [];
  const walk = (node: unknown, pointer: string, parentKey: string | undefined): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${pointer}/${i}`, parentKey));
      return;
    }
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node as Json)) {
      const at = `${pointer}/${escape(key)}`;
      // Under `properties` (and the like) keys are names, whatever they spell.
      const isName = parentKey === 'properties' || parentKey === 'patternProperties';
      if (!isName && TEXT_KEYS.has(key) && typeof value === 'string') found.push({ pointer: at, text: value });
      else if (key === 'x-enumDescriptions' && value && typeof value === 'object') {
        for (const [name, text] of Object.entries(value as Json)) if (typeof text === 'string') found.push({ pointer: `${at}/${escape(name)}`, text });
      } else if (key === 'examples' && !isName && value && typeof value === 'object' && !Array.isArray(value)) {
        // Named examples (OpenAPI): their summary and description are public, their value is data.
        for (const [name, example] of Object.entries(value as Json)) {
          for (const field of ['summary', 'description'] as const) {
            if (typeof example?.[field] === 'string') found.push({ pointer: `${at}/${escape(name)}/${field}`, text: example[field] });
          }
        }
      } else if (isName || (!key.startsWith('x-') && !DATA_KEYS.has(key))) walk(value, at, key);
    }
  };
  walk(document, '#', undefined);
  return found;
}
