/**
 * Sign-in: password check (argon2id), sessions stored in the database (so any instance serves any
 * session), per-session CSRF tokens, and login rate limiting counted in the database (so it holds
 * across instances). The session token itself is only ever in the client's cookie: the database
 * keeps its sha256.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import { executeShaped } from '../db/compiled.js';
import { appendAudit } from '../db/repositories/audit.js';
import type { Clock } from './org-store.js';

/** How long a session lasts from sign-in. */
export const SESSION_HOURS = 12;
/** Failed sign-ins per username inside one window before further attempts are refused. */
export const LOGIN_MAX_FAILURES = 5;
/** Attempts per client address inside one window (any usernames) before further attempts are refused. */
export const LOGIN_MAX_PER_ADDRESS = 100;
export const LOGIN_WINDOW_MINUTES = 15;

export type UserRole = 'admin' | 'leader' | 'manager' | 'member';

/** Why a sign-in was refused. One message for an unknown user, a wrong password and a disabled account. */
export class AuthError extends Error {
  constructor(
    readonly code: 'invalid_credentials' | 'rate_limited',
    message: string,
    /** Seconds until the rate-limit window ends. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** Argon2id with the library's defaults (19 MiB, 2 passes, 1 lane: OWASP's minimum). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** A hash to verify against when the user does not exist, so that answer takes as long as a wrong password. */
function dummy(): Promise<string> {
  dummyHash ??= hash(randomBytes(16).toString('hex'));
  return dummyHash;
}

/** sha256 hex of a session token: the session's id in the database. */
export function sessionId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Usernames are compared case-insensitively: stored and looked up in lower case. */
export function normalUsername(username: string): string {
  return username.trim().toLowerCase();
}

export interface SessionUser {
  readonly userId: number;
  readonly username: string;
  readonly role: UserRole;
  readonly personId: string | null;
  readonly csrfToken: string;
  readonly expiresAt: string;
  /**
   * The id of the newest audit event when the session was read: every mutation of org data, runs,
   * users or inquiries appends one in its own transaction (appends are serialized, so ids grow in
   * commit order), so an answer computed at generation G is still exact while it reads G.
   */
  readonly generation: number;
}

export interface LoginResult extends Omit<SessionUser, 'generation'> {
  /** The session token for the cookie. Never stored, never logged. */
  readonly token: string;
}

/**
 * Counts one attempt against `key` in the current window (a new window starts when the last one
 * is over) and returns the count and when the window ends. One atomic statement, so concurrent
 * attempts on several instances are all counted.
 */
export async function countAttempt(store: Db, key: string, now: Date): Promise<{ count: number; windowEnds: Date }> {
  const nowIso = now.toISOString();
  const cutoff = new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000).toISOString();
  const row = await store.db
    .insertInto('login_attempts')
    .values({ key, window_start: nowIso, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql<number>`CASE WHEN login_attempts.window_start <= ${cutoff} THEN 1 ELSE login_attempts.count + 1 END`,
        window_start: sql<string>`CASE WHEN login_attempts.window_start <= ${cutoff} THEN ${nowIso} ELSE login_attempts.window_start END`,
      }),
    )
    .returning(['count', 'window_start'])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), windowEnds: new Date(Date.parse(row.window_start) + LOGIN_WINDOW_MINUTES * 60_000) };
}

export function limited(windowEnds: Date, now: Date, what: string, attempts = 'sign-in attempts'): AuthError {
  const seconds = Math.max(1, Math.ceil((windowEnds.getTime() - now.getTime()) / 1000));
  return new AuthError('rate_limited', `too many ${attempts} ${what}: try again in ${Math.ceil(seconds / 60)} minute(s)`, seconds);
}

/**
 * Signs in. Every attempt is counted first (per username and per client address), so the sixth
 * attempt inside a window after five failures is refused whatever the password; a success clears
 * the username's count. Unknown users, wrong passwords and disabled accounts get the same answer
 * after the same work.
 */
