import { activeDaysIn, buildAssignments, isActiveOn, type Assignment } from './assignments.js';
import { computeCredits } from './credits.js';
import type { Day } from './dates.js';
import { passesFilter } from './filter.js';
import { formatMoney, formatRatio, roundMoney } from './format.js';
import { convert } from './fx.js';
import type { Adjustment, Org } from './model.js';
import { parseOrg } from './parse-org.js';
import { dayInPeriod, MONTHS_IN, periodContains, type Period } from './periods.js';
import { Rational } from './rational.js';
import { LineCalculator, type MeasureLine } from './statements.js';

/** `tandem calc --period P --json` without the measures' `trace`. */
export interface OracleOutput {
  org: string;
  period: string;
  currency: string;
  statements: OracleStatement[];
}

export interface OracleStatement {
  person_id: string;
  plan: string;
  period: string;
  currency: string;
  target_incentive: string;
  measures: OracleMeasure[];
  spiffs: OracleSpiff[];
  adjustments: OracleAdjustment[];
  total: string;
}

export interface OracleMeasure {
  id: string;
  credited: string;
  quota: string;
  attainment: string;
  factor: string;
  payout: string;
  balance?: string;
}

export interface OracleSpiff {
  id: string;
  deal_id: string;
  payout: string;
}

export interface OracleAdjustment {
  period: string;
  amount: string;
  reason: string;
  approver: string;
}

/** A statement before formatting: exact numbers, rounded lines. */
interface Statement {
  readonly a: Assignment;
  readonly period: Period;
  readonly ti: Rational;
  readonly lines: readonly MeasureLine[];
  readonly spiffs: { id: string; dealId: string; payout: Rational }[];
  readonly adjustments: Adjustment[];
}

export function oracleCalc(files: Readonly<Record<string, string>>, period: string): OracleOutput {
  const org = parseOrg(files);
  const requested = org.calendar.parse(period);
  const statements = allStatements(org);
  addSpiffs(org, statements);
  addAdjustments(org, statements);
  return {
    org: org.name,
    period: requested.label,
    currency: org.currency,
    statements: statements
      .filter((s) => periodContains(requested, s.period))
      .sort(statementOrder)
      .map((s) => formatStatement(org, s)),
  };
}

/**
 * Every statement of every payout period with an active day, whatever period was asked for: like
 * `validate`, a missing quota, score or rate anywhere is an error.
 */
function allStatements(org: Org): Statement[] {
  const assignments = buildAssignments(org);
  const calculator = new LineCalculator(org, computeCredits(org, assignments));
  return assignments.flatMap((a) =>
    org.calendar.periodsBetween(a.plan.payoutPeriod, a.from, a.to).map(
      (period): Statement => ({
        a,
        period,
        ti: calculator.targetIncentive(a, period),
        lines: a.plan.measures.map((m) => calculator.line(a, m, period)),
        spiffs: [],
        adjustments: [],
      }),
    ),
  );
}

