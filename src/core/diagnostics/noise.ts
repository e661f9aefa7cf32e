/**
 * Noise: what a realistic improvement is worth to an SE in a year, as a share of base salary,
 * computed by the same engine that pays them (what-if on a hypothetical deal):
 *
 * - one more supported deal: a copy of the median-size deal among those the plan credited to the SE
 *   in the year and that they worked (owner or deal team) — else among all the plan credited to
 *   them, else among all it credited to anyone — owned and worked by the SE (in their pod and
 *   territory, closed won with a technical win), so every crediting rule credits it to them in
 *   full; the gain is the change in all of the plan's measure payouts;
 * - +10 points of attainment on the main bookings measure (the bookings measure with the largest
 *   weight): a deal sized at 10% of the person's annual quota on it; the gain is that measure's.
 *
 * A deal's worth depends on when it closes (a quarter below threshold pays nothing, an accelerated
 * one more), so each gain is the mean over the person's payout periods in the year, with the deal
 * closing on the period's last active day. SPIFs are separate programs and are not counted.
 */
import type { ExtraDeal } from '../calculate.js';
import type { CreditLine } from '../crediting.js';
import { minorUnits } from '../currency.js';
import { formatDay } from '../dates.js';
import { FxTable } from '../fx.js';
import type { Deal, Measure, Org, Person, Plan } from '../model.js';
import { formatRatio, ONE, pow10, Rational, roundToUnits, ZERO } from '../rational.js';
import { yearAttainment } from '../recognition.js';
import type { Statement } from '../statement.js';
import { whatIf } from '../whatif.js';
import { compareIds, dealParticipation, exact, median, money, num, pct, planStatements, plural, seMembers, spread, yearCreditLines, yearPeriod } from './common.js';
import type { DiagnosticsInput, EvidenceValue, Finding } from './types.js';

const WHY =
  'A variable too small to move behaviour is noise (the essay): when a realistic extra effort barely changes pay, the plan costs money without steering anything.';

/** The plan's main bookings measure: the bookings measure with the largest weight (first in the file on a tie). */
export function mainBookingsMeasure(plan: Plan): Measure | undefined {
  let best: Measure | undefined;
  for (const m of plan.measures) if (m.metric === 'bookings' && (!best || m.weight.gt(best.weight))) best = m;
  return best;
}

/**
 * The median-size deal of `lines`, by amount in the org currency, then deal id; the lower middle
 * one for an even count, so it is a real deal.
 */
export function medianDeal(org: Org, lines: readonly CreditLine[]): Deal | undefined {
  const fx = new FxTable(org.settings.currency, org.fx);
  const deals = new Map<string, { deal: Deal; value: Rational }>();
  for (const line of lines) {
    if (deals.has(line.deal.id)) continue;
    const rate = fx.rate(line.deal.currency, line.deal.closeDate ?? line.date) ?? ONE;
    deals.set(line.deal.id, { deal: line.deal, value: line.deal.amount.mul(rate) });
  }
  const sorted = [...deals.values()].sort((a, b) => a.value.cmp(b.value) || compareIds(a.deal.id, b.deal.id));
  return sorted[Math.floor((sorted.length - 1) / 2)]?.deal;
}

/** A copy of `ref` owned and worked by `person`, closing on `day`, with its filter values kept in step. */
function hypothetical(org: Org, ref: Deal, person: Person, day: number, change: { id: string; amount?: Rational; currency?: string; supported: boolean }): ExtraDeal {
  const values = [...ref.filterValues];
  const set = (column: string, value: string) => {
    const i = org.filterColumns.indexOf(column);
    if (i >= 0) values[i] = value;
  };
  const technicalWin = change.supported || ref.technicalWin;
  const currency = change.currency ?? ref.currency;
  set('owner_id', person.id);
  set('territory', person.territory);
  set('currency', currency);
  set('close_date', formatDay(day));
  set('churn_date', '');
  if (change.supported) {
    set('stage', 'closed_won');
    set('technical_win', 'true');
  }
  const deal: Deal = {
    ...ref,
    id: change.id,
    ownerId: person.id,
    amount: change.amount ?? ref.amount,
    currency,
    stage: change.supported ? 'closed_won' : ref.stage,
    closeDate: day,
    territory: person.territory,
    technicalWin,
    technicalWinDate: technicalWin ? day : undefined,
    churnDate: undefined,
    filterValues: values,
    line: 0,
  };
  return { deal, team: [{ dealId: change.id, personId: person.id, role: 'diagnose', split: undefined, hours: ONE, line: 0 }] };
}

