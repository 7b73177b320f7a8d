// One shape for every fault the pipeline finds (YAML syntax, Redocly, Spectral), with file and line.
export interface Problem {
  tool: 'yaml' | 'redocly' | 'spectral' | 'pipeline';
  rule: string;
  severity: 'error' | 'warning';
  message: string;
  /** Project-relative file, e.g. `openapi/components/schemas/InvitationSent.yaml`. */
  file: string;
  line: number;
  column: number;
  /** JSON pointer inside `file`, when the tool gives one. */
  pointer?: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column} ${p.severity} ${p.tool}/${p.rule} ${p.message}${p.pointer ? ` (at ${p.pointer})` : ''}`;
}

export class PipelineError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'} in the spec:\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'PipelineError';
  }
}

export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
}
