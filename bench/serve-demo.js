// Starts `tandem serve --demo` on a fresh SQLite file and a free port for a benchmark; resolves with
// its URL once it is listening. From then on its output (request logs, when on) is drained, not kept.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = join(import.meta.dirname, '..', 'dist', 'cli', 'main.js');

export async function startDemoServer({ prefix, workers, env = {}, nodeArgs = [] }) {
  const dbPath = join(mkdtempSync(join(tmpdir(), prefix)), 'tandem.sqlite');
  const args = [...nodeArgs, cli, 'serve', '--demo', '--port', '0', '--database', `sqlite:${dbPath}`, ...(workers === undefined ? [] : ['--workers', String(workers)])];
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const onData = (c) => {
      out += c.toString();
      const m = /running at (http:\/\/\S+) /.exec(out);
      if (m) {
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.on('exit', (code) => reject(new Error(`tandem serve stopped (exit ${code}): ${out}`)));
  });
  return { url, child };
}
