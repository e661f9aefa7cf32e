/**
 * The OpenAPI 3.1 document, generated from the route registry: every route with its parameters,
 * request body and response schemas (from the same zod schemas that validate them), the roles the
 * policy allows, and its security (session cookie; CSRF header on mutations).
 */
import { z } from 'zod';
import { errorSchema, ERROR_STATUS } from './errors.js';
import { ACTION_ROLES } from './policy.js';
import { CSRF_HEADER, SESSION_COOKIE, type RouteDoc } from './router.js';

type Json = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

/** One OpenAPI parameter per field of a params or query object schema. */
function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (!schema) return [];
  const json = schemaOf(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, Json>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, s]) => {
    const { description, ...rest } = s;
    return { name, in: where, required: where === 'path' || required.has(name), schema: rest, ...(typeof description === 'string' ? { description } : {}) };
  });
}

const ERROR_TEXT: Partial<Record<number, string>> = {
  400: 'Malformed JSON, a wrong type, an unknown field or a bad value',
  401: 'Not signed in, or the session expired',
  403: 'Your role may not do this, or the CSRF token is missing or wrong',
  404: 'No such thing — or not one you may see',
  405: 'The path exists, the method does not',
  409: 'The state does not allow it (e.g. an approved run never changes)',
  413: 'The body is too large',
  415: 'The body is not declared as JSON',
  422: 'The org files are invalid: details lists every problem (file, line, column, message)',
  429: 'Too many sign-in attempts: wait Retry-After seconds',
  500: 'An unexpected error (logged with the request id; never a stack or SQL)',
};

function responses(route: RouteDoc): Json {
  const statuses = new Set<number>([400, 500]);
  if (route.action !== 'public') [401, 403, 404].forEach((s) => statuses.add(s));
  if (route.body) [413, 415].forEach((s) => statuses.add(s));
  if (route.method !== 'GET') [409, 422].forEach((s) => statuses.add(s));
  if (route.path === '/api/auth/login') statuses.add(429);
  if (route.tag === 'compute' || route.tag === 'plans' || route.tag === 'ladder') statuses.add(422);
  const out: Json = {};
  for (const [status, description] of [[route.status, 'Success'], [route.altStatus, 'Success: it existed already, nothing was created']] as const) {
    if (status !== undefined) out[String(status)] = { description, content: { 'application/json': { schema: schemaOf(route.response, 'output') } } };
  }
  for (const s of [...statuses].sort()) out[String(s)] = { description: ERROR_TEXT[s] ?? 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  return out;
}

export function openApiDocument(routes: readonly RouteDoc[]): Json {
  const paths: Record<string, Json> = {};
  for (const r of routes) {
    const path = r.path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
    const roles = r.action === 'public' ? [] : [...ACTION_ROLES[r.action]];
    const operation: Json = {
      operationId: `${r.method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      tags: [r.tag],
      'x-roles': r.action === 'public' ? 'public' : roles,
      'x-policy-action': r.action,
      security: r.action === 'public' ? [] : r.csrf ? [{ session: [], csrf: [] }] : [{ session: [] }],
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(r.body, 'input') } }, 'x-max-bytes': r.maxBody } } : {}),
      responses: responses(r),
    };
    paths[path] = { ...(paths[path] ?? {}), [r.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tandem API',
      version: '0.1.0',
      description: 'SE compensation and career ladder. Every error has the shape {"error":{"code","message","details"}}. See docs/api.md.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Error: { ...schemaOf(errorSchema, 'output'), 'x-codes': ERROR_STATUS } },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by POST /api/auth/login (HttpOnly, SameSite=Strict)' },
        csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER, description: 'The csrf_token of the session; required on every POST, PUT, PATCH and DELETE except sign-in' },
      },
    },
  };
}
