/**
 * Use case: simulate a plan (and compare two). Loads and calculates the org, fits the model, runs
 * the trials — in worker threads when there is enough work — and summarises them.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Engine } from '../core/calculate.js';
import type { MboRow, Org, Person, QuotaRow } from '../core/model.js';
import { makePeriod, periodsOverlapping } from '../core/periods.js';
import { MboBook, QuotaBook } from '../core/quota.js';
import type { Statement } from '../core/statement.js';
import { fitModel, SimulationInputError, type SimModel } from '../core/simulation/model.js';
import { CHUNK, runTrials, type TrialBlock } from '../core/simulation/run.js';
import { summarize } from '../core/simulation/summarize.js';
import type { SimulateJson } from '../core/simulation/types.js';
import type { CalculatedOrg } from './org-session.js';

export interface SimulateOptions {
  readonly planId: string;
  readonly trials: number;
  readonly seed: number;
  /** Fiscal year; default: the latest with statements. */
  readonly year?: number;
  /** Worker threads (default: the machine's cores when the run is big enough, else none). */
  readonly workers?: number;
  /**
   * Run the trials in worker threads however small the run (at least one): a server must not hold
   * its event loop for the length of a simulation. The result is the same either way (a chunk's
   * draws depend only on the seed and the chunk's index).
   */
  readonly offThread?: boolean;
  /** Called with trials done so far. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The latest fiscal year in which anyone has a statement. */
export function latestYear(calc: CalculatedOrg): number {
  return calc.result.statements.reduce((y, s) => Math.max(y, s.period.fy), -Infinity);
}

/** Fits `planId` and runs the trials. */
export async function simulatePlan(calc: CalculatedOrg, options: SimulateOptions): Promise<{ model: SimModel; report: SimulateJson }> {
  const year = options.year ?? latestYear(calc);
  const model = fitModel(calc.org, calc.result.statements, options.planId, year);
  const blocks = await runAll(model, options);
  return { model, report: summarize(model, blocks, options.seed) };
}

const WORKER_URL = new URL('./simulate-worker.js', import.meta.url);
/** False when running from the TypeScript sources, where there is no compiled worker script. */
const WORKER_BUILT = existsSync(fileURLToPath(WORKER_URL));

/** Work (trials × people × periods) below which threads cost more than they save. */
const THREAD_THRESHOLD = 2_000_000;

async function runAll(model: SimModel, options: SimulateOptions): Promise<TrialBlock[]> {
  const { trials, seed } = options;
  const work = trials * model.people.length * model.periods.length;
  const auto = WORKER_BUILT && work >= THREAD_THRESHOLD ? availableParallelism() : 0;
  // Run from the TypeScript sources (tests), there is no compiled worker script: inline instead.
  const offThread = options.offThread === true && WORKER_BUILT;
  const workers = options.workers ?? (offThread ? Math.max(1, auto) : auto);
  if (workers < 1 || (workers === 1 && !offThread)) {
    const step = CHUNK * Math.max(1, Math.ceil(trials / CHUNK / 50));
    const blocks: TrialBlock[] = [];
    for (let from = 0; from < trials; from += step) {
      const to = Math.min(trials, from + step);
      blocks.push(runTrials(model, seed, from, to));
      options.onProgress?.(to, trials);
    }
    return blocks;
  }
  // Whole chunks per worker: a chunk's draws depend only on the seed and the chunk's index.
  const per = CHUNK * Math.ceil(Math.ceil(trials / CHUNK) / workers);
  const done = new Array<number>(workers).fill(0);
  const jobs = Array.from({ length: workers }, (_, w) => ({ from: w * per, to: Math.min(trials, (w + 1) * per) })).filter((j) => j.to > j.from);
  return Promise.all(
    jobs.map(
      (job, w) =>
        new Promise<TrialBlock>((resolve, reject) => {
          const worker = new Worker(WORKER_URL, { workerData: { model, seed, from: job.from, to: job.to } });
          worker.on('message', (message: { progress?: number; block?: TrialBlock }) => {
            if (message.progress !== undefined) {
              done[w] = message.progress;
              options.onProgress?.(
                done.reduce((a, b) => a + b, 0),
                trials,
              );
            }
            if (message.block) {
              resolve(message.block);
              void worker.terminate();
            }
          });
          worker.once('error', reject);
          worker.once('exit', (code) => {
            if (code !== 0) reject(new Error(`a simulation worker stopped with exit code ${code}`));
          });
        }),
    ),
  );
}

