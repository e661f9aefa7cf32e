/**
 * What the member pages read from the API, typed from the server's own schemas and the core's
 * statement JSON, and the small helpers they share: the signed-in person's published statements,
 * their plans' payout curves, and reading trace entries and inquiry snapshots.
 */
import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import type { MeasureJson, StatementJson, TraceDealJson, TraceEntryJson } from '../../../../src/core/output';
import type { TraceStep } from '../../../../src/core/trace';
import type { WhatIfJson } from '../../../../src/core/whatif';
import type { inquirySchema, inquiryThreadSchema, plansSchema } from '../../../../src/server/schemas';
import { api, ApiProblem } from '../../api';
import type { SessionUser } from '../../session';
import { PLANS, takePrefetched } from './prefetch';

export type { MeasureJson, StatementJson, TraceDealJson, TraceStep };

/** One of the person's statements as GET /api/me/statements lists it (with every trace). */
export interface StatementRecord {
  readonly id: number;
  readonly run_id: number;
  readonly run_status: 'draft' | 'approved' | 'published';
  readonly statement: StatementJson;
}

export type Inquiry = z.infer<typeof inquirySchema>;
export type InquiryThread = z.infer<typeof inquiryThreadSchema>;
export type WhatIf = WhatIfJson;

/** A plan as GET /api/plans gives it: each measure with its payout curve computed by the engine. */
export type Plan = z.infer<typeof plansSchema>['items'][number];
export type PlanMeasure = Plan['measures'][number];

export interface Loadable<T> {
  readonly data: T | undefined;
  readonly problem: ApiProblem | undefined;
  readonly loading: boolean;
  readonly reload: () => void;
}

/** GETs `path`, or takes the answer prefetched for it (prefetch.ts); `{ data, problem, loading, reload }`. */
export function useGet<T>(path: string): Loadable<T> {
  return useLoad<T>(path, () => (takePrefetched(path) as Promise<T> | undefined) ?? api.get<T>(path));
}

/** Every item of a paginated list (`{ items, next_cursor }`), page by page (the first may be prefetched). */
export function useAllPages<T>(path: string): Loadable<readonly T[]> {
  return useLoad<readonly T[]>(path, async () => {
    const sep = path.includes('?') ? '&' : '?';
    const first = `${path}${sep}limit=200`;
    const out: T[] = [];
    let page = await ((takePrefetched(first) as Promise<Page<T>> | undefined) ?? api.get<Page<T>>(first));
    out.push(...page.items);
    while (page.next_cursor !== null && out.length < 5000) {
      page = await api.get<Page<T>>(`${first}&cursor=${encodeURIComponent(page.next_cursor)}`);
      out.push(...page.items);
    }
    return out;
  });
}

interface Page<T> {
  readonly items: readonly T[];
  readonly next_cursor: string | null;
}

function useLoad<T>(key: string, load: () => Promise<T>): Loadable<T> {
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<{ data: T | undefined; problem: ApiProblem | undefined; loading: boolean }>({ data: undefined, problem: undefined, loading: true });
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, problem: undefined, loading: true }));
    // `load` is a function of `key`: the key (and reload) decide when to load again.
    load()
      .then((data) => live && setState({ data, problem: undefined, loading: false }))
      .catch((e: unknown) => live && setState({ data: undefined, problem: e instanceof ApiProblem ? e : new ApiProblem(0, 'unknown', 'This could not be loaded. Reload the page.'), loading: false }));
    return () => {
      live = false;
    };
  }, [key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** Every published statement of the signed-in person, oldest first. */
export function useMyStatements(): Loadable<readonly StatementRecord[]> {
  return useAllPages<StatementRecord>('/api/me/statements');
}

/** The plans the person may see (theirs), with each measure's payout curve. */
export function usePlans(): Loadable<{ items: Plan[] }> {
  return useGet<{ items: Plan[] }>(PLANS);
}

/** Newest first: the order people look for their statements in. */
export function newestFirst(list: readonly StatementRecord[]): StatementRecord[] {
  return [...list].sort((a, b) => (a.statement.period === b.statement.period ? b.id - a.id : a.statement.period < b.statement.period ? 1 : -1));
}

export function isDeal(entry: TraceEntryJson): entry is TraceDealJson {
  return 'deal_id' in entry;
}

export function isStep(entry: TraceEntryJson): entry is TraceStep {
  return 'step' in entry;
}

/** The credited deals of a measure's trace. */
export function dealsOf(m: MeasureJson): TraceDealJson[] {
  return (m.trace ?? []).filter(isDeal);
}

/** The arithmetic steps of a measure's trace. */
export function stepsOf(m: MeasureJson): TraceStep[] {
  return (m.trace ?? []).filter(isStep);
}

const STEP_NAMES: Readonly<Record<string, string>> = {
  plan: 'The plan',
  target_incentive: 'Target incentive',
  credited: 'Credited',
  quota: 'Quota',
  attainment: 'Attainment',
  factor: 'Payout factor',
  earned: 'Earned to date',
  payout: 'Payout',
};

export function stepName(step: string): string {
  return STEP_NAMES[step] ?? step.replace(/_/g, ' ');
}

/** How a statement line is called on the page and in inquiries: "bookings", "SPIF fast-start", "Adjustment 1", "Total". */
export function lineName(line: string, measureName?: string): string {
  if (line === 'total') return 'Total';
  if (line.startsWith('spiff:')) return `SPIF ${line.slice('spiff:'.length)}`;
  const adjustment = /^adjustment:(\d+)$/.exec(line);
  if (adjustment) return `Adjustment ${adjustment[1]}`;
  return measureName === undefined ? line : `${measureName} (${line})`;
}

/** Marks the moment the page is fully drawn (read by `npm run bench` with the Performance API). */
export const RENDERED_MARK = 'tandem:pay-rendered';

/** The measure's metric (bookings, technical_wins, mbo, …) as its trace's plan step states it. */
export function metricOf(m: MeasureJson): string | undefined {
  const plan = stepsOf(m).find((s) => s.step === 'plan');
  return plan === undefined ? undefined : /; measure [^:]+: ([a-z_]+)/.exec(plan.text)?.[1];
}

/** What-if is for accounts linked to a person whose role may ask it (the API refuses leaders). */
export function mayWhatIf(user: SessionUser): boolean {
  return user.person_id !== null && (user.role === 'member' || user.role === 'manager' || user.role === 'admin');
}

/** The statement period an inquiry's line snapshot names ("2026-Q3"), when it names one. */
export function snapshotPeriod(snapshot: unknown): string | undefined {
  if (typeof snapshot !== 'object' || snapshot === null || !('period' in snapshot)) return undefined;
  return typeof snapshot.period === 'string' ? snapshot.period : undefined;
}
