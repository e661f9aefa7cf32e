import type { CreditLine } from './crediting.js';
import { compareLines } from './crediting.js';
import { formatDay } from './dates.js';
import { payoutFactor } from './curve.js';
import { describeFilter } from './filter.js';
import type { Org } from './model.js';
import { Rational, formatMoney, formatRatio, formatUnits, pow10, roundToUnits } from './rational.js';
import type { CreditWindow, MeasureResult, PeriodQuota, Statement } from './statement.js';

/** One arithmetic step of a measure, in words. */
export interface TraceStep {
  /** The quantity this step computes: `plan`, `target_incentive`, `credited`, `quota`, `attainment`, `factor`, `payout`, … */
  readonly step: string;
  readonly text: string;
}

/** The credit lines a measure counted, merged into trace order (date, deal id, credits before clawbacks). */
export function creditLines(windows: readonly CreditWindow[]): CreditLine[] {
  const out: CreditLine[] = [];
  for (const w of windows) for (let i = w.lo; i < w.hi; i++) out.push(w.series.line(i));
  return out.sort(compareLines);
}

/** Formats values for one statement: money in the person's currency, ratios, and exact fractions. */
export class Formatter {
  constructor(
    readonly digits: number,
    readonly org: Org,
  ) {}

  money(r: Rational): string {
    return formatMoney(r, this.digits, this.org.settings.rounding);
  }

  units(u: bigint): string {
    return formatUnits(u, this.digits);
  }

  ratio(r: Rational): string {
    return formatRatio(r);
  }

  /** A value with its exact fraction when 10 decimal places do not hold it exactly. */
  exact(r: Rational): string {
    const shown = formatRatio(r);
    return Rational.of(roundToUnits(r, 10, 'half_even'), pow10(10)).eq(r) ? shown : `${shown}… (exactly ${r.toFraction()})`;
  }
}

function quotaText(q: PeriodQuota, f: Formatter): string {
  const src = q.source;
  const value = (r: Rational) => f.exact(r);
  const from = src.viaTeam ? `team ${src.row.team}'s` : 'the';
  const measure = src.row.planId === undefined ? src.row.measureId : `${src.row.planId}/${src.row.measureId}`;
  const who = src.viaTeam ? `team ${src.row.team}` : src.row.personId;
  // Rows are named by their content, not their line: output must not change when rows are reordered.
  let target = `${from} target ${value(src.row.target)} for ${src.row.period.label} (quotas.csv row ${who}, ${measure}, ${src.row.period.label})`;
  if (src.parts > 1) target += ` ÷ ${src.parts} payout periods = ${value(src.target)}`;
  const ramped = q.ramp.some((r) => r.month > 0);
  const days = ramped
    ? `ramp-weighted active days (${q.ramp.map((r) => `${r.range.to - r.range.from + 1} days × ${f.ratio(r.fraction)}${r.month > 0 ? ` in month ${r.month} of tenure` : ' after the ramp'}`).join(' + ')} = ${f.exact(q.weightedDays)})`
    : `${f.exact(q.weightedDays)} active days (${formatDay(q.active.from)}..${formatDay(q.active.to)})`;
  return `${q.period.label}: ${target} × ${days} / ${q.periodDays} days in the period = ${value(q.quota)}`;
}

