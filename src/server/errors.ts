/**
 * The one error type of the HTTP layer and the one place that maps every error — ours, the domain's
 * and unexpected ones — to a status and the one error shape `{ error: { code, message, details } }`.
 * An unexpected error becomes a bare 500: its stack and any SQL go to the log, never to the client.
 */
import { z } from 'zod';
import { AuthError } from '../app/auth.js';
import { InquiryError } from '../app/inquiries.js';
import { InvalidInputError } from '../app/org-session.js';
import { RunError } from '../app/runs.js';
import { UserError } from '../app/users.js';
import { CareerQueryError } from '../core/ladder/person-reports.js';
import { SimulationInputError } from '../core/simulation/model.js';

export const ERROR_STATUS = {
  bad_request: 400,
  invalid_json: 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_input: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type ErrorStatus = (typeof ERROR_STATUS)[ErrorCode];

export class ApiError extends Error {
  readonly status: ErrorStatus;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: unknown = null,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

export const problemSchema = z.object({
  severity: z.enum(['error', 'warning']),
  file: z.string(),
  line: z.number().int(),
  column: z.string(),
  message: z.string(),
  subject: z.string().optional(),
});

export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      details: z.unknown().describe('null, the list of validation issues (400) or of file problems (422)'),
    }),
  });

export type ErrorBody = z.infer<typeof errorSchema>;

export function errorBody(e: ApiError): ErrorBody {
  return { error: { code: e.code, message: e.message, details: e.details ?? null } };
}

/** The issues of a failed zod parse, without the input values (they may be passwords). */
export function zodIssues(error: z.ZodError, where: 'body' | 'query' | 'params'): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: i.message }));
}

/** Maps any thrown value to an ApiError; `internal` when it is not one we know. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (e instanceof InvalidInputError) {
    const errors = e.problems.filter((p) => p.severity === 'error').length;
    return new ApiError('invalid_input', `${errors} problem(s) in the input: nothing was stored`, e.problems);
  }
  if (e instanceof RunError || e instanceof InquiryError || e instanceof UserError) {
    return new ApiError(e.code === 'not_found' ? 'not_found' : e.code === 'conflict' ? 'conflict' : 'bad_request', e.message);
  }
  if (e instanceof AuthError) {
    return e.code === 'rate_limited'
      ? new ApiError('rate_limited', e.message, null, { 'retry-after': String(e.retryAfterSeconds ?? 60) })
      : new ApiError('unauthenticated', e.message);
  }
  if (e instanceof CareerQueryError || e instanceof SimulationInputError) return new ApiError('bad_request', e.message);
  return new ApiError('internal', 'an unexpected error occurred; it has been logged with the request id');
}
