/**
 * decreasing-expectation: a level asks less than the level below in the same track (for a track's
 * first level: the level it forks from). Three checks: a competency's expected milestone is lower
 * (medium); a competency evaluated below is not evaluated here (medium); an evidence threshold of the
 * same type and competency asks for less per quarter (low; across a fork only with
 * `evidenceAcrossFork`).
 */
import { formatRatio, Rational } from '../../rational.js';
import type { EvaluationItem } from '../model.js';
import { competencyLabel, levelLabel } from './common.js';
import type { LadderFinding, LadderLintInput } from './types.js';

const WHY =
  'Each level is reached from the one below, so its bar is at least as high in every competency (Snowflake-style per-competency minimums); a lower bar says the higher level needs less of the skill, and the ladder stops meaning growth.';

/** The strongest requirement per evidence type: the highest count per quarter. */
function ratesByType(item: EvaluationItem): Map<string, { rate: Rational; atLeast: Rational; window: number }> {
  const out = new Map<string, { rate: Rational; atLeast: Rational; window: number }>();
  for (const r of item.evidence) {
    const rate = r.atLeast.div(Rational.fromInt(r.windowQuarters));
    const seen = out.get(r.type);
    if (seen === undefined || rate.gt(seen.rate)) out.set(r.type, { rate, atLeast: r.atLeast, window: r.windowQuarters });
  }
  return out;
}

export function decreasingExpectation({ ladder, index, options }: LadderLintInput): LadderFinding[] {
  const findings: LadderFinding[] = [];
  for (const level of ladder.levels) {
    const below = index.below(level.id);
    if (!below) continue;
    const sameTrack = index.position.get(below.id)?.track.id === index.position.get(level.id)?.track.id;
    const label = levelLabel(level);
    const relation = sameTrack ? `${below.id}, the level below` : `${below.id}, the level its track forks from`;
    const here = new Map(level.evaluation.map((e) => [e.competency, e]));
    for (const b of below.evaluation) {
      const name = competencyLabel(ladder, b.competency);
      const item = here.get(b.competency);
      if (item === undefined) {
        findings.push({
          rule: 'decreasing-expectation',
          severity: 'medium',
          level: level.id,
          competency: b.competency,
          message: `${label} does not evaluate ${name}, which ${relation}, expects at milestone ${b.expectation}.`,
          why: WHY,
          fix: `Evaluate ${b.competency} at ${level.id} with an expectation of at least ${b.expectation}, or, if it truly stops mattering, say so by dropping it from the lower level too.`,
          evidence: { below: below.id, below_expectation: b.expectation },
        });
        continue;
      }
      if (item.expectation < b.expectation) {
        findings.push({
          rule: 'decreasing-expectation',
          severity: 'medium',
          level: level.id,
          competency: b.competency,
          message: `${label} expects ${name} at milestone ${item.expectation}, lower than ${relation}, at ${b.expectation}.`,
          why: WHY,
          fix: `Raise ${b.competency} at ${level.id} to at least ${b.expectation}, or lower it at ${below.id}.`,
          evidence: { below: below.id, expectation: item.expectation, below_expectation: b.expectation },
        });
      }
      if (!sameTrack && !options.evidenceAcrossFork) continue;
      const belowRates = ratesByType(b);
      for (const [type, mine] of ratesByType(item)) {
        const theirs = belowRates.get(type);
        if (theirs === undefined || !mine.rate.lt(theirs.rate)) continue;
        const q = (w: number) => `${w} quarter${w === 1 ? '' : 's'}`;
        findings.push({
          rule: 'decreasing-expectation',
          severity: 'low',
          level: level.id,
          competency: b.competency,
          message: `${label} asks for at least ${formatRatio(mine.atLeast)} ${type} over ${q(mine.window)} for ${name}, less than ${relation}, which asks for ${formatRatio(theirs.atLeast)} over ${q(theirs.window)}.`,
          why: WHY,
          fix: `Ask for at least ${formatRatio(theirs.atLeast)} ${type} over ${q(theirs.window)} at ${level.id} (or the same rate per quarter), or lower the threshold at ${below.id}.`,
          evidence: {
            below: below.id,
            type,
            at_least: formatRatio(mine.atLeast),
            window_quarters: mine.window,
            below_at_least: formatRatio(theirs.atLeast),
            below_window_quarters: theirs.window,
          },
        });
      }
    }
  }
  return findings;
}
