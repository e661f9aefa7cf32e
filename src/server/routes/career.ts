/** The ladder applied to people: evidence and readiness for one person, the people report for the org. */
import { dayFromCivil, parseIsoDate, type Day } from '../../core/dates.js';
import { DEFAULT_PEOPLE_OPTIONS, peopleReport, type PayEquityGroup } from '../../core/ladder/people-report.js';
import { evidence, readiness } from '../../core/ladder/person-reports.js';
import type { Clock } from '../../app/org-store.js';
import { ApiError } from '../errors.js';
import { authorize, mayReadAttrs } from '../policy.js';
import { who, type Router } from '../router.js';
import { asOfQuery, evidenceSchema, peopleReportQuery, peopleReportSchema, personParam, readinessQuery, readinessSchema } from '../schemas.js';

function asOfDay(text: string | undefined, clock: Clock): Day {
  if (text === undefined) {
    const now = clock();
    return dayFromCivil(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate());
  }
  const d = parseIsoDate(text);
  if (d === undefined) throw new ApiError('bad_request', `as_of "${text}" is not a date (YYYY-MM-DD)`, [{ path: 'query.as_of', message: 'not a date' }]);
  return d;
}

/**
 * Pay equity for leaders: the gaps group against group, without anything about a person. Per
 * characteristic (the `attr_*` column without its prefix), the reference group and each other group
 * with at least `minGroup` people (and a reference that large) with its size, raw and adjusted gap
 * and flag; smaller groups are only counted (`groups_withheld`), since a gap over one or two people
 * is theirs. The per-level medians (cells of a handful of people) are left out.
 */
export function payEquityAggregate(groups: readonly PayEquityGroup[], minGroup: number) {
  const byCharacteristic = new Map<string, PayEquityGroup[]>();
  for (const g of groups) byCharacteristic.set(g.attribute, [...(byCharacteristic.get(g.attribute) ?? []), g]);
  return [...byCharacteristic].map(([attribute, list]) => {
    const first = list[0];
    const referenceShown = first !== undefined && first.n_reference >= minGroup;
    const shown = referenceShown ? list.filter((g) => g.n_group >= minGroup) : [];
    return {
      characteristic: attribute.replace(/^attr_/, ''),
      reference: referenceShown ? first.reference : null,
      n_reference: referenceShown ? first.n_reference : null,
      groups: shown.map((g) => ({ group: g.group, n_group: g.n_group, raw_gap: g.raw_gap, adjusted_gap: g.adjusted_gap, flagged: g.flagged })),
      groups_withheld: list.length - shown.length,
      min_group: minGroup,
    };
  });
}

export function careerRoutes(router: Router): void {
  for (const kind of ['evidence', 'readiness'] as const) {
    router.add({
      method: 'GET',
      path: `/api/org/people/:id/${kind}`,
      tag: 'ladder',
      summary:
        kind === 'evidence'
          ? "What the data shows for one person over the ladder's windows, against the minimums of their level and the next (tandem evidence --json)"
          : "One person's ratings and evidence against the next level's minimums (or ?level=), every gap listed; it never promotes anyone (tandem readiness --json)",
      action: 'career.read',
      params: personParam,
      query: kind === 'evidence' ? asOfQuery : readinessQuery,
      response: kind === 'evidence' ? evidenceSchema : readinessSchema,
      handler: async (ctx) => {
        const me = who(ctx);
        const id = ctx.params.id;
        if (!authorize(me, 'career.read', { kind: 'person', personId: id })) throw new ApiError('not_found', `there is no person "${id}" you may see`);
        const version = await ctx.deps.versions.current();
        const { data } = version.career();
        if (!data.people.has(id)) throw new ApiError('not_found', `there is no person "${id}" you may see`);
        const asOf = asOfDay(ctx.query.as_of, ctx.deps.clock);
        const level = 'level' in ctx.query && typeof ctx.query.level === 'string' ? ctx.query.level : undefined;
        return kind === 'evidence' ? evidence(data, id, asOf) : readiness(data, id, asOf, level);
      },
    });
  }

  router.add({
    method: 'GET',
    path: '/api/reports/people',
    tag: 'ladder',
    summary: 'Tenure promotions, people stuck at a level, missing path conversations, compa-ratios, SE/AE recognition parity, and (admins only) pay-equity gaps by attr_* group (tandem people report --json); leaders get pay_equity_aggregate instead: group-level gaps, small groups withheld',
    action: 'people.report',
    query: peopleReportQuery,
    response: peopleReportSchema,
    handler: async (ctx) => {
      const me = who(ctx);
      const version = await ctx.deps.versions.current();
      const { data, result } = version.career();
      const asOf = asOfDay(ctx.query.as_of, ctx.deps.clock);
      const report = peopleReport(data, result.statements, { ...DEFAULT_PEOPLE_OPTIONS, stuckYears: ctx.query.stuck_years ?? DEFAULT_PEOPLE_OPTIONS.stuckYears, asOf });
      if (mayReadAttrs(me)) return report;
      const { pay_equity: payEquity, ...withoutAttrs } = report;
      const aggregate = { ...withoutAttrs, pay_equity_aggregate: payEquityAggregate(payEquity, report.settings.payEquityMinGroup) };
      return aggregate;
    },
  });
}