/**
 * The counterfactual org: `people` moved onto `planId`. Someone the plan's quota rows do not cover
 * gets, for each of its deal-based measures, the targets of a peer already on the plan — one in
 * the same territory (territory credit) or pod (pod credit) when there is one, else the median
 * peer — so the comparison pays them on the same footing as their new colleagues.
 */
function onPlan(org: Org, statements: readonly Statement[], people: ReadonlySet<string>, planId: string, year: number): { org: Org; borrowed: string[] } {
  const moved: Org = { ...org, people: org.people.map((p) => (people.has(p.id) ? { ...p, plan: planId } : p)) };
  const fy = makePeriod('year', year, 1, org.settings.calendar);
  const plan = org.plans.filter((p) => p.id === planId).reduce((best, v) => (overlap(v.effective, fy) > overlap(best.effective, fy) ? v : best));
  const periods = periodsOverlapping(fy, plan.payoutPeriod, org.settings.calendar).filter((p) => p.fy === year);
  const book = new QuotaBook(org.quotas);
  const peers = [...new Set(statements.filter((s) => s.plan.id === planId && s.period.fy === year).map((s) => s.person))];
  const extra: QuotaRow[] = [];
  const borrowed: string[] = [];
  for (const person of moved.people) {
    if (!people.has(person.id) || peers.some((p) => p.id === person.id)) continue;
    for (const measure of plan.measures) {
      if (measure.metric === 'mbo') continue;
      if (periods.every((period) => book.target(person, plan, measure, period))) continue;
      const sameGroup = peers.filter((p) => (measure.credit === 'territory' ? p.territory !== '' && p.territory === person.territory : measure.credit === 'pod' ? p.team !== '' && p.team === person.team : false));
      const candidates = (sameGroup.length > 0 ? sameGroup : peers).filter((p) => periods.every((period) => book.target(p, plan, measure, period)));
      if (candidates.length === 0) continue;
      const yearly = (p: Person) => periods.reduce((sum, period) => sum + num(book.target(p, plan, measure, period)?.target), 0);
      const ranked = [...candidates].sort((a, b) => yearly(a) - yearly(b) || (a.id < b.id ? -1 : 1));
      const peer = ranked[Math.floor((ranked.length - 1) / 2)] as Person;
      for (const period of periods) {
        const target = book.target(peer, plan, measure, period)?.target;
        if (target) extra.push({ personId: person.id, team: '', planId, measureId: measure.id, period, target, line: 0 });
      }
      borrowed.push(`${person.id} ${measure.id} from ${peer.id}`);
    }
  }
  // MBO scores the same way: the median peer's score for each period.
  const scores = new MboBook(org.mbo);
  const extraScores: MboRow[] = [];
  for (const person of moved.people) {
    if (!people.has(person.id) || peers.some((p) => p.id === person.id)) continue;
    for (const measure of plan.measures) {
      if (measure.metric !== 'mbo' || periods.every((period) => scores.score(person, plan, measure, period))) continue;
      const candidates = peers.filter((p) => periods.every((period) => scores.score(p, plan, measure, period)));
      if (candidates.length === 0) continue;
      const yearly = (p: Person) => periods.reduce((sum, period) => sum + num(scores.score(p, plan, measure, period)?.score), 0);
      const ranked = [...candidates].sort((x, y) => yearly(x) - yearly(y) || (x.id < y.id ? -1 : 1));
      const peer = ranked[Math.floor((ranked.length - 1) / 2)] as Person;
      for (const period of periods) {
        const score = scores.score(peer, plan, measure, period)?.score;
        if (score) extraScores.push({ personId: person.id, planId, measureId: measure.id, period, score, line: 0 });
      }
      borrowed.push(`${person.id} ${measure.id} score from ${peer.id}`);
    }
  }
  // Moved people's own rows for a measure would overlap the borrowed ones: drop them.
  const covered = new Set([...extra, ...extraScores].map((r) => `${r.personId}\u0000${r.measureId}`));
  const quotas = [...org.quotas.filter((r) => !covered.has(`${r.personId}\u0000${r.measureId}`)), ...extra];
  const mbo = [...org.mbo.filter((r) => !covered.has(`${r.personId}\u0000${r.measureId}`)), ...extraScores];
  return { org: { ...moved, quotas, mbo }, borrowed };
}

