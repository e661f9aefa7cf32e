/**
 * The public JSON shape of `tandem calc --json` (the spec's "Command-line output (core)").
 */
import { formatDay } from './dates.js';
import type { Org } from './model.js';
import type { Period } from './periods.js';
import { minorUnits } from './currency.js';
import { formatMoney, formatRatio } from './rational.js';
import type { MeasureResult, Statement } from './statement.js';
import { creditLines, Formatter, measureSteps, type TraceStep } from './trace.js';

export interface TraceDealJson {
  readonly deal_id: string;
  readonly date: string;
  readonly amount: string;
  readonly share: string;
  readonly rule: string;
  readonly credit: string;
  readonly clawback?: true;
  readonly fx?: { readonly currency: string; readonly amount: string; readonly rate: string };
}

export type TraceEntryJson = TraceDealJson | TraceStep;

export interface MeasureJson {
  readonly id: string;
  readonly credited: string;
  readonly quota: string;
  readonly attainment: string;
  readonly factor: string;
  readonly payout: string;
  readonly balance?: string;
  readonly trace?: readonly TraceEntryJson[];
}

export interface StatementJson {
  readonly person_id: string;
  readonly plan: string;
  readonly period: string;
  readonly currency: string;
  readonly target_incentive: string;
  readonly measures: readonly MeasureJson[];
  readonly spiffs: readonly { readonly id: string; readonly deal_id: string; readonly payout: string }[];
  readonly adjustments: readonly { readonly period: string; readonly amount: string; readonly reason: string; readonly approver: string }[];
  readonly total: string;
}

export interface CalcJson {
  readonly org: string;
  readonly period: string;
  readonly currency: string;
  readonly statements: readonly StatementJson[];
}

/** The trace of one measure: the credited deals, then the arithmetic steps. */
export function measureTrace(s: Statement, m: MeasureResult, org: Org): TraceEntryJson[] {
  const f = new Formatter(s.minorDigits, org);
  const deals: TraceEntryJson[] = [];
  if (m.kind !== 'mbo') {
    const money = m.measure.metric === 'bookings';
    for (const line of creditLines(m.credits)) {
      const entry: TraceDealJson = {
        deal_id: line.deal.id,
        date: formatDay(line.date),
        amount: money ? f.money(line.amount) : formatRatio(line.amount),
        share: formatRatio(line.share),
        rule: line.rule,
        credit: money ? f.money(line.credit) : formatRatio(line.credit),
        ...(line.clawback ? { clawback: true as const } : {}),
        ...(line.fx
          ? {
              fx: {
                currency: line.fx.currency,
                amount: formatMoney(line.fx.amount, minorUnits(line.fx.currency), org.settings.rounding),
                rate: formatRatio(line.fx.factor),
              },
            }
          : {}),
      };
      deals.push(entry);
    }
  }
  return [...deals, ...measureSteps(s, m, org)];
}

/** One statement in the core JSON shape; `trace: false` leaves traces out (smaller, for tests and diffs). */
export function statementJson(s: Statement, org: Org, options: { trace: boolean } = { trace: true }): StatementJson {
  const f = new Formatter(s.minorDigits, org);
  const mode = org.settings.rounding;
  return {
    person_id: s.person.id,
    plan: s.plan.id,
    period: s.period.label,
    currency: s.currency,
    target_incentive: formatMoney(s.ti.ti, s.minorDigits, mode),
    measures: s.measures.map((m) => {
      const money = m.measure.metric === 'bookings';
      const show = (r: typeof m.credited) => (money ? f.money(r) : formatRatio(r));
      return {
        id: m.measure.id,
        credited: show(m.credited),
        quota: show(m.quota),
        attainment: formatRatio(m.attainment),
        factor: formatRatio(m.working.factor),
        payout: f.units(m.payout),
        ...(m.kind === 'ytd' ? { balance: f.units(m.balance) } : {}),
        ...(options.trace ? { trace: measureTrace(s, m, org) } : {}),
      };
    }),
    spiffs: s.spiffs.map((x) => ({ id: x.spiff.id, deal_id: x.deal.id, payout: f.units(x.payout) })),
    adjustments: s.adjustments.map((a) => ({
      period: a.adjustment.period.label,
      amount: f.units(a.payout),
      reason: a.adjustment.reason,
      approver: a.adjustment.approver,
    })),
    total: f.units(s.total),
  };
}

/** `tandem calc --json` output for `period`. */
export function calcJson(org: Org, period: Period, statements: readonly Statement[], options: { trace: boolean } = { trace: true }): CalcJson {
  return {
    org: org.settings.name,
    period: period.label,
    currency: org.settings.currency,
    statements: statements.map((s) => statementJson(s, org, options)),
  };
}
