// Starts `tandem serve --demo` on a fresh SQLite file and a free port for a benchmark; resolves with
// its URL once /readyz answers. The server logs every request as always (pino formats each line and
// writes it), but its standard output goes to /dev/null rather than through a pipe into this
// process, which runs the load generator: reading 1.4 MB/s of log lines here took a quarter of the
// measured throughput from the client, and a log file on this machine's disk cost more than the
// server's own work (docs/benchmarks.md). Its errors still come through.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = join(import.meta.dirname, '..', 'dist', 'cli', 'main.js');

/** A port nothing listens on now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * `cpu`: run the server on that CPU only (Linux `taskset`), so the scheduler cannot put it on the
 * load generator's core; undefined: wherever the OS puts it.
 */
export async function startDemoServer({ prefix, workers, env = {}, nodeArgs = [], cpu }) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const dbPath = join(dir, 'tandem.sqlite');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const devNull = openSync('/dev/null', 'w');
  const args = [...nodeArgs, cli, 'serve', '--demo', '--port', String(port), '--database', `sqlite:${dbPath}`, ...(workers === undefined ? [] : ['--workers', String(workers)])];
  const [command, commandArgs] = cpu === undefined ? [process.execPath, args] : ['taskset', ['-c', String(cpu), process.execPath, ...args]];
  const child = spawn(command, commandArgs, { env: { ...process.env, ...env }, stdio: ['ignore', devNull, 'inherit'] });
  closeSync(devNull);
  let exited;
  child.once('exit', (code) => (exited = code ?? 'signal'));
  for (;;) {
    if (exited !== undefined) throw new Error(`tandem serve stopped (exit ${exited}) before it was ready`);
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { url, child, dir };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
