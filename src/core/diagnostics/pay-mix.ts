/**
 * Pay mix: each SE's variable share of on-target earnings, target_incentive / (base_salary +
 * target_incentive), against the band for their level (`pay_mix.by_level`) or the default band
 * (`pay_mix.min`..`max`, 15–30%).
 */
import type { Plan } from '../model.js';
import { ONE, type Rational } from '../rational.js';
import { exact, listText, median, money, moneyText, num, pct, plural, seMembers, spread } from './common.js';
import type { DiagnosticsInput, EvidenceValue, Finding } from './types.js';

const WHY =
  'The essay puts SE variable at 15–30% of OTE: below the band the variable is too small to move behaviour, above it an SE’s pay swings on deals they influence but do not close.';

interface Row {
  readonly id: string;
  readonly level: string;
  readonly currency: string;
  readonly base: Rational;
  readonly ti: Rational;
  readonly share: Rational;
  readonly min: Rational;
  readonly max: Rational;
}

/**
 * Flags a plan whose SEs ${outside.length === 1 ? 'has' : 'have'} a variable share of OTE outside their band: high when more than half
 * of them are outside, medium otherwise; info for SEs without a base salary.
 */
export function payMix(input: DiagnosticsInput, plan: Plan): Finding[] {
  const { config, org } = input;
  const people = seMembers(input, plan).map((m) => m.person);
  if (people.length === 0) return [];
  const rows: Row[] = [];
  const missing: string[] = [];
  for (const p of people) {
    const base = p.baseSalary;
    const ti = p.targetIncentive;
    if (base === undefined || ti === undefined || base.add(ti).sign() <= 0) {
      missing.push(p.id);
      continue;
    }
    const band = Object.hasOwn(config.payMix.byLevel, p.level) ? config.payMix.byLevel[p.level] : undefined;
    rows.push({
      id: p.id,
      level: p.level,
      currency: p.currency,
      base,
      ti,
      share: ti.div(base.add(ti)),
      min: exact(band?.min ?? config.payMix.min),
      max: exact(band?.max ?? config.payMix.max),
    });
  }
  const findings: Finding[] = [];
  const outside = rows.filter((r) => r.share.lt(r.min) || r.share.gt(r.max));
  if (outside.length > 0) {
    const shares = rows.map((r) => r.share);
    const suggested = (r: Row): Rational => {
      // TI that puts the share on the nearest band edge b: TI / (base + TI) = b ⇔ TI = base × b / (1 − b).
      const b = r.share.lt(r.min) ? r.min : r.max;
      return r.base.mul(b).div(ONE.sub(b));
    };
    const levelBands = Object.keys(config.payMix.byLevel).sort();
    const evidence: Record<string, EvidenceValue> = {
      se_count: rows.length,
      outside_count: outside.length,
      share_of_ote: spread(shares),
      band: { min: config.payMix.min, max: config.payMix.max },
      by_level: Object.fromEntries(levelBands.map((l) => [l, { min: config.payMix.byLevel[l]?.min ?? null, max: config.payMix.byLevel[l]?.max ?? null }])),
      outside: outside.map((r) => ({
        person_id: r.id,
        level: r.level,
        share_of_ote: num(r.share),
        band: { min: num(r.min), max: num(r.max) },
        currency: r.currency,
        base_salary: money(r.base, r.currency, org),
        target_incentive: money(r.ti, r.currency, org),
        suggested_target_incentive: money(suggested(r), r.currency, org),
      })),
    };
    if (missing.length > 0) evidence.missing_base_salary = missing;
    const named = outside.map((r) => `${r.id} ${pct(r.share)} (band ${pct(r.min, 0)}–${pct(r.max, 0)})`);
    findings.push({
      rule: 'pay-mix',
      severity: outside.length * 2 > rows.length ? 'high' : 'medium',
      plan: plan.id,
      message: `${outside.length} of ${plural(rows.length, 'SE')} on ${plan.id} ${outside.length === 1 ? 'has' : 'have'} a variable share of OTE outside their band: ${listText(named)}; the plan's median share is ${pct(median(shares) ?? ONE)}.`,
      why: WHY,
      evidence,
      fix: `Set target_incentive in people.csv so variable sits inside the band: ${listText(outside.map((r) => `${r.id} ${moneyText(suggested(r), r.currency, org)} (now ${moneyText(r.ti, r.currency, org)})`))}${outside.length > 5 ? ' (each person’s figure is in the evidence)' : ''}; or, if the level rightly carries another mix, give it a band under diagnostics.pay_mix.by_level in org.yaml.`,
    });
  }
  if (missing.length > 0 && outside.length === 0) {
    findings.push({
      rule: 'pay-mix',
      severity: 'info',
      plan: plan.id,
      message: `Pay mix could not be checked for ${plural(missing.length, 'SE')} on ${plan.id} without a base_salary: ${listText(missing)}.`,
      why: WHY,
      evidence: { se_count: people.length, checked: rows.length, missing_base_salary: missing },
      fix: 'Fill in base_salary in people.csv for these people.',
    });
  }
  return findings;
}
