/**
 * Curve sanity: payout curves that do not do what their authors meant, read from the plan and from
 * the year's statements:
 *
 * - a threshold above the median attainment of the plan's people (most earn nothing on it);
 * - a cap that binds on more than `curve_sanity.cap_binds_share` (20%) of statements;
 * - a decelerator (a later tier with a lower rate) — under `mode: retroactive` the payout *falls*
 *   as attainment rises past the tier bound — or a zero-rate gap (a 0 tier before a paying one);
 * - weights that do not sum to 1 (validation already rejects this; checked defensively);
 * - a measure with no quota (or score) data for anyone on the plan, or a plan nobody is on.
 */
import { payoutFactor } from '../curve.js';
import type { Measure, Plan } from '../model.js';
import { formatRatio, ONE, Rational, ZERO } from '../rational.js';
import { byPerson, exact, median, num, pct, personYearAttainments, planStatements, plural } from './common.js';
import type { DiagnosticsInput, Finding } from './types.js';

const WHY = {
  threshold: 'A plan whose threshold most people miss pays nothing for most of the year: the variable stops moving behaviour and becomes noise (the essay).',
  cap: 'A cap that binds for many people stops paying for more effort exactly where the best SEs are, so the extra deal is worth nothing to them.',
  retroactive: 'Pay that falls as attainment rises tells people to stop selling or to hold deals back, the opposite of what a plan is for.',
  gap: 'A tier that pays nothing makes extra effort worthless over that range, so pay stops tracking the work the SE does.',
  decelerator: 'A decelerator pays less for each deal past a point; if it is not a deliberate guard against windfalls, it blunts the effort the plan rewards.',
  weights: 'Weights that do not sum to 1 pay more or less than the target incentive at 100% attainment, so no statement can be explained against the plan.',
  data: 'Every number must be explainable; a measure with no quota or score for anyone cannot pay anyone, which hides a missing input.',
  nobody: 'A plan nobody is on cannot be checked against the org’s data.',
};

/** The smallest attainment at which the factor reaches `cap` (undefined when it never does). */
export function capAttainment(measure: Measure): Rational | undefined {
  const cap = measure.cap;
  if (cap === undefined) return undefined;
  if (measure.mode === 'retroactive') {
    let lo = ZERO;
    for (const tier of measure.tiers) {
      if (tier.rate.sign() > 0) {
        const a = cap.div(tier.rate).max(lo);
        if (tier.to === undefined || a.le(tier.to)) return a.max(measure.threshold);
      }
      if (tier.to === undefined) break;
      lo = tier.to;
    }
    return undefined;
  }
  let lo = ZERO;
  let f = ZERO;
  for (const tier of measure.tiers) {
    const top = tier.to === undefined ? undefined : f.add(tier.rate.mul(tier.to.sub(lo)));
    if (tier.rate.sign() > 0 && (top === undefined || top.ge(cap))) return lo.add(cap.sub(f).div(tier.rate)).max(measure.threshold);
    if (tier.to === undefined || top === undefined) break;
    f = top;
    lo = tier.to;
  }
  return undefined;
}

/** The value at quantile `q` of `values` (nearest rank: the ⌈q·n⌉-th smallest). */
function quantile(values: readonly Rational[], q: Rational): Rational | undefined {
  const sorted = [...values].sort((a, b) => a.cmp(b));
  const n = BigInt(sorted.length);
  if (n === 0n) return undefined;
  const rank = (q.n * n + q.d - 1n) / q.d;
  return sorted[Math.max(0, Math.min(sorted.length, Number(rank)) - 1)];
}

function tierText(measure: Measure, i: number): string {
  const tier = measure.tiers[i];
  if (!tier) return '';
  const from = i === 0 ? '0' : formatRatio(measure.tiers[i - 1]?.to ?? ZERO);
  return `${from}–${tier.to === undefined ? '∞' : formatRatio(tier.to)} at rate ${formatRatio(tier.rate)}`;
}

