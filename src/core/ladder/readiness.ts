/**
 * Readiness: a person's ratings and evidence against a level's minimums, every gap listed. It
 * never promotes anyone: it says what the evidence shows, for a conversation and a review.
 *
 * The rating of a competency as of a day is the latest `calibrated` assessment on or before it,
 * else the latest `manager` one; self and peer ratings are shown but decide nothing. A competency
 * is met when that rating reaches the expectation and every assessable evidence minimum is met.
 */
import { formatDay, type Day } from '../dates.js';
import type { Person } from '../model.js';
import { formatRatio } from '../rational.js';
import { windowEnding, windowText, type EvidenceSource } from './evidence.js';
import type { Assessment, AssessorRole, Career, Level } from './model.js';

export interface RatingAsOf {
  readonly rating: number;
  readonly role: AssessorRole;
  readonly date: Day;
  readonly assessorId: string;
}

/** Assessments by person and competency, each list sorted by date (file order for ties). */
export class Ratings {
  private readonly byKey = new Map<string, Assessment[]>();
  /** Distinct assessment dates per person, ascending. */
  private readonly datesByPerson = new Map<string, Day[]>();

  constructor(career: Career) {
    for (const a of career.assessments) {
      const key = `${a.personId}\u0000${a.competency}`;
      const list = this.byKey.get(key);
      if (list) list.push(a);
      else this.byKey.set(key, [a]);
      const dates = this.datesByPerson.get(a.personId);
      if (dates) dates.push(a.date);
      else this.datesByPerson.set(a.personId, [a.date]);
    }
    for (const list of this.byKey.values()) list.sort((a, b) => a.date - b.date || a.line - b.line);
    for (const [k, dates] of this.datesByPerson) this.datesByPerson.set(k, [...new Set(dates)].sort((a, b) => a - b));
  }

  /** The latest rating by `role` on or before `asOf`. */
  latest(personId: string, competency: string, asOf: Day, role: AssessorRole): RatingAsOf | undefined {
    const list = this.byKey.get(`${personId}\u0000${competency}`) ?? [];
    for (let i = list.length - 1; i >= 0; i--) {
      const a = list[i];
      if (a && a.date <= asOf && a.assessorRole === role) return { rating: a.rating, role: a.assessorRole, date: a.date, assessorId: a.assessorId };
    }
    return undefined;
  }

  /** The rating that decides: calibrated, else manager. */
  decisive(personId: string, competency: string, asOf: Day): RatingAsOf | undefined {
    return this.latest(personId, competency, asOf, 'calibrated') ?? this.latest(personId, competency, asOf, 'manager');
  }

  dates(personId: string): readonly Day[] {
    return this.datesByPerson.get(personId) ?? [];
  }
}

export interface EvidenceCheck {
  readonly type: string;
  readonly required: string;
  readonly found: string;
  readonly windowQuarters: number;
  readonly window: string;
  readonly assessable: boolean;
  readonly met: boolean;
}

export interface CompetencyCheck {
  readonly competency: string;
  readonly name: string;
  readonly expected: number;
  /** The deciding rating, null when there is none. */
  readonly rating: number | null;
  readonly ratingSource: AssessorRole | null;
  readonly ratingDate: string | null;
  readonly selfRating: number | null;
  readonly ratingMet: boolean;
  readonly evidence: readonly EvidenceCheck[];
  readonly met: boolean;
}

/** A person's ratings and evidence against a level's minimums as of a day. */
export function checkLevel(source: EvidenceSource, ratings: Ratings, person: Person, level: Level, asOf: Day, competencyName: (id: string) => string): CompetencyCheck[] {
  return level.evaluation.map((item) => {
    const r = ratings.decisive(person.id, item.competency, asOf);
    const self = ratings.latest(person.id, item.competency, asOf, 'self');
    const ratingMet = r !== undefined && r.rating >= item.expectation;
    const evidence = item.evidence.map((req): EvidenceCheck => {
      const window = windowEnding(asOf, req.windowQuarters);
      const c = source.count(person.id, req.type, window);
      const met = !c.assessable || c.value.ge(req.atLeast);
      return { type: req.type, required: formatRatio(req.atLeast), found: formatRatio(c.value, 4), windowQuarters: req.windowQuarters, window: windowText(window), assessable: c.assessable, met };
    });
    return {
      competency: item.competency,
      name: competencyName(item.competency),
      expected: item.expectation,
      rating: r?.rating ?? null,
      ratingSource: r?.role ?? null,
      ratingDate: r ? formatDay(r.date) : null,
      selfRating: self?.rating ?? null,
      ratingMet,
      evidence,
      met: ratingMet && evidence.every((e) => e.met),
    };
  });
}

/** True when the deciding ratings as of `asOf` reach every expectation of `level` (evidence aside). */
export function ratingsMeet(ratings: Ratings, personId: string, level: Level, asOf: Day, margin = 0): boolean {
  if (level.evaluation.length === 0) return false;
  return level.evaluation.every((item) => {
    const r = ratings.decisive(personId, item.competency, asOf);
    return r !== undefined && r.rating >= Math.min(5, item.expectation + margin);
  });
}

/**
 * Since when the deciding ratings have met `level` without a break: the first assessment date of
 * the unbroken run that reaches `asOf`, or undefined when they do not meet it as of `asOf`.
 */
export function meetingSince(ratings: Ratings, personId: string, level: Level, asOf: Day): Day | undefined {
  const dates = ratings.dates(personId).filter((d) => d <= asOf);
  let since: Day | undefined;
  for (const d of dates) {
    if (ratingsMeet(ratings, personId, level, d)) since ??= d;
    else since = undefined;
  }
  return since !== undefined && ratingsMeet(ratings, personId, level, asOf) ? since : undefined;
}
