/**
 * The HTTP API: a Hono app over a store. Every route is declared in the registry (router.ts) with
 * its policy action and schemas; this file adds what wraps them all — request ids and structured
 * logs, security headers, 404/405, and the one error handler.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import type { Clock } from '../app/org-store.js';
import type { Db } from '../db/connect.js';
import { ApiError, errorBody, toApiError, type ErrorCode } from './errors.js';
import { Router, withReplyHeaders, type Env } from './router.js';
import { auditRoutes } from './routes/audit.js';
import { authRoutes } from './routes/auth.js';
import { careerRoutes } from './routes/career.js';
import { computeRoutes } from './routes/compute.js';
import { inquiryRoutes } from './routes/inquiries.js';
import { orgRoutes } from './routes/org.js';
import { planRoutes } from './routes/plans.js';
import { runRoutes } from './routes/runs.js';
import { systemRoutes } from './routes/system.js';
import { teamRoutes } from './routes/team.js';
import { userRoutes } from './routes/users.js';
import { VersionCache } from './version-cache.js';
import { mountWeb } from './web.js';

export interface AppDeps {
  readonly store: Db;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Mark the session cookie Secure (serve over HTTPS). Default false. */
  readonly cookieSecure?: boolean;
  /** Serve the web app at `/`: from dist/web (default), from this folder, or not at all (false). */
  readonly web?: string | false;
}

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};

const SECURITY_HEADER_LIST = Object.entries(SECURITY_HEADERS);

const HTTP_CODES: Readonly<Record<number, ErrorCode>> = { 400: 'bad_request', 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed', 409: 'conflict', 413: 'payload_too_large', 415: 'unsupported_media_type', 422: 'invalid_input', 429: 'rate_limited', 503: 'unavailable' };

/** Every registered route's router (exported for tests and the OpenAPI document). */
export function buildRouter(deps: AppDeps): Router {
  const router = new Router({ store: deps.store, clock: deps.clock, logger: deps.logger, cookieSecure: deps.cookieSecure ?? false, versions: new VersionCache(deps.store) });
  systemRoutes(router);
  authRoutes(router);
  userRoutes(router);
  orgRoutes(router);
  runRoutes(router);
  computeRoutes(router);
  careerRoutes(router);
  teamRoutes(router);
  planRoutes(router);
  inquiryRoutes(router);
  auditRoutes(router);
  return router;
}

export function createApp(deps: AppDeps): Hono {
  return createAppWithRouter(deps).app;
}

/** The app and its route registry. */
export function createAppWithRouter(deps: AppDeps): { app: Hono; router: Router } {
  const app = new Hono<Env>();
  const router = buildRouter(deps);

  app.use('*', async (c, next) => {
    const requestId = randomUUID();
    c.set('requestId', requestId);
    const t0 = performance.now();
    // Handed to whatever builds the response (withReplyHeaders), so they go out with it: set after,
    // Hono would have to copy the finished response (a third of a small request's time).
    c.set('replyHeaders', { ...SECURITY_HEADERS, 'x-request-id': requestId });
    await next();
    if (c.get('replyHeadersUsed') !== true) {
      for (const [k, v] of SECURITY_HEADER_LIST) c.res.headers.set(k, v);
      c.res.headers.set('x-request-id', requestId);
    }
    const session = c.get('session');
    // One line per request; no child logger per request (building one costs more than the line).
    deps.logger.info({ req_id: requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round((performance.now() - t0) * 10) / 10, user_id: session?.userId ?? null }, 'request');
  });

  router.mount(app);
  if (deps.web !== false) mountWeb(app, typeof deps.web === 'string' ? deps.web : undefined);

  app.notFound((c) => {
    const methods = router.methodsFor(c.req.path);
    const e = methods.length > 0 ? new ApiError('method_not_allowed', `${c.req.method} is not allowed on ${c.req.path} (allowed: ${methods.join(', ')})`, null, { allow: methods.join(', ') }) : new ApiError('not_found', `there is no ${c.req.path}`);
    return c.json(errorBody(e), e.status, { ...withReplyHeaders(c), ...e.headers });
  });

  app.onError((err, c) => {
    let e: ApiError;
    if (err instanceof HTTPException) {
      const code = HTTP_CODES[err.status] ?? 'bad_request';
      e = new ApiError(code, err.status === 413 ? 'the request body is too large' : 'the request could not be read');
    } else {
      e = toApiError(err);
    }
    const req_id = c.get('requestId');
    if (e.status >= 500) deps.logger.error({ req_id, err }, 'request failed');
    else deps.logger.debug({ req_id, code: e.code, message: e.message }, 'request refused');
    return c.json(errorBody(e), e.status, { ...withReplyHeaders(c), ...e.headers });
  });

  return { app: app as unknown as Hono, router };
}