function tierFindings(plan: Plan, measure: Measure): Finding[] {
  const findings: Finding[] = [];
  const tiers = measure.tiers;
  const tiersEvidence = tiers.map((t) => ({ to: t.to === undefined ? null : num(t.to), rate: num(t.rate) }));
  if (measure.mode === 'retroactive') {
    const drops: { at: Rational; before: Rational; after: Rational }[] = [];
    for (let i = 1; i < tiers.length; i++) {
      const prev = tiers[i - 1];
      const cur = tiers[i];
      if (prev?.to !== undefined && cur && cur.rate.lt(prev.rate)) drops.push({ at: prev.to, before: prev.rate.mul(prev.to), after: cur.rate.mul(prev.to) });
    }
    if (drops.length > 0) {
      findings.push({
        rule: 'curve-sanity',
        severity: 'high',
        plan: plan.id,
        measure: measure.id,
        message: `${measure.id} is retroactive with a lower rate in a later tier, so the payout falls as attainment rises: ${drops.map((d) => `just past ${formatRatio(d.at)} the factor drops from ${formatRatio(d.before)} to ${formatRatio(d.after)}`).join('; ')}.`,
        why: WHY.retroactive,
        evidence: { mode: 'retroactive', tiers: tiersEvidence, drops: drops.map((d) => ({ at_attainment: num(d.at), factor_before: num(d.before), factor_after: num(d.after) })) },
        fix: `Make ${measure.id} marginal (mode: marginal, each rate on its own slice), or give later tiers rates at least as high as the earlier ones.`,
      });
    }
    return findings;
  }
  const gaps: number[] = [];
  for (let i = 0; i < tiers.length; i++) if (tiers[i]?.rate.isZero() && tiers.slice(i + 1).some((t) => t.rate.sign() > 0)) gaps.push(i);
  if (gaps.length > 0) {
    findings.push({
      rule: 'curve-sanity',
      severity: 'medium',
      plan: plan.id,
      measure: measure.id,
      message: `${measure.id} has a zero-rate gap: ${gaps.map((i) => tierText(measure, i)).join('; ')}, with a paying tier after it, so attainment in that range earns nothing more.`,
      why: WHY.gap,
      evidence: { mode: 'marginal', tiers: tiersEvidence, zero_rate_tiers: gaps.map((i) => i + 1) },
      fix: `Give the gap a rate (e.g. the rate of the tier before it), or replace a leading zero tier with a threshold (threshold: gates entry without an unpaid stretch).`,
    });
  }
  const decel: number[] = [];
  for (let i = 1; i < tiers.length; i++) {
    const prev = tiers[i - 1];
    const cur = tiers[i];
    if (prev && cur && cur.rate.lt(prev.rate) && !gaps.includes(i)) decel.push(i);
  }
  if (decel.length > 0) {
    findings.push({
      rule: 'curve-sanity',
      severity: 'low',
      plan: plan.id,
      measure: measure.id,
      message: `${measure.id} decelerates: ${decel.map((i) => `${tierText(measure, i)} after ${formatRatio(tiers[i - 1]?.rate ?? ZERO)}`).join('; ')}.`,
      why: WHY.decelerator,
      evidence: { mode: 'marginal', tiers: tiersEvidence, decelerating_tiers: decel.map((i) => i + 1) },
      fix: `If it guards against windfalls, keep it and say so in the plan's description; otherwise keep the earlier rate in the later tier${measure.cap === undefined ? ' (or use a cap, which people read more easily)' : ''}.`,
    });
  }
  return findings;
}

/**
 * Findings about a plan's curves: threshold above typical attainment (high), a cap binding on
 * many statements (medium), a retroactive drop (high), a zero-rate gap (medium), a marginal
 * decelerator (low), weights not summing to 1 (high), a measure without data (high), a plan nobody
 * is on (info).
 */
