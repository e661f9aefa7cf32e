/**
 * The route registry: every route is declared once — method, path, the policy action it needs, zod
 * schemas for params, query, body and response — and that one declaration both mounts the route on
 * Hono (authenticate → CSRF → role → validate → handler) and describes it in the OpenAPI document.
 */
import type { IncomingMessage } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { Context, Hono } from 'hono';
import { parse as parseCookies } from 'hono/utils/cookie';
import type { Logger } from 'pino';
import { z } from 'zod';
import { csrfMatches, sessionFromToken, type SessionUser } from '../app/auth.js';
import { reportsOf } from '../app/access.js';
import type { Db } from '../db/connect.js';
import type { Clock } from '../app/org-store.js';
import { ApiError, zodIssues } from './errors.js';
import { allows, needsReports, type Action, type Subject } from './policy.js';
import type { VersionCache } from './version-cache.js';

export const SESSION_COOKIE = 'tandem_session';
export const CSRF_HEADER = 'x-csrf-token';
/** Default body limit of a JSON request. */
export const DEFAULT_BODY_LIMIT = 256 * 1024;

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export const MUTATING: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface Env {
  Variables: {
    requestId: string;
    /** Headers every response carries (security headers, the request id), set by the app. */
    replyHeaders: Readonly<Record<string, string>>;
    /** True once a response was built with `replyHeaders` (else the app adds them afterwards). */
    replyHeadersUsed: boolean;
    /** Set once the request's session is known (null: none); a fresh sign-in has no generation. */
    session: (Omit<SessionUser, 'generation'> & { readonly generation?: number }) | null | undefined;
  };
}

export interface Deps {
  readonly store: Db;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly cookieSecure: boolean;
  readonly versions: VersionCache;
}

/** No params / no query: a strict empty object. */
const NOTHING = z.strictObject({});
/** The params of a route whose path has none (Hono's matcher gives it no others). */
const NO_PARAMS = Object.freeze({});

/**
 * A reply already serialized as JSON (its shape is the route's response schema): for hot routes
 * whose payload is stored as JSON text (statements), so it is not parsed only to be written again.
 */
export class RawJson {
  #gzip: Uint8Array<ArrayBuffer> | undefined;

  /** JSON text, or its UTF-8 bytes (a reply kept between requests is encoded once). */
  constructor(readonly text: string | Uint8Array<ArrayBuffer>) {}

  /**
   * The reply gzipped, for a client that accepts it, or undefined when it is too small to gain.
   * Compressed on first use and kept with the reply: a reply kept between requests (ReplyCache) is
   * compressed once, not per request.
   */
  gzipped(): Uint8Array<ArrayBuffer> | undefined {
    if (this.#gzip === undefined) {
      const bytes = typeof this.text === 'string' ? Buffer.from(this.text, 'utf8') : this.text;
      if (bytes.byteLength < GZIP_MIN_BYTES) return undefined;
      this.#gzip = new Uint8Array(gzipSync(bytes, { level: 6 }));
    }
    return this.#gzip;
  }
}

/** Replies smaller than this go out as they are: gzip's header and the work would gain nothing. */
const GZIP_MIN_BYTES = 1024;

/** True when the request's Accept-Encoding admits gzip: named, or by `*` when not named; not with q=0. */
export function acceptsGzip(header: string | undefined): boolean {
  if (header === undefined) return false;
  let wildcard: boolean | undefined;
  for (const part of header.split(',')) {
    const [coding = '', ...params] = part.split(';').map((x) => x.trim().toLowerCase());
    if (coding !== 'gzip' && coding !== '*') continue;
    const q = params.find((x) => x.startsWith('q='));
    const accepted = q === undefined || Number(q.slice(2)) > 0;
    if (coding === 'gzip') return accepted;
    wildcard = accepted;
  }
  return wildcard ?? false;
}

/** What a handler may return for a response schema: the same shape, read-only all the way down. */
export type Reply<T> = T extends readonly (infer U)[] ? readonly Reply<U>[] : T extends object ? { readonly [K in keyof T]: Reply<T[K]> } : T;

export interface HandlerContext<P, Q, B> {
  readonly c: Context<Env>;
  readonly deps: Deps;
  /** The signed-in account, or null on a public route. */
  readonly subject: Subject | null;
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  /** The data generation read with the session (see `SessionUser.generation`), or null on a public route without one. */
  readonly generation: number | null;
  /** Sets the success status (default the route's). */
  status(code: 200 | 201): void;
}

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType> {
  readonly method: Method;
  /** Hono path syntax: `/api/runs/:id`. */
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  /** The policy action a caller needs, or `public` (no session needed). */
  readonly action: Action | 'public';
  readonly params?: P;
  readonly query?: Q;
  /** The JSON body; a mutating route without one accepts no body or `{}`. */
  readonly body?: B;
  readonly response: R;
  readonly status?: 200 | 201;
  /** A second success status the handler may set (e.g. 200 when a create finds the thing exists). */
  readonly altStatus?: 200 | 201;
  /** Body size limit in bytes (default 256 KB). */
  readonly maxBody?: number;
  /** False only for sign-in, which has no session yet to hold a CSRF token. */
  readonly csrf?: false;
  readonly handler: (ctx: HandlerContext<z.output<P>, z.output<Q>, z.output<B>>) => Promise<Reply<z.input<R>> | RawJson>;
}

