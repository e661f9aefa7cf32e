/** Liveness, readiness and the OpenAPI document. */
import { z } from 'zod';
import { databaseAnswers } from '../../app/access.js';
import { ApiError } from '../errors.js';
import { openApiDocument } from '../openapi.js';
import type { Router } from '../router.js';
import { healthSchema } from '../schemas.js';

export function systemRoutes(router: Router): void {
  router.add({
    method: 'GET',
    path: '/healthz',
    tag: 'system',
    summary: 'The process is up',
    action: 'public',
    response: healthSchema,
    handler: () => Promise.resolve({ status: 'ok' as const }),
  });

  router.add({
    method: 'GET',
    path: '/readyz',
    tag: 'system',
    summary: 'The database answers (503 otherwise)',
    action: 'public',
    response: healthSchema,
    handler: async ({ deps }) => {
      if (!(await databaseAnswers(deps.store))) throw new ApiError('unavailable', 'the database does not answer');
      return { status: 'ok' as const };
    },
  });

  let document: Record<string, unknown> | undefined;
  router.add({
    method: 'GET',
    path: '/api/openapi.json',
    tag: 'system',
    summary: 'This API as OpenAPI 3.1, generated from the schemas that validate it',
    action: 'public',
    response: z.record(z.string(), z.unknown()),
    handler: () => {
      document ??= openApiDocument(router.routes);
      return Promise.resolve(document);
    },
  });
}
