/**
 * `evidence` and `readiness` for one person: JSON (a public contract, docs/ladder.md) and text.
 */
import { formatDay, type Day } from '../dates.js';
import type { Org, Person } from '../model.js';
import { formatRatio } from '../rational.js';
import { textTable } from '../text-table.js';
import { EvidenceSource, windowEnding } from './evidence.js';
import { isDerivedEvidence, LadderIndex, type Career, type Ladder, type Level, DERIVED_EVIDENCE } from './model.js';
import { checkLevel, meetingSince, Ratings, type CompetencyCheck } from './readiness.js';

/** Everything the ladder reports compute from, built once. */
export interface CareerData {
  readonly org: Org;
  readonly career: Career;
  readonly ladder: Ladder;
  readonly index: LadderIndex;
  readonly source: EvidenceSource;
  readonly ratings: Ratings;
  readonly people: ReadonlyMap<string, Person>;
}

export function careerData(org: Org, career: Career, ladder: Ladder): CareerData {
  return { org, career, ladder, index: new LadderIndex(ladder), source: new EvidenceSource(org, career), ratings: new Ratings(career), people: new Map(org.people.map((p) => [p.id, p])) };
}

/** A person or level the caller asked for that does not fit: a usage problem, not invalid files. */
export class CareerQueryError extends Error {}

function personOf(data: CareerData, personId: string): { person: Person; level: Level } {
  const person = data.people.get(personId);
  if (!person) throw new CareerQueryError(`person "${personId}" is not in people.csv`);
  const level = data.index.levels.get(person.level);
  if (!level) throw new CareerQueryError(`${personId}'s level "${person.level}" is not a level of ladder ${data.ladder.id} (levels: ${[...data.index.levels.keys()].join(', ')})`);
  return { person, level };
}

const name = (data: CareerData) => (id: string) => data.index.competencies.get(id)?.name ?? id;

// ---------------------------------------------------------------- readiness

export interface CompetencyJson {
  readonly competency: string;
  readonly name: string;
  readonly expected: number;
  readonly rating: number | null;
  readonly rating_source: string | null;
  readonly rating_date: string | null;
  readonly self_rating: number | null;
  readonly rating_met: boolean;
  readonly evidence: readonly { readonly type: string; readonly required: string; readonly found: string; readonly window: string; readonly window_quarters: number; readonly assessable: boolean; readonly met: boolean }[];
  readonly met: boolean;
}

export interface ReadinessJson {
  readonly person_id: string;
  readonly name: string;
  readonly level: string;
  readonly target_level: string;
  readonly target_title: string;
  readonly as_of: string;
  /** Every minimum met (ratings and assessable evidence). Informs a review; promotes no one. */
  readonly meets_minimums: boolean;
  /** How long the ratings have met the target without a break, against the level's promotion rule. */
  readonly sustained: { readonly required_quarters: number | null; readonly meeting_since: string | null; readonly quarters: number };
  readonly competencies: readonly CompetencyJson[];
  /** The competencies not met, each with what is expected and what was found. */
  readonly gaps: readonly CompetencyJson[];
}

export function competencyJson(c: CompetencyCheck): CompetencyJson {
  return {
    competency: c.competency,
    name: c.name,
    expected: c.expected,
    rating: c.rating,
    rating_source: c.ratingSource,
    rating_date: c.ratingDate,
    self_rating: c.selfRating,
    rating_met: c.ratingMet,
    evidence: c.evidence.map((e) => ({ type: e.type, required: e.required, found: e.found, window: e.window, window_quarters: e.windowQuarters, assessable: e.assessable, met: e.met })),
    met: c.met,
  };
}

/** Whole quarters from `from` to `to` (3 calendar months each). */
function quartersBetween(from: Day, to: Day): number {
  let q = 0;
  while (windowEnding(to, q + 1).from > from) q++;
  return q;
}

