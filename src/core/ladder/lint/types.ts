/**
 * Ladder lint: checks that a career ladder answers the three questions at every level, keeps its
 * criteria observable and free of tenure, carries real scope up the levels, has an AI signal, two
 * real paths (IC and management) and pay bands that honour both. One module per rule.
 */
import type { Band, Ladder } from '../model.js';
import type { LadderIndex } from '../model.js';
import type { EvidenceValue, Severity } from '../../diagnostics/types.js';

export type { EvidenceValue, Severity };

/** Rule ids: a public contract (`tandem ladder lint --json`, docs/ladder.md). */
export type LadderRuleId = 'three-answers' | 'token-level' | 'unobservable' | 'tenure' | 'decreasing-expectation' | 'no-ai-signal' | 'single-path' | 'bands';

/** The rules in report order. */
export const LADDER_RULES: readonly LadderRuleId[] = ['three-answers', 'token-level', 'unobservable', 'tenure', 'decreasing-expectation', 'no-ai-signal', 'single-path', 'bands'];

export interface LadderFinding {
  readonly rule: LadderRuleId;
  readonly severity: Severity;
  /** The level the finding is about, when it is about one. */
  readonly level?: string;
  /** The competency the finding is about, when it is about one. */
  readonly competency?: string;
  /** What was found, with the key numbers. */
  readonly message: string;
  /** Why it matters, tied to the principle it protects. */
  readonly why: string;
  /** A concrete change that would clear the finding. */
  readonly fix: string;
  /** The numbers and names the rule used. */
  readonly evidence?: { readonly [key: string]: EvidenceValue };
}

/** Thresholds (documented in docs/ladder.md). */
export interface LadderLintOptions {
  /**
   * bands: an IC band whose base_mid is more than this share below a management band's base_mid at
   * the same grade and location is "IC paid well below management for the same grade". Default 0.10.
   */
  readonly maxIcBandGap: number;
  /** single-path: the IC track may top out at most this many grades below the top management grade. Default 1. */
  readonly maxIcGradeGap: number;
  /**
   * decreasing-expectation: also compare evidence thresholds between a track's first level and the
   * level it forks from. Default false: at a fork the role changes, and evidence of one's own hands
   * (assets published) rightly gives way to leverage through others.
   */
  readonly evidenceAcrossFork: boolean;
}

export const DEFAULT_LADDER_LINT: LadderLintOptions = { maxIcBandGap: 0.1, maxIcGradeGap: 1, evidenceAcrossFork: false };

/** What every rule sees. `bands` is undefined when there is no bands.csv. */
export interface LadderLintInput {
  readonly ladder: Ladder;
  readonly index: LadderIndex;
  readonly bands: readonly Band[] | undefined;
  readonly options: LadderLintOptions;
}

export type LadderRule = (input: LadderLintInput) => LadderFinding[];
