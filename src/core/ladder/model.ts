/**
 * The career ladder and the people files (ladder.yaml, bands.csv, activities.csv, assessments.csv,
 * level_history.csv, conversations.csv) as validated data. `io/parse-career.ts` builds them; the
 * linter, evidence, readiness and people reports compute from them. Every item keeps its source
 * line so later checks can point at it.
 */
import type { Day } from '../dates.js';
import type { Rational } from '../rational.js';

export interface Competency {
  readonly id: string;
  readonly name: string;
  /** Free grouping key (a pillar): `technical_win`, `business`, `leverage`, `ai`, … */
  readonly group: string;
  readonly line: number;
}

export type TrackKind = 'ic' | 'management';

export interface Track {
  readonly id: string;
  readonly name: string;
  /** `management` when the id is `management` or `kind: management` is given; otherwise `ic`. */
  readonly kind: TrackKind;
  /** Level ids, lowest first. */
  readonly levels: readonly string[];
  /** The level the track branches from (a level of another track). */
  readonly forkFrom: string | undefined;
  readonly line: number;
}

/** An evidence threshold: at least `atLeast` of `type` over the trailing `windowQuarters`. */
export interface EvidenceRequirement {
  /** A derived type (see DERIVED_EVIDENCE) or an activities.csv `type`. */
  readonly type: string;
  readonly atLeast: Rational;
  readonly windowQuarters: number;
  readonly line: number;
}

/** How one competency is evaluated at a level: the minimum milestone, what to observe, evidence. */
export interface EvaluationItem {
  readonly competency: string;
  /** Milestone 0–5 expected at this level. */
  readonly expectation: number;
  readonly behaviours: readonly string[];
  readonly evidence: readonly EvidenceRequirement[];
  readonly line: number;
}

export interface Promotion {
  /** Quarters of sustained performance at this level's bar while still at the level below. */
  readonly sustainedQuarters: number | undefined;
  readonly reviewers: readonly string[];
}

export interface PathForward {
  readonly next: readonly string[];
  readonly topOfBand: string;
  readonly inBandGrowth: string;
  readonly line: number;
}

export interface Level {
  readonly id: string;
  readonly track: string;
  readonly title: string;
  /** Comparable across tracks (bands, equivalence). */
  readonly grade: number | undefined;
  /** 1. What is new versus the level below. */
  readonly newAtThisLevel: readonly string[];
  /** 2. How it is evaluated: a minimum per competency. */
  readonly evaluation: readonly EvaluationItem[];
  readonly promotion: Promotion | undefined;
  /** 3. The path at the top of the band. */
  readonly pathForward: PathForward | undefined;
  readonly line: number;
}

export interface Ladder {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly competencies: readonly Competency[];
  readonly tracks: readonly Track[];
  readonly levels: readonly Level[];
  /**
   * Whether people see where their own base pay sits in their level's band (compa-ratio, range
   * penetration) — ladder.yaml `share_bands`, default false: bands are private unless the org
   * decides to share them. Admins and leaders always see band positions.
   */
  readonly shareBands: boolean;
  /** Path of the file it came from, for messages (`ladder.yaml`). */
  readonly file: string;
}

export interface Band {
  readonly level: string;
  /** Blank matches every location. */
  readonly location: string;
  readonly currency: string;
  readonly baseMin: Rational;
  readonly baseMid: Rational;
  readonly baseMax: Rational;
  /** Variable as a fraction of OTE. */
  readonly targetIncentivePct: Rational | undefined;
  readonly effectiveFrom: Day | undefined;
  readonly line: number;
}

export interface Activity {
  readonly id: string;
  readonly personId: string;
  readonly date: Day;
  readonly type: string;
  readonly dealId: string;
  readonly hours: Rational;
  readonly note: string;
  readonly line: number;
}

export type AssessorRole = 'self' | 'manager' | 'peer' | 'calibrated';

export interface Assessment {
  readonly personId: string;
  readonly date: Day;
  readonly assessorId: string;
  readonly assessorRole: AssessorRole;
  readonly competency: string;
  /** Milestone 0–5. */
  readonly rating: number;
  readonly evidence: string;
  readonly line: number;
}

export type LevelChangeKind = 'hire' | 'promotion' | 'lateral' | 'track_change';

export interface LevelChange {
  readonly personId: string;
  readonly date: Day;
  /** '' for a hire. */
  readonly fromLevel: string;
  readonly toLevel: string;
  readonly kind: LevelChangeKind;
  /** A promotion packet (text or URL), '' when none. */
  readonly packet: string;
  readonly line: number;
}

export type PathChoice = 'ic' | 'management' | 'undecided';

export interface Conversation {
  readonly personId: string;
  readonly date: Day;
  readonly withId: string;
  readonly path: PathChoice;
  readonly nextLevel: string;
  readonly notes: string;
  readonly line: number;
}

/** Everything the ladder side of an org folder holds. Files that are absent give empty lists. */
export interface Career {
  readonly ladder: Ladder | undefined;
  readonly bands: readonly Band[];
  readonly activities: readonly Activity[];
  readonly assessments: readonly Assessment[];
  readonly levelHistory: readonly LevelChange[];
  readonly conversations: readonly Conversation[];
}

/** Evidence types derived from deals.csv and deal_team.csv (the rest are activities.csv types). */
export const DERIVED_EVIDENCE = ['deals_supported', 'technical_wins', 'win_rate', 'pocs_run', 'pocs_converted'] as const;
export type DerivedEvidence = (typeof DERIVED_EVIDENCE)[number];

export function isDerivedEvidence(type: string): type is DerivedEvidence {
  return (DERIVED_EVIDENCE as readonly string[]).includes(type);
}

/** Lookups over a ladder. */
export class LadderIndex {
  readonly levels = new Map<string, Level>();
  readonly tracks = new Map<string, Track>();
  readonly competencies = new Map<string, Competency>();
  /** Level id → its track and position in it. */
  readonly position = new Map<string, { readonly track: Track; readonly index: number }>();

  constructor(readonly ladder: Ladder) {
    for (const l of ladder.levels) this.levels.set(l.id, l);
    for (const c of ladder.competencies) this.competencies.set(c.id, c);
    for (const t of ladder.tracks) {
      this.tracks.set(t.id, t);
      t.levels.forEach((id, index) => {
        if (!this.position.has(id)) this.position.set(id, { track: t, index });
      });
    }
  }

  /** The level below in the same track (for a track's first level: its fork level), if any. */
  below(levelId: string): Level | undefined {
    const pos = this.position.get(levelId);
    if (!pos) return undefined;
    const id = pos.index > 0 ? pos.track.levels[pos.index - 1] : pos.track.forkFrom;
    return id === undefined ? undefined : this.levels.get(id);
  }

  /** The next levels: `path_forward.next` when given, else the next level of the same track. */
  next(levelId: string): Level[] {
    const level = this.levels.get(levelId);
    const ids = level?.pathForward?.next.length ? level.pathForward.next : [];
    if (ids.length > 0) return ids.map((id) => this.levels.get(id)).filter((l): l is Level => l !== undefined);
    const pos = this.position.get(levelId);
    const id = pos ? pos.track.levels[pos.index + 1] : undefined;
    const l = id === undefined ? undefined : this.levels.get(id);
    return l ? [l] : [];
  }
}
