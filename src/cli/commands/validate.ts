import type { Command } from 'commander';
import { calculateOrg } from '../../app/org-session.js';
import { formatDay } from '../../core/dates.js';
import type { Io } from '../io.js';
import { printWarnings } from '../shared.js';

export function registerValidate(program: Command, io: Io): void {
  program
    .command('validate')
    .description('check an org folder: every file, and every payout period in which someone is on a plan')
    .argument('<org>', 'org folder')
    .action(async (dir: string) => {
      const calc = await calculateOrg(dir);
      printWarnings(io, calc.warnings, Infinity);
      const { org } = calc;
      const statements = calc.result.statements;
      const first = statements.reduce((m, s) => Math.min(m, s.period.from), Infinity);
      const last = statements.reduce((m, s) => Math.max(m, s.period.to), -Infinity);
      const span = statements.length > 0 ? ` covering ${formatDay(first)}..${formatDay(last)}` : '';
      io.stdout(
        `${dir}: valid. ${org.people.length} people, ${org.deals.length} deals, ${org.dealTeam.length} deal-team rows, ${org.plans.length} plan${org.plans.length === 1 ? '' : 's'}; ` +
          `${statements.length} statements${span}; ${calc.warnings.length} warning${calc.warnings.length === 1 ? '' : 's'}.\n`,
      );
    });
}
