/**
 * Calculation runs and their statements. Admins create, review (diff), approve and publish runs;
 * everyone else sees published runs only, without totals, and only the statements the policy
 * lets them see. Approved runs and their statements never change: there is no route that edits
 * them (PUT, PATCH and DELETE are 405).
 */
import { runPage, statementPage, statementRecord, type StatementRecord } from '../../app/access.js';
import { approveRun, createRun, getRun, publishRun, runDiff, RunError, type RunSummary } from '../../app/runs.js';
import { explainStatement } from '../../core/explain.js';
import type { StatementJson } from '../../core/output.js';
import { formatUnits } from '../../core/rational.js';
import { ApiError } from '../errors.js';
import { numberCursor, pageOf } from '../pagination.js';
import { authorize, mayReadRunTotals, personScope, runScope, type Subject } from '../policy.js';
import { ReplyCache } from '../reply-cache.js';
import { RawJson, who, type Deps, type Router } from '../router.js';
import {
  explainQuery,
  explainSchema,
  idParam,
  newRunBody,
  pageOf as pageSchema,
  pageQuery,
  runCreatedSchema,
  runDiffSchema,
  runListQuery,
  runSchema,
  statementListQuery,
  statementSchema,
} from '../schemas.js';

/** A run as `subject` may see it: totals, counts and inputs for admins only. */
export function runView(r: RunSummary, subject: Subject) {
  const base = { id: r.id, period: r.period, version_id: r.version_id, status: r.status as 'draft' | 'approved' | 'published', created_at: r.created_at, approved_at: r.approved_at, published_at: r.published_at };
  if (!mayReadRunTotals(subject)) return base;
  return { ...base, inputs_hash: r.inputs_hash, baseline_run_id: r.baseline_run_id, totals: { ...r.totals }, statement_count: r.statement_count, plan_versions: r.plan_versions.map((p) => ({ ...p })) };
}

/**
 * A page of statements as JSON text, the shape of `statementView` pages: each stored body (JSON the
 * engine's statementJson wrote) is spliced in as it is rather than parsed only to be written again.
 */
function statementPageJson(items: readonly StatementRecord[], next: string | null): RawJson {
  const parts = items.map((s) => `{"id":${s.id},"run_id":${s.run_id},"run_status":${JSON.stringify(s.run_status)},"statement":${s.body}}`);
  return new RawJson(`{"items":[${parts.join(',')}],"next_cursor":${JSON.stringify(next)}}`);
}

function statementView(s: StatementRecord) {
  return { id: s.id, run_id: s.run_id, run_status: s.run_status, statement: JSON.parse(s.body) as StatementJson };
}

/** The run when `subject` may see it; 404 otherwise (a draft is invisible to non-admins). */
async function visibleRun(ctx: { deps: Deps }, id: number, subject: Subject): Promise<RunSummary> {
  const run = await getRun(ctx.deps.store, id).catch((e: unknown) => {
    if (e instanceof RunError) throw new ApiError('not_found', `there is no run ${id} you may see`);
    throw e;
  });
  if (runScope(subject) === 'published' && run.status !== 'published') throw new ApiError('not_found', `there is no run ${id} you may see`);
  return run;
}

/** The statement when `subject` may read it; 404 otherwise (whether or not it exists). */
async function visibleStatement(ctx: { deps: Deps }, id: number, subject: Subject): Promise<StatementRecord> {
  const s = await statementRecord(ctx.deps.store, id);
  if (!s || !authorize(subject, 'statements.read', { kind: 'statement', personId: s.person_id, runStatus: s.run_status })) throw new ApiError('not_found', `there is no statement ${id} you may see`);
  return s;
}

