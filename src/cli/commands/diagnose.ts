import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { calculateOrg } from '../../app/org-session.js';
import { diagnoseJson, explainDiagnostics, plansInYear, runDiagnostics } from '../../core/diagnostics/index.js';
import { fiscalYearOf } from '../../core/periods.js';
import { diagnoseHtml } from '../../io/reports/index.js';
import { UsageError, type Io } from '../io.js';
import { printWarnings } from '../shared.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerDiagnose(program: Command, io: Io): void {
  program
    .command('diagnose')
    .description('check plans against the principles of SE comp — pay mix, noise, controllability, short-term pressure, parity, curve sanity, quota realism — with the numbers from the org’s data')
    .argument('<org>', 'org folder')
    .option('--plan <id>', 'diagnose this plan (repeat for several; default: every plan in effect in the year)', collect, [])
    .option('--year <year>', 'fiscal year (default: the latest with statements)')
    .option('--json', 'print JSON (docs/diagnostics.md)')
    .option('--html <file>', 'write a self-contained HTML report with charts')
    .action(async (dir: string, options: { plan: string[]; year?: string; json?: boolean; html?: string }) => {
      if (options.year !== undefined && !/^\d{4}$/.test(options.year)) throw new UsageError(`--year "${options.year}" is not a fiscal year (e.g. 2026)`);
      const calc = await calculateOrg(dir);
      printWarnings(io, calc.warnings);
      const { org, engine } = calc;
      const statements = calc.result.statements;
      let year: number;
      if (options.year !== undefined) year = Number(options.year);
      else if (statements.length > 0) year = statements.reduce((y, s) => Math.max(y, s.period.fy), -Infinity);
      else if (org.plans.length > 0) year = org.plans.reduce((y, p) => Math.max(y, fiscalYearOf(p.effective.from, org.settings.calendar)), -Infinity);
      else throw new UsageError('the org has no plans: nothing to diagnose');
      const inYear = [...new Set(plansInYear(org, year).map((p) => p.id))];
      const known = new Set(org.plans.map((p) => p.id));
      for (const id of options.plan) {
        if (!known.has(id)) throw new UsageError(`--plan "${id}" is not a plan id in plans/ (plans: ${[...known].sort().join(', ')})`);
        if (!inYear.includes(id)) throw new UsageError(`plan "${id}" is not in effect in fiscal year ${year}`);
      }
      const plans = options.plan.length > 0 ? inYear.filter((id) => options.plan.includes(id)) : inYear;
      const findings = runDiagnostics(
        { org, engine, statements: statements.filter((s) => s.period.fy === year), year, config: org.settings.diagnostics },
        plans,
      );
      const report = diagnoseJson(org, year, plans, findings);
      if (options.html !== undefined) {
        await writeFile(options.html, diagnoseHtml(report));
        io.stderr(`wrote ${options.html}\n`);
      }
      io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : explainDiagnostics(org, year, plans, findings));
    });
}
