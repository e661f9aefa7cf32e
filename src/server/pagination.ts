/**
 * Keyset pagination: `?limit=&cursor=`, answered with `{ items, next_cursor }`. A cursor is opaque
 * to clients (base64url of the last key seen); a malformed one is a 400.
 */
import { ApiError } from './errors.js';

export function encodeCursor(key: number | string): string {
  return Buffer.from(JSON.stringify({ k: key })).toString('base64url');
}

function decode(cursor: string): unknown {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null && 'k' in value ? value.k : undefined;
  } catch {
    return undefined;
  }
}

const bad = () => new ApiError('bad_request', 'cursor is not a next_cursor this list gave out', [{ path: 'query.cursor', message: 'invalid cursor' }]);

export function numberCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const k = decode(cursor);
  if (typeof k !== 'number' || !Number.isSafeInteger(k) || k < 0) throw bad();
  return k;
}

export function stringCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const k = decode(cursor);
  if (typeof k !== 'string' || k.length > 128) throw bad();
  return k;
}

/** The page from `rows` fetched with `limit + 1`: the first `limit`, and a cursor when there were more. */
export function pageOf<T>(rows: readonly T[], limit: number, key: (row: T) => number | string): { items: T[]; next_cursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, next_cursor: rows.length > limit && last !== undefined ? encodeCursor(key(last)) : null };
}