export function runRoutes(router: Router): void {
  const myStatements = new ReplyCache();
  router.add({
    method: 'GET',
    path: '/api/runs',
    tag: 'runs',
    summary: 'Runs, newest first (non-admins: published runs only, without totals)',
    action: 'runs.read',
    query: runListQuery,
    response: pageSchema(runSchema),
    handler: async (ctx) => {
      const me = who(ctx);
      const rows = await runPage(ctx.deps.store, { limit: ctx.query.limit + 1, beforeId: numberCursor(ctx.query.cursor), status: ctx.query.status, period: ctx.query.period, publishedOnly: runScope(me) === 'published' });
      const page = pageOf(rows, ctx.query.limit, (r) => r.id);
      return { items: page.items.map((r) => runView(r, me)), next_cursor: page.next_cursor };
    },
  });

  router.add({
    method: 'POST',
    path: '/api/runs',
    tag: 'runs',
    summary: 'Calculate a period on the current org version (201), or return the run that already has exactly these inputs (200)',
    action: 'runs.manage',
    body: newRunBody,
    response: runCreatedSchema,
    status: 201,
    altStatus: 200,
    handler: async (ctx) => {
      const me = who(ctx);
      const { run, created } = await createRun(ctx.deps.store, ctx.body.period, { actorId: me.userId, clock: ctx.deps.clock });
      if (!created) ctx.status(200);
      return { run: runView(run, me), created };
    },
  });

  router.add({
    method: 'GET',
    path: '/api/runs/:id',
    tag: 'runs',
    summary: 'One run',
    action: 'runs.read',
    params: idParam,
    response: runSchema,
    handler: async (ctx) => runView(await visibleRun(ctx, ctx.params.id, who(ctx)), who(ctx)),
  });

  router.add({
    method: 'GET',
    path: '/api/runs/:id/diff',
    tag: 'runs',
    summary: "The run's differences from the approved run it was calculated after: who gains or loses, and which lines moved",
    action: 'runs.manage',
    params: idParam,
    response: runDiffSchema,
    handler: async (ctx) => {
      const me = who(ctx);
      const d = await runDiff(ctx.deps.store, ctx.params.id);
      return { run: runView(d.run, me), baseline: d.baseline ? runView(d.baseline, me) : null, diff: d.diff };
    },
  });

  for (const step of ['approve', 'publish'] as const) {
    router.add({
      method: 'POST',
      path: `/api/runs/:id/${step}`,
      tag: 'runs',
      summary: step === 'approve' ? 'Approve a draft run (refused when another run of the period was approved since it was calculated); an approved run never changes' : 'Publish an approved run: its statements become visible to the people they pay and their managers',
      action: 'runs.manage',
      params: idParam,
      response: runSchema,
      handler: async (ctx) => {
        const me = who(ctx);
        const options = { actorId: me.userId, clock: ctx.deps.clock };
        return runView(step === 'approve' ? await approveRun(ctx.deps.store, ctx.params.id, options) : await publishRun(ctx.deps.store, ctx.params.id, options), me);
      },
    });
  }

  router.add({
    method: 'GET',
    path: '/api/runs/:id/statements',
    tag: 'statements',
    summary: "A run's statements you may see (admins: all; managers: their reports' and their own in published runs; others: their own in published runs)",
    action: 'statements.read',
    params: idParam,
    query: statementListQuery,
    response: pageSchema(statementSchema),
    handler: async (ctx) => {
      const me = who(ctx);
      await visibleRun(ctx, ctx.params.id, me);
      let scope = personScope(me, 'statements.read');
      const only = ctx.query.person_id;
      if (only !== undefined) scope = scope === 'all' || scope.has(only) ? new Set([only]) : new Set();
      const rows = await statementPage(ctx.deps.store, { limit: ctx.query.limit + 1, afterId: numberCursor(ctx.query.cursor), runId: ctx.params.id, personIds: scope, publishedOnly: runScope(me) === 'published' });
      const page = pageOf(rows, ctx.query.limit, (s) => s.id);
      return statementPageJson(page.items, page.next_cursor);
    },
  });

  router.add({
    method: 'GET',
    path: '/api/statements/:id',
    tag: 'statements',
    summary: 'One statement with every line and its trace',
    action: 'statements.read',
    params: idParam,
    response: statementSchema,
    handler: async (ctx) => statementView(await visibleStatement(ctx, ctx.params.id, who(ctx))),
  });

  router.add({
    method: 'GET',
    path: '/api/statements/:id/explain',
    tag: 'statements',
    summary: 'One statement explained in words: each deal credited, each arithmetic step, SPIFs, adjustments, the total (as tandem explain prints it)',
    action: 'statements.read',
    params: idParam,
    query: explainQuery,
    response: explainSchema,
    handler: async (ctx) => {
      const s = await visibleStatement(ctx, ctx.params.id, who(ctx));
      const version = await ctx.deps.versions.get(s.version_id);
      const calc = version.calc();
      const match = calc.result.statements.find((x) => x.person.id === s.person_id && x.plan.id === s.plan_id && x.period.label === s.period && formatUnits(x.total, x.minorDigits) === s.total);
      // The run was calculated from this version with this engine: it always reproduces.
      if (!match) {
        throw new ApiError('internal', `statement ${s.id} could not be reproduced from org version ${s.version_id}`);
      }
      return { statement_id: s.id, format: ctx.query.format, text: explainStatement(match, calc.org, { markdown: ctx.query.format === 'markdown' }) };
    },
  });

  router.add({
    method: 'GET',
    path: '/api/me/statements',
    tag: 'statements',
    summary: 'Your own statements in published runs, oldest first',
    action: 'statements.read',
    query: pageQuery,
    response: pageSchema(statementSchema),
    handler: async (ctx) => {
      const me = who(ctx);
      const compute = async () => {
        const scope = me.personId === null ? new Set<string>() : new Set([me.personId]);
        const rows = await statementPage(ctx.deps.store, { limit: ctx.query.limit + 1, afterId: numberCursor(ctx.query.cursor), personIds: scope, publishedOnly: true });
        const page = pageOf(rows, ctx.query.limit, (s) => s.id);
        return statementPageJson(page.items, page.next_cursor);
      };
      // The page most often asked for (every member, on every visit): kept while nothing changes.
      if (ctx.generation === null) return compute();
      return myStatements.get(`${me.personId ?? ''}\u0000${ctx.query.limit}\u0000${ctx.query.cursor ?? ''}`, ctx.generation, compute);
    },
  });
}
