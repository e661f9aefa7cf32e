/**
 * What the plans and the ladder are, for the people they apply to: `GET /api/plans` (each measure's
 * tiers and its payout curve as the engine pays it) and `GET /api/ladder` (tracks, levels and the
 * three answers per level). Leaders and admins see every plan; everyone else the plans that apply
 * to the people whose pay they may see (a member: their own).
 */
import { formatDay } from '../../core/dates.js';
import type { Measure, Plan } from '../../core/model.js';
import type { Ladder } from '../../core/ladder/model.js';
import { curvePoints } from '../../core/plan-curve.js';
import { formatRatio } from '../../core/rational.js';
import { personScope } from '../policy.js';
import { who, type Router } from '../router.js';
import { ladderSchema, plansSchema } from '../schemas.js';

function measureView(m: Measure) {
  return {
    id: m.id,
    name: m.name,
    metric: m.metric,
    weight: formatRatio(m.weight),
    measurement: m.measurement,
    mode: m.mode,
    threshold: formatRatio(m.threshold),
    cap: m.cap === undefined ? null : formatRatio(m.cap),
    tiers: m.tiers.map((t) => ({ to: t.to === undefined ? null : formatRatio(t.to), rate: formatRatio(t.rate) })),
    curve: curvePoints(m).map((p) => ({ attainment: formatRatio(p.attainment), factor: formatRatio(p.factor) })),
  };
}

export function planView(p: Plan) {
  return {
    id: p.id,
    name: p.name,
    file: p.file,
    roles: p.roles === undefined ? null : [...p.roles],
    effective_from: formatDay(p.effective.from),
    effective_to: formatDay(p.effective.to),
    payout_period: p.payoutPeriod,
    measures: p.measures.map(measureView),
  };
}

export function ladderView(l: Ladder) {
  return {
    id: l.id,
    name: l.name,
    version: l.version,
    competencies: l.competencies.map((c) => ({ id: c.id, name: c.name, group: c.group })),
    tracks: l.tracks.map((t) => ({ id: t.id, name: t.name, kind: t.kind, levels: [...t.levels], fork_from: t.forkFrom ?? null })),
    levels: l.levels.map((v) => ({
      id: v.id,
      track: v.track,
      title: v.title,
      grade: v.grade ?? null,
      new_at_this_level: [...v.newAtThisLevel],
      evaluation: v.evaluation.map((e) => ({
        competency: e.competency,
        expectation: e.expectation,
        behaviours: [...e.behaviours],
        evidence: e.evidence.map((x) => ({ type: x.type, at_least: formatRatio(x.atLeast), window_quarters: x.windowQuarters })),
      })),
      promotion: v.promotion === undefined ? null : { sustained_quarters: v.promotion.sustainedQuarters ?? null, reviewers: [...v.promotion.reviewers] },
      path_forward: v.pathForward === undefined ? null : { next: [...v.pathForward.next], top_of_band: v.pathForward.topOfBand, in_band_growth: v.pathForward.inBandGrowth },
    })),
  };
}

export function planRoutes(router: Router): void {
  router.add({
    method: 'GET',
    path: '/api/plans',
    tag: 'plans',
    summary: "The current version's plans you may see (leaders and admins: all; others: the plans of the people whose pay they see), each measure with its tiers and its payout curve as the engine pays it",
    description: 'A curve is points (attainment, payout factor) from 0 to its end joined by straight lines; two points at one attainment are a jump (the threshold, a retroactive tier boundary).',
    action: 'plans.read',
    response: plansSchema,
    handler: async (ctx) => {
      const me = who(ctx);
      const { org } = (await ctx.deps.versions.current()).calc();
      const scope = personScope(me, 'plans.read');
      let plans = org.plans;
      if (scope !== 'all') {
        const roles = new Set(org.people.filter((p) => scope.has(p.id)).map((p) => p.role));
        plans = plans.filter((p) => p.roles === undefined || p.roles.some((r) => roles.has(r)));
      }
      return { items: plans.map(planView) };
    },
  });

  router.add({
    method: 'GET',
    path: '/api/ladder',
    tag: 'ladder',
    summary: "The current version's career ladder: competencies, tracks (with where each forks), and per level what is new, how it is evaluated (a minimum per competency, with evidence) and the path forward",
    action: 'career.read',
    response: ladderSchema,
    handler: async (ctx) => {
      who(ctx);
      const { data } = (await ctx.deps.versions.current()).career();
      return ladderView(data.ladder);
    },
  });
}
