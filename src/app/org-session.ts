/**
 * Use case: load an org folder and calculate it, failing with every problem when it is invalid.
 * Shared by the command line now and the server later.
 */
import { Engine, type CalcResult } from '../core/calculate.js';
import type { Org, Problem } from '../core/model.js';
import { sortProblems } from '../core/problems.js';
import { loadOrg } from '../io/load-org.js';

/** Invalid input: carries every problem found (exit code 2 on the command line). */
export class InvalidInputError extends Error {
  constructor(
    readonly problems: readonly Problem[],
    readonly where: string,
  ) {
    super(`${where}: ${problems.filter((p) => p.severity === 'error').length} problem(s)`);
  }
}

export interface LoadedOrg {
  readonly org: Org;
  readonly engine: Engine;
  readonly warnings: readonly Problem[];
  /** Milliseconds spent reading and validating the files. */
  readonly loadMs: number;
}

export interface CalculatedOrg extends LoadedOrg {
  readonly result: CalcResult;
  readonly calcMs: number;
}

function errorsOf(problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => p.severity === 'error');
}

/** Loads and validates an org folder, building the engine; throws InvalidInputError on any error. */
export async function openOrg(dir: string, now: () => number = () => performance.now()): Promise<LoadedOrg> {
  const t0 = now();
  const parsed = await loadOrg(dir);
  if (!parsed.org) throw new InvalidInputError(parsed.problems, dir);
  const engine = Engine.create(parsed.org);
  const loadMs = now() - t0;
  return { org: parsed.org, engine, warnings: parsed.problems.filter((p) => p.severity === 'warning'), loadMs };
}

/**
 * Loads an org folder and calculates every payout period (so every calculation-time problem — a
 * missing quota, score or fx rate — is found whichever period is asked for).
 */
export async function calculateOrg(dir: string, now: () => number = () => performance.now()): Promise<CalculatedOrg> {
  const loaded = await openOrg(dir, now);
  const t0 = now();
  const result = loaded.engine.calculateAll();
  const calcMs = now() - t0;
  const all = [...loaded.warnings, ...result.problems];
  if (errorsOf(result.problems).length > 0) throw new InvalidInputError(sortProblems(all), dir);
  return { ...loaded, warnings: sortProblems(all.filter((p) => p.severity === 'warning')), result, calcMs };
}