/** The arithmetic steps of one measure, in words, with exact values. */
export function measureSteps(s: Statement, m: MeasureResult, org: Org): TraceStep[] {
  const f = new Formatter(s.minorDigits, org);
  const measure = m.measure;
  const val = (r: Rational) => f.exact(r);
  const steps: TraceStep[] = [];
  const plan = s.plan;
  steps.push({
    step: 'plan',
    text: `plan ${plan.id} "${plan.name}", version ${plan.file} (effective ${formatDay(plan.effective.from)}..${formatDay(plan.effective.to)}, sha256 ${plan.hash}); measure ${measure.id}: ${measure.metric}${measure.metric === 'mbo' ? '' : `, credit ${measure.credit}`}, weight ${f.ratio(measure.weight)}, measured ${m.kind === 'ytd' ? 'year to date' : 'per period'}${measure.filter.length > 0 ? `, deals where ${describeFilter(measure.filter)}` : ''}${measure.metric === 'bookings' && !measure.filter.some((c) => c.column === 'stage') ? ' (stage = closed_won implied)' : ''}`,
  });
  const tiText = (t: { period: { label: string }; activeDays: number; periodDays: number; ti: Rational }) =>
    `${t.period.label}: target_incentive ${f.exact(s.person.targetIncentive ?? Rational.fromInt(0))} × ${plan.payoutPeriod === 'year' ? '1' : plan.payoutPeriod === 'half' ? '1/2' : plan.payoutPeriod === 'quarter' ? '1/4' : '1/12'} × ${t.activeDays} active days / ${t.periodDays} days = ${f.exact(t.ti)}`;
  if (m.kind === 'ytd') {
    steps.push({ step: 'target_incentive', text: `cumulative TI = ${m.tis.map(tiText).join('; ')}; sum = ${f.exact(m.ti)}` });
  } else {
    steps.push({ step: 'target_incentive', text: `TI for ${tiText(s.ti)}` });
  }
  if (m.kind === 'mbo') {
    const key = `${m.score.personId}, ${m.score.planId === undefined ? m.score.measureId : `${m.score.planId}/${m.score.measureId}`}, ${m.score.period.label}`;
    steps.push({ step: 'credited', text: `score ${f.exact(m.score.score)} from mbo.csv row ${key}; mbo measures use the score as attainment` });
  } else {
    const lines = creditLines(m.credits);
    const claws = lines.filter((l) => l.clawback);
    const range = m.kind === 'ytd' ? `${formatDay(m.window.from)}..${formatDay(m.window.to)} (year to date)` : `${formatDay(s.active.from)}..${formatDay(s.active.to)}`;
    let text = `credited = sum of ${lines.length - claws.length} deal credit${lines.length - claws.length === 1 ? '' : 's'}`;
    if (claws.length > 0) text += ` and ${claws.length} clawback${claws.length === 1 ? '' : 's'}`;
    text += ` dated on active days in ${range} = ${val(m.credited)}`;
    steps.push({ step: 'credited', text });
    if (m.kind === 'ytd') {
      steps.push({ step: 'quota', text: `cumulative quota = ${m.quotas.map((q) => quotaText(q, f)).join('; ')}; sum = ${val(m.quota)}` });
    } else {
      steps.push({ step: 'quota', text: `quota = ${quotaText(m.quotaWorking, f)}` });
    }
  }
  steps.push({
    step: 'attainment',
    text: m.kind === 'mbo' ? `attainment = score = ${f.exact(m.attainment)}` : `attainment = ${val(m.credited)} / ${val(m.quota)} = ${f.exact(m.attainment)}`,
  });
  steps.push({ step: 'factor', text: factorText(m, f) });
  const exactLine = `${f.exact(m.ti)} × weight ${f.ratio(measure.weight)} × factor ${f.exact(m.working.factor)} = ${f.exact(m.exact)} → ${f.units(m.rounded)} (rounded ${org.settings.rounding})`;
  if (m.kind === 'ytd') {
    steps.push({ step: 'earned', text: `earned to date = cumulative TI ${exactLine}` });
    const line = m.rounded - m.paidBefore;
    steps.push({
      step: 'payout',
      text: `line = earned ${f.units(m.rounded)} − paid earlier this year ${f.units(m.paidBefore)} = ${f.units(line)}${line < 0n ? `; a negative line pays 0.00 and is carried as balance ${f.units(m.balance)}, recovered by later true-ups this fiscal year and forgiven at year end` : ''}; payout ${f.units(m.payout)}`,
    });
  } else {
    steps.push({ step: 'payout', text: `payout = TI ${exactLine}` });
  }
  return steps;
}

function factorText(m: MeasureResult, f: Formatter): string {
  const measure = m.measure;
  // The engine keeps only the factor; the working (each tier's slice) is derived again here.
  const w = payoutFactor(m.attainment, measure);
  const a = f.exact(m.attainment);
  if (w.gated === 'not-positive') return `factor = 0 because attainment ${a} is not above 0`;
  if (w.gated === 'below-threshold') return `factor = 0 because attainment ${a} is below the threshold ${f.ratio(measure.threshold)}`;
  const gate = measure.threshold.isZero() ? '' : `attainment ${a} meets the threshold ${f.ratio(measure.threshold)}; `;
  let body: string;
  if (measure.mode === 'marginal') {
    body = `marginal tiers: ${w.slices.map((s) => `${f.ratio(s.rate)} × (${f.exact(s.to)} − ${f.exact(s.from)})`).join(' + ')} = ${f.exact(w.uncapped)}`;
  } else {
    const s = w.slices[0];
    const tier = s ? measure.tiers[s.index] : undefined;
    body = s && tier ? `retroactive: attainment falls in tier ${s.index + 1} (${tier.to === undefined ? 'open-ended' : `up to and including ${f.ratio(tier.to)}`}), so its rate applies to all of it: ${f.ratio(s.rate)} × ${a} = ${f.exact(w.uncapped)}` : 'no tier';
  }
  const cap = w.capped && measure.cap ? `; the cap ${f.ratio(measure.cap)} binds, so factor = ${f.ratio(measure.cap)}` : measure.cap ? `; under the cap ${f.ratio(measure.cap)}` : '';
  return `factor: ${gate}${body}${cap}`;
}