/** Σ payouts (minor units) of `plan`'s measures (all, or only `measureId`) over `statements`. */
function measurePayouts(statements: readonly Statement[], plan: Plan, measureId?: string): bigint {
  let total = 0n;
  for (const s of statements) {
    if (s.plan !== plan) continue;
    for (const m of s.measures) if (measureId === undefined || m.measure.id === measureId) total += m.payout;
  }
  return total;
}

interface PersonGain {
  readonly person: Person;
  readonly base: Rational;
  readonly reference: Deal;
  readonly dealGain: Rational;
  readonly tenGain: Rational | undefined;
  readonly dealShare: Rational;
  readonly tenShare: Rational | undefined;
}

/**
 * Flags a plan on which one more supported deal of median size, or +10 points of bookings
 * attainment, is worth a median SE less than `noise.min_deal_share_of_base` (1%) or
 * `noise.min_ten_points_share_of_base` (2%) of base salary a year: high when both fall short,
 * medium when one does; info when the plan credited no deal to size one by.
 */
export function noise(input: DiagnosticsInput, plan: Plan): Finding[] {
  const { org, engine, config } = input;
  const members = seMembers(input, plan);
  const dealMeasures = plan.measures.filter((m) => m.metric !== 'mbo');
  if (members.length === 0 || dealMeasures.length === 0) return [];
  const main = mainBookingsMeasure(plan);
  const statements = planStatements(input, plan);
  const sized = main ? [main] : dealMeasures;
  const linesOf = (own: readonly Statement[]) => sized.flatMap((m) => yearCreditLines(own, m.id));
  const planReference = medianDeal(org, linesOf(statements));
  if (!planReference) {
    return [
      {
        rule: 'noise',
        severity: 'info',
        plan: plan.id,
        message: `${plan.id} credited no deal in ${input.year}, so the worth of one more deal cannot be sized.`,
        why: WHY,
        evidence: { se_count: members.length, credited_deals: 0 },
        fix: 'Run diagnose on a year with deals, or check that the plan’s deal filters match deals.csv.',
      },
    ];
  }
  const year = yearPeriod(input);
  const participated = dealParticipation(org);
  const gains: PersonGain[] = [];
  const missingBase: string[] = [];
  for (const { person, statements: own } of members) {
    const base = person.baseSalary;
    if (base === undefined || base.sign() <= 0) {
      missingBase.push(person.id);
      continue;
    }
    const ownLines = linesOf(own);
    const reference = medianDeal(org, ownLines.filter((l) => participated(l.deal, person.id))) ?? medianDeal(org, ownLines) ?? planReference;
    const digits = minorUnits(person.currency);
    const unit = Rational.of(1n, pow10(digits));
    const days = own.map((s) => s.active.to);
    const meanGain = (make: (day: number) => ExtraDeal, measureId?: string): Rational | undefined => {
      let sum = ZERO;
      let n = 0;
      for (const day of days) {
        const { result, problems } = whatIf(engine, person.id, year, make(day));
        if (problems.some((p) => p.severity === 'error')) continue;
        sum = sum.add(Rational.of(measurePayouts(result.after, plan, measureId) - measurePayouts(result.before, plan, measureId)).mul(unit));
        n++;
      }
      return n === 0 ? undefined : sum.div(Rational.fromInt(n));
    };
    const dealGain = meanGain((day) => hypothetical(org, reference, person, day, { id: `diagnose-noise-deal`, supported: true }));
    if (dealGain === undefined) continue;
    let tenGain: Rational | undefined;
    const quota = main ? yearAttainment(own, main.id)?.quota : undefined;
    if (main && quota && quota.sign() > 0) {
      const amount = Rational.of(roundToUnits(quota.div(Rational.fromInt(10)), digits, org.settings.rounding), pow10(digits));
      tenGain = meanGain((day) => hypothetical(org, reference, person, day, { id: `diagnose-noise-ten-points`, amount, currency: person.currency, supported: false }), main.id);
    }
    gains.push({ person, base, reference, dealGain, tenGain, dealShare: dealGain.div(base), tenShare: tenGain?.div(base) });
  }
  if (gains.length === 0) return [];
  const dealShares = gains.map((g) => g.dealShare);
  const tenShares = gains.flatMap((g) => (g.tenShare ? [g.tenShare] : []));
  const dealMedian = median(dealShares) ?? ZERO;
  const tenMedian = median(tenShares);
  const minDeal = exact(config.noise.minDealShareOfBase);
  const minTen = exact(config.noise.minTenPointsShareOfBase);
  const dealLow = dealMedian.lt(minDeal);
  const tenLow = tenMedian !== undefined && tenMedian.lt(minTen);
  if (!dealLow && !tenLow) return [];
  const evidence: Record<string, EvidenceValue> = {
    se_count: gains.length,
    main_measure: main?.id ?? null,
    deal_share_of_base: spread(dealShares),
    ten_points_share_of_base: spread(tenShares),
    thresholds: { min_deal_share_of_base: config.noise.minDealShareOfBase, min_ten_points_share_of_base: config.noise.minTenPointsShareOfBase },
    people: gains.map((g) => ({
      person_id: g.person.id,
      currency: g.person.currency,
      base_salary: money(g.base, g.person.currency, org),
      reference_deal: { deal_id: g.reference.id, amount: money(g.reference.amount, g.reference.currency, org), currency: g.reference.currency },
      deal_gain: money(g.dealGain, g.person.currency, org),
      ten_points_gain: g.tenGain ? money(g.tenGain, g.person.currency, org) : null,
      deal_share_of_base: num(g.dealShare),
      ten_points_share_of_base: g.tenShare ? num(g.tenShare) : null,
    })),
  };
  if (missingBase.length > 0) evidence.missing_base_salary = missingBase;
  const parts = [
    `one more supported deal the size of their median deal is worth a median ${pct(dealMedian, 2)} of base salary a year${dealLow ? ` (below ${pct(minDeal, 2)})` : ''}`,
  ];
  if (tenMedian !== undefined && main) parts.push(`+10 points of ${main.id} attainment ${pct(tenMedian, 2)}${tenLow ? ` (below ${pct(minTen, 2)})` : ''}`);
  // How much more pay per unit of effort would clear the thresholds.
  const needed = [dealLow && dealMedian.sign() > 0 ? minDeal.div(dealMedian) : undefined, tenLow && tenMedian && tenMedian.sign() > 0 ? minTen.div(tenMedian) : undefined].reduce<Rational | undefined>(
    (a, b) => (b === undefined ? a : a === undefined || b.gt(a) ? b : a),
    undefined,
  );
  const lever = needed ? `about ×${formatRatio(needed, 1)}` : 'well above its current level';
  const ways: string[] = [];
  if (main?.credit === 'territory') ways.push(`credit ${main.id} on a unit the SE moves (their pod, or the deals they work) rather than a territory`);
  if (main?.credit === 'pod') ways.push(`credit ${main.id} on the deals the SE works (overlay or split) or on smaller pods`);
  ways.push('move weight to measures one deal moves visibly (technical wins)', 'raise target_incentive toward the top of the 15–30% band');
  return [
    {
      rule: 'noise',
      severity: dealLow && (tenLow || tenMedian === undefined) ? 'high' : 'medium',
      plan: plan.id,
      measure: tenLow && !dealLow ? main?.id : undefined,
      message: `For the ${plural(gains.length, 'SE')} on ${plan.id}, ${parts.join('; ')}.`,
      why: WHY,
      evidence,
      fix: `Raise what a unit of the SE's own effort pays by ${lever}: ${ways.join('; ')}.`,
    },
  ];
}
