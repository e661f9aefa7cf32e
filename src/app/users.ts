/**
 * Accounts: created by an admin (or by the command line on a fresh database), linked to a people.csv
 * id, disabled rather than deleted. Every change is audited; a password is only ever stored as an
 * argon2id hash and never appears in the audit trail.
 */
import type { Db } from '../db/connect.js';
import { appendAudit } from '../db/repositories/audit.js';
import { currentVersion } from '../db/repositories/org-versions.js';
import type { UserRow } from '../db/schema.js';
import { countAttempt, hashPassword, limited, LOGIN_MAX_FAILURES, normalUsername, sessionId, verifyPassword, type UserRole } from './auth.js';
import type { Clock } from './org-store.js';

export const USER_ROLES: readonly UserRole[] = ['admin', 'leader', 'manager', 'member'];
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._@-]{1,63}$/;
/**
 * The use case only refuses an empty password: the command line's demo accounts use a short
 * shared one. Accounts made over the HTTP API need at least API_PASSWORD_MIN characters.
 */
export const PASSWORD_MIN = 1;
export const API_PASSWORD_MIN = 8;
export const PASSWORD_MAX = 1024;

/** Why an account operation was refused: the HTTP layer maps the code to a status. */
export class UserError extends Error {
  constructor(
    readonly code: 'invalid' | 'conflict' | 'not_found',
    message: string,
  ) {
    super(message);
  }
}

export interface NewUser {
  readonly username: string;
  readonly password: string;
  readonly role: UserRole;
  /** The people.csv id this account is; required for managers and members. */
  readonly personId: string | null;
}

/** An account as shown to admins (never the hash). */
export interface UserView {
  readonly id: number;
  readonly username: string;
  readonly role: UserRole;
  readonly person_id: string | null;
  readonly created_at: string;
  readonly disabled: boolean;
}

export function userView(r: UserRow): UserView {
  return { id: r.id, username: r.username, role: r.role, person_id: r.person_id, created_at: r.created_at, disabled: r.disabled !== 0 };
}

/**
 * Creates an account. Managers and members must be linked to a person; when an org has been
 * imported the person must be in its current version.
 */
export async function createUser(store: Db, input: NewUser, options: { actorId: number | null; clock: Clock }): Promise<{ id: number }> {
  const username = normalUsername(input.username);
  if (!USERNAME_PATTERN.test(username)) throw new UserError('invalid', `username "${input.username}" must be 2–64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit`);
  if (!USER_ROLES.includes(input.role)) throw new UserError('invalid', `role must be one of ${USER_ROLES.join(', ')}`);
  if (input.password.length < PASSWORD_MIN || input.password.length > PASSWORD_MAX) throw new UserError('invalid', `a password must be 1 to ${PASSWORD_MAX} characters long`);
  if ((input.role === 'manager' || input.role === 'member') && input.personId === null) throw new UserError('invalid', `a ${input.role} account must be linked to a person (person_id from people.csv)`);
  const passwordHash = await hashPassword(input.password);
  const at = options.clock().toISOString();
  return store.db.transaction().execute(async (trx) => {
    if (input.personId !== null) {
      const version = await currentVersion(trx);
      if (version) {
        const person = await trx.selectFrom('people').select('id').where('version_id', '=', version.id).where('id', '=', input.personId).executeTakeFirst();
        if (!person) throw new UserError('invalid', `person "${input.personId}" is not in people.csv of the current org version ${version.id}`);
      }
    }
    const taken = await trx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    if (taken) throw new UserError('conflict', `username "${username}" is taken`);
    const row = await trx
      .insertInto('users')
      .values({ username, password_hash: passwordHash, role: input.role, person_id: input.personId, created_at: at, disabled: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, store.dialect, at, { actorId: options.actorId, action: 'user.create', entity: 'user', entityId: String(row.id), after: { username, role: input.role, person_id: input.personId } });
    return { id: row.id };
  });
}

/** Accounts in id order, `limit` after `afterId`. */
export async function listUsers(store: Db, options: { limit: number; afterId?: number }): Promise<UserView[]> {
  let q = store.db.selectFrom('users').selectAll().orderBy('id').limit(options.limit);
  if (options.afterId !== undefined) q = q.where('id', '>', options.afterId);
  return (await q.execute()).map(userView);
}

export async function getUser(store: Db, id: number): Promise<UserView | undefined> {
  const row = await store.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? userView(row) : undefined;
}

/** Disables an account and ends its sessions. An admin cannot disable their own account. */
export async function disableUser(store: Db, id: number, options: { actorId: number; clock: Clock }): Promise<UserView> {
  if (id === options.actorId) throw new UserError('conflict', 'you cannot disable your own account (another admin can)');
  const at = options.clock().toISOString();
  return store.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new UserError('not_found', `there is no user ${id}`);
    if (row.disabled !== 0) return userView(row);
    await trx.updateTable('users').set({ disabled: 1 }).where('id', '=', id).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await appendAudit(trx, store.dialect, at, { actorId: options.actorId, action: 'user.disable', entity: 'user', entityId: String(id), before: { disabled: false }, after: { disabled: true } });
    return { ...userView(row), disabled: true };
  });
}

