import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { calculateOrg } from '../../app/org-session.js';
import { comparePlans, latestYear } from '../../app/simulate.js';
import { minorUnits } from '../../core/currency.js';
import { diagnoseJson, runDiagnostics } from '../../core/diagnostics/index.js';
import type { FindingJson } from '../../core/diagnostics/report.js';
import { SimulationInputError } from '../../core/simulation/model.js';
import type { CompareJson } from '../../core/simulation/types.js';
import { textTable } from '../../core/text-table.js';
import { compareHtml } from '../../io/reports/index.js';
import { UsageError, type Io } from '../io.js';
import { progressBar, wholeNumber } from '../shared.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const ratios = (r: CompareJson['a']) => [r.payout_to_ti.p10, r.payout_to_ti.p50, r.payout_to_ti.p90].map((x) => x.toFixed(2)).join(' / ');
const findingKey = (f: FindingJson) => `${f.rule}\u0000${f.measure ?? ''}\u0000${f.severity}`;

/** The comparison as tidy terminal tables. */
export function formatComparison(c: CompareJson): string {
  const { a, b, excluded, borrowed } = c;
  const lines = [
    `Plan ${a.plan} vs ${b.plan}, fiscal year ${a.year}: ${a.trials.toLocaleString('en')} trials, seed ${a.seed}`,
    '',
    ...textTable(
      [
        ['', a.plan, b.plan],
        ['people simulated (everyone on either plan)', String(a.people), String(b.people)],
        [`cost mean (${a.currency})`, a.cost.mean, b.cost.mean],
        ['cost P10 – P90', `${a.cost.p10} – ${a.cost.p90}`, `${b.cost.p10} – ${b.cost.p90}`],
        ['cost ÷ bookings', pct(a.cost_share_of_bookings), pct(b.cost_share_of_bookings)],
        ['payout ÷ TI P10 / P50 / P90', ratios(a), ratios(b)],
        ['below threshold / at cap', `${pct(a.share_below_threshold)} / ${pct(a.share_at_cap)}`, `${pct(b.share_below_threshold)} / ${pct(b.share_at_cap)}`],
        ['controllability index', a.controllability_index.toFixed(2), b.controllability_index.toFixed(2)],
      ],
      new Set([1, 2]),
    ),
    '',
    `Everyone on either plan, paid under ${a.plan} and under ${b.plan} (mean of the trials):`,
    ...textTable([['person', 'role', a.plan, b.plan, 'change'], ...c.per_person.map((p) => [p.person_id, p.role, p.a_mean, p.b_mean, p.delta])], new Set([2, 3, 4])).map((l) => `  ${l}`),
  ];
  if (borrowed.length > 0) lines.push('', `Quotas borrowed from a peer on the other plan (same territory or pod where possible): ${borrowed.join('; ')}`);
  if (excluded.length > 0) lines.push('', `Left out (one of the plans cannot pay them, e.g. no quota for a measure): ${excluded.join(', ')}`);
  const diff = (title: string, list: readonly FindingJson[]) => (list.length === 0 ? [] : ['', title, ...list.map((f) => `  [${f.severity}] ${f.rule}${f.measure ? ` (${f.measure})` : ''}: ${f.message}`)]);
  lines.push(...diff(`Diagnostics only ${a.plan} has:`, c.diagnostics.only_a), ...diff(`Diagnostics only ${b.plan} has:`, c.diagnostics.only_b));
  return `${lines.join('\n')}\n`;
}

export function registerCompare(program: Command, io: Io): void {
  program
    .command('compare')
    .description('two plans side by side: cost and its spread, who gains and who loses, diagnostics that differ')
    .argument('<org>', 'org folder')
    .requiredOption('--plan <id...>', 'the two plan ids (--plan A --plan B)')
    .option('--trials <n>', 'number of trials', '1000')
    .option('--seed <s>', 'random seed', '1')
    .option('--year <fy>', 'fiscal year (default: the latest with statements)')
    .option('--json', 'print JSON')
    .option('--html <file>', 'write a self-contained HTML report with charts')
    .action(async (dir: string, options: { plan: string[]; trials: string; seed: string; year?: string; json?: boolean; html?: string }) => {
      const [a, b, ...rest] = options.plan;
      if (a === undefined || b === undefined || rest.length > 0) throw new UsageError('give exactly two plans: --plan A --plan B');
      const trials = wholeNumber(options.trials, '--trials', 1);
      const seed = wholeNumber(options.seed, '--seed');
      const calc = await calculateOrg(dir);
      const year = options.year === undefined ? latestYear(calc) : wholeNumber(options.year, '--year');
      const bar = progressBar(io, `comparing ${a} and ${b}`);
      try {
        const result = await comparePlans(calc, a, b, { trials, seed, year, onProgress: bar.update });
        bar.done();
        const findings = diagnoseJson(calc.org, year, [a, b], runDiagnostics({ org: calc.org, engine: calc.engine, statements: calc.result.statements.filter((s) => s.period.fy === year), year, config: calc.org.settings.diagnostics }, [a, b])).findings;
        const keysA = new Set(findings.filter((f) => f.plan === a).map(findingKey));
        const keysB = new Set(findings.filter((f) => f.plan === b).map(findingKey));
        const digits = minorUnits(calc.org.settings.currency);
        const report: CompareJson = {
          a: result.a,
          b: result.b,
          per_person: result.perPerson.map((p) => {
            // The change is the difference of the two printed means, so the columns add up.
            const unit = 10 ** digits;
            const [aMinor, bMinor] = [Math.round(p.a * unit), Math.round(p.b * unit)];
            return { person_id: p.personId, role: p.role, a_mean: (aMinor / unit).toFixed(digits), b_mean: (bMinor / unit).toFixed(digits), delta: ((bMinor - aMinor) / unit).toFixed(digits) };
          }),
          excluded: result.excluded,
          borrowed: result.borrowed,
          diagnostics: {
            only_a: findings.filter((f) => f.plan === a && !keysB.has(findingKey(f))),
            only_b: findings.filter((f) => f.plan === b && !keysA.has(findingKey(f))),
          },
        };
        if (options.html !== undefined) {
          await writeFile(options.html, compareHtml(report));
          io.stderr(`wrote ${options.html}\n`);
        }
        io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatComparison(report));
      } catch (e) {
        bar.done();
        if (e instanceof SimulationInputError) throw new UsageError(e.message);
        throw e;
      }
    });
}