/** Readiness of a person for `targetId` (default: their next level; the first when several). */
export function readiness(data: CareerData, personId: string, asOf: Day, targetId?: string): ReadinessJson {
  const { person, level } = personOf(data, personId);
  let target: Level | undefined;
  if (targetId !== undefined) {
    target = data.index.levels.get(targetId);
    if (!target) throw new CareerQueryError(`--level "${targetId}" is not a level of ladder ${data.ladder.id} (levels: ${[...data.index.levels.keys()].join(', ')})`);
  } else {
    target = data.index.next(level.id)[0];
    if (!target) throw new CareerQueryError(`${level.id} is the top of its track: name the level to check with --level`);
  }
  const checks = checkLevel(data.source, data.ratings, person, target, asOf, name(data));
  const since = meetingSince(data.ratings, person.id, target, asOf);
  const competencies = checks.map(competencyJson);
  return {
    person_id: person.id,
    name: person.name,
    level: level.id,
    target_level: target.id,
    target_title: target.title,
    as_of: formatDay(asOf),
    meets_minimums: checks.length > 0 && checks.every((c) => c.met),
    sustained: { required_quarters: target.promotion?.sustainedQuarters ?? null, meeting_since: since === undefined ? null : formatDay(since), quarters: since === undefined ? 0 : quartersBetween(since, asOf) },
    competencies,
    gaps: competencies.filter((c) => !c.met),
  };
}

export function explainReadiness(r: ReadinessJson): string {
  const rows: string[][] = [['competency', 'expected', 'rating', 'source', 'evidence (found / required)', 'met']];
  for (const c of r.competencies) {
    const ev = c.evidence.map((e) => `${e.type} ${e.found}/${e.required}${e.assessable ? '' : ' (no data)'}`).join('; ') || '—';
    rows.push([c.name, String(c.expected), c.rating === null ? '—' : String(c.rating), c.rating_source ?? 'none', ev, c.met ? 'yes' : 'GAP']);
  }
  let out = `${r.name} (${r.person_id}), ${r.level} → ${r.target_level} ${r.target_title}, as of ${r.as_of}\n\n${textTable(rows, new Set([1, 2])).join('\n')}\n\n`;
  if (r.gaps.length === 0) out += `Every minimum of ${r.target_level} is met.`;
  else {
    out += `${r.gaps.length} gap${r.gaps.length === 1 ? '' : 's'}:\n`;
    for (const g of r.gaps) {
      const parts: string[] = [];
      if (!g.rating_met) parts.push(g.rating === null ? `no ${g.name} rating yet (expected ${g.expected})` : `rated ${g.rating}, expected ${g.expected}`);
      for (const e of g.evidence) if (!e.met) parts.push(`${e.type}: ${e.found} of ${e.required} over ${e.window}`);
      out += `  - ${g.name}: ${parts.join('; ')}\n`;
    }
  }
  const s = r.sustained;
  if (s.meeting_since !== null) out += `\nRatings have met ${r.target_level} since ${s.meeting_since} (${s.quarters} quarter${s.quarters === 1 ? '' : 's'}${s.required_quarters === null ? '' : `; the promotion rule asks for ${s.required_quarters}`}).`;
  return `${out}\nReadiness informs a promotion review; it never promotes anyone.\n`;
}

// ---------------------------------------------------------------- evidence

export interface EvidenceItemJson {
  readonly type: string;
  readonly derived: boolean;
  /** A count, or for win_rate a ratio (decimal string). */
  readonly value: string;
  readonly assessable: boolean;
  readonly items: readonly string[];
  readonly win_rate?: { readonly won: number; readonly decided: number; readonly segment_rate: string | null };
}

export interface EvidenceJson {
  readonly person_id: string;
  readonly name: string;
  readonly level: string;
  readonly as_of: string;
  readonly coverage: { readonly deals_from: string | null; readonly activities_from: string | null };
  readonly windows: readonly { readonly quarters: number; readonly from: string; readonly to: string; readonly evidence: readonly EvidenceItemJson[] }[];
  /** The person's level and the next ones: each evidence minimum against what was found. */
  readonly minimums: readonly { readonly level: string; readonly competencies: readonly CompetencyJson[] }[];
}