function compareText(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

function statementOrder(x: Statement, y: Statement): number {
  return (
    compareText(x.a.person.id, y.a.person.id) ||
    x.period.start - y.period.start ||
    compareText(x.a.plan.id, y.a.plan.id) ||
    x.a.plan.from - y.a.plan.from
  );
}

// ---- SPIFs ----

/** The person's statement for the payout period containing `day`: the one whose plan is active that day, else the first. */
function spiffStatement(statements: readonly Statement[], personId: string, day: Day): Statement | undefined {
  const candidates = statements.filter((s) => s.a.person.id === personId && dayInPeriod(day, s.period)).sort(statementOrder);
  return candidates.find((s) => isActiveOn(s.a, day)) ?? candidates[0];
}

function addSpiffs(org: Org, statements: readonly Statement[]): void {
  const dealsById = [...org.deals].sort((x, y) => compareText(x.id, y.id));
  for (const spiff of org.spiffs) {
    for (const deal of dealsById) {
      const close = deal.closeDate;
      if (close === undefined || !dayInPeriod(close, spiff.period) || !passesFilter(spiff.filter, deal)) continue;
      const memberIds = org.team.filter((m) => m.dealId === deal.id).map((m) => m.personId);
      const recipients = [...new Set([deal.ownerId, ...memberIds])];
      for (const personId of recipients) {
        const person = org.people.find((p) => p.id === personId);
        if (person === undefined || (spiff.roles !== undefined && !spiff.roles.includes(person.role))) continue;
        const statement = spiffStatement(statements, personId, close);
        if (statement === undefined) continue; // not paid: no statement (warning)
        const award =
          spiff.perDeal !== undefined
            ? convert(org.fx, org.currency, spiff.perDeal, org.currency, person.currency, close)
            : (spiff.percentOfAmount ?? Rational.ZERO).mul(convert(org.fx, org.currency, deal.amount, deal.currency, person.currency, close));
        statement.spiffs.push({ id: spiff.id, dealId: deal.id, payout: roundMoney(award, person.currency, org.rounding) });
      }
    }
  }
}

// ---- Adjustments ----

/** The last active day of the statement's assignment inside `p`, or undefined when none. */
function lastActiveDayIn(s: Statement, p: Period): Day | undefined {
  return activeDaysIn(s.a, p) > 0 ? Math.min(s.a.to, p.end) : undefined;
}

function adjustmentStatement(statements: readonly Statement[], adj: Adjustment): Statement {
  const mine = statements.filter((s) => s.a.person.id === adj.personId);
  const what = `adjustment ${adj.personId} ${adj.period.label}`;
  const tooShort = mine.some(
    (s) => s.period.start <= adj.period.end && adj.period.start <= s.period.end && MONTHS_IN[s.period.kind] < MONTHS_IN[adj.period.kind],
  );
  if (tooShort) throw new Error(`${what}: period longer than a payout period`);
  const candidates = mine.filter((s) => periodContains(s.period, adj.period));
  const [only, second] = candidates;
  if (only === undefined) throw new Error(`${what}: lands on no statement`);
  if (second === undefined) return only;
  const ranked = candidates
    .map((s) => ({ s, last: lastActiveDayIn(s, adj.period) }))
    .filter((x): x is { s: Statement; last: Day } => x.last !== undefined)
    .sort((x, y) => y.last - x.last);
  const best = ranked[0];
  if (best === undefined) throw new Error(`${what}: no candidate plan is active inside the period`);
  return best.s;
}

function addAdjustments(org: Org, statements: readonly Statement[]): void {
  for (const adj of org.adjustments) adjustmentStatement(statements, adj).adjustments.push(adj);
}

// ---- Output ----

function formatStatement(org: Org, s: Statement): OracleStatement {
  const currency = s.a.person.currency;
  const money = (x: Rational): string => formatMoney(x, currency, org.rounding);
  const adjustments = [...s.adjustments].sort(
    (x, y) =>
      x.period.start - y.period.start ||
      MONTHS_IN[x.period.kind] - MONTHS_IN[y.period.kind] ||
      x.amount.cmp(y.amount) ||
      compareText(x.reason, y.reason) ||
      compareText(x.approver, y.approver),
  );
  const adjustmentLines = adjustments.map((adj) => roundMoney(adj.amount, currency, org.rounding));
  const total = Rational.sum([...s.lines.map((l) => l.payout), ...s.spiffs.map((x) => x.payout), ...adjustmentLines]);
  return {
    person_id: s.a.person.id,
    plan: s.a.plan.id,
    period: s.period.label,
    currency,
    target_incentive: money(s.ti),
    measures: s.lines.map((line) => formatMeasure(line, money)),
    spiffs: s.spiffs.map((x) => ({ id: x.id, deal_id: x.dealId, payout: money(x.payout) })),
    adjustments: adjustments.map((adj, i) => ({
      period: adj.period.label,
      amount: money(adjustmentLines[i] ?? adj.amount),
      reason: adj.reason,
      approver: adj.approver,
    })),
    total: money(total),
  };
}

function formatMeasure(line: MeasureLine, money: (x: Rational) => string): OracleMeasure {
  const metric = line.measure.metric;
  const amount = (x: Rational): string => (metric === 'bookings' ? money(x) : formatRatio(x));
  const out: OracleMeasure = {
    id: line.measure.id,
    credited: amount(line.credited),
    quota: metric === 'mbo' ? '1' : amount(line.quota),
    attainment: formatRatio(line.attainment),
    factor: formatRatio(line.factor),
    payout: money(line.payout),
  };
  if (line.balance !== undefined) out.balance = money(line.balance);
  return out;
}
