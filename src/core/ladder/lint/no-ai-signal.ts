/**
 * no-ai-signal: the ladder has no competency about AI (group `ai`, or "AI" as a word of its id or
 * name, or "artificial intelligence"), or has one that no level evaluates.
 */
import type { Competency } from '../model.js';
import { competencyLabel } from './common.js';
import type { LadderFinding, LadderLintInput } from './types.js';

const WHY =
  'Using AI to extend one’s impact — handling Tier 1 work faster, preparing better, synthesising more before a call — now separates SEs at Senior and beyond; a ladder without any signal about it is already out of date (the essay).';

/** True for a competency about AI: group `ai`, or AI as a word of its id or name. */
export function isAiCompetency(c: Competency): boolean {
  const word = /(^|[^a-z0-9])ai([^a-z0-9]|$)/i;
  return c.group.trim().toLowerCase() === 'ai' || word.test(c.id) || word.test(c.name) || /artificial intelligence/i.test(c.name);
}

export function noAiSignal({ ladder }: LadderLintInput): LadderFinding[] {
  const ai = ladder.competencies.filter(isAiCompetency);
  if (ai.length === 0) {
    return [
      {
        rule: 'no-ai-signal',
        severity: 'medium',
        message: `Ladder ${ladder.id} has no competency about AI: none of its ${ladder.competencies.length} competencies is in group ai or named for AI.`,
        why: WHY,
        fix: 'Add a competency in group ai (the default ladder’s ai_leverage, "AI-extended impact", with Zapier’s tiers Capable, Adoptive, Transformative) and evaluate it at every level on outcomes — capacity, quality, workflows others depend on — not on usage.',
        evidence: { ai_competencies: [] },
      },
    ];
  }
  const ids = new Set(ai.map((c) => c.id));
  const evaluatedAt = ladder.levels.filter((l) => l.evaluation.some((e) => ids.has(e.competency))).map((l) => l.id);
  if (evaluatedAt.length > 0) return [];
  const first = ai[0];
  return [
    {
      rule: 'no-ai-signal',
      severity: 'medium',
      ...(ai.length === 1 && first ? { competency: first.id } : {}),
      message: `${ai.map((c) => competencyLabel(ladder, c.id)).join(', ')} ${ai.length === 1 ? 'is' : 'are'} about AI, but none of the ${ladder.levels.length} levels evaluates ${ai.length === 1 ? 'it' : 'them'}.`,
      why: WHY,
      fix: `Evaluate ${ai.map((c) => c.id).join(' or ')} at every level, with an expectation that rises up the ladder (e.g. Capable at the entry level, Adoptive at Senior, Transformative at Principal) and evidence of outcomes.`,
      evidence: { ai_competencies: ai.map((c) => c.id), levels_evaluating: 0 },
    },
  ];
}
