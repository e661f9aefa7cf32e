/**
 * Kysely's SQLite dialect with a first-come, first-served connection lock, and reads that skip the
 * lock when nobody holds it.
 *
 * SQLite has one connection, so every query and transaction waits for it. Kysely's own lock wakes
 * *every* waiter on each release (they all await one promise and race again), which under a
 * hundred concurrent requests costs more than the queries themselves; here each release wakes
 * exactly the next waiter. And a read asked for while nobody holds the connection — no transaction
 * is open on it, since JavaScript runs one thing at a time — can run there and then, synchronously,
 * and see only committed data: `readIfIdle`.
 */
import { SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';

interface Statement {
  readonly reader: boolean;
  all(...parameters: unknown[]): unknown[];
}

class FairSqliteDriver extends SqliteDriver {
  readonly #waiting: (() => void)[] = [];
  #held = false;

  constructor(
    config: SqliteDialectConfig,
    private readonly prepare: (sql: string) => Statement,
  ) {
    super(config);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#held) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#held = true;
    // Free by now (it is released before the next waiter is woken): returns at once.
    return super.acquireConnection();
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    const next = this.#waiting.shift();
    // Handed straight to the next waiter: the lock stays held.
    if (next !== undefined) next();
    else this.#held = false;
  }

  /** The rows of a read, run now when the connection is free; undefined when it is held. */
  readIfIdle(sql: string, parameters: readonly unknown[]): unknown[] | undefined {
    if (this.#held) return undefined;
    const stmt = this.prepare(sql);
    if (!stmt.reader) throw new Error(`readIfIdle runs reads only, not: ${sql.slice(0, 80)}`);
    return stmt.all(...parameters);
  }
}

export class FairSqliteDialect extends SqliteDialect {
  #driver: FairSqliteDriver | undefined;

  constructor(
    private readonly config: SqliteDialectConfig,
    private readonly prepare: (sql: string) => Statement,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    this.#driver = new FairSqliteDriver(this.config, this.prepare);
    return this.#driver;
  }

  /** See FairSqliteDriver.readIfIdle; undefined before Kysely has created the driver. */
  readIfIdle(sql: string, parameters: readonly unknown[]): unknown[] | undefined {
    return this.#driver?.readIfIdle(sql, parameters);
  }
}
