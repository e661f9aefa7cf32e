import { addMonths, type Day, type DayRange, intersect, rangeDays } from './dates.js';
import type { MboRow, Measure, Person, Plan, QuotaRow } from './model.js';
import { monthsIn, within, type Period } from './periods.js';
import { ONE, Rational, ZERO } from './rational.js';

/** Where a payout period's target came from. */
export interface TargetSource {
  readonly row: QuotaRow;
  /** The row's target divided evenly over the payout periods its period contains. */
  readonly target: Rational;
  /** Number of payout periods the row's period holds (1 when it is the payout period). */
  readonly parts: number;
  readonly viaTeam: boolean;
}

function appliesTo(row: { readonly planId: string | undefined; readonly measureId: string }, plan: Plan, measure: Measure): boolean {
  return row.measureId === measure.id && (row.planId === undefined || row.planId === plan.id);
}

function group<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/** Quota targets from quotas.csv, by person and by team. */
export class QuotaBook {
  private readonly byPerson: Map<string, QuotaRow[]>;
  private readonly byTeam: Map<string, QuotaRow[]>;

  private readonly cache = new Map<string, { rows: readonly QuotaRow[]; viaTeam: boolean }>();

  constructor(rows: readonly QuotaRow[]) {
    this.byPerson = group(
      rows.filter((r) => r.personId !== ''),
      (r) => r.personId,
    );
    this.byTeam = group(
      rows.filter((r) => r.personId === ''),
      (r) => r.team,
    );
  }

  private rowsFor(person: Person, plan: Plan, measure: Measure): { rows: readonly QuotaRow[]; viaTeam: boolean } {
    const key = cacheKey(person, plan, measure);
    let hit = this.cache.get(key);
    if (!hit) {
      const personal = (this.byPerson.get(person.id) ?? []).filter((r) => appliesTo(r, plan, measure));
      const viaTeam = personal.length === 0;
      const rows = viaTeam ? (person.team === '' ? [] : (this.byTeam.get(person.team) ?? []).filter((r) => appliesTo(r, plan, measure))) : personal;
      hit = { rows, viaTeam };
      this.cache.set(key, hit);
    }
    return hit;
  }

  /**
   * The target for `period` (a payout period of `plan`): from the person's own rows, or — when they
   * have no personal row for the measure at all — their team's.
   */
  target(person: Person, plan: Plan, measure: Measure, period: Period): TargetSource | undefined {
    const { rows, viaTeam } = this.rowsFor(person, plan, measure);
    for (const row of rows) {
      if (!within(period, row.period)) continue;
      const parts = monthsIn(row.period.kind) / monthsIn(period.kind);
      return { row, target: row.target.div(Rational.fromInt(parts)), parts, viaTeam };
    }
    return undefined;
  }
}

/** The rows that can give `person` a target for `measure` of `plan` (cached: asked once per period). */
function cacheKey(person: Person, plan: Plan, measure: Measure): string {
  return `${person.id}\u0000${plan.file}\u0000${measure.id}`;
}

/** MBO scores from mbo.csv. */
export class MboBook {
  private readonly byPerson: Map<string, MboRow[]>;

  constructor(rows: readonly MboRow[]) {
    this.byPerson = group(rows, (r) => r.personId);
  }

  /** The score for a payout period: a row for that period or a longer one containing it. */
  score(person: Person, plan: Plan, measure: Measure, period: Period): MboRow | undefined {
    return (this.byPerson.get(person.id) ?? []).find((r) => appliesTo(r, plan, measure) && within(period, r.period));
  }
}

/** One stretch of days with a single ramp fraction (for the trace). */
export interface RampSegment {
  readonly range: DayRange;
  /** 1-based month of tenure; 0 after the ramp. */
  readonly month: number;
  readonly fraction: Rational;
}

/**
 * The ramp over `active`: stretches of days by month of tenure (month k runs from
 * `hire + (k-1) months` to the day before `hire + k months`) with their quota fraction, and the
 * ramp-weighted day count Σ fraction(d).
 */
export function rampDays(hireDate: Day | undefined, ramp: readonly Rational[], active: DayRange): { weightedDays: Rational; segments: RampSegment[] } {
  const days = rangeDays(active);
  if (hireDate === undefined || ramp.length === 0) {
    return { weightedDays: Rational.fromInt(days), segments: [{ range: active, month: 0, fraction: ONE }] };
  }
  const segments: RampSegment[] = [];
  let weighted = ZERO;
  for (let k = 1; k <= ramp.length; k++) {
    const seg = intersect(active, { from: addMonths(hireDate, k - 1), to: addMonths(hireDate, k) - 1 });
    if (!seg) continue;
    const fraction = ramp[k - 1] as Rational;
    segments.push({ range: seg, month: k, fraction });
    weighted = weighted.add(fraction.mul(Rational.fromInt(rangeDays(seg))));
  }
  const after = intersect(active, { from: addMonths(hireDate, ramp.length), to: Number.MAX_SAFE_INTEGER });
  if (after) {
    segments.push({ range: after, month: 0, fraction: ONE });
    weighted = weighted.add(Rational.fromInt(rangeDays(after)));
  }
  return { weightedDays: weighted, segments };
}
