import type { Command } from 'commander';
import { calculateOrg } from '../../app/org-session.js';
import { explainRecognition, recognitionJson, recognize } from '../../core/recognition.js';
import { UsageError, type Io } from '../io.js';
import { printWarnings } from '../shared.js';

export function registerRecognition(program: Command, io: Io): void {
  program
    .command('recognition')
    .description("who qualifies for each recognition program (President's Club) and why, SEs and AEs alike")
    .argument('<org>', 'org folder')
    .requiredOption('--year <year>', 'fiscal year label, e.g. 2026')
    .option('--json', 'print JSON')
    .action(async (dir: string, options: { year: string; json?: boolean }) => {
      if (!/^\d{4}$/.test(options.year)) throw new UsageError(`--year "${options.year}" is not a fiscal year (e.g. 2026)`);
      const year = Number(options.year);
      const calc = await calculateOrg(dir);
      printWarnings(io, calc.warnings);
      const results = recognize(calc.org, calc.result.statements, year);
      io.stdout(options.json ? `${JSON.stringify(recognitionJson(year, results), null, 2)}\n` : explainRecognition(year, results));
    });
}
