/** Sign-in, sign-out and the current session. */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { login, logout, SESSION_HOURS, type SessionUser } from '../../app/auth.js';
import type { Env, Router } from '../router.js';
import { requestCookie, SESSION_COOKIE, sessionOf, who } from '../router.js';
import { changePasswordBody, loginBody, okSchema, sessionSchema } from '../schemas.js';
import { changeOwnPassword } from '../../app/users.js';
import { ApiError } from '../errors.js';

function sessionJson(s: Omit<SessionUser, 'generation'>) {
  return { user: { id: s.userId, username: s.username, role: s.role, person_id: s.personId }, csrf_token: s.csrfToken, expires_at: s.expiresAt };
}

/** The client's address when the request came through a Node server (not for in-process requests). */
function addressOf(c: Context<Env>): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

export function authRoutes(router: Router): void {
  router.add({
    method: 'POST',
    path: '/api/auth/login',
    tag: 'auth',
    summary: 'Sign in: sets the session cookie and returns the CSRF token',
    description: `Rate limited: after 5 failed attempts for a username within 15 minutes, further attempts get 429 with Retry-After until the window ends. Sessions last ${SESSION_HOURS} hours.`,
    action: 'public',
    csrf: false,
    body: loginBody,
    response: sessionSchema,
    handler: async ({ c, deps, body }) => {
      const address = addressOf(c);
      const session = await login(deps.store, { username: body.username, password: body.password, ...(address === undefined ? {} : { address }) }, { clock: deps.clock });
      setCookie(c, SESSION_COOKIE, session.token, { httpOnly: true, sameSite: 'Strict', path: '/', secure: deps.cookieSecure, maxAge: SESSION_HOURS * 3600 });
      c.set('session', session);
      return sessionJson(session);
    },
  });

  router.add({
    method: 'POST',
    path: '/api/auth/logout',
    tag: 'auth',
    summary: 'Sign out: ends the session and clears the cookie',
    action: 'session',
    response: okSchema,
    handler: async (ctx) => {
      const me = who(ctx);
      const token = requestCookie(ctx.c, SESSION_COOKIE);
      if (token !== undefined) await logout(ctx.deps.store, token, { actorId: me.userId, clock: ctx.deps.clock });
      deleteCookie(ctx.c, SESSION_COOKIE, { path: '/', secure: ctx.deps.cookieSecure, httpOnly: true, sameSite: 'Strict' });
      return { ok: true as const };
    },
  });

  router.add({
    method: 'GET',
    path: '/api/auth/session',
    tag: 'auth',
    summary: 'The signed-in account and its CSRF token',
    action: 'session',
    response: sessionSchema,
    handler: async ({ c, deps }) => {
      const session = await sessionOf(c, deps);
      if (session === null) throw new Error('unreachable: the router checked the session');
      return sessionJson(session);
    },
  });

  router.add({
    method: 'POST',
    path: '/api/auth/password',
    tag: 'auth',
    summary: "Change your own password: give the current one (5 wrong tries in 15 minutes → 429); every other session of your account ends, this one goes on",
    action: 'session',
    body: changePasswordBody,
    response: okSchema,
    handler: async (ctx) => {
      const me = who(ctx);
      const token = requestCookie(ctx.c, SESSION_COOKIE);
      if (token === undefined) throw new ApiError('unauthenticated', 'sign in first (POST /api/auth/login)');
      await changeOwnPassword(ctx.deps.store, { userId: me.userId, sessionToken: token, current: ctx.body.current_password, next: ctx.body.new_password }, { clock: ctx.deps.clock });
      return { ok: true as const };
    },
  });
}
