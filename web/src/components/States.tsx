/** The three states every page has besides its content: loading, empty, and a problem. */
import type { ReactNode } from 'react';
import type { ApiProblem } from '../api';

export function Loading({ what }: { readonly what: string }) {
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Empty({ title, children }: { readonly title: string; readonly children?: ReactNode }) {
  return (
    <div className="state state-empty" role="status">
      <p className="state-title">{title}</p>
      {children !== undefined && <div>{children}</div>}
    </div>
  );
}

export function Problem({ problem, retry }: { readonly problem: ApiProblem | Error; readonly retry?: () => void }) {
  const sentence = 'sentence' in problem ? problem.sentence : problem.message;
  const details = 'details' in problem ? problem.details : [];
  return (
    <div className="state state-problem" role="alert">
      <p className="state-title">{sentence}</p>
      {details.length > 0 && (
        <ul className="problem-details">
          {details.map((d, i) => (
            <li key={i}>
              <code>{d.path}</code>: {d.message}
            </li>
          ))}
        </ul>
      )}
      {retry !== undefined && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** Renders `children(data)` once loaded; the loading or problem state before. */
export function Loaded<T>({ state, what, children }: { readonly state: { data: T | undefined; problem: ApiProblem | undefined; loading: boolean; readonly reload: () => void }; readonly what: string; readonly children: (data: T) => ReactNode }) {
  if (state.problem !== undefined) return <Problem problem={state.problem} retry={state.reload} />;
  if (state.data === undefined) return <Loading what={what} />;
  return <>{children(state.data)}</>;
}
