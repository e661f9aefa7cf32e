/**
 * Compiling a Kysely query costs more than running it on SQLite (tens of microseconds). For the
 * hottest reads the SQL of each query *shape* is compiled once and reused with new parameters. The
 * caller passes the parameters in the order the compiled query takes them; the first compile of
 * each shape checks that order against Kysely's own, so a mistake fails loudly, once.
 */
import { CompiledQuery, type Compilable } from 'kysely';
import type { Db } from './connect.js';

const sqlByShape = new Map<string, string>();

export async function executeShaped<Row>(store: Pick<Db, 'db' | 'dialect' | 'readIfIdle'>, shape: string, parameters: readonly unknown[], build: () => Compilable<Row>): Promise<Row[]> {
  const key = `${store.dialect}:${shape}`;
  let text = sqlByShape.get(key);
  if (text === undefined) {
    const compiled = build().compile();
    if (JSON.stringify(compiled.parameters) !== JSON.stringify(parameters)) {
      throw new Error(`query shape ${shape}: parameters ${JSON.stringify(parameters)} are not in the compiled order ${JSON.stringify(compiled.parameters)}`);
    }
    text = compiled.sql;
    sqlByShape.set(key, text);
  }
  // On SQLite, when the connection is free, the read runs now (no lock, no awaits).
  const now = store.readIfIdle?.(text, parameters);
  if (now !== undefined) return now as Row[];
  const result = await store.db.executeQuery<Row>(CompiledQuery.raw(text, [...parameters]));
  return result.rows;
}
