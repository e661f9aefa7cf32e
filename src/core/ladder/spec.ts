/**
 * A ladder as plain data in the shape of ladder.yaml (snake_case keys, as written), for ladders that
 * Tandem itself writes: the default SE ladder (`tandem ladder init`) and the demo org's. `io`
 * serializes it to YAML; reading always goes through the parser, never through this type.
 */
export interface LadderSpec {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly description?: string;
  readonly competencies: readonly { readonly id: string; readonly name: string; readonly group: string; readonly description?: string }[];
  readonly tracks: readonly { readonly id: string; readonly name: string; readonly kind?: 'ic' | 'management'; readonly fork_from?: string; readonly levels: readonly string[] }[];
  readonly levels: readonly LevelSpec[];
}

export interface EvidenceSpec {
  readonly type: string;
  /** Written as a YAML number (exact decimal text when read back). */
  readonly at_least: number;
  readonly window_quarters: number;
}

export interface EvaluationSpec {
  readonly competency: string;
  readonly expectation: number;
  readonly behaviours: readonly string[];
  readonly evidence: readonly EvidenceSpec[];
}

export interface LevelSpec {
  readonly id: string;
  readonly track: string;
  readonly title: string;
  readonly grade: number;
  readonly summary?: string;
  readonly new_at_this_level: readonly string[];
  readonly evaluation: readonly EvaluationSpec[];
  readonly promotion?: { readonly sustained_quarters: number; readonly reviewers: readonly string[] };
  readonly path_forward: { readonly next: readonly string[]; readonly top_of_band: string; readonly in_band_growth: string };
}

/**
 * The default SE ladder's numbers, fixed here so the demo org's people data can be generated to
 * match it: competencies (rows) × levels (columns) → expected milestone, and the evidence type and
 * threshold (over 4 quarters) each evaluation item asks for. The words of the ladder (behaviours,
 * what is new, the path forward) live in default-ladder.ts.
 */
export const DEFAULT_LEVELS = ['SE1', 'SE2', 'SE3', 'SE4', 'SE5', 'M1', 'M2', 'M3'] as const;
export type DefaultLevel = (typeof DEFAULT_LEVELS)[number];

export const DEFAULT_COMPETENCIES = [
  'technical_depth',
  'discovery',
  'demo_craft',
  'commercial',
  'customer_outcomes',
  'mentoring',
  'product_feedback',
  'ai_leverage',
] as const;
export type DefaultCompetency = (typeof DEFAULT_COMPETENCIES)[number];

/** Expected milestone per competency, in DEFAULT_LEVELS order. Never drops along a track (M1 follows SE3). */
export const DEFAULT_EXPECTATIONS: Readonly<Record<DefaultCompetency, readonly number[]>> = {
  //                 SE1 SE2 SE3 SE4 SE5  M1 M2 M3
  technical_depth: [1, 2, 3, 4, 5, 3, 3, 3],
  discovery: [1, 2, 3, 4, 4, 3, 3, 3],
  demo_craft: [1, 2, 3, 4, 4, 3, 3, 3],
  commercial: [1, 2, 3, 4, 5, 3, 4, 5],
  customer_outcomes: [1, 2, 3, 3, 4, 3, 4, 5],
  mentoring: [0, 1, 2, 4, 5, 4, 5, 5],
  product_feedback: [0, 1, 2, 4, 5, 3, 4, 5],
  ai_leverage: [1, 1, 2, 3, 4, 3, 4, 5],
};

/**
 * Evidence each evaluation item asks for over the trailing 4 quarters: per competency one evidence
 * type and its minimum count, in DEFAULT_LEVELS order. Derived types come from deals.csv and
 * deal_team.csv; the others are activities.csv `type`s.
 */
export const DEFAULT_EVIDENCE: Readonly<Record<DefaultCompetency, { readonly ic: string; readonly management: string; readonly at_least: readonly number[] }>> = {
  //                                                                      SE1 SE2 SE3 SE4 SE5  M1 M2 M3
  technical_depth: { ic: 'asset_published', management: 'asset_published', at_least: [1, 1, 2, 3, 4, 1, 1, 1] },
  discovery: { ic: 'deals_supported', management: 'deal_review', at_least: [10, 20, 25, 25, 25, 12, 12, 12] },
  demo_craft: { ic: 'technical_wins', management: 'deal_review', at_least: [2, 4, 6, 6, 6, 12, 12, 12] },
  commercial: { ic: 'account_plan', management: 'account_plan', at_least: [1, 2, 3, 4, 4, 4, 6, 8] },
  customer_outcomes: { ic: 'customer_reference', management: 'customer_reference', at_least: [1, 1, 2, 2, 3, 2, 3, 4] },
  mentoring: { ic: 'mentoring', management: 'mentoring', at_least: [1, 1, 2, 4, 6, 6, 8, 10] },
  product_feedback: { ic: 'product_gap', management: 'product_gap', at_least: [1, 2, 3, 5, 6, 3, 4, 5] },
  ai_leverage: { ic: 'ai_workflow', management: 'ai_workflow', at_least: [1, 1, 1, 2, 3, 2, 3, 4] },
};

/**
 * Grades: comparable across the tracks (bands are set per grade). Staff = SE Manager (GitLab: Staff
 * SA and Manager are both grade 9), Principal = Director (grade 10); the IC track stops one grade
 * below the top management level (Senior Director, GitLab grade 11).
 */
export const DEFAULT_GRADES: Readonly<Record<DefaultLevel, number>> = { SE1: 5, SE2: 6, SE3: 7, SE4: 9, SE5: 10, M1: 9, M2: 10, M3: 11 };

/** Evidence windows of the default ladder, in quarters. */
export const DEFAULT_WINDOW_QUARTERS = 4;