/** A route with its types erased, for the OpenAPI document and the method-not-allowed check. */
export interface RouteDoc {
  readonly method: Method;
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  readonly action: Action | 'public';
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  readonly response: z.ZodType;
  readonly status: 200 | 201;
  readonly altStatus: 200 | 201 | undefined;
  readonly maxBody: number;
  readonly csrf: boolean;
  readonly pattern: RegExp;
}

function pathPattern(path: string): RegExp {
  const source = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '[^/]+');
  return new RegExp(`^${source}/?$`);
}

/**
 * A request header (`name` in lower case). Under @hono/node-server it is read from Node's parsed
 * request: asking Hono (`c.req.header`) first builds a WHATWG Headers object of every header, which
 * measured 3–4% of a small request's time. Elsewhere (app.request in tests) Hono answers.
 */
export function requestHeader(c: Context<Env>, name: Lowercase<string>): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming === undefined) return c.req.header(name);
  const value = incoming.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The value of cookie `name` on the request (parsed as Hono's getCookie does), or undefined. */
export function requestCookie(c: Context<Env>, name: string): string | undefined {
  const header = requestHeader(c, 'cookie');
  return header === undefined || header === '' ? undefined : parseCookies(header, name)[name];
}

/** Signed-in account of the request, looked up once. */
export async function sessionOf(c: Context<Env>, deps: Deps): Promise<NonNullable<Env['Variables']['session']> | null> {
  const known = c.get('session');
  if (known !== undefined) return known;
  const token = requestCookie(c, SESSION_COOKIE);
  const session = token === undefined ? null : ((await sessionFromToken(deps.store, token, { clock: deps.clock })) ?? null);
  c.set('session', session);
  return session;
}

/** The query string as a record: one value → string, repeated → array (which scalar schemas refuse). */
function queryRecord(c: Context<Env>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, values] of Object.entries(c.req.queries())) out[k] = values.length === 1 ? (values[0] as string) : values;
  return out;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The first string inside `value` that no database can store as text (a NUL character — PostgreSQL
 * refuses it — or a lone UTF-16 surrogate, which would be stored altered), with its path.
 */
function unstorable(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') || LONE_SURROGATE.test(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorable(value[i], `${path}.${i}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      const found = unstorable(k, `${path}.${k}`) ?? unstorable(v, `${path}.${k}`);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function parse<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'params'): z.output<S> {
  const bad = unstorable(value, where);
  if (bad !== undefined) throw new ApiError('bad_request', `invalid request ${where}`, [{ path: bad, message: 'text must not contain NUL characters or unpaired surrogates' }]);
  const result = schema.safeParse(value);
  if (!result.success) throw new ApiError('bad_request', `invalid request ${where}`, zodIssues(result.error, where));
  return result.data;
}

/**
 * Reads a JSON body of at most `limit` bytes: 413 beyond it (checked on the declared length and
 * on the bytes read), 415 when it is not declared JSON, 400 when it is not UTF-8 JSON. Undefined
 * when there is no body.
 */
export async function readJsonBody(c: Context<Env>, limit: number): Promise<unknown> {
  const declared = c.req.header('content-length');
  if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > limit) throw tooLarge(limit);
  const stream = c.req.raw.body;
  if (!stream) return undefined;
  const reader: ReadableStreamDefaultReader<Uint8Array> = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  if (size === 0) return undefined;
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError('invalid_json', 'the request body is not UTF-8 text');
  }
  if (text.trim() === '') return undefined;
  const type = c.req.header('content-type');
  if (type === undefined || !/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) throw new ApiError('unsupported_media_type', 'send the request body as JSON with Content-Type: application/json');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ApiError('invalid_json', `the request body is not valid JSON: ${e instanceof Error ? e.message.slice(0, 200) : 'parse error'}`);
  }
}

function tooLarge(limit: number): ApiError {
  return new ApiError('payload_too_large', `the request body is larger than ${limit >= 1024 * 1024 ? `${limit / (1024 * 1024)} MB` : `${limit / 1024} KB`}`);
}

/**
 * The headers every response carries, for a response being built now. Passed with the body rather
 * than set on the context first, so Node's server writes them from a plain object.
 */
export function withReplyHeaders(c: Context<Env>): Readonly<Record<string, string>> {
  c.set('replyHeadersUsed', true);
  return c.get('replyHeaders');
}

/** The subject of a signed-in route (never null there). */
export function who(ctx: { readonly subject: Subject | null }): Subject {
  if (ctx.subject === null) throw new ApiError('unauthenticated', 'sign in first');
  return ctx.subject;
}

