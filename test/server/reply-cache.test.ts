/**
 * The member's statement page is kept between requests while the data under it is unchanged
 * (src/server/reply-cache.ts). Kept replies must never outlive a change — made through this
 * instance or through another instance on the same database: a run published on one is in the
 * next reply of both.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/connect.js';
import { createApp } from '../../src/server/app.js';
import { available, DIALECTS } from '../db/databases.js';
import { buildWorld, Client, PASSWORD, statementIds, type World } from './world.js';

interface Page {
  readonly items: readonly { readonly id: number; readonly run_id: number }[];
}

describe.each(DIALECTS.filter((d) => available(d)))('kept statement pages on %s', (dialect) => {
  let w: World;
  let second: Db;
  beforeAll(async () => {
    w = await buildWorld(dialect);
    second = await openDatabase({ dialect, location: dialect === 'sqlite' ? w.store.url.replace(/^sqlite:/, '') : w.store.url });
  });
  afterAll(async () => {
    await second.close();
    await w.close();
  });

  it('a publish on either instance shows in the next reply of both', async () => {
    const other = createApp({ store: second, clock: w.clock.now, logger: pino({ level: 'silent' }) });
    const memberA = w.clients.member;
    const memberB = new Client(other);
    expect((await memberB.login('member', PASSWORD)).status).toBe(200);
    const ids = async (c: Client) => {
      const r = await c.get('/api/me/statements?limit=200');
      expect(r.status).toBe(200);
      return r.as<Page>().items.map((s) => s.id);
    };
    const q2 = await statementIds(w, w.runs.published.id, 'se-001');
    const q3 = await statementIds(w, w.runs.approved.id, 'se-001');
    expect(q2.length).toBeGreaterThan(0);
    expect(q3.length).toBeGreaterThan(0);
    // Asked twice on each instance, so both keep the page.
    for (let i = 0; i < 2; i++) {
      expect(await ids(memberA)).toEqual(q2);
      expect(await ids(memberB)).toEqual(q2);
    }
    // Published through instance B: instance A's kept page must not be served again.
    const adminB = new Client(other);
    expect((await adminB.login('admin', PASSWORD)).status).toBe(200);
    expect((await adminB.post(`/api/runs/${w.runs.approved.id}/publish`)).status).toBe(200);
    expect(await ids(memberA)).toEqual([...q2, ...q3]);
    expect(await ids(memberB)).toEqual([...q2, ...q3]);
    // A page of one and its cursor are kept apart from the whole list.
    const first = await memberA.get('/api/me/statements?limit=1');
    expect(first.as<Page>().items.map((s) => s.id)).toEqual([q2[0]]);
  });
});
