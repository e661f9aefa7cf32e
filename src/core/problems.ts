import type { Problem } from './model.js';

/** Problems in a stable order: errors first, then by file, line, column and message. */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => {
    if (a.severity !== b.severity) return a.severity === 'error' ? -1 : 1;
    if (a.file !== b.file) return a.file < b.file ? -1 : 1;
    if (a.line !== b.line) return a.line - b.line;
    if (a.column !== b.column) return a.column < b.column ? -1 : 1;
    return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
  });
}

/** `FILE:LINE:COLUMN: error: message` (or `warning:`), the format editors and CI annotate. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}`;
}