export class Router {
  readonly routes: RouteDoc[] = [];
  private readonly mounts: ((app: Hono<Env>) => void)[] = [];

  constructor(private readonly deps: Deps) {}

  add<P extends z.ZodType = typeof NOTHING, Q extends z.ZodType = typeof NOTHING, B extends z.ZodType = z.ZodUndefined, R extends z.ZodType = z.ZodType>(spec: RouteSpec<P, Q, B, R>): void {
    const doc: RouteDoc = {
      method: spec.method,
      path: spec.path,
      summary: spec.summary,
      description: spec.description,
      tag: spec.tag,
      action: spec.action,
      params: spec.params,
      query: spec.query,
      body: spec.body,
      response: spec.response,
      status: spec.status ?? 200,
      altStatus: spec.altStatus,
      maxBody: spec.maxBody ?? DEFAULT_BODY_LIMIT,
      csrf: MUTATING.has(spec.method) && spec.csrf !== false,
      pattern: pathPattern(spec.path),
    };
    if (this.routes.some((r) => r.method === doc.method && r.path === doc.path)) throw new Error(`route ${doc.method} ${doc.path} declared twice`);
    if (spec.params === undefined && spec.path.includes('/:')) throw new Error(`route ${doc.method} ${doc.path} has path parameters but declares no params schema`);
    this.routes.push(doc);
    const deps = this.deps;
    let noQuery: unknown;
    this.mounts.push((app) => {
      app.on(spec.method, spec.path, async (c) => {
        const session = await sessionOf(c, deps);
        if (spec.action !== 'public' && session === null) throw new ApiError('unauthenticated', 'sign in first (POST /api/auth/login)');
        if (doc.csrf) {
          if (session === null) throw new ApiError('unauthenticated', 'sign in first (POST /api/auth/login)');
          if (!csrfMatches(requestHeader(c, CSRF_HEADER), session.csrfToken)) throw new ApiError('csrf_failed', `send the session's CSRF token in the ${CSRF_HEADER} header (from POST /api/auth/login or GET /api/auth/session)`);
        }
        if (spec.action !== 'public' && session !== null && !allows(session.role, spec.action)) throw new ApiError('forbidden', `a ${session.role} account may not do this`);
        const params = (spec.params === undefined ? NO_PARAMS : parse(spec.params, c.req.param(), 'params')) as z.output<P>;
        // A request without a query string (most of them) gets the schema's defaults, parsed once.
        const query = (c.req.url.includes('?') ? parse(spec.query ?? NOTHING, queryRecord(c), 'query') : (noQuery ??= Object.freeze(parse(spec.query ?? NOTHING, {}, 'query')))) as z.output<Q>;
        let body: unknown = undefined;
        if (MUTATING.has(spec.method)) {
          const raw = await readJsonBody(c, doc.maxBody);
          body = spec.body ? parse(spec.body, raw, 'body') : parse(NOTHING, raw === undefined ? {} : raw, 'body');
          if (!spec.body) body = undefined;
        }
        let subject: Subject | null = null;
        if (session !== null) {
          subject = { userId: session.userId, username: session.username, role: session.role, personId: session.personId };
          if (spec.action !== 'public' && needsReports(subject, spec.action) && session.personId !== null) {
            subject = { ...subject, reports: await reportsOf(deps.store, session.personId) };
          }
        }
        let status: 200 | 201 = doc.status;
        const allowed = new Set([doc.status, doc.altStatus]);
        const result = await spec.handler({
          c,
          deps,
          subject,
          params,
          query,
          body: body as z.output<B>,
          generation: session?.generation ?? null,
          status: (code) => {
            if (!allowed.has(code)) throw new Error(`${spec.method} ${spec.path} declares no status ${code}`);
            status = code;
          },
        });
        const headers = withReplyHeaders(c);
        if (result instanceof RawJson) {
          // Statements are the largest and most asked-for replies: gzipped for clients that take
          // it (every browser). Only these stored replies are: they carry no secret (no session or
          // CSRF token) for a compression side channel to reveal.
          // A Response built here with plain headers: @hono/node-server writes them as they are,
          // where c.body would first copy them into a WHATWG Headers object.
          const gzip = acceptsGzip(requestHeader(c, 'accept-encoding')) ? result.gzipped() : undefined;
          if (gzip !== undefined) return new Response(gzip, { status, headers: { ...headers, 'content-type': 'application/json', 'content-encoding': 'gzip', vary: 'accept-encoding' } });
          return new Response(result.text, { status, headers: { ...headers, 'content-type': 'application/json', vary: 'accept-encoding' } });
        }
        return c.json(result as object, status, headers);
      });
    });
  }

  mount(app: Hono<Env>): void {
    for (const m of this.mounts) m(app);
  }

  /** Methods declared for a path (for 405 answers). */
  methodsFor(path: string): Method[] {
    return this.routes.filter((r) => r.pattern.test(path)).map((r) => r.method);
  }
}
