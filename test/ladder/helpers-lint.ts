/**
 * A small, clean ladder for the lint tests, built as ladder.yaml data and parsed through the real
 * parser (so every test also goes through parseLadder). Tests change one thing and lint.
 *
 * Competencies: discovery (technical_win), mentoring (leverage), ai_leverage (ai).
 * Tracks: ic SE1 → SE2 → SE3; management forks from SE2: M1 → M2.
 * Grades: SE1 5, SE2 6, SE3 7, M1 7, M2 8 (IC top 7 = lowest management grade; 1 below the top).
 *
 *            discovery  mentoring  ai_leverage      evidence (over 4 quarters)
 *   SE1          1          0          1             deals_supported 10, mentoring 1, ai_workflow 1
 *   SE2          2          1          1             deals_supported 20, mentoring 1, ai_workflow 1
 *   SE3          3          2          2             deals_supported 25, mentoring 2, ai_workflow 2
 *   M1           2          3          2             deal_review 12,     mentoring 4, ai_workflow 2
 *   M2           2          4          3             deal_review 12,     mentoring 6, ai_workflow 3
 *
 * Bands (USD, every location): SE1 100000, SE2 120000, SE3 150000, M1 160000, M2 200000 base_mid,
 * ±20%. SE3 vs M1 (grade 7): 150000 is 6.25% below 160000, inside the 10% default.
 */
import { stringify } from 'yaml';
import type { Band, Ladder } from '../../src/core/ladder/model.js';
import type { LadderFinding, LadderRuleId } from '../../src/core/ladder/lint/index.js';
import { lintLadder, type LadderLintOptions } from '../../src/core/ladder/lint/index.js';
import { formatProblem } from '../../src/core/problems.js';
import { parseCareer, parseLadder } from '../../src/io/parse-career.js';

export interface MiniEvaluation {
  competency: string;
  expectation: number;
  behaviours?: string[];
  evidence?: { type: string; at_least: number; window_quarters: number }[];
}

export interface MiniLevel {
  id: string;
  track: string;
  title: string;
  grade?: number;
  new_at_this_level?: string[];
  evaluation?: MiniEvaluation[];
  promotion?: { sustained_quarters: number; reviewers: string[] };
  path_forward?: { next?: string[]; top_of_band?: string; in_band_growth?: string };
}

export interface MiniLadder {
  id: string;
  competencies: { id: string; name: string; group: string }[];
  tracks: { id: string; kind?: 'ic' | 'management'; fork_from?: string; levels: string[] }[];
  levels: MiniLevel[];
}

const item = (competency: string, expectation: number, behaviour: string, type: string, atLeast: number): MiniEvaluation => ({
  competency,
  expectation,
  behaviours: [behaviour],
  evidence: [{ type, at_least: atLeast, window_quarters: 4 }],
});

/** A fresh copy of the clean mini ladder (safe to mutate). */
export function miniLadder(): MiniLadder {
  return {
    id: 'mini',
    competencies: [
      { id: 'discovery', name: 'Discovery', group: 'technical_win' },
      { id: 'mentoring', name: 'Mentoring', group: 'leverage' },
      { id: 'ai_leverage', name: 'AI-extended impact', group: 'ai' },
    ],
    tracks: [
      { id: 'ic', levels: ['SE1', 'SE2', 'SE3'] },
      { id: 'management', fork_from: 'SE2', levels: ['M1', 'M2'] },
    ],
    levels: [
      {
        id: 'SE1',
        track: 'ic',
        title: 'Associate SE',
        grade: 5,
        new_at_this_level: ['Runs standard demos with guidance', 'Assists on POCs'],
        evaluation: [
          item('discovery', 1, 'Runs first-call discovery from the question set', 'deals_supported', 10),
          item('mentoring', 0, 'Acts on call-review feedback', 'mentoring', 1),
          item('ai_leverage', 1, 'Drafts RFP answers with AI and checks them', 'ai_workflow', 1),
        ],
        path_forward: { next: ['SE2'], top_of_band: 'Runs evaluations with light review', in_band_growth: 'Raises for independence' },
      },
      {
        id: 'SE2',
        track: 'ic',
        title: 'SE',
        grade: 6,
        new_at_this_level: ['Owns technical evaluations end to end', 'Files product gaps with their impact'],
        evaluation: [
          item('discovery', 2, 'Leads discovery on own deals', 'deals_supported', 20),
          item('mentoring', 1, 'Helps onboard new SEs', 'mentoring', 1),
          item('ai_leverage', 1, 'Prepares calls with AI research', 'ai_workflow', 1),
        ],
        path_forward: { next: ['SE3', 'M1'], top_of_band: 'Leads competitive deals', in_band_growth: 'Raises for win rate' },
      },
      {
        id: 'SE3',
        track: 'ic',
        title: 'Senior SE',
        grade: 7,
        new_at_this_level: ['Owns the technical strategy for a segment', 'Mentors newer SEs'],
        evaluation: [
          item('discovery', 3, 'Leads discovery on multi-stakeholder deals', 'deals_supported', 25),
          item('mentoring', 2, 'Mentors SEs to their first technical wins', 'mentoring', 2),
          item('ai_leverage', 2, 'Runs repeatable AI workflows', 'ai_workflow', 2),
        ],
        path_forward: { next: [], top_of_band: 'The top of the IC track: growth is wider scope', in_band_growth: 'Raises for scope' },
      },
      {
        id: 'M1',
        track: 'management',
        title: 'SE Manager',
        grade: 7,
        new_at_this_level: ['Hires, coaches and retains a team', 'Owns team KPIs'],
        evaluation: [
          item('discovery', 2, 'Reviews discovery in deal reviews', 'deal_review', 12),
          item('mentoring', 3, 'Coaches every SE with a development plan', 'mentoring', 4),
          item('ai_leverage', 2, 'The team shares AI workflows with guardrails', 'ai_workflow', 2),
        ],
        path_forward: { next: ['M2'], top_of_band: 'Ready to lead managers', in_band_growth: 'Raises for team outcomes' },
      },
      {
        id: 'M2',
        track: 'management',
        title: 'Director',
        grade: 8,
        new_at_this_level: ['Leads managers', 'Designs the coverage model'],
        evaluation: [
          item('discovery', 2, 'Sets qualification standards', 'deal_review', 12),
          item('mentoring', 4, 'Develops managers', 'mentoring', 6),
          item('ai_leverage', 3, 'Redesigns coverage around AI', 'ai_workflow', 3),
        ],
        path_forward: { next: [], top_of_band: 'The top of this ladder', in_band_growth: 'Raises for the region' },
      },
    ],
  };
}

