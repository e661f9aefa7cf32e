/**
 * Use case: simulate a plan (and compare two). Loads and calculates the org, fits the model, runs
 * the trials — in worker threads when there is enough work — and summarises them.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { Engine } from '../core/calculate.js';
import { fitModel, type SimModel } from '../core/simulation/model.js';
import { runTrials, type TrialBlock } from '../core/simulation/run.js';
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

/** Work (trials × people × periods) below which threads cost more than they save. */
const THREAD_THRESHOLD = 2_000_000;

async function runAll(model: SimModel, options: SimulateOptions): Promise<TrialBlock[]> {
  const { trials, seed } = options;
  const work = trials * model.people.length * model.periods.length;
  const workers = options.workers ?? (work >= THREAD_THRESHOLD ? availableParallelism() : 0);
  if (workers <= 1) {
    const step = Math.max(1, Math.ceil(trials / 100));
    const blocks: TrialBlock[] = [];
    for (let from = 0; from < trials; from += step) {
      const to = Math.min(trials, from + step);
      blocks.push(runTrials(model, seed, from, to));
      options.onProgress?.(to, trials);
    }
    return blocks;
  }
  const per = Math.ceil(trials / workers);
  const done = new Array<number>(workers).fill(0);
  const jobs = Array.from({ length: workers }, (_, w) => ({ from: w * per, to: Math.min(trials, (w + 1) * per) })).filter((j) => j.to > j.from);
  return Promise.all(
    jobs.map(
      (job, w) =>
        new Promise<TrialBlock>((resolve, reject) => {
          const worker = new Worker(new URL('./simulate-worker.js', import.meta.url), { workerData: { model, seed, from: job.from, to: job.to } });
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

/** One plan's people, moved onto `planId` (everyone else unchanged): the counterfactual org. */
function onPlan(org: CalculatedOrg['org'], people: ReadonlySet<string>, planId: string): CalculatedOrg['org'] {
  return { ...org, people: org.people.map((p) => (people.has(p.id) ? { ...p, plan: planId } : p)) };
}

/**
 * Compares plans A and B: each simulated for its own people, and everyone on either plan simulated
 * under both (the counterfactual), so per person: what they would earn under A and under B. People
 * a plan cannot pay (no quota for one of its measures, say) are left out of the per-person deltas.
 */
export async function comparePlans(calc: CalculatedOrg, a: string, b: string, options: Omit<SimulateOptions, 'planId'>): Promise<{ a: SimulateJson; b: SimulateJson; perPerson: { personId: string; role: string; a: number; b: number }[]; excluded: string[] }> {
  const year = options.year ?? latestYear(calc);
  const simA = await simulatePlan(calc, { ...options, planId: a, year });
  const simB = await simulatePlan(calc, { ...options, planId: b, year });
  const union = new Set(calc.result.statements.filter((s) => s.period.fy === year && (s.plan.id === a || s.plan.id === b)).map((s) => s.person.id));
  const means = new Map<string, { role: string; a?: number; b?: number }>();
  const excluded = new Set<string>();
  for (const planId of [a, b]) {
    const org = onPlan(calc.org, union, planId);
    const result = Engine.create(org).calculateAll();
    for (const p of result.problems) if (p.severity === 'error') excluded.add(p.subject ?? '');
    const statements = result.statements.filter((s) => !excluded.has(s.person.id));
    if (!statements.some((s) => s.plan.id === planId && s.period.fy === year)) continue;
    const model = fitModel(org, statements, planId, year);
    const report = summarize(model, await runAll(model, { ...options, planId }), options.seed);
    for (const p of report.per_person) {
      const entry = means.get(p.person_id) ?? { role: p.role };
      if (planId === a) entry.a = Number(p.mean_payout);
      else entry.b = Number(p.mean_payout);
      means.set(p.person_id, entry);
    }
  }
  const perPerson = [...means]
    .filter(([id, m]) => !excluded.has(id) && m.a !== undefined && m.b !== undefined)
    .map(([personId, m]) => ({ personId, role: m.role, a: m.a ?? 0, b: m.b ?? 0 }))
    .sort((x, y) => y.b - y.a - (x.b - x.a) || (x.personId < y.personId ? -1 : 1));
  return { a: simA.report, b: simB.report, perPerson, excluded: [...excluded].filter((id) => id !== '' && union.has(id)).sort() };
}
