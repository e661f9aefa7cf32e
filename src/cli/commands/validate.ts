import type { Command } from 'commander';
import { calculateOrg, InvalidInputError } from '../../app/org-session.js';
import { readCareerTexts } from '../../io/load-org.js';
import { parseCareer } from '../../io/parse-career.js';
import { formatDay } from '../../core/dates.js';
import type { Io } from '../io.js';
import { printWarnings } from '../shared.js';

export function registerValidate(program: Command, io: Io): void {
  program
    .command('validate')
    .description('check an org folder: every file (the ladder and people files too), and every payout period in which someone is on a plan')
    .argument('<org>', 'org folder')
    .action(async (dir: string) => {
      const calc = await calculateOrg(dir);
      const { org } = calc;
      const careerTexts = await readCareerTexts(dir);
      const dealIds = new Set(org.deals.map((d) => d.id));
      const career = careerTexts.size === 0 ? undefined : parseCareer(careerTexts, { currency: org.settings.currency, people: org.people, hasDeal: (id) => dealIds.has(id) });
      if (career && !career.career) throw new InvalidInputError([...calc.warnings, ...career.problems], dir);
      const warnings = [...calc.warnings, ...(career?.problems ?? [])];
      printWarnings(io, warnings, Infinity);
      const c = career?.career;
      const ladder = c
        ? ` Ladder: ${c.ladder ? `${c.ladder.id}, ${c.ladder.levels.length} levels` : 'none'}; ${c.bands.length} bands, ${c.activities.length} activities, ${c.assessments.length} assessments, ${c.levelHistory.length} level changes, ${c.conversations.length} conversations.`
        : '';
      const statements = calc.result.statements;
      const first = statements.reduce((m, s) => Math.min(m, s.period.from), Infinity);
      const last = statements.reduce((m, s) => Math.max(m, s.period.to), -Infinity);
      const span = statements.length > 0 ? ` covering ${formatDay(first)}..${formatDay(last)}` : '';
      io.stdout(
        `${dir}: valid. ${org.people.length} people, ${org.deals.length} deals, ${org.dealTeam.length} deal-team rows, ${org.plans.length} plan${org.plans.length === 1 ? '' : 's'}; ` +
          `${statements.length} statements${span}; ${warnings.length} warning${warnings.length === 1 ? '' : 's'}.${ladder}\n`,
      );
    });
}