export async function login(store: Db, input: { username: string; password: string; address?: string }, options: { clock: Clock }): Promise<LoginResult> {
  const now = options.clock();
  const username = normalUsername(input.username);
  const userKey = `user:${username}`;
  const perUser = await countAttempt(store, userKey, now);
  if (perUser.count > LOGIN_MAX_FAILURES) throw limited(perUser.windowEnds, now, 'for this username');
  if (input.address !== undefined && input.address !== '') {
    const perAddress = await countAttempt(store, `ip:${input.address}`, now);
    if (perAddress.count > LOGIN_MAX_PER_ADDRESS) throw limited(perAddress.windowEnds, now, 'from this address');
  }
  const user = await store.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  const ok = await verifyPassword(user?.password_hash ?? (await dummy()), input.password);
  if (!user || !ok || user.disabled !== 0) throw new AuthError('invalid_credentials', 'wrong username or password');

  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString();
  await store.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('login_attempts').where('key', '=', userKey).execute();
    await trx.deleteFrom('login_attempts').where('window_start', '<=', new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000).toISOString()).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).where('expires_at', '<=', at).execute();
    await trx.insertInto('sessions').values({ id: sessionId(token), user_id: user.id, csrf_token: csrfToken, created_at: at, expires_at: expiresAt }).execute();
    await appendAudit(trx, store.dialect, at, { actorId: user.id, action: 'auth.login', entity: 'user', entityId: String(user.id), after: { expires_at: expiresAt } });
  });
  return { token, userId: user.id, username: user.username, role: user.role, personId: user.person_id, csrfToken, expiresAt };
}

interface SessionRow {
  readonly user_id: number;
  readonly username: string;
  readonly role: UserRole;
  readonly person_id: string | null;
  readonly disabled: number;
  readonly csrf_token: string;
  readonly expires_at: string;
  readonly generation: number | string | null;
}

/** Session rows kept, by session id, while the database's commit stamp is `stamp`. */
interface KeptSessions {
  stamp: number;
  readonly rows: Map<string, SessionRow>;
}

/** Sessions kept per database at most (then all are dropped: the next request of each reads again). */
const KEPT_SESSIONS = 10_000;

/** Per database (its commitStamp function), the session rows read at its last stamp. */
const keptSessions = new WeakMap<() => number | undefined, KeptSessions>();

/**
 * The session a token opens, when it exists, has not expired and its account is enabled.
 *
 * Every request asks this. On SQLite the row read for a token is kept while nothing at all has
 * been committed to the database since the read, by any instance (`Db.commitStamp`): a sign-out,
 * a disabled account or any change of data changes the stamp, and the next request reads again,
 * so the answer is always what a fresh read would give. The stamp is taken before the read, so a
 * commit that lands between the two only costs one more read. Expiry is checked on every call.
 */
export async function sessionFromToken(store: Db, token: string, options: { clock: Clock }): Promise<SessionUser | undefined> {
  if (token === '' || token.length > 200) return undefined;
  const stampOf = store.commitStamp;
  const stamp = stampOf?.();
  let kept: KeptSessions | undefined;
  if (stampOf !== undefined && stamp !== undefined) {
    kept = keptSessions.get(stampOf);
    if (kept === undefined) keptSessions.set(stampOf, (kept = { stamp, rows: new Map() }));
  }
  // Kept by the session's id (the token's hash), as the database keeps it: a memory dump of the
  // server then holds no tokens that would sign anyone in.
  const id = sessionId(token);
  let row = kept !== undefined && kept.stamp === stamp ? kept.rows.get(id) : undefined;
  if (row === undefined) {
    row = await readSession(store, id);
    if (row !== undefined && kept !== undefined && stamp !== undefined) {
      if (kept.stamp !== stamp || kept.rows.size >= KEPT_SESSIONS) {
        kept.rows.clear();
        kept.stamp = stamp;
      }
      kept.rows.set(id, row);
    }
  }
  if (!row || row.disabled !== 0 || row.expires_at <= options.clock().toISOString()) return undefined;
  return { userId: row.user_id, username: row.username, role: row.role, personId: row.person_id, csrfToken: row.csrf_token, expiresAt: row.expires_at, generation: Number(row.generation ?? 0) };
}

/** The row of session `id`, read from the database (the SQL compiled once: src/db/compiled.ts). */
async function readSession(store: Db, id: string): Promise<SessionRow | undefined> {
  const [row] = await executeShaped<SessionRow>(store, 'sessionFromToken', [id], () =>
    store.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['users.id as user_id', 'users.username', 'users.role', 'users.person_id', 'users.disabled', 'sessions.csrf_token', 'sessions.expires_at'])
      .select((eb) => eb.selectFrom('audit_events').select((e) => e.fn.max('audit_events.id').as('g')).as('generation'))
      .where('sessions.id', '=', id),
  );
  return row;
}

/** Ends the session of `token` (audited). */
export async function logout(store: Db, token: string, options: { actorId: number; clock: Clock }): Promise<void> {
  const at = options.clock().toISOString();
  await store.db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom('sessions').where('id', '=', sessionId(token)).executeTakeFirst();
    if (result.numDeletedRows > 0n) await appendAudit(trx, store.dialect, at, { actorId: options.actorId, action: 'auth.logout', entity: 'user', entityId: String(options.actorId) });
  });
}

/** Constant-time comparison of a presented CSRF token with the session's. */
export function csrfMatches(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
