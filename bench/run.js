// `npm run bench`: the large-org benchmark of issue 2. Generates the large demo org once (cached
// in the system temp folder), then runs bench/large.js in RUNS fresh processes and prints the
// figures with the targets. Timings are wall-clock on this machine; none is asserted by a test.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

const RUNS = Number(process.env.TANDEM_BENCH_RUNS ?? 3);
const FY = 2026;
const dir = join(tmpdir(), `tandem-bench-large-seed42-fy${FY}`);
const cli = join(import.meta.dirname, '..', 'dist', 'cli', 'main.js');

console.log(`Tandem benchmark — ${cpus()[0]?.model ?? 'cpu'}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
if (!existsSync(dir) || readdirSync(dir).length === 0) {
  console.log(`\ngenerating the large demo org in ${dir} (once; delete it to regenerate) …`);
  const t = performance.now();
  execFileSync(process.execPath, [cli, 'demo', dir, '--size', 'large', '--year', String(FY)], { stdio: ['ignore', 'ignore', 'inherit'] });
  console.log(`  tandem demo --size large: ${((performance.now() - t) / 1000).toFixed(1)} s`);
} else {
  console.log(`\nusing the large demo org in ${dir}`);
}

const results = [];
for (let i = 0; i < RUNS; i++) {
  const run = spawnSync(process.execPath, [join(import.meta.dirname, 'large.js'), dir], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) {
    process.stderr.write(run.stderr);
    throw new Error(`bench/large.js failed (exit ${run.status})`);
  }
  const r = JSON.parse(run.stdout.trim().split('\n').pop());
  results.push(r);
  console.log(`  run ${i + 1}/${RUNS}: load ${(r.loadMs / 1000).toFixed(2)} s, calc ${(r.calcMs / 1000).toFixed(2)} s, peak RSS ${(r.peakRssMb / 1024).toFixed(2)} GB`);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const min = (xs) => Math.min(...xs);
const pick = (key) => results.map((r) => r[key]);
const r0 = results[0];
const load = median(pick('loadMs'));
const calc = median(pick('calcMs'));
const rss = Math.max(...pick('peakRssMb'));
const whatif = median(pick('whatifMedianMs'));
const whatifMax = Math.max(...pick('whatifMaxMs'));
const columnar = median(pick('columnarMs'));
const row = (name, value, target, ok) => console.log(`${name.padEnd(44)} ${value.padStart(22)}   ${target.padEnd(10)} ${ok === undefined ? '' : ok ? 'ok' : 'OVER TARGET'}`);

console.log(`\nThe large org: ${r0.people.toLocaleString('en')} people (${r0.payees.toLocaleString('en')} payees), ${r0.deals.toLocaleString('en')} deals, ${r0.dealTeamRows.toLocaleString('en')} deal-team rows; ${r0.statements.toLocaleString('en')} statements for fiscal year ${FY} (four quarters), ${r0.creditLines.toLocaleString('en')} credit lines.`);
console.log(`Medians of ${RUNS} fresh processes (min in brackets).\n`);
row('figure', 'value', 'target');
row('load + validate (all files, engine indexes)', `${(load / 1000).toFixed(2)} s [${(min(pick('loadMs')) / 1000).toFixed(2)}]`, '≤ 8 s', load <= 8000);
row('  rows per second', `${Math.round(r0.rows / (load / 1000)).toLocaleString('en')}`, '');
row('calculate every payout period, with traces', `${(calc / 1000).toFixed(2)} s [${(min(pick('calcMs')) / 1000).toFixed(2)}]`, '≤ 2 s', calc <= 2000);
row('  credit lines per second', `${Math.round(r0.creditLines / (calc / 1000)).toLocaleString('en')}`, '');
row('  columnar lower bound (same lines, typed arrays)', `${columnar.toFixed(1)} ms`, '');
row('  engine ÷ lower bound', `${(calc / columnar).toFixed(0)}×`, '');
row('peak RSS (max of runs)', `${(rss / 1024).toFixed(2)} GB`, '≤ 3 GB', rss <= 3072);
row('what-if for one deal after load (median)', `${whatif.toFixed(2)} ms`, '≤ 50 ms', whatif <= 50);
row('  what-if, slowest of all runs', `${whatifMax.toFixed(2)} ms`, '≤ 50 ms', whatifMax <= 50);
row(`rendering traces to JSON (${r0.traceSample} statements)`, `${(median(pick('traceMs')) / 1000).toFixed(2)} s, ${(r0.traceBytes / 1e6).toFixed(1)} MB`, '');
