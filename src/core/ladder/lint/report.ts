/**
 * Ladder lint output: the public JSON of `tandem ladder lint --json` and the text for a terminal
 * (findings grouped by severity, each with why and fix, after a one-line summary).
 */
import { wrapText } from '../../text-table.js';
import type { Ladder } from '../model.js';
import type { LadderFinding, Severity } from './types.js';

/** `tandem ladder lint --json` (docs/ladder.md). Optional keys are left out when they do not apply. */
export interface LadderLintJson {
  readonly ladder: string;
  readonly findings: readonly LadderFinding[];
}

export function ladderLintJson(ladder: Ladder, findings: readonly LadderFinding[]): LadderLintJson {
  return {
    ladder: ladder.id,
    findings: findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      ...(f.level === undefined ? {} : { level: f.level }),
      ...(f.competency === undefined ? {} : { competency: f.competency }),
      message: f.message,
      why: f.why,
      fix: f.fix,
      ...(f.evidence === undefined ? {} : { evidence: f.evidence }),
    })),
  };
}

const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low', 'info'];
const WIDTH = 100;

function wrap(text: string, first: string, rest: string): string[] {
  return wrapText(text, first, rest, WIDTH);
}

/** One-line summary: `se-ladder: 3 findings (1 high, 2 medium, 0 low, 0 info)`. */
export function ladderLintSummary(ladder: Ladder, findings: readonly LadderFinding[]): string {
  const counts = SEVERITIES.map((s) => `${findings.filter((f) => f.severity === s).length} ${s}`).join(', ');
  const what = `${ladder.id}: ${ladder.levels.length} level${ladder.levels.length === 1 ? '' : 's'} in ${ladder.tracks.length} track${ladder.tracks.length === 1 ? '' : 's'}, ${ladder.competencies.length} competenc${ladder.competencies.length === 1 ? 'y' : 'ies'}`;
  return findings.length === 0 ? `${what}; no findings.` : `${what}; ${findings.length} finding${findings.length === 1 ? '' : 's'} (${counts}).`;
}

/** The findings as text: the summary line, then one section per severity that has findings. */
export function explainLadderLint(ladder: Ladder, findings: readonly LadderFinding[]): string {
  const out: string[] = [ladderLintSummary(ladder, findings)];
  for (const severity of SEVERITIES) {
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    out.push('', `${severity.toUpperCase()} (${group.length})`);
    for (const f of group) {
      const about = [f.level, f.competency].filter((x) => x !== undefined).join(' / ');
      out.push(...wrap(f.message, `  ${f.rule}${about === '' ? '' : ` [${about}]`}: `, '      '));
      out.push(...wrap(f.why, '      why: ', '           '));
      out.push(...wrap(f.fix, '      fix: ', '           '));
    }
  }
  return `${out.join('\n')}\n`;
}
