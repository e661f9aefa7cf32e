/**
 * Computations the leader pages ask the server for with a POST (diagnose, simulate, compare): the
 * answer, the problem as a sentence, and whether it is still running. `body` null: not yet asked.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, ApiProblem } from '../../api';

export interface Posted<T> {
  readonly data: T | undefined;
  readonly problem: ApiProblem | undefined;
  readonly loading: boolean;
  readonly reload: () => void;
}

export function usePost<T>(path: string, body: unknown): Posted<T> {
  const key = body === null ? null : JSON.stringify(body);
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<{ data: T | undefined; problem: ApiProblem | undefined; loading: boolean }>({ data: undefined, problem: undefined, loading: key !== null });
  useEffect(() => {
    if (key === null) {
      setState({ data: undefined, problem: undefined, loading: false });
      return;
    }
    let live = true;
    setState({ data: undefined, problem: undefined, loading: true });
    api
      .post<T>(path, JSON.parse(key) as unknown)
      .then((data) => live && setState({ data, problem: undefined, loading: false }))
      .catch((e: unknown) => live && setState({ data: undefined, problem: e instanceof ApiProblem ? e : new ApiProblem(0, 'unknown', 'The server could not answer. Try again.'), loading: false }));
    return () => {
      live = false;
    };
  }, [path, key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
