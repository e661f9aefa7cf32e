import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { calculateOrg } from '../../app/org-session.js';
import { statementsInside } from '../../core/calculate.js';
import { formatDay } from '../../core/dates.js';
import { DEMO_DEFAULT_SEED, generateDemoOrg } from '../../core/demo/generate-demo-org.js';
import { latestCompleteQuarter } from '../../core/periods.js';
import { writeOrgFiles } from '../../io/write-org-files.js';
import type { Io } from '../io.js';
import { formatSummary } from '../shared.js';
import { defaultDemoYear } from './demo.js';

export function registerQuickstart(program: Command, io: Io): void {
  program
    .command('quickstart')
    .description('what `npm start` runs: write the demo org to a temporary folder, calculate the latest complete quarter, print a summary')
    .action(async () => {
      const today = io.now();
      const dir = await mkdtemp(join(tmpdir(), 'tandem-demo-'));
      const fiscalYear = defaultDemoYear(today);
      io.stderr(`Writing the demo org (seed ${DEMO_DEFAULT_SEED}, fiscal year ${fiscalYear}) to ${dir} …\n`);
      await writeOrgFiles(dir, generateDemoOrg({ seed: DEMO_DEFAULT_SEED, size: 'standard', fiscalYear }));
      const calc = await calculateOrg(dir);
      const period = latestCompleteQuarter(today, calc.org.settings.calendar);
      const statements = statementsInside(calc.result.statements, period);
      io.stderr(`Loaded and validated in ${calc.loadMs.toFixed(0)} ms; calculated every payout period in ${calc.calcMs.toFixed(0)} ms (${calc.warnings.length} warnings: run validate to see them).\n\n`);
      io.stdout(formatSummary(calc.org, period, statements));
      const se = statements.find((s) => s.person.role === 'SE') ?? statements[0];
      const p = period.label;
      const next = [
        ...(se ? [[`npx tandem explain ${dir} --period ${p} --person ${se.person.id}`, 'one statement: every deal and step']] : []),
        ...(se ? [[`npx tandem whatif ${dir} --period ${p} --person ${se.person.id} --deal amount=60000,close_date=${formatDay(period.to)}`, 'what a deal is worth']] : []),
        [`npx tandem calc ${dir} --period ${p} --json`, 'the machine-readable statements'],
        [`npx tandem recognition ${dir} --year ${period.fy}`, "President's Club, SEs and AEs alike"],
        [`npx tandem diagnose ${dir}`, 'the plans checked against the principles of SE comp'],
        [`npx tandem people report ${dir}`, 'the career ladder: tenure promotions, people stuck, missing path conversations'],
        [`npx tandem validate ${dir}`, 'every problem and warning'],
      ];
      io.stdout(
        `\nWhere to look next:\n${next.map(([cmd = '', why = '']) => `  # ${why}\n  ${cmd}\n`).join('')}` +
          '  README.md (commands), docs/calculation.md (the exact rules), docs/demo-org.md (how this org was made)\n',
      );
    });
}
