/**
 * The commit stamp (src/db/commit-stamp.ts) and the sessions kept by it (sessionFromToken in
 * src/app/auth.ts). A kept session must never outlive a change made anywhere — through this
 * connection, another connection of this process, or another process on the same file — and a
 * session kept must really be served without a read (that is what it is for).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { login, logout, sessionFromToken } from '../../src/app/auth.js';
import { createUser, disableUser } from '../../src/app/users.js';
import { openDatabase, type Db } from '../../src/db/connect.js';

const opened: Db[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
});

function sqlitePath(): string {
  return join(mkdtempSync(join(tmpdir(), 'tandem-stamp-')), 'tandem.sqlite');
}

async function open(location: string): Promise<Db> {
  const db = await openDatabase({ dialect: 'sqlite', location });
  opened.push(db);
  return db;
}

function stampOf(db: Db): number | undefined {
  if (db.commitStamp === undefined) throw new Error('no commitStamp on this database');
  return db.commitStamp();
}

/** Runs SQL on the file from another process (sqlite through better-sqlite3 in a child node). */
function inAnotherProcess(location: string, statement: string): void {
  const script = `const D = require('better-sqlite3'); const db = new D(process.argv[1]); db.pragma('busy_timeout = 10000'); db.exec(process.argv[2]); db.close();`;
  execFileSync(process.execPath, ['-e', script, location, statement], { cwd: process.cwd(), stdio: 'pipe' });
}

/** File descriptors of this process open on `path`. */
function descriptorsOn(path: string): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false;
    }
  }).length;
}

const clock = () => new Date('2026-11-28T09:00:00Z');