/** The mini ladder's level with this id (throws if absent). */
export function levelOf(spec: MiniLadder, id: string): MiniLevel {
  const level = spec.levels.find((l) => l.id === id);
  if (!level) throw new Error(`no level ${id}`);
  return level;
}

/** The evaluation item of a level for a competency (throws if absent). */
export function itemOf(spec: MiniLadder, levelId: string, competency: string): MiniEvaluation {
  const e = levelOf(spec, levelId).evaluation?.find((x) => x.competency === competency);
  if (!e) throw new Error(`no ${competency} at ${levelId}`);
  return e;
}

/** The ladder.yaml text of a spec. */
export function ladderYaml(spec: MiniLadder): string {
  return stringify(spec);
}

/** Parses a spec through parseLadder; fails with every problem when it is invalid. */
export function parse(spec: MiniLadder): Ladder {
  const parsed = parseLadder('ladder.yaml', ladderYaml(spec));
  if (!parsed.ladder) throw new Error(parsed.problems.map(formatProblem).join('\n'));
  return parsed.ladder;
}

export const MINI_BANDS_HEADER = 'level,location,currency,base_min,base_mid,base_max,target_incentive_pct,effective_from';

/** The mini ladder's clean bands.csv rows. */
export function miniBandRows(): string[] {
  return [
    'SE1,,USD,80000,100000,120000,0.15,2026-01-01',
    'SE2,,USD,96000,120000,144000,0.2,2026-01-01',
    'SE3,,USD,120000,150000,180000,0.225,2026-01-01',
    'M1,,USD,128000,160000,192000,0.25,2026-01-01',
    'M2,,USD,160000,200000,240000,0.3,2026-01-01',
  ];
}

/** Parses bands.csv rows against the spec's ladder through parseCareer; fails on any problem. */
export function parseBands(spec: MiniLadder, rows: readonly string[]): Band[] {
  const texts = new Map([
    ['ladder.yaml', ladderYaml(spec)],
    ['bands.csv', `${[MINI_BANDS_HEADER, ...rows].join('\n')}\n`],
  ]);
  const parsed = parseCareer(texts, { currency: 'USD' });
  if (!parsed.career) throw new Error(parsed.problems.map(formatProblem).join('\n'));
  return [...parsed.career.bands];
}

/** Lints a spec with the clean bands (or the given rows; `null` for no bands.csv). */
export function lint(spec: MiniLadder, rows: readonly string[] | null = miniBandRows(), options: Partial<LadderLintOptions> = {}): LadderFinding[] {
  return lintLadder(parse(spec), rows === null ? undefined : parseBands(spec, rows), options);
}

/** The findings of one rule. */
export function ofRule(findings: readonly LadderFinding[], rule: LadderRuleId): LadderFinding[] {
  return findings.filter((f) => f.rule === rule);
}
