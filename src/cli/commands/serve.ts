/**
 * `tandem serve`: the HTTP server on DATABASE_URL (default: the embedded SQLite file). With `--demo`
 * (what `npm start` runs) an empty database first gets the demo org, one demo user per role and a
 * published run of the last complete quarter.
 *
 * `--workers N` (default: one per CPU core) runs N server processes sharing the port (node:cluster).
 * They are instances like any other — sessions, rate limits and run locks live in the database — so
 * this is the same scale-out as several hosts, on one host. The primary process migrates and
 * prepares the database before it starts them, and stops them gracefully on SIGINT or SIGTERM.
 */
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { pino } from 'pino';
import { bootstrapDemo } from '../../app/main-job.js';
import { openDatabase, type Target } from '../../db/connect.js';
import { startServer } from '../../server/serve.js';
import { UsageError, type Io } from '../io.js';
import { wholeNumber } from '../shared.js';
import { DATABASE_HELP, databaseTarget } from './store.js';

interface ServeOptions {
  readonly port?: string;
  readonly host: string;
  readonly database?: string;
  readonly demo?: boolean;
  readonly workers?: string;
}

/** Runs one server until SIGINT or SIGTERM (a worker gets SIGTERM from the primary); resolves when stopped. */
async function runServer(target: Target, port: number, host: string, io: Io, onListening: (url: string) => void): Promise<void> {
  // Request logs are buffered (written 4 KB at a time, not one write per request: a fifth of a
  // small request's time) and flushed when the server stops; a killed process loses at most that.
  // Each 4 KB goes out synchronously, as pino's default destination does: handing it to libuv's
  // thread pool instead (sync: false) measured 10–30 µs more server CPU a request
  // (docs/benchmarks.md).
  const destination = pino.destination({ dest: 1, sync: true, minLength: 4096 });
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' }, destination);
  const store = await openDatabase(target, { onIdleError: (err) => logger.warn({ err }, 'a pooled PostgreSQL connection failed while idle and was dropped') });
  const server = await startServer({ store, port, host, clock: () => io.now(), logger });
  onListening(server.url);
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      void server
        .close()
        .then(() => store.close())
        .then(() => destination.flushSync())
        .then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

export function registerServe(program: Command, io: Io): void {
  program
    .command('serve')
    .description('start the Tandem server (HTTP API) on DATABASE_URL; --demo fills an empty database with the demo org and demo logins')
    .option('--port <n>', 'port (default: $PORT, else 3000; 0 picks a free one)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--database <url>', DATABASE_HELP)
    .option('--workers <n>', `server processes sharing the port (default: one per core, here ${availableParallelism()})`)
    .option('--demo', 'on an empty database: import the demo org, create demo users, publish the last complete quarter')
    .action(async (options: ServeOptions) => {
      const port = wholeNumber(options.port ?? process.env.PORT ?? '3000', '--port');
      if (port > 65535) throw new UsageError(`--port must be at most 65535, not ${port}`);
      const workers = options.workers === undefined ? availableParallelism() : wholeNumber(options.workers, '--workers', 1);
      const target = databaseTarget(options.database);

      if (cluster.isWorker) {
        await runServer(target, port, options.host, io, (url) => process.send?.({ listening: url }));
        // The IPC channel to the primary would keep this process alive.
        process.disconnect?.();
        return;
      }

      const password = process.env.TANDEM_DEMO_PASSWORD ?? 'demo';
      if (options.demo && password === '') throw new UsageError('TANDEM_DEMO_PASSWORD is set but empty: unset it for the default password "demo", or set one');

      // The primary (or the only process): migrate, prepare the demo, then serve.
      const store = await openDatabase(target);
      try {
        if (options.demo) {
          io.stderr(`Preparing ${store.where} …\n`);
          const boot = await bootstrapDemo(store, { clock: () => io.now(), password });
          if (boot.created) {
            io.stderr(`Imported the demo org, created demo users and published run ${boot.run?.id ?? '?'} (${boot.run?.period ?? ''}).\n`);
            io.stdout(`\nDemo logins (password: ${process.env.TANDEM_DEMO_PASSWORD === undefined ? '"demo"' : 'from TANDEM_DEMO_PASSWORD'}):\n`);
            for (const l of boot.logins) io.stdout(`  ${l.username.padEnd(8)} ${l.role.padEnd(8)} ${l.personId === null ? '' : `${l.personId} `}${l.name}\n`);
          } else {
            io.stderr('The database already holds an org: started as it is (demo logins, if created earlier: admin, leader, manager, member).\n');
          }
        }
      } finally {
        await store.close();
      }
      const announce = (url: string) => io.stdout(`\nTandem is running at ${url} (database: ${store.where}; ${workers} server process${workers === 1 ? '' : 'es'}). Stop it with Ctrl+C.\n`);
      if (workers === 1) {
        await runServer(target, port, options.host, io, announce);
        return;
      }
      await serveCluster(workers, io, announce);
    });
}

/** Forks the workers (they re-run this command as cluster workers) and stops them on a signal. */
async function serveCluster(workers: number, io: Io, announce: (url: string) => void): Promise<void> {
  let announced = false;
  const alive = new Set<ReturnType<typeof cluster.fork>>();
  await new Promise<void>((resolve, reject) => {
    let stopping = false;
    for (let i = 0; i < workers; i++) {
      const worker = cluster.fork();
      alive.add(worker);
      worker.on('message', (m: unknown) => {
        if (!announced && typeof m === 'object' && m !== null && 'listening' in m && typeof m.listening === 'string') {
          announced = true;
          announce(m.listening);
        }
      });
      worker.on('exit', (code) => {
        alive.delete(worker);
        if (!stopping && code !== 0) {
          stopping = true;
          for (const w of alive) w.process.kill('SIGTERM');
          reject(new Error(`a server process stopped with exit code ${code ?? 'null'}`));
          return;
        }
        if (alive.size === 0) resolve();
      });
    }
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      io.stderr(`\n${signal}: finishing requests and stopping …\n`);
      // A signal, not a message: a worker still starting has no handler yet and simply ends.
      for (const w of alive) w.process.kill('SIGTERM');
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
