/**
 * Approved runs never change: every mutating route (and PUT, PATCH and DELETE on the run and
 * statement paths) is tried on an approved and a published run, by every caller, and the runs and
 * their statements are compared byte for byte before and after. A correction (an inquiry resolved
 * with an adjustment, a new import) makes a new org version and, when calculated, a new run; the
 * approved ones stay as they were. The one change an approved run may see is being published.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { available, DIALECTS } from '../db/databases.js';
import { callerFor, validBodies } from './bodies.js';
import { buildWorld, demoFiles, WHO, type World } from './world.js';

describe.each(DIALECTS.filter((d) => available(d)))('approved runs are immutable on %s', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(dialect);
  });
  afterAll(async () => {
    await w.close();
  });

  async function snapshot(runId: number) {
    const run = await w.store.db.selectFrom('runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
    const statements = await w.store.db.selectFrom('run_statements').selectAll().where('run_id', '=', runId).orderBy('id').execute();
    return { run, statements };
  }

  /**
   * Every way the API could try to change `runId` or its statements, by every caller. Publishing an
   * approved run is left out here: it is the one allowed change, tried on its own below.
   */
  async function assault(runId: number): Promise<number> {
    let tries = 0;
    const status = (await w.store.db.selectFrom('runs').select('status').where('id', '=', runId).executeTakeFirstOrThrow()).status;
    const steps = status === 'approved' ? ['approve'] : ['approve', 'publish'];
    const [statementId] = (await w.store.db.selectFrom('run_statements').select('id').where('run_id', '=', runId).where('person_id', '=', 'se-001').execute()).map((s) => s.id);
    const period = (await w.store.db.selectFrom('runs').select('period').where('id', '=', runId).executeTakeFirstOrThrow()).period;
    for (const who of WHO) {
      const c = w.clients[who];
      for (const step of steps) {
        const r = await c.post(`/api/runs/${runId}/${step}`);
        tries++;
        expect(r.status, `${who} ${step}`).toBeGreaterThanOrEqual(400);
      }
      for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
        for (const path of [`/api/runs/${runId}`, `/api/runs/${runId}/statements`, `/api/statements/${statementId}`, `/api/statements/${statementId}/explain`, `/api/runs/${runId}/diff`]) {
          const r = await c.request(method, path, { json: { status: 'draft', total: '0.00' } });
          tries++;
          expect([r.status, r.code], `${who} ${method} ${path}`).toEqual([405, 'method_not_allowed']);
        }
      }
      const again = await c.post('/api/runs', { period });
      tries++;
      if (who === 'admin') {
        // The same inputs give back the run; new inputs (an adjustment made meanwhile) a new run baselined on it.
        const { run, created } = again.as<{ run: { id: number; baseline_run_id: number | null }; created: boolean }>();
        if (created) expect(run.baseline_run_id).toBe(runId);
        else expect(run.id === runId || run.baseline_run_id === runId).toBe(true);
      }
    }
    // Every mutating route of the registry with a valid body, pointed at this run where it takes one.
    const bodies = validBodies(w, {
      statement: statementId ?? 0,
      inquiry: async () => (await w.clients.member.post('/api/inquiries', { statement_id: statementId, line: 'total', message: 'is this right?' })).as<{ id: number }>().id,
      user: async () => (await w.clients.admin.post('/api/users', { username: `imm-${tries}`, password: 'a long enough password', role: 'member', person_id: 'se-015' })).as<{ id: number }>().id,
    });
    for (const [key, { path, body }] of Object.entries(bodies)) {
      if (key === 'POST /api/org/import') continue; // below, with changed files
      if (key === 'POST /api/runs/:id/publish' && status === 'approved') continue;
      const target = (await path()).replace(`/api/runs/${w.runs.published.id}/`, `/api/runs/${runId}/`);
      const b = await body();
      const r = await (await callerFor(w, key)).request('POST', target, b === undefined ? {} : { json: b });
      tries++;
      expect(r.status, `${key}: ${r.text.slice(0, 200)}`).toBeLessThan(500);
    }
    return tries;
  }

  it('no route changes an approved or a published run or its statements; corrections become new versions and new runs', async () => {
    const published = await snapshot(w.runs.published.id);
    const approved = await snapshot(w.runs.approved.id);
    let tries = (await assault(w.runs.published.id)) + (await assault(w.runs.approved.id));

    // An inquiry resolved with an adjustment on the published statement: a new org version.
    const [own] = w.publishedStatements.get('se-001') ?? [];
    const inquiry = (await w.clients.member.post('/api/inquiries', { statement_id: own, line: 'bookings', message: 'short by one deal' })).as<{ id: number }>().id;
    const resolved = await w.clients.admin.post(`/api/inquiries/${inquiry}/resolve`, { resolution: 'adjusted', adjustment: { amount: '300.00', reason: 'missed deal credit' } });
    expect(resolved.status).toBe(200);
    // A new import with a changed deal, then a recalculation of both periods: new runs, baselined on the old.
    const files = Object.fromEntries(demoFiles());
    const current = await w.store.db.selectFrom('org_files').select('content').where('path', '=', 'adjustments.csv').orderBy('version_id', 'desc').limit(1).executeTakeFirstOrThrow();
    const imported = await w.clients.admin.post('/api/org/import', { files: { ...files, 'adjustments.csv': current.content, 'org.yaml': `${files['org.yaml'] ?? ''}# recalculated\n` }, note: 'corrections' });
    expect(imported.status).toBe(201);
    tries += 3;
    for (const period of ['2026-Q2', '2026-Q3']) {
      const created = await w.clients.admin.post('/api/runs', { period });
      tries++;
      expect(created.status).toBe(201);
      const run = created.as<{ run: { id: number; baseline_run_id: number | null } }>().run;
      expect(run.baseline_run_id).toBe(period === '2026-Q2' ? w.runs.published.id : w.runs.approved.id);
      const diff = (await w.clients.admin.get(`/api/runs/${run.id}/diff`)).as<{ diff: { changes: { person_id: string; delta: string }[] } }>().diff;
      // se-001's Q2: 12.50 from the assault's resolved inquiry and 300.00 from this one.
      if (period === '2026-Q2') expect(diff.changes).toEqual([expect.objectContaining({ person_id: 'se-001', delta: '312.50' })]);
    }

    expect(await snapshot(w.runs.published.id)).toEqual(published);
    expect(await snapshot(w.runs.approved.id)).toEqual(approved);

    // Publishing is the one change an approved run sees: its status and when and by whom.
    const publishedNow = await w.clients.admin.post(`/api/runs/${w.runs.approved.id}/publish`);
    expect(publishedNow.as<{ status: string }>().status).toBe('published');
    const after = await snapshot(w.runs.approved.id);
    expect(after.statements).toEqual(approved.statements);
    expect(after.run).toEqual({ ...approved.run, status: 'published', published_at: after.run.published_at, published_by: w.userIds.admin });
    tries += await assault(w.runs.approved.id);
    expect(await snapshot(w.runs.approved.id)).toEqual(after);
    expect(await snapshot(w.runs.published.id)).toEqual(published);
    // The audit trail shows runs created, approved and published — never edited.
    const actions = await w.store.db.selectFrom('audit_events').select('action').distinct().where('entity', '=', 'run').execute();
    expect(new Set(actions.map((a) => a.action))).toEqual(new Set(['run.create', 'run.approve', 'run.publish']));
    console.log(`[${dialect}] immutability: ${tries} attempts on an approved and a published run`);
  });
});