export function evidence(data: CareerData, personId: string, asOf: Day): EvidenceJson {
  const { person, level } = personOf(data, personId);
  const quarters = new Set<number>();
  const types = new Set<string>([...DERIVED_EVIDENCE, ...data.source.activityTypes(person.id)]);
  for (const l of data.ladder.levels) {
    for (const item of l.evaluation) {
      for (const req of item.evidence) {
        quarters.add(req.windowQuarters);
        types.add(req.type);
      }
    }
  }
  if (quarters.size === 0) quarters.add(4);
  const ordered = [...types].sort((a, b) => Number(isDerivedEvidence(b)) - Number(isDerivedEvidence(a)) || (a < b ? -1 : a > b ? 1 : 0));
  const windows = [...quarters]
    .sort((a, b) => a - b)
    .map((q) => {
      const w = windowEnding(asOf, q);
      return {
        quarters: q,
        from: formatDay(w.from),
        to: formatDay(w.to),
        evidence: ordered.map((type): EvidenceItemJson => {
          const c = data.source.count(person.id, type, w);
          const base = { type, derived: isDerivedEvidence(type), value: formatRatio(c.value, 4), assessable: c.assessable, items: c.items };
          return c.winRate ? { ...base, win_rate: { won: c.winRate.won, decided: c.winRate.decided, segment_rate: c.winRate.segmentRate === undefined ? null : formatRatio(c.winRate.segmentRate, 4) } } : base;
        }),
      };
    });
  const levels = [level, ...data.index.next(level.id)];
  return {
    person_id: person.id,
    name: person.name,
    level: level.id,
    as_of: formatDay(asOf),
    coverage: {
      deals_from: data.source.dealCoverage === undefined ? null : formatDay(data.source.dealCoverage),
      activities_from: data.source.activityCoverage === undefined ? null : formatDay(data.source.activityCoverage),
    },
    windows,
    minimums: levels.map((l) => ({ level: l.id, competencies: checkLevel(data.source, data.ratings, person, l, asOf, name(data)).map(competencyJson) })),
  };
}

export function explainEvidence(e: EvidenceJson): string {
  let out = `${e.name} (${e.person_id}), ${e.level}, evidence as of ${e.as_of}\n`;
  out += `Data: deals from ${e.coverage.deals_from ?? '(none)'}, activities from ${e.coverage.activities_from ?? '(none)'}; a window that starts earlier is marked "no data".\n`;
  for (const w of e.windows) {
    out += `\n${w.quarters} quarter${w.quarters === 1 ? '' : 's'}: ${w.from} – ${w.to}\n`;
    const rows: string[][] = [['evidence', 'value', 'source', 'note']];
    for (const x of w.evidence) {
      const note = x.win_rate ? `${x.win_rate.won} won of ${x.win_rate.decided} decided; segment rate ${x.win_rate.segment_rate ?? '—'}` : x.items.length > 0 ? x.items.slice(0, 4).join(', ') + (x.items.length > 4 ? ', …' : '') : '';
      rows.push([x.type, x.value, x.derived ? 'deals' : 'activities', x.assessable ? note : `no data: ${note}`.trim()]);
    }
    out += `${textTable(rows, new Set([1])).join('\n')}\n`;
  }
  for (const m of e.minimums) {
    out += `\nAgainst ${m.level}'s evidence minimums:\n`;
    for (const c of m.competencies) {
      for (const x of c.evidence) out += `  ${x.met ? 'met ' : 'GAP '} ${c.name}: ${x.type} ${x.found} / ${x.required}${x.assessable ? '' : ' (no data for the whole window)'}\n`;
    }
  }
  return `${out}\nEvidence informs people and reviews; it never promotes anyone by itself.\n`;
}
