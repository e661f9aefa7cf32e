import type { Command } from 'commander';
import { hypotheticalDeal } from '../../app/hypothetical-deal.js';
import { InvalidInputError, openOrg } from '../../app/org-session.js';
import { explainWhatIf, whatIf, whatIfJson } from '../../core/whatif.js';
import { UsageError, type Io } from '../io.js';
import { parsePeriodOption } from '../shared.js';

export function registerWhatif(program: Command, io: Io): void {
  program
    .command('whatif')
    .description("how a person's statement changes if a hypothetical deal closes, and the deal's marginal value")
    .argument('<org>', 'org folder')
    .requiredOption('--period <period>', 'fiscal period: 2026, 2026-H1, 2026-Q3 or 2026-M07')
    .requiredOption('--person <id>', 'person id from people.csv')
    .requiredOption(
      '--deal <fields>',
      'the deal as key=value pairs: amount=…,close_date=…[,type=new][,owner_id=ID][,territory=…][,technical_win=true][,team=ID|ID:SPLIT] (defaults: owned by and worked by the person, closed_won)',
    )
    .option('--json', 'print JSON')
    .action(async (dir: string, options: { period: string; person: string; deal: string; json?: boolean }) => {
      const loaded = await openOrg(dir);
      const period = parsePeriodOption(options.period, loaded.org.settings.calendar);
      const person = loaded.engine.person(options.person);
      if (!person) throw new UsageError(`person "${options.person}" is not in people.csv`);
      const deal = hypotheticalDeal(options.deal, loaded.org, person);
      const { result, problems } = whatIf(loaded.engine, person.id, period, deal);
      const errors = problems.filter((p) => p.severity === 'error');
      if (errors.length > 0) throw new InvalidInputError(problems, dir);
      io.stdout(options.json ? `${JSON.stringify(whatIfJson(result, loaded.org), null, 2)}\n` : explainWhatIf(result));
    });
}
