/**
 * `tandem runs`: calculation runs in the database from the command line — create, diff, approve,
 * publish, list. The same use cases as the HTTP API; the actor is the command line (no user).
 */
import type { Command } from 'commander';
import { approveRun, createRun, publishRun, runDiff, RunError, runSummary, type RunSummary } from '../../app/runs.js';
import { listRuns } from '../../db/repositories/runs.js';
import { textTable } from '../../core/text-table.js';
import { UsageError, type Io } from '../io.js';
import { DATABASE_HELP, withDatabase } from './store.js';


function runId(text: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`a run id is a number, not "${text}"`);
  return Number(text);
}

/** Runs a use case, turning a refused run operation into a usage error (exit 1) with its reason. */
async function refusals<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof RunError) throw new UsageError(e.message);
    throw e;
  }
}

const line = (r: RunSummary) => `run ${r.id} ${r.period} ${r.status}: ${r.statement_count} statements, ${Object.entries(r.totals).map(([c, v]) => `${v} ${c}`).join(' + ') || 'nothing'}`;

export function registerRuns(program: Command, io: Io): void {
  const runs = program.command('runs').description('calculation runs in the database: create → review the diff → approve → publish');
  const clock = () => io.now();
  runs
    .command('create')
    .description('calculate a fiscal period on the current org version and store it as a draft run (or show the run with exactly these inputs)')
    .requiredOption('--period <period>', 'fiscal period: 2026, 2026-H1, 2026-Q3 or 2026-M07')
    .option('--database <url>', DATABASE_HELP)
    .action(async (options: { period: string; database?: string }) => {
      await withDatabase(options.database, async (store) => {
        const { run, created } = await refusals(() => createRun(store, options.period, { actorId: null, clock }));
        io.stdout(`${created ? 'created' : 'already there:'} ${line(run)}${run.baseline_run_id === null ? '' : ` (diff against approved run ${run.baseline_run_id}: tandem runs diff ${run.id})`}\n`);
      });
    });
  runs
    .command('diff')
    .description('who gains or loses how much against the last approved run, and why')
    .argument('<id>', 'run id')
    .option('--json', 'print JSON')
    .option('--database <url>', DATABASE_HELP)
    .action(async (id: string, options: { json?: boolean; database?: string }) => {
      await withDatabase(options.database, async (store) => {
        const d = await refusals(() => runDiff(store, runId(id)));
        if (options.json) {
          io.stdout(`${JSON.stringify(d, null, 2)}\n`);
          return;
        }
        const rows = [['person', 'plan', 'period', 'before', 'after', 'change', 'cur']];
        for (const c of d.diff.changes) rows.push([c.person_id, c.plan, c.period, c.before ?? '—', c.after ?? '—', c.delta, c.currency]);
        io.stdout(`${line(d.run)}, against ${d.baseline ? `approved run ${d.baseline.id}` : 'nothing approved yet'}\n\n${textTable(rows, new Set([3, 4, 5])).join('\n')}\n\n`);
        for (const c of d.diff.changes) for (const l of c.lines) io.stdout(`${c.person_id} ${l.line}: ${l.before ?? '—'} → ${l.after ?? '—'} (${l.delta}): ${l.why}\n`);
        io.stdout(`\nnet: ${Object.entries(d.diff.net).map(([cur, v]) => `${v} ${cur}`).join(', ') || '0'}; ${d.diff.unchanged} statements unchanged\n`);
      });
    });
  for (const [name, verb, f] of [
    ['approve', 'approve a draft run (it never changes after)', approveRun],
    ['publish', 'publish an approved run: its statements become visible to the people they pay', publishRun],
  ] as const) {
    runs
      .command(name)
      .description(verb)
      .argument('<id>', 'run id')
      .option('--database <url>', DATABASE_HELP)
      .action(async (id: string, options: { database?: string }) => {
        await withDatabase(options.database, async (store) => {
          const run = await refusals(() => f(store, runId(id), { actorId: null, clock }));
          io.stdout(`${line(run)}\n`);
        });
      });
  }
  runs
    .command('list')
    .description('the latest runs')
    .option('--database <url>', DATABASE_HELP)
    .action(async (options: { database?: string }) => {
      await withDatabase(options.database, async (store) => {
        const rows = (await listRuns(store.db, { limit: 50 })).map(runSummary);
        io.stdout(rows.length === 0 ? 'no runs yet: tandem runs create --period 2026-Q3\n' : `${rows.map(line).join('\n')}\n`);
      });
    });
}
