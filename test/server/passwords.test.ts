/**
 * Accounts after they are made — passwords: an account changes its own (the current one required, tries rate
 * limited, every other session ended), an admin resets another's (all its sessions ended), both
 * audited without either password; roles: an admin changes another's, from its next request on; on
 * SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/app/users.js';
import { available, DIALECTS } from '../db/databases.js';
import { buildWorld, PASSWORD, type World } from './world.js';

describe.each(DIALECTS.filter((d) => available(d)))('passwords on %s', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(dialect);
  });
  afterAll(async () => {
    await w.close();
  });

  it('changing one\'s own: the current password is required; other sessions end, this one goes on; audited without passwords', async () => {
    const here = await w.signIn('member');
    const elsewhere = w.clients.member;
    expect((await elsewhere.get('/api/auth/session')).status).toBe(200);
    const wrong = await here.post('/api/auth/password', { current_password: 'not it', new_password: 'a brand new password' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('the current password is wrong');
    const short = await here.post('/api/auth/password', { current_password: PASSWORD, new_password: 'short' });
    expect(short.status).toBe(400);
    const ok = await here.post('/api/auth/password', { current_password: PASSWORD, new_password: 'a brand new password' });
    expect(ok.status).toBe(200);
    expect((await here.get('/api/auth/session')).status).toBe(200);
    expect((await elsewhere.get('/api/auth/session')).status).toBe(401);
    expect((await w.client().login('member', PASSWORD)).status).toBe(401);
    expect((await w.client().login('member', 'a brand new password')).status).toBe(200);
    const events = await w.store.db.selectFrom('audit_events').selectAll().where('action', '=', 'user.password').execute();
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toMatch(/brand new|correct horse|argon2/);
  });

  it('five wrong current passwords in 15 minutes, then 429 even with the right one', async () => {
    const c = await w.signIn('other');
    for (let i = 0; i < 5; i++) expect((await c.post('/api/auth/password', { current_password: `wrong ${i}`, new_password: 'another new password' })).status).toBe(400);
    const sixth = await c.post('/api/auth/password', { current_password: PASSWORD, new_password: 'another new password' });
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get('retry-after')).toMatch(/^\d+$/);
    w.clock.advance(16 * 60_000);
    expect((await c.post('/api/auth/password', { current_password: PASSWORD, new_password: 'another new password' })).status).toBe(200);
  });

  it('an admin resets another account: all its sessions end and the new password works; not their own', async () => {
    const manager = await w.signIn('manager');
    const reset = await w.clients.admin.post(`/api/users/${w.userIds.manager}/password`, { password: 'reset by the admin' });
    expect(reset.status).toBe(200);
    expect(reset.text).not.toContain('reset by the admin');
    expect((await manager.get('/api/auth/session')).status).toBe(401);
    expect((await w.client().login('manager', 'reset by the admin')).status).toBe(200);
    const own = await w.clients.admin.post(`/api/users/${w.userIds.admin}/password`, { password: 'my own new one' });
    expect(own.status).toBe(409);
    expect((await w.clients.leader.post(`/api/users/${w.userIds.manager}/password`, { password: 'not allowed here' })).status).toBe(403);
  });

  it("an admin changes another account's role: it applies from the next request, audited; not one's own; a member needs a person", async () => {
    const made = await createUser(w.store, { username: 'role-change', password: PASSWORD, role: 'member', personId: 'se-011' }, { actorId: null, clock: w.clock.now });
    const member = w.client();
    expect((await member.login('role-change', PASSWORD)).status).toBe(200);
    expect((await member.get('/api/reports/people')).status).toBe(403);
    const changed = await w.clients.admin.post(`/api/users/${made.id}/role`, { role: 'leader' });
    expect(changed.status).toBe(200);
    expect(changed.as<{ role: string }>().role).toBe('leader');
    // The same session, the new role: the role is read with the session on every request.
    expect((await member.get('/api/reports/people')).status).toBe(200);
    const events = await w.store.db.selectFrom('audit_events').select(['before', 'after']).where('action', '=', 'user.role').execute();
    expect(events.map((e): unknown[] => [JSON.parse(e.before ?? 'null'), JSON.parse(e.after ?? 'null')])).toEqual([[{ role: 'member' }, { role: 'leader' }]]);
    expect((await w.clients.admin.post(`/api/users/${w.userIds.admin}/role`, { role: 'member' })).status).toBe(409);
    expect((await w.clients.admin.post(`/api/users/${w.userIds.admin}/role`, { role: 'superuser' })).status).toBe(400);
    expect((await w.clients.leader.post(`/api/users/${made.id}/role`, { role: 'admin' })).status).toBe(403);
    const { id } = await createUser(w.store, { username: 'unlinked-leader', password: PASSWORD, role: 'leader', personId: null }, { actorId: null, clock: w.clock.now });
    const refused = await w.clients.admin.post(`/api/users/${id}/role`, { role: 'member' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('must be linked to a person');
  });
});
