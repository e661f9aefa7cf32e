/**
 * The one way the web app talks to the server: JSON over fetch, with the session cookie (sent by
 * the browser) and the CSRF token on every mutation. Every failure becomes an `ApiProblem` whose
 * `sentence` can be shown to a person as it is.
 */

/** The server's error shape: `{ error: { code, message, details } }`. */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly details?: readonly { readonly path: string; readonly message: string }[] | null };
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** A sentence for people: what went wrong and what to do. */
    readonly sentence: string,
    readonly details: readonly { readonly path: string; readonly message: string }[] = [],
  ) {
    super(sentence);
  }
}

let csrfToken: string | undefined;

/** Set from sign-in or the session (the token every mutation must carry). */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

const WHAT_TO_DO: Readonly<Record<string, string>> = {
  unauthenticated: 'Sign in again.',
  forbidden: 'Your account may not do this; ask a Tandem admin if you need it.',
  not_found: 'It may have been removed, or it is not yours to see.',
  rate_limited: 'Wait a few minutes, then try again.',
  csrf_failed: 'Reload the page and try again.',
  conflict: 'Someone changed it meanwhile: reload the page and try again.',
  payload_too_large: 'Send less at once.',
  unavailable: 'The server is not ready; try again in a minute.',
};

function sentenceFor(status: number, body: ErrorBody | undefined): ApiProblem {
  if (body?.error !== undefined) {
    const { code, message, details } = body.error;
    const first = message.charAt(0).toUpperCase() + message.slice(1);
    const ending = /[.!?]$/.test(first) ? '' : '.';
    const hint = WHAT_TO_DO[code];
    return new ApiProblem(status, code, `${first}${ending}${hint !== undefined && status !== 422 ? ` ${hint}` : ''}`, details ?? []);
  }
  if (status >= 500) return new ApiProblem(status, 'server_error', 'The server could not answer. Try again; if it keeps happening, tell your Tandem admin.');
  return new ApiProblem(status, 'http_error', `The server answered ${status}. Try again.`);
}

async function call<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== undefined) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, credentials: 'same-origin', ...(body === undefined ? {} : { body: JSON.stringify(body) }), ...(signal === undefined ? {} : { signal }) });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiProblem(0, 'network', 'The server cannot be reached. Check your connection, then try again.');
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!res.ok) throw sentenceFor(res.status, json as ErrorBody | undefined);
  return json as T;
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => call<T>('GET', path, undefined, signal),
  post: <T>(path: string, body?: unknown) => call<T>('POST', path, body ?? {}),
};

/** A query string from defined values: `query({ a: 1, b: undefined })` → `?a=1`. */
export function query(values: Readonly<Record<string, string | number | undefined>>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined) p.set(k, String(v));
  const s = p.toString();
  return s === '' ? '' : `?${s}`;
}
