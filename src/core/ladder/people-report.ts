/**
 * The people report: where the ladder is not working, from the org's own records, as of a day.
 *
 * - tenure_promotions: promotions (and track changes) where the person did not meet the new level's
 *   bar at the time: a deciding rating below the expectation or missing, or an assessable evidence
 *   minimum not met over its window ending on the promotion date. A promotion with no rating at all
 *   before it cannot be judged and is counted, not listed.
 * - stuck: people at one level for `stuckYears` or more whose ratings meet a next level's
 *   expectations, or exceed their own level's on every competency (rated at the top of the band).
 * - no_conversation: people with no career-path conversation in the last `conversationMonths`
 *   (people hired less than `newHireDays` ago are not listed).
 * - compa_ratio: base ÷ band midpoint and range penetration (base − min) ÷ (max − min).
 * - pay_equity: per `attr_*` column, the gap in base salary of each group against the largest,
 *   raw (within level) and adjusted (for level, location, currency and tenure), by least squares
 *   on log base salary. Statistics, not money: computed in floating point and rounded to 4 places.
 * - parity: SE against AE recognition: President's Club qualification rates, SPIF awards per head.
 *
 * Scope: people whose level is a ladder level and who are employed on the as-of day.
 */
import { addMonths, formatDay, type Day } from '../dates.js';
import { isAeRole, isSeRole } from '../diagnostics/common.js';
import type { Person } from '../model.js';
import { formatRatio, Rational } from '../rational.js';
import { recognize } from '../recognition.js';
import type { Statement } from '../statement.js';
import type { Band, LevelChange } from './model.js';
import { competencyJson, type CareerData, type CompetencyJson } from './person-reports.js';
import { checkLevel, meetingSince, ratingsMeet } from './readiness.js';
import { leastSquares } from './regression.js';

export interface PeopleReportOptions {
  readonly asOf: Day;
  /** Years at one level before someone meeting the next level counts as stuck (default 3). */
  readonly stuckYears: number;
  /** Months without a path conversation before someone is listed (default 12). */
  readonly conversationMonths: number;
  /** People hired fewer days ago than this are not listed for a missing conversation (default 90). */
  readonly newHireDays: number;
  /** An adjusted pay gap at least this large (a fraction) is flagged (default 0.05). */
  readonly payEquityGap: number;
  /** Both groups need at least this many people for a gap to be flagged (default 5). */
  readonly payEquityMinGroup: number;
  /** SE SPIF awards per head below this share of the AEs' are flagged (default 0.5). */
  readonly spiffPerHeadShare: number;
}

export const DEFAULT_PEOPLE_OPTIONS: Omit<PeopleReportOptions, 'asOf'> = {
  stuckYears: 3,
  conversationMonths: 12,
  newHireDays: 90,
  payEquityGap: 0.05,
  payEquityMinGroup: 5,
  spiffPerHeadShare: 0.5,
};

export interface TenurePromotion {
  readonly person_id: string;
  readonly name: string;
  readonly date: string;
  readonly kind: string;
  readonly from_level: string;
  readonly to_level: string;
  readonly packet: string;
  readonly years_at_previous_level: number | null;
  readonly gaps: readonly CompetencyJson[];
}

export interface Stuck {
  readonly person_id: string;
  readonly name: string;
  readonly level: string;
  readonly level_since: string;
  readonly years_at_level: number;
  /** `meets_next_level` or `top_of_band`. */
  readonly reason: string;
  readonly next_level: string | null;
  readonly meeting_next_since: string | null;
  readonly message: string;
}

export interface NoConversation {
  readonly person_id: string;
  readonly name: string;
  readonly level: string;
  readonly manager_id: string;
  readonly last_conversation: string | null;
  readonly months_since: number | null;
}

export interface CompaRatio {
  readonly person_id: string;
  readonly name: string;
  readonly level: string;
  readonly location: string;
  readonly currency: string;
  readonly base_salary: string;
  readonly band: { readonly min: string; readonly mid: string; readonly max: string; readonly line: number } | null;
  readonly compa_ratio: number | null;
  readonly range_penetration: number | null;
  /** below | within | above the band, or no_band. */
  readonly position: string;
}

