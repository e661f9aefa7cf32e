/**
 * `tandem evidence`, `tandem readiness` and `tandem people report`: the ladder applied to people,
 * from the org's own records, as of a day (default today).
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { openCareer } from '../../app/career-session.js';
import { InvalidInputError } from '../../app/org-session.js';
import { Engine } from '../../core/calculate.js';
import { dayFromCivil, parseIsoDate, type Day } from '../../core/dates.js';
import { DEFAULT_PEOPLE_OPTIONS, peopleReport } from '../../core/ladder/people-report.js';
import { explainPeopleReport } from '../../core/ladder/people-text.js';
import { CareerQueryError, careerData, evidence, explainEvidence, explainReadiness, readiness } from '../../core/ladder/person-reports.js';
import { peopleHtml } from '../../io/reports/people-html.js';
import { UsageError, type Io } from '../io.js';
import { printWarnings, wholeNumber } from '../shared.js';

function asOfDay(text: string | undefined, io: Io): Day {
  if (text === undefined) {
    const now = io.now();
    return dayFromCivil(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate());
  }
  const d = parseIsoDate(text);
  if (d === undefined) throw new UsageError(`--as-of "${text}" is not a date (use YYYY-MM-DD, e.g. 2026-12-31)`);
  return d;
}

async function load(dir: string, io: Io) {
  const loaded = await openCareer(dir);
  printWarnings(io, loaded.warnings);
  return { ...loaded, data: careerData(loaded.org, loaded.career, loaded.ladder) };
}

/** Runs a query, turning a person or level that does not fit into a usage error. */
function query<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof CareerQueryError) throw new UsageError(e.message);
    throw e;
  }
}

export function registerCareer(program: Command, io: Io): void {
  program
    .command('evidence')
    .description('evidence for one person from deals, deal teams and activities, over the ladder’s windows, against their level’s and the next levels’ minimums')
    .argument('<org>', 'org folder (with ladder.yaml)')
    .requiredOption('--person <id>', 'people.csv id')
    .option('--as-of <date>', 'the day the windows end (default: today)')
    .option('--json', 'print JSON (docs/ladder.md)')
    .action(async (dir: string, options: { person: string; asOf?: string; json?: boolean }) => {
      const asOf = asOfDay(options.asOf, io);
      const { data } = await load(dir, io);
      const report = query(() => evidence(data, options.person, asOf));
      io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : explainEvidence(report));
    });

  program
    .command('readiness')
    .description('a person’s ratings and evidence against the next level’s minimums (or --level), every gap listed; it never promotes anyone')
    .argument('<org>', 'org folder (with ladder.yaml)')
    .requiredOption('--person <id>', 'people.csv id')
    .option('--level <id>', 'the level to check against (default: the next level on their track)')
    .option('--as-of <date>', 'the day to judge on (default: today)')
    .option('--json', 'print JSON (docs/ladder.md)')
    .action(async (dir: string, options: { person: string; level?: string; asOf?: string; json?: boolean }) => {
      const asOf = asOfDay(options.asOf, io);
      const { data } = await load(dir, io);
      const report = query(() => readiness(data, options.person, asOf, options.level));
      io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : explainReadiness(report));
    });

  const people = program.command('people').description('reports on people against the ladder');
  people
    .command('report')
    .description('tenure promotions, people stuck at a level, missing path conversations, compa-ratios, pay-equity gaps and SE/AE recognition parity')
    .argument('<org>', 'org folder (with ladder.yaml and the people files)')
    .option('--as-of <date>', 'the day to report on (default: today)')
    .option('--stuck-years <n>', `years at one level before someone ready for more counts as stuck (default ${DEFAULT_PEOPLE_OPTIONS.stuckYears})`)
    .option('--json', 'print JSON (docs/ladder.md)')
    .option('--html <file>', 'write a self-contained HTML report with charts')
    .action(async (dir: string, options: { asOf?: string; stuckYears?: string; json?: boolean; html?: string }) => {
      const asOf = asOfDay(options.asOf, io);
      const stuckYears = options.stuckYears === undefined ? DEFAULT_PEOPLE_OPTIONS.stuckYears : wholeNumber(options.stuckYears, '--stuck-years', 1);
      const { data, org } = await load(dir, io);
      const result = Engine.create(org).calculateAll();
      if (result.problems.some((p) => p.severity === 'error')) throw new InvalidInputError(result.problems, dir);
      const report = peopleReport(data, result.statements, { ...DEFAULT_PEOPLE_OPTIONS, stuckYears, asOf });
      if (options.html !== undefined) {
        await writeFile(options.html, peopleHtml(report));
        io.stderr(`wrote ${options.html}\n`);
      }
      io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : explainPeopleReport(report));
    });
}
