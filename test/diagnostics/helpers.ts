/** Small hand-written orgs for the diagnostics tests: load, calculate, and run a rule. */
import { expect } from 'vitest';
import { Engine } from '../../src/core/calculate.js';
import type { DiagnosticsInput, Finding } from '../../src/core/diagnostics/types.js';
import type { Org, Plan } from '../../src/core/model.js';
import { formatProblem } from '../../src/core/problems.js';
import { parseOrg } from '../../src/io/parse-org.js';

/** Parses an org from file texts by path; fails the test with every problem when it is invalid. */
export function loadOrg(files: Record<string, string>): Org {
  const parsed = parseOrg(new Map(Object.entries(files)));
  if (!parsed.org) throw new Error(parsed.problems.map(formatProblem).join('\n'));
  return parsed.org;
}

/** The diagnostics input for fiscal year `year` of an org given as files (no calculation errors allowed). */
export function inputOf(files: Record<string, string>, year = 2026): DiagnosticsInput {
  const org = loadOrg(files);
  const engine = Engine.create(org);
  const result = engine.calculateAll();
  expect(result.problems.filter((p) => p.severity === 'error').map(formatProblem)).toEqual([]);
  return { org, engine, statements: result.statements.filter((s) => s.period.fy === year), year, config: org.settings.diagnostics };
}

/** The plan with this id (the first version). */
export function planOf(input: DiagnosticsInput, id: string): Plan {
  const plan = input.org.plans.find((p) => p.id === id);
  if (!plan) throw new Error(`no plan ${id}`);
  return plan;
}

/** A plan file from its lines. */
export function yaml(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

/** A CSV file from a header and rows. */
export function csv(header: string, ...rows: string[]): string {
  return `${[header, ...rows].join('\n')}\n`;
}

/** The only finding in `findings`, failing when there is not exactly one. */
export function only(findings: readonly Finding[]): Finding {
  expect(findings).toHaveLength(1);
  const f = findings[0];
  if (!f) throw new Error('no finding');
  return f;
}