export function curveSanity(input: DiagnosticsInput, plan: Plan): Finding[] {
  const findings: Finding[] = [];
  const weights = plan.measures.reduce((a, m) => a.add(m.weight), ZERO);
  if (!weights.eq(ONE)) {
    findings.push({
      rule: 'curve-sanity',
      severity: 'high',
      plan: plan.id,
      message: `${plan.id}'s measure weights sum to ${formatRatio(weights)}, not 1.`,
      why: WHY.weights,
      evidence: { weights: Object.fromEntries(plan.measures.map((m) => [m.id, num(m.weight)])), sum: num(weights) },
      fix: 'Scale the weights so they sum to exactly 1.',
    });
  }
  for (const measure of plan.measures) findings.push(...tierFindings(plan, measure));
  const statements = planStatements(input, plan);
  if (statements.length === 0) {
    findings.push({
      rule: 'curve-sanity',
      severity: 'info',
      plan: plan.id,
      message: `Nobody is on ${plan.id} in ${input.year}, so its thresholds, caps and data cannot be checked against the org's numbers.`,
      why: WHY.nobody,
      evidence: { statements: 0, applies_to: plan.roles ? [...plan.roles] : null },
      fix: `Put people on it (people.csv plan = ${plan.id}${plan.roles ? ` or role in ${plan.roles.join(', ')}` : ''}), or remove the plan file if it is not in use.`,
    });
    return findings;
  }
  const people = byPerson(statements).length;
  const capShare = exact(input.config.curveSanity.capBindsShare);
  for (const measure of plan.measures) {
    const results = statements.flatMap((s) => s.measures.filter((m) => m.measure === measure));
    if (results.length === 0) {
      findings.push({
        rule: 'curve-sanity',
        severity: 'high',
        plan: plan.id,
        measure: measure.id,
        message: `${measure.id} has no ${measure.metric === 'mbo' ? 'score' : 'quota'} data for any of the ${plural(people, 'person', 'people')} on ${plan.id} in ${input.year}, so it pays no one.`,
        why: WHY.data,
        evidence: { people, statements: statements.length, statements_with_measure: 0 },
        fix: measure.metric === 'mbo' ? `Add scores for ${measure.id} to mbo.csv.` : `Add ${plan.id}/${measure.id} targets to quotas.csv for the people (or teams) on the plan.`,
      });
      continue;
    }
    if (measure.threshold.sign() > 0) {
      const attainments = personYearAttainments(statements, measure.id);
      const mid = median(attainments.map((a) => a.attainment));
      if (mid !== undefined && measure.threshold.gt(mid)) {
        const below = attainments.filter((a) => a.attainment.lt(measure.threshold)).length;
        const gated = results.filter((m) => m.working.gated !== undefined).length;
        findings.push({
          rule: 'curve-sanity',
          severity: 'high',
          plan: plan.id,
          measure: measure.id,
          message: `${measure.id}'s threshold ${formatRatio(measure.threshold)} is above the median year attainment ${formatRatio(mid, 4)}: ${below} of ${plural(attainments.length, 'person', 'people')} are below it for the year, and ${gated} of ${plural(results.length, 'statement')} had a factor of 0 on it.`,
          why: WHY.threshold,
          evidence: {
            threshold: num(measure.threshold),
            median_attainment: num(mid),
            people: attainments.length,
            people_below_threshold: below,
            statements: results.length,
            statements_with_factor_zero: gated,
          },
          fix: `Lower the threshold to at most ${formatRatio(mid, 2)} (the median), or check the quotas behind ${measure.id} (see quota-realism).`,
        });
      }
    }
    if (measure.cap !== undefined) {
      const capped = results.filter((m) => m.working.capped).length;
      const share = Rational.of(BigInt(capped), BigInt(results.length));
      if (share.gt(capShare)) {
        const bindsAt = capAttainment(measure);
        // A cap that binds on only `cap_binds_share` of statements: the factor at that quantile of attainment.
        const q = quantile(
          results.map((m) => m.attainment),
          ONE.sub(capShare),
        );
        const suggested = q === undefined ? undefined : payoutFactor(q, { ...measure, cap: undefined }).factor;
        findings.push({
          rule: 'curve-sanity',
          severity: 'medium',
          plan: plan.id,
          measure: measure.id,
          message: `${measure.id}'s cap ${formatRatio(measure.cap)} binds on ${capped} of ${plural(results.length, 'statement')} (${pct(share)}, more than ${pct(capShare, 0)})${bindsAt ? `, from attainment ${formatRatio(bindsAt, 4)}` : ''}.`,
          why: WHY.cap,
          evidence: {
            cap: num(measure.cap),
            binds_from_attainment: bindsAt ? num(bindsAt) : null,
            statements: results.length,
            capped,
            capped_share: num(share),
            cap_binds_share: input.config.curveSanity.capBindsShare,
            suggested_cap: suggested ? num(suggested) : null,
          },
          fix:
            suggested && suggested.gt(measure.cap)
              ? `Raise the cap to ${formatRatio(suggested, 2)} (the factor at the ${pct(ONE.sub(capShare), 0)} point of attainment), or remove it, or raise the quota if attainment is inflated.`
              : `Remove the cap or raise it well above ${formatRatio(measure.cap)}, or raise the quota if attainment is inflated.`,
        });
      }
    }
  }
  return findings;
}