export interface PayEquityGroup {
  readonly attribute: string;
  readonly group: string;
  readonly reference: string;
  readonly n_group: number;
  readonly n_reference: number;
  /** exp(coefficient) − 1 with level only: the raw gap within level. */
  readonly raw_gap: number | null;
  /** With level, location, currency and tenure. */
  readonly adjusted_gap: number | null;
  readonly flagged: boolean;
  /** Per level: the group's and the reference's median compa-ratio (where bands exist). */
  readonly by_level: readonly { readonly level: string; readonly n_group: number; readonly n_reference: number; readonly median_compa_group: number | null; readonly median_compa_reference: number | null }[];
}

export interface ParityEntry {
  readonly group: string;
  readonly kind: 'club' | 'spiff';
  readonly program: string;
  readonly year: number;
  readonly se: { readonly heads: number; readonly count: number; readonly per_head: number; readonly eligible: boolean };
  readonly ae: { readonly heads: number; readonly count: number; readonly per_head: number; readonly eligible: boolean };
  readonly flagged: boolean;
  readonly message: string;
}

export interface PeopleReport {
  readonly ladder: string;
  readonly as_of: string;
  readonly in_scope: number;
  readonly settings: Omit<PeopleReportOptions, 'asOf'>;
  readonly tenure_promotions: readonly TenurePromotion[];
  /** Promotions that could not be judged: no rating at all before them. */
  readonly unassessed_promotions: number;
  readonly stuck: readonly Stuck[];
  readonly no_conversation: readonly NoConversation[];
  readonly compa_ratio: readonly CompaRatio[];
  readonly pay_equity: readonly PayEquityGroup[];
  readonly parity: readonly ParityEntry[];
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
const years = (from: Day, to: Day) => round4((to - from) / 365.25);

function isActive(p: Person, asOf: Day): boolean {
  return (p.hireDate === undefined || p.hireDate <= asOf) && (p.endDate === undefined || p.endDate >= asOf);
}

/** When the person reached their current level: level_since, else the latest change to it, else hire. */
export function levelSince(p: Person, changes: readonly LevelChange[], asOf: Day): Day | undefined {
  if (p.levelSince !== undefined) return p.levelSince;
  const latest = changes.filter((c) => c.toLevel === p.level && c.date <= asOf).at(-1);
  return latest?.date ?? p.hireDate;
}

/** Level changes per person, each list by date (file order for ties). */
function historyByPerson(changes: readonly LevelChange[]): Map<string, LevelChange[]> {
  const out = new Map<string, LevelChange[]>();
  for (const c of changes) {
    const list = out.get(c.personId);
    if (list) list.push(c);
    else out.set(c.personId, [c]);
  }
  for (const list of out.values()) list.sort((a, b) => a.date - b.date || a.line - b.line);
  return out;
}

export function peopleReport(data: CareerData, statements: readonly Statement[], options: PeopleReportOptions): PeopleReport {
  const { asOf } = options;
  const scope = data.org.people.filter((p) => data.index.levels.has(p.level) && isActive(p, asOf)).sort((a, b) => (a.id < b.id ? -1 : 1));
  const compName = (id: string) => data.index.competencies.get(id)?.name ?? id;

  // Tenure promotions.
  const tenure: TenurePromotion[] = [];
  let unassessed = 0;
  const byPerson = historyByPerson(data.career.levelHistory);
  const history = [...byPerson.keys()].sort().flatMap((id) => byPerson.get(id) ?? []);
  for (const change of history) {
    if ((change.kind !== 'promotion' && change.kind !== 'track_change') || change.date > asOf) continue;
    const person = data.people.get(change.personId);
    const level = data.index.levels.get(change.toLevel);
    if (!person || !level) continue;
    const rated = level.evaluation.some((item) => data.ratings.decisive(person.id, item.competency, change.date) !== undefined);
    if (!rated) {
      unassessed++;
      continue;
    }
    const checks = checkLevel(data.source, data.ratings, person, level, change.date, compName);
    const gaps = checks.filter((c) => !c.met).map(competencyJson);
    if (gaps.length === 0) continue;
    const previous = (byPerson.get(person.id) ?? []).filter((c) => c.date < change.date).at(-1)?.date ?? person.hireDate;
    tenure.push({
      person_id: person.id,
      name: person.name,
      date: formatDay(change.date),
      kind: change.kind,
      from_level: change.fromLevel,
      to_level: change.toLevel,
      packet: change.packet,
      years_at_previous_level: previous === undefined ? null : years(previous, change.date),
      gaps,
    });
  }

  // Stuck.
  const stuck: Stuck[] = [];
  for (const p of scope) {
    const since = levelSince(p, byPerson.get(p.id) ?? [], asOf);
    const level = data.index.levels.get(p.level);
    if (since === undefined || !level || addMonths(since, 12 * options.stuckYears) > asOf) continue;
    const next = data.index.next(level.id).find((l) => ratingsMeet(data.ratings, p.id, l, asOf));
    const top = !next && ratingsMeet(data.ratings, p.id, level, asOf, 1);
    if (!next && !top) continue;
    const y = years(since, asOf);
    const meeting = next ? meetingSince(data.ratings, p.id, next, asOf) : undefined;
    stuck.push({
      person_id: p.id,
      name: p.name,
      level: level.id,
      level_since: formatDay(since),
      years_at_level: y,
      reason: next ? 'meets_next_level' : 'top_of_band',
      next_level: next?.id ?? null,
      meeting_next_since: meeting === undefined ? null : formatDay(meeting),
      message: next
        ? `${y.toFixed(1)} years at ${level.id}; ratings meet ${next.id} on every competency${meeting === undefined ? '' : ` (since ${formatDay(meeting)})`}`
        : `${y.toFixed(1)} years at ${level.id}; rated above ${level.id}'s expectation on every competency`,
    });
  }

  // No path conversation.
  const lastConversation = new Map<string, Day>();
  for (const c of data.career.conversations) {
    if (c.date > asOf) continue;
    const prev = lastConversation.get(c.personId);
    if (prev === undefined || c.date > prev) lastConversation.set(c.personId, c.date);
  }
  const conversationFrom = addMonths(asOf, -options.conversationMonths);
  const noConversation: NoConversation[] = [];
  for (const p of scope) {
    if (p.hireDate !== undefined && asOf - p.hireDate < options.newHireDays) continue;
    const last = lastConversation.get(p.id);
    if (last !== undefined && last > conversationFrom) continue;
    noConversation.push({
      person_id: p.id,
      name: p.name,
      level: p.level,
      manager_id: p.managerId,
      last_conversation: last === undefined ? null : formatDay(last),
      months_since: last === undefined ? null : monthsBetween(last, asOf),
    });
  }

  const compa = scope.map((p) => compaRatio(p, bandFor(data.career.bands, p, asOf)));
  const compaById = new Map(compa.map((c) => [c.person_id, c.compa_ratio]));

  return {
    ladder: data.ladder.id,
    as_of: formatDay(asOf),
    in_scope: scope.length,
    settings: {
      stuckYears: options.stuckYears,
      conversationMonths: options.conversationMonths,
      newHireDays: options.newHireDays,
      payEquityGap: options.payEquityGap,
      payEquityMinGroup: options.payEquityMinGroup,
      spiffPerHeadShare: options.spiffPerHeadShare,
    },
    tenure_promotions: tenure,
    unassessed_promotions: unassessed,
    stuck,
    no_conversation: noConversation,
    compa_ratio: compa,
    pay_equity: payEquity(data, options, compaById),
    parity: parity(data, statements, options),
  };
}

function monthsBetween(from: Day, to: Day): number {
  let m = 0;
  while (addMonths(from, m + 1) <= to) m++;
  return m;
}

/** The band for a person: their level, their location (else a band with blank location), their currency, the latest in effect. */
export function bandFor(bands: readonly Band[], p: Person, asOf: Day): Band | undefined {
  const candidates = bands.filter((b) => b.level === p.level && b.currency === p.currency && (b.effectiveFrom === undefined || b.effectiveFrom <= asOf));
  const exact = candidates.filter((b) => b.location !== '' && b.location === p.location);
  const pool = exact.length > 0 ? exact : candidates.filter((b) => b.location === '');
  return pool.reduce<Band | undefined>((best, b) => (best === undefined || (b.effectiveFrom ?? -Infinity) > (best.effectiveFrom ?? -Infinity) ? b : best), undefined);
}

function compaRatio(p: Person, band: Band | undefined): CompaRatio {
  const base = p.baseSalary;
  const money = (r: Rational) => formatRatio(r, 2);
  const common = { person_id: p.id, name: p.name, level: p.level, location: p.location, currency: p.currency, base_salary: base ? money(base) : '' };
  if (!band || !base || band.baseMid.isZero()) return { ...common, band: null, compa_ratio: null, range_penetration: null, position: 'no_band' };
  const width = band.baseMax.sub(band.baseMin);
  const compa = Number(formatRatio(base.div(band.baseMid), 4));
  const penetration = width.isZero() ? null : Number(formatRatio(base.sub(band.baseMin).div(width), 4));
  const position = base.lt(band.baseMin) ? 'below' : base.gt(band.baseMax) ? 'above' : 'within';
  return { ...common, band: { min: money(band.baseMin), mid: money(band.baseMid), max: money(band.baseMax), line: band.line }, compa_ratio: compa, range_penetration: penetration, position };
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return round4(s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2);
}

function payEquity(data: CareerData, options: PeopleReportOptions, compaById: ReadonlyMap<string, number | null>): PayEquityGroup[] {
  const { asOf } = options;
  const people = data.org.people.filter((p) => isActive(p, asOf) && p.baseSalary !== undefined && p.baseSalary.sign() > 0 && p.level !== '').sort((a, b) => (a.id < b.id ? -1 : 1));
  const attributes = [...new Set(people.flatMap((p) => Object.keys(p.attrs)))].sort();
  const out: PayEquityGroup[] = [];
  for (const attribute of attributes) {
    const rows = people.filter((p) => (p.attrs[attribute] ?? '') !== '');
    const counts = new Map<string, number>();
    for (const p of rows) counts.set(p.attrs[attribute] ?? '', (counts.get(p.attrs[attribute] ?? '') ?? 0) + 1);
    const groups = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const reference = groups[0]?.[0];
    if (reference === undefined || groups.length < 2) continue;
    const others = groups.slice(1).map(([g]) => g);
    const y = rows.map((p) => Math.log(Number(formatRatio(p.baseSalary ?? Rational.fromInt(1), 2))));
    const dummies = (key: (p: Person) => string) => {
      const values = [...new Set(rows.map(key))].sort().slice(1);
      return values.map((v) => rows.map((p) => (key(p) === v ? 1 : 0)));
    };
    const groupCols = others.map((g) => rows.map((p) => (p.attrs[attribute] === g ? 1 : 0)));
    const levelCols = dummies((p) => p.level);
    const tenure = rows.map((p) => (p.hireDate === undefined ? 0 : (asOf - p.hireDate) / 365.25));
    const raw = leastSquares(y, [...groupCols, ...levelCols]);
    const adjusted = leastSquares(y, [...groupCols, ...levelCols, ...dummies((p) => p.location), ...dummies((p) => p.currency), tenure]);
    others.forEach((g, i) => {
      const nGroup = counts.get(g) ?? 0;
      const nRef = counts.get(reference) ?? 0;
      const rawB = raw?.[i];
      const adjB = adjusted?.[i];
      const rawGap = rawB === undefined || rawB === null ? null : round4(Math.exp(rawB) - 1);
      const adjustedGap = adjB === undefined || adjB === null ? null : round4(Math.exp(adjB) - 1);
      const levels = [...new Set(rows.filter((p) => data.index.levels.has(p.level)).map((p) => p.level))].sort();
      out.push({
        attribute,
        group: g,
        reference,
        n_group: nGroup,
        n_reference: nRef,
        raw_gap: rawGap,
        adjusted_gap: adjustedGap,
        flagged: adjustedGap !== null && Math.abs(adjustedGap) >= options.payEquityGap && nGroup >= options.payEquityMinGroup && nRef >= options.payEquityMinGroup,
        by_level: levels.map((level) => {
          const inLevel = rows.filter((p) => p.level === level);
          const compaOf = (value: string) => inLevel.filter((p) => p.attrs[attribute] === value).map((p) => compaById.get(p.id)).filter((c): c is number => typeof c === 'number');
          return {
            level,
            n_group: inLevel.filter((p) => p.attrs[attribute] === g).length,
            n_reference: inLevel.filter((p) => p.attrs[attribute] === reference).length,
            median_compa_group: median(compaOf(g)),
            median_compa_reference: median(compaOf(reference)),
          };
        }),
      });
    });
  }
  return out;
}

function parity(data: CareerData, statements: readonly Statement[], options: PeopleReportOptions): ParityEntry[] {
  const config = data.org.settings.diagnostics;
  const inYear = statements.filter((s) => s.period.from <= options.asOf && s.period.to >= options.asOf);
  const year = inYear[0]?.period.fy ?? statements.filter((s) => s.period.to <= options.asOf).reduce((y, s) => Math.max(y, s.period.fy), -Infinity);
  if (!Number.isFinite(year)) return [];
  const yearStatements = statements.filter((s) => s.period.fy === year);
  const heads = (pred: (role: string) => boolean) => new Set(yearStatements.filter((s) => pred(s.person.role)).map((s) => s.person.id)).size;
  const seHeads = heads((r) => isSeRole(r, config));
  const aeHeads = heads((r) => isAeRole(r, config));
  const perHead = (count: number, n: number) => (n === 0 ? 0 : round4(count / n));
  const out: ParityEntry[] = [];
  for (const result of recognize(data.org, statements, year)) {
    const sum = (pred: (role: string) => boolean) =>
      result.byRole.filter((r) => pred(r.role)).reduce((a, r) => ({ evaluated: a.evaluated + r.evaluated, qualified: a.qualified + r.qualified }), { evaluated: 0, qualified: 0 });
    const se = sum((r) => isSeRole(r, config));
    const ae = sum((r) => isAeRole(r, config));
    const seEligible = result.program.criteria.some((c) => c.roles.some((r) => isSeRole(r, config)));
    const aeEligible = result.program.criteria.some((c) => c.roles.some((r) => isAeRole(r, config)));
    const seRate = perHead(se.qualified, se.evaluated);
    const aeRate = perHead(ae.qualified, ae.evaluated);
    const flagged = (aeEligible && !seEligible) || (seEligible && aeEligible && aeRate - seRate > config.parity.maxRateGap);
    out.push({
      group: 'SE vs AE',
      kind: 'club',
      program: result.program.id,
      year,
      se: { heads: se.evaluated, count: se.qualified, per_head: seRate, eligible: seEligible },
      ae: { heads: ae.evaluated, count: ae.qualified, per_head: aeRate, eligible: aeEligible },
      flagged,
      message: !seEligible
        ? `${result.program.name}: SEs are not eligible; ${ae.qualified} of ${ae.evaluated} AEs qualified`
        : `${result.program.name}: ${se.qualified} of ${se.evaluated} SEs qualified (${(seRate * 100).toFixed(1)}%) against ${ae.qualified} of ${ae.evaluated} AEs (${(aeRate * 100).toFixed(1)}%)`,
    });
  }
  for (const spiff of data.org.spiffs.filter((s) => s.period.fy === year)) {
    const awards = (pred: (role: string) => boolean) => yearStatements.filter((s) => pred(s.person.role)).reduce((n, s) => n + s.spiffs.filter((l) => l.spiff === spiff).length, 0);
    const seAwards = awards((r) => isSeRole(r, config));
    const aeAwards = awards((r) => isAeRole(r, config));
    const seEligible = spiff.roles === undefined || spiff.roles.some((r) => isSeRole(r, config));
    const aeEligible = spiff.roles === undefined || spiff.roles.some((r) => isAeRole(r, config));
    const sePer = perHead(seAwards, seHeads);
    const aePer = perHead(aeAwards, aeHeads);
    const flagged = aeAwards > 0 && (!seEligible || sePer < aePer * options.spiffPerHeadShare);
    out.push({
      group: 'SE vs AE',
      kind: 'spiff',
      program: spiff.id,
      year,
      se: { heads: seHeads, count: seAwards, per_head: sePer, eligible: seEligible },
      ae: { heads: aeHeads, count: aeAwards, per_head: aePer, eligible: aeEligible },
      flagged,
      message: `${spiff.name}: ${seAwards} awards to ${seHeads} SEs (${sePer} per head)${seEligible ? '' : ', SEs not eligible'}; ${aeAwards} awards to ${aeHeads} AEs (${aePer} per head)`,
    });
  }
  return out;
}