function overlap(a: { from: number; to: number }, b: { from: number; to: number }): number {
  return Math.max(0, Math.min(a.to, b.to) - Math.max(a.from, b.from) + 1);
}

function num(r: { n: bigint; d: bigint } | undefined): number {
  return r ? Number(r.n) / Number(r.d) : 0;
}

/**
 * Compares plans A and B over the same people: everyone on either plan in the year is moved onto A
 * and simulated, then onto B (the counterfactual orgs of `onPlan`), with the same seed. So the two
 * costs are for the same population and, per person, what they would earn under A and under B.
 * People one of the plans cannot pay (no quota for one of its measures, say) are left out of both.
 */
export async function comparePlans(
  calc: CalculatedOrg,
  a: string,
  b: string,
  options: Omit<SimulateOptions, 'planId'>,
): Promise<{ a: SimulateJson; b: SimulateJson; perPerson: { personId: string; role: string; a: number; b: number }[]; excluded: string[]; borrowed: string[] }> {
  const year = options.year ?? latestYear(calc);
  const ids = [...new Set(calc.org.plans.map((p) => p.id))].sort();
  for (const id of [a, b]) if (!ids.includes(id)) throw new SimulationInputError(`no plan with id "${id}" in plans/ (plans: ${ids.join(', ')})`);
  if (a === b) throw new SimulationInputError(`compare needs two different plans; both are "${a}"`);
  const union = new Set(calc.result.statements.filter((s) => s.period.fy === year && (s.plan.id === a || s.plan.id === b)).map((s) => s.person.id));
  if (union.size === 0) throw new SimulationInputError(`nobody is on plan ${a} or plan ${b} in fiscal year ${year}`);
  const excluded = new Set<string>();
  const borrowed: string[] = [];
  const runs = [a, b].map((planId) => {
    const counterfactual = onPlan(calc.org, calc.result.statements, union, planId, year);
    borrowed.push(...counterfactual.borrowed);
    const result = Engine.create(counterfactual.org).calculateAll();
    for (const p of result.problems) if (p.severity === 'error' && p.subject !== undefined && union.has(p.subject)) excluded.add(p.subject);
    return { planId, org: counterfactual.org, statements: result.statements };
  });
  const reports: SimulateJson[] = [];
  for (const run of runs) {
    const statements = run.statements.filter((s) => !excluded.has(s.person.id));
    const model = fitModel(run.org, statements, run.planId, year);
    reports.push(summarize(model, await runAll(model, { ...options, planId: run.planId }), options.seed));
  }
  const [reportA, reportB] = reports as [SimulateJson, SimulateJson];
  const underB = new Map(reportB.per_person.map((p) => [p.person_id, p]));
  const perPerson = reportA.per_person
    .flatMap((p) => {
      const other = underB.get(p.person_id);
      return other === undefined ? [] : [{ personId: p.person_id, role: p.role, a: Number(p.mean_payout), b: Number(other.mean_payout) }];
    })
    .sort((x, y) => y.b - y.a - (x.b - x.a) || (x.personId < y.personId ? -1 : 1));
  return { a: reportA, b: reportB, perPerson, excluded: [...excluded].sort(), borrowed };
}
