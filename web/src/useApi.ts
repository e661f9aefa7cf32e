/** Loading data for a page: `{ data, problem, loading, reload }`, cancelled when the page goes. */
import { useCallback, useEffect, useState } from 'react';
import { api, ApiProblem } from './api';

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly problem: ApiProblem | undefined;
  readonly loading: boolean;
  readonly reload: () => void;
}

/** GETs `path` (null: nothing to load yet). */
export function useApi<T>(path: string | null): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; problem: ApiProblem | undefined; loading: boolean }>({ data: undefined, problem: undefined, loading: path !== null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (path === null) {
      setState({ data: undefined, problem: undefined, loading: false });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ data: s.data, problem: undefined, loading: true }));
    api
      .get<T>(path, controller.signal)
      .then((data) => setState({ data, problem: undefined, loading: false }))
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setState({ data: undefined, problem: e instanceof ApiProblem ? e : new ApiProblem(0, 'unknown', 'Something went wrong loading this page. Reload it.'), loading: false });
      });
    return () => controller.abort();
  }, [path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** Every page of a paginated list (`{ items, next_cursor }`), up to `max` items. */
export async function allPages<T>(path: string, max = 5000): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page: { items: T[]; next_cursor: string | null } = await api.get(`${path}${sep}limit=200${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
    out.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor !== null && out.length < max);
  return out;
}