describe('the commit stamp of an SQLite file', () => {
  it('stays while nothing is committed and moves with every commit, from any connection or process', async () => {
    const path = sqlitePath();
    const db = await open(path);
    const other = await open(path);
    const s0 = stampOf(db);
    expect(s0).toBeTypeOf('number');
    // Reads, on either connection, commit nothing.
    await db.db.selectFrom('users').selectAll().execute();
    await other.db.selectFrom('audit_events').selectAll().execute();
    expect(stampOf(db)).toBe(s0);
    expect(stampOf(db)).toBe(s0);

    // A commit through this connection.
    await createUser(db, { username: 'aa', password: 'pw', role: 'admin', personId: null }, { actorId: null, clock });
    const s1 = stampOf(db);
    expect(s1).not.toBe(s0);
    expect(stampOf(db)).toBe(s1);

    // A commit through another connection of this process.
    await createUser(other, { username: 'bb', password: 'pw', role: 'admin', personId: null }, { actorId: null, clock });
    const s2 = stampOf(db);
    expect(s2).not.toBe(s1);

    // A commit from another process.
    inAnotherProcess(path, `UPDATE users SET disabled = 1 WHERE username = 'bb'`);
    const s3 = stampOf(db);
    expect(s3).not.toBe(s2);
    expect(stampOf(db)).toBe(s3);

    // A transaction rolled back changes nothing, data or stamp.
    await expect(
      db.db.transaction().execute(async (trx) => {
        await trx.updateTable('users').set({ disabled: 1 }).where('username', '=', 'aa').execute();
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(stampOf(db)).toBe(s3);
  });

  it('is not offered where it cannot tell: an in-memory database', async () => {
    const db = await open(':memory:');
    expect(db.commitStamp).toBeUndefined();
  });

  it('opens the -shm file once and closes it only with the database', async () => {
    const path = sqlitePath();
    const db = await openDatabase({ dialect: 'sqlite', location: path });
    for (let i = 0; i < 5; i++) stampOf(db);
    // SQLite's own descriptor and ours.
    expect(descriptorsOn(`${path}-shm`)).toBe(2);
    await db.close();
    expect(descriptorsOn(`${path}-shm`)).toBe(0);
    expect(db.commitStamp?.()).toBeUndefined();
  });
});

describe('sessions kept while nothing is committed', () => {
  async function signedIn(db: Db, username: string): Promise<{ token: string; userId: number }> {
    const { id } = await createUser(db, { username, password: 'pw', role: 'admin', personId: null }, { actorId: null, clock });
    const { token } = await login(db, { username, password: 'pw' }, { clock });
    return { token, userId: id };
  }

  it('are served without a read, and read again after any commit', async () => {
    const db = await open(sqlitePath());
    const { token, userId } = await signedIn(db, 'kept');
    const reads = vi.spyOn(db, 'readIfIdle');
    const first = await sessionFromToken(db, token, { clock });
    expect(first?.userId).toBe(userId);
    expect(reads).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 3; i++) expect(await sessionFromToken(db, token, { clock })).toEqual(first);
    expect(reads).toHaveBeenCalledTimes(1);
    // Any commit (here another account's sign-in) means one read again.
    await signedIn(db, 'someone-else');
    reads.mockClear();
    expect((await sessionFromToken(db, token, { clock }))?.userId).toBe(userId);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('end at once when another instance disables the account or signs the session out', async () => {
    const path = sqlitePath();
    const db = await open(path);
    const elsewhere = await open(path);
    const admin = await signedIn(db, 'admin');
    const victim = await signedIn(db, 'victim');
    expect(await sessionFromToken(db, victim.token, { clock })).toBeDefined();
    expect(await sessionFromToken(db, admin.token, { clock })).toBeDefined();

    await disableUser(elsewhere, victim.userId, { actorId: admin.userId, clock });
    expect(await sessionFromToken(db, victim.token, { clock })).toBeUndefined();

    expect(await sessionFromToken(db, admin.token, { clock })).toBeDefined();
    await logout(elsewhere, admin.token, { actorId: admin.userId, clock });
    expect(await sessionFromToken(db, admin.token, { clock })).toBeUndefined();
  });

  it('end at once when another process deletes the session', async () => {
    const path = sqlitePath();
    const db = await open(path);
    const { token } = await signedIn(db, 'gone');
    expect(await sessionFromToken(db, token, { clock })).toBeDefined();
    expect(await sessionFromToken(db, token, { clock })).toBeDefined();
    inAnotherProcess(path, 'DELETE FROM sessions');
    expect(await sessionFromToken(db, token, { clock })).toBeUndefined();
  });

  it('carry the newest generation: a change elsewhere is seen in the next answer', async () => {
    const path = sqlitePath();
    const db = await open(path);
    const elsewhere = await open(path);
    const { token } = await signedIn(db, 'reader');
    const before = (await sessionFromToken(db, token, { clock }))?.generation;
    expect(before).toBeGreaterThan(0);
    expect((await sessionFromToken(db, token, { clock }))?.generation).toBe(before);
    // Creating an account appends one audit event.
    await createUser(elsewhere, { username: 'new-one', password: 'pw', role: 'admin', personId: null }, { actorId: null, clock });
    const newest = Number((await elsewhere.db.selectFrom('audit_events').select((e) => e.fn.max('id').as('m')).executeTakeFirstOrThrow()).m);
    expect(newest).toBe(Number(before) + 1);
    expect((await sessionFromToken(db, token, { clock }))?.generation).toBe(newest);
  });

  it('still expire on time', async () => {
    const db = await open(sqlitePath());
    const { token } = await signedIn(db, 'late');
    const kept = await sessionFromToken(db, token, { clock });
    expect(kept).toBeDefined();
    const expiry = new Date(String(kept?.expiresAt));
    const reads = vi.spyOn(db, 'readIfIdle');
    expect(await sessionFromToken(db, token, { clock: () => new Date(expiry.getTime() - 1) })).toBeDefined();
    expect(await sessionFromToken(db, token, { clock: () => expiry })).toBeUndefined();
    // Both answered from the kept row: expiry needs no read.
    expect(reads).not.toHaveBeenCalled();
  });

  it('are not kept without a stamp (in memory): every call reads', async () => {
    const db = await open(':memory:');
    const { token } = await signedIn(db, 'mem');
    const reads = vi.spyOn(db, 'readIfIdle');
    for (let i = 0; i < 3; i++) expect(await sessionFromToken(db, token, { clock })).toBeDefined();
    expect(reads).toHaveBeenCalledTimes(3);
  });
});
