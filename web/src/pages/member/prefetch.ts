/**
 * My pay's data and chart library, asked for the moment the page's code is (from routes.ts), so
 * the statements, the plans and Observable Plot download alongside the page's code rather than
 * after it has rendered. Each answer is taken once, by the first page that asks for that path
 * within a few seconds; anything else fetches afresh.
 */
import { api } from '../../api';

const FRESH_MS = 10_000;
const pending = new Map<string, { readonly at: number; readonly answer: Promise<unknown> }>();

function prefetch(path: string): void {
  const answer = api.get<unknown>(path);
  // A failure is reported by the page when it takes the answer; nobody may be waiting yet.
  answer.catch(() => undefined);
  pending.set(path, { at: Date.now(), answer });
}

/** The prefetched answer for `path`, once (undefined when none or stale). */
export function takePrefetched(path: string): Promise<unknown> | undefined {
  const p = pending.get(path);
  pending.delete(path);
  return p === undefined || Date.now() - p.at > FRESH_MS ? undefined : p.answer;
}

export const STATEMENTS_FIRST_PAGE = '/api/me/statements?limit=200';
export const PLANS = '/api/plans';

/** Starts everything the My pay page needs to draw. */
export function prefetchPay(): void {
  prefetch(STATEMENTS_FIRST_PAGE);
  prefetch(PLANS);
  import('@observablehq/plot').catch(() => undefined);
}
