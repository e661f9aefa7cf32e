import type { Command } from 'commander';
import { calculateOrg } from '../../app/org-session.js';
import { statementsInside } from '../../core/calculate.js';
import { explainStatement } from '../../core/explain.js';
import { UsageError, type Io } from '../io.js';
import { parsePeriodOption, printWarnings } from '../shared.js';

export function registerExplain(program: Command, io: Io): void {
  program
    .command('explain')
    .description("a person's statement explained: each deal credited, each arithmetic step, SPIFs, adjustments, total")
    .argument('<org>', 'org folder')
    .requiredOption('--period <period>', 'fiscal period: 2026, 2026-H1, 2026-Q3 or 2026-M07')
    .requiredOption('--person <id>', 'person id from people.csv')
    .option('--md', 'Markdown instead of plain text')
    .action(async (dir: string, options: { period: string; person: string; md?: boolean }) => {
      const calc = await calculateOrg(dir);
      const period = parsePeriodOption(options.period, calc.org.settings.calendar);
      const person = calc.engine.person(options.person);
      if (!person) throw new UsageError(`person "${options.person}" is not in people.csv`);
      printWarnings(io, calc.warnings.filter((w) => w.severity === 'warning' && w.message.includes(person.id)));
      const statements = statementsInside(calc.result.statements, period).filter((s) => s.person.id === person.id);
      if (statements.length === 0) {
        const plans = calc.engine.membershipsOf(person.id);
        io.stdout(
          plans.length === 0
            ? `${person.id} is on no plan, so there is no statement to explain.\n`
            : `${person.id} has no statement wholly inside ${period.label}: they are on ${plans.map((m) => `${m.plan.id} (paid per ${m.plan.payoutPeriod})`).join(', ')}; try a period that holds a whole payout period.\n`,
        );
        return;
      }
      io.stdout(statements.map((s) => explainStatement(s, calc.org, { markdown: options.md ?? false })).join('\n'));
    });
}