/**
 * Changes the signed-in account's own password: the current one must be given (attempts are
 * counted like sign-ins: after 5 wrong ones in 15 minutes, 429), and every other session of the
 * account ends — whoever else held one is signed out. Audited without either password.
 */
export async function changeOwnPassword(store: Db, input: { userId: number; sessionToken: string; current: string; next: string }, options: { clock: Clock }): Promise<void> {
  const now = options.clock();
  const key = `password:${input.userId}`;
  const attempts = await countAttempt(store, key, now);
  if (attempts.count > LOGIN_MAX_FAILURES) throw limited(attempts.windowEnds, now, 'for this account', 'password attempts');
  const user = await store.db.selectFrom('users').selectAll().where('id', '=', input.userId).executeTakeFirst();
  if (!user || user.disabled !== 0) throw new UserError('not_found', 'this account no longer exists');
  if (!(await verifyPassword(user.password_hash, input.current))) throw new UserError('invalid', 'the current password is wrong');
  if (input.next === input.current) throw new UserError('invalid', 'the new password is the same as the current one');
  const passwordHash = await hashPassword(input.next);
  const at = now.toISOString();
  await store.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', user.id).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).where('id', '!=', sessionId(input.sessionToken)).execute();
    await trx.deleteFrom('login_attempts').where('key', '=', key).execute();
    await appendAudit(trx, store.dialect, at, { actorId: user.id, action: 'user.password', entity: 'user', entityId: String(user.id), after: { by: 'self', other_sessions_ended: true } });
  });
}

/**
 * An admin sets another account's password (a reset: tell them the new one out of band) and ends
 * all of its sessions. Not one's own: that is `changeOwnPassword`, which asks for the current one.
 */
export async function resetPassword(store: Db, id: number, password: string, options: { actorId: number; clock: Clock }): Promise<UserView> {
  if (id === options.actorId) throw new UserError('conflict', 'change your own password with POST /api/auth/password (it asks for the current one)');
  const passwordHash = await hashPassword(password);
  const at = options.clock().toISOString();
  return store.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new UserError('not_found', `there is no user ${id}`);
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await appendAudit(trx, store.dialect, at, { actorId: options.actorId, action: 'user.password', entity: 'user', entityId: String(id), after: { by: 'admin', sessions_ended: true } });
    return userView(row);
  });
}

/**
 * Changes an account's role (it applies from the account's next request: sessions read the role
 * from the account). A manager or member must be linked to a person. Not one's own: an admin who
 * demoted themselves could not undo it — another admin can.
 */
export async function setUserRole(store: Db, id: number, role: UserRole, options: { actorId: number; clock: Clock }): Promise<UserView> {
  if (id === options.actorId) throw new UserError('conflict', 'you cannot change your own role (another admin can)');
  if (!USER_ROLES.includes(role)) throw new UserError('invalid', `role must be one of ${USER_ROLES.join(', ')}`);
  const at = options.clock().toISOString();
  return store.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new UserError('not_found', `there is no user ${id}`);
    if (row.role === role) return userView(row);
    if ((role === 'manager' || role === 'member') && row.person_id === null) throw new UserError('invalid', `a ${role} account must be linked to a person; ${row.username} is not (create a new account linked to their people.csv id)`);
    await trx.updateTable('users').set({ role }).where('id', '=', id).execute();
    await appendAudit(trx, store.dialect, at, { actorId: options.actorId, action: 'user.role', entity: 'user', entityId: String(id), before: { role: row.role }, after: { role } });
    return { ...userView(row), role };
  });
}
