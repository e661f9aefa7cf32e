import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { calculateOrg } from '../../app/org-session.js';
import { simulatePlan } from '../../app/simulate.js';
import { SimulationInputError } from '../../core/simulation/model.js';
import type { SimulateJson } from '../../core/simulation/types.js';
import { textTable } from '../../core/text-table.js';
import { simulateHtml } from '../../io/reports/index.js';
import { UsageError, type Io } from '../io.js';
import { progressBar, wholeNumber } from '../shared.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The simulation as tidy terminal tables. */
export function formatSimulation(r: SimulateJson): string {
  const lines = [
    `Plan ${r.plan}, fiscal year ${r.year}: ${r.trials.toLocaleString('en')} trials, seed ${r.seed}, ${r.people} people, target incentive ${r.target_incentive} ${r.currency}`,
    '',
    ...textTable(
      [
        ['', 'mean', 'P10', 'P50', 'P90'],
        [`plan cost (${r.currency})`, r.cost.mean, r.cost.p10, r.cost.p50, r.cost.p90],
        ['payout ÷ target incentive', '', r.payout_to_ti.p10.toFixed(2), r.payout_to_ti.p50.toFixed(2), r.payout_to_ti.p90.toFixed(2)],
      ],
      new Set([1, 2, 3, 4]),
    ),
    '',
    `cost as a share of bookings     ${pct(r.cost_share_of_bookings)}`,
    `below a threshold               ${pct(r.share_below_threshold)} of person-period-measures`,
    `at a cap                        ${pct(r.share_at_cap)} of person-period-measures`,
    `controllability index           ${r.controllability_index.toFixed(2)}  (share of payout variance explained by people's own deals; SEs only when the plan has SEs)`,
    '',
    'Least and most controllable:',
    ...textTable(
      [['person', 'role', 'mean payout', 'P10', 'P90', 'controllability'], ...[...r.per_person].sort((a, b) => a.controllability - b.controllability || (a.person_id < b.person_id ? -1 : 1)).filter((_, i, all) => i < 5 || i >= all.length - 5).map((p) => [p.person_id, p.role, p.mean_payout, p.p10_payout, p.p90_payout, p.controllability.toFixed(2)])],
      new Set([2, 3, 4, 5]),
    ).map((l) => `  ${l}`),
  ];
  return `${lines.join('\n')}\n`;
}

export function registerSimulate(program: Command, io: Io): void {
  program
    .command('simulate')
    .description("Monte-Carlo a plan over a year: cost and its spread, payout ÷ target incentive, controllability")
    .argument('<org>', 'org folder')
    .requiredOption('--plan <id>', 'plan id')
    .option('--trials <n>', 'number of trials', '1000')
    .option('--seed <s>', 'random seed (same seed, same result)', '1')
    .option('--year <fy>', 'fiscal year (default: the latest with statements)')
    .option('--json', 'print JSON')
    .option('--html <file>', 'write a self-contained HTML report with charts')
    .action(async (dir: string, options: { plan: string; trials: string; seed: string; year?: string; json?: boolean; html?: string }) => {
      const trials = wholeNumber(options.trials, '--trials', 1);
      const seed = wholeNumber(options.seed, '--seed');
      const year = options.year === undefined ? undefined : wholeNumber(options.year, '--year');
      const calc = await calculateOrg(dir);
      const bar = progressBar(io, `simulating ${options.plan}`);
      try {
        const { report } = await simulatePlan(calc, { planId: options.plan, trials, seed, year, onProgress: bar.update });
        bar.done();
        if (options.html !== undefined) {
          await writeFile(options.html, simulateHtml(report));
          io.stderr(`wrote ${options.html}\n`);
        }
        io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatSimulation(report));
      } catch (e) {
        bar.done();
        if (e instanceof SimulationInputError) throw new UsageError(e.message);
        throw e;
      }
    });
}
