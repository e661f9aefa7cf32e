/**
 * Use case: load an org folder with its ladder and people files, failing with every problem when
 * any of them is invalid. Shared by `evidence`, `readiness` and `people report` (and the server later).
 */
import type { Career, Ladder } from '../core/ladder/model.js';
import type { Org, Problem } from '../core/model.js';
import { sortProblems } from '../core/problems.js';
import { loadCareer } from '../io/load-org.js';
import { InvalidInputError } from './org-session.js';

export interface LoadedCareer {
  readonly org: Org;
  readonly career: Career;
  readonly ladder: Ladder;
  readonly warnings: readonly Problem[];
}

/** Loads and validates an org folder with its ladder; throws InvalidInputError on any error or when there is no ladder.yaml. */
export async function openCareer(dir: string): Promise<LoadedCareer> {
  const loaded = await loadCareer(dir);
  const problems = [...loaded.org.problems, ...(loaded.career?.problems ?? [])];
  const org = loaded.org.org;
  const career = loaded.career?.career;
  if (!org || !career) throw new InvalidInputError(sortProblems(problems), dir);
  if (!career.ladder) {
    throw new InvalidInputError(
      [{ severity: 'error', file: 'ladder.yaml', line: 1, column: '1', message: `ladder.yaml is missing: evidence, readiness and people reports need the org's ladder (start from the default SE ladder with: tandem ladder init ${dir})` }],
      dir,
    );
  }
  return { org, career, ladder: career.ladder, warnings: sortProblems(problems.filter((p) => p.severity === 'warning')) };
}
