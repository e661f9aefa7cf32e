/**
 * The database from the command line: `tandem import`, `tandem export`, `tandem audit verify`.
 * The database is DATABASE_URL (or `--database URL`): unset means the embedded SQLite file
 * data/tandem.sqlite; `sqlite:PATH`; or a `postgres://` URL.
 */
import type { Command } from 'commander';
import { exportVersion, ExportError, importFiles, readFolder } from '../../app/org-store.js';
import { DatabaseUrlError, openDatabase, parseDatabaseUrl, type Db, type Target } from '../../db/connect.js';
import { verifyAudit } from '../../db/repositories/audit.js';
import { UsageError, type Io } from '../io.js';
import { printWarnings } from '../shared.js';

/** Help text of every command's `--database` option. */
export const DATABASE_HELP = 'database URL (default: $DATABASE_URL, else sqlite:data/tandem.sqlite)';

/** The database named by --database, else DATABASE_URL; a malformed URL is a usage error. */
export function databaseTarget(url: string | undefined): Target {
  try {
    return parseDatabaseUrl(url ?? process.env.DATABASE_URL);
  } catch (e) {
    if (e instanceof DatabaseUrlError) throw new UsageError(e.message);
    throw e;
  }
}

/** Opens the database named by --database or DATABASE_URL, runs `f`, closes it. */
export async function withDatabase<T>(url: string | undefined, f: (store: Db) => Promise<T>): Promise<T> {
  const store = await openDatabase(databaseTarget(url));
  try {
    return await f(store);
  } finally {
    await store.close();
  }
}

export function registerStore(program: Command, io: Io): void {
  program
    .command('import')
    .description('validate an org folder (every file, every payout period) and store it in the database as a new version — all or nothing')
    .argument('<org>', 'org folder')
    .option('--note <text>', 'why this version (kept with it and in the audit trail)', '')
    .option('--database <url>', DATABASE_HELP)
    .action(async (dir: string, options: { note: string; database?: string }) => {
      const files = await readFolder(dir);
      await withDatabase(options.database, async (store) => {
        const result = await importFiles(store, files, { actorId: null, note: options.note || `imported from ${dir}`, clock: () => io.now(), where: dir });
        printWarnings(io, result.warnings);
        io.stdout(result.unchanged ? `${dir}: unchanged — identical to org version ${result.versionId}; nothing stored.\n` : `${dir}: stored as org version ${result.versionId} (${files.size} files) in ${store.where}.\n`);
      });
    });

  program
    .command('export')
    .description('write an org version (default: the current one) from the database as an org folder')
    .argument('<dir>', 'a new or empty folder')
    .option('--version <n>', 'the org version to write (default: the current one)')
    .option('--database <url>', DATABASE_HELP)
    .action(async (dir: string, options: { version?: string; database?: string }) => {
      if (options.version !== undefined && !/^\d+$/.test(options.version)) throw new UsageError(`--version must be a version number, not "${options.version}"`);
      await withDatabase(options.database, async (store) => {
        try {
          const out = await exportVersion(store, dir, options.version === undefined ? undefined : Number(options.version));
          io.stdout(`wrote org version ${out.versionId} (${out.files} files) to ${dir}\n`);
        } catch (e) {
          if (e instanceof ExportError) throw new UsageError(e.message);
          throw e;
        }
      });
    });

  const audit = program.command('audit').description('the audit trail');
  audit
    .command('verify')
    .description('recompute the audit trail’s hash chain; exit 3 when an event was edited, removed or inserted')
    .option('--database <url>', DATABASE_HELP)
    .action(async (options: { database?: string }) => {
      await withDatabase(options.database, async (store) => {
        const result = await verifyAudit(store.db);
        if (result.ok) {
          io.stdout(`audit trail intact: ${result.events} event${result.events === 1 ? '' : 's'} verified in ${store.where}\n`);
          return;
        }
        io.stdout(`audit trail BROKEN at event ${result.broken?.id ?? '?'}: ${result.broken?.reason ?? ''} (${result.events} events before it verified)\n`);
        io.exitCode = 3;
      });
    });
}
