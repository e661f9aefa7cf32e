import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { calculateOrg } from '../../app/org-session.js';
import { statementsInside } from '../../core/calculate.js';
import { explainStatement } from '../../core/explain.js';
import { calcJson } from '../../core/output.js';
import { statementsCsv } from '../../io/statements-csv.js';
import { UsageError, type Io } from '../io.js';
import { formatSummary, parsePeriodOption, printWarnings } from '../shared.js';

interface CalcOptions {
  period: string;
  json?: boolean;
  csv?: string;
  md?: string;
  person?: string;
  trace: boolean;
}

export function registerCalc(program: Command, io: Io): void {
  program
    .command('calc')
    .description('calculate statements for a period (every payout period inside it)')
    .argument('<org>', 'org folder')
    .requiredOption('--period <period>', 'fiscal period: 2026, 2026-H1, 2026-Q3 or 2026-M07')
    .option('--json', "print the statements as JSON (the spec's core output shape)")
    .option('--csv <dir>', 'write statements.csv, measures.csv and credits.csv into DIR')
    .option('--md <dir>', 'write one explained Markdown statement per person, plan and period into DIR')
    .option('--person <id>', 'only this person')
    .option('--no-trace', 'leave traces out of --json output')
    .action(async (dir: string, options: CalcOptions) => {
      const formats = [options.json, options.csv, options.md].filter((x) => x !== undefined && x !== false).length;
      if (formats > 1) throw new UsageError('choose one of --json, --csv DIR, --md DIR');
      const calc = await calculateOrg(dir);
      const period = parsePeriodOption(options.period, calc.org.settings.calendar);
      let statements = statementsInside(calc.result.statements, period);
      if (options.person !== undefined) {
        if (!calc.engine.person(options.person)) throw new UsageError(`person "${options.person}" is not in people.csv`);
        statements = statements.filter((s) => s.person.id === options.person);
      }
      printWarnings(io, calc.warnings);
      if (options.json) {
        io.stdout(`${JSON.stringify(calcJson(calc.org, period, statements, { trace: options.trace }), null, 2)}\n`);
      } else if (options.csv !== undefined) {
        await mkdir(options.csv, { recursive: true });
        const files = statementsCsv(calc.org, statements);
        for (const [name, text] of Object.entries(files)) await writeFile(join(options.csv, name), text);
        io.stderr(`wrote ${Object.keys(files).join(', ')} (${statements.length} statements) to ${options.csv}\n`);
      } else if (options.md !== undefined) {
        await mkdir(options.md, { recursive: true });
        for (const s of statements) {
          const name = `${s.person.id}_${s.period.label}_${s.plan.id}.md`.replace(/[^A-Za-z0-9._-]/g, '_');
          await writeFile(join(options.md, name), explainStatement(s, calc.org, { markdown: true }));
        }
        io.stderr(`wrote ${statements.length} Markdown statements to ${options.md}\n`);
      } else {
        io.stdout(formatSummary(calc.org, period, statements));
      }
    });
}
