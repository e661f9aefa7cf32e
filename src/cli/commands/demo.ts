import type { Command } from 'commander';
import { DEMO_DEFAULT_SEED, generateDemoOrg, type DemoSize } from '../../core/demo/generate-demo-org.js';
import { latestCompleteQuarter } from '../../core/periods.js';
import { NonEmptyDirectoryError, writeOrgFiles } from '../../io/write-org-files.js';
import { UsageError, type Io } from '../io.js';

/** The fiscal year the demo covers by default: the one holding the latest complete quarter. */
export function defaultDemoYear(today: Date): number {
  return latestCompleteQuarter(today, { startMonth: 1, label: 'end' }).fy;
}

export function registerDemo(program: Command, io: Io): void {
  program
    .command('demo')
    .description('write the demo org folder: a seeded, realistic SE/AE organization (see docs/demo-org.md)')
    .argument('[dir]', 'folder to create (must be empty or absent)', 'tandem-demo')
    .option('--size <size>', 'standard (~70 payees) or large (10,000 payees, 1,000,000 deals: for benchmarks)', 'standard')
    .option('--seed <n>', 'random seed', String(DEMO_DEFAULT_SEED))
    .option('--year <fy>', 'fiscal year to generate (default: the year of the latest complete quarter)')
    .action(async (dir: string, options: { size: string; seed: string; year?: string }) => {
      if (options.size !== 'standard' && options.size !== 'large') throw new UsageError(`--size must be standard or large, not "${options.size}"`);
      if (!/^\d+$/.test(options.seed)) throw new UsageError(`--seed must be a whole number, not "${options.seed}"`);
      if (options.year !== undefined && !/^\d{4}$/.test(options.year)) throw new UsageError(`--year must be a fiscal year such as 2026, not "${options.year}"`);
      const size: DemoSize = options.size;
      const fiscalYear = options.year !== undefined ? Number(options.year) : defaultDemoYear(io.now());
      const started = performance.now();
      if (size === 'large') io.stderr(`writing the large demo org (10,000 payees, 1,000,000 deals, 2,500,000 deal-team rows) to ${dir} …\n`);
      try {
        await writeOrgFiles(dir, generateDemoOrg({ seed: Number(options.seed), size, fiscalYear }));
      } catch (e) {
        if (e instanceof NonEmptyDirectoryError) throw new UsageError(e.message);
        throw e;
      }
      io.stderr(`wrote the ${size} demo org for fiscal year ${fiscalYear} to ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
      io.stdout(`${dir}\n`);
    });
}
