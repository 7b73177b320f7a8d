// Where a node was written. The pipeline lints the bundled document and gives it
// `sourceFileOf(path)`: the file (relative to the spec root's folder) that holds the node. Linted
// as a multi-file tree instead (the Spectral CLI), the file is the one Spectral read it from.
// The rule function checks that the node was written in a file whose name matches `match`.
import { createRulesetFunction } from '@stoplight/spectral-core';

export function sourceFileOf(path, context) {
  if (typeof context.document.sourceFileOf === 'function') return context.document.sourceFileOf(path);
  const source = context.documentInventory.findAssociatedItemForPath(path, true)?.document?.source ?? '';
  return source.replace(/\\/g, '/');
}

export default createRulesetFunction(
  {
    input: null,
    options: {
      type: 'object',
      properties: { match: { type: 'string' } },
      required: ['match'],
      additionalProperties: false,
    },
  },
  (input, options, context) => {
    const file = sourceFileOf(context.path, context);
    // Relative to the spec root's folder when bundled; an absolute path from the CLI.
    const relative = file.startsWith('/') ? file.slice(file.lastIndexOf('/paths/') + 1) : file;
    if (new RegExp(options.match).test(relative)) return [];
    return [{ message: `written in ${relative || 'the root document'}: expected a file matching ${options.match}` }];
  },
);
