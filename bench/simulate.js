// One simulation benchmark run, in a fresh process: the large demo org's territory SE plan
// (1,100 SEs) over 10,000 trials × 4 quarters. Prints one JSON line. Run through `npm run bench`.
import { calculateOrg } from '../dist/app/org-session.js';
import { simulatePlan } from '../dist/app/simulate.js';

const [dir, plan = 'se-territory-2026', trialsText = '10000'] = process.argv.slice(2);
if (!dir) throw new Error('usage: node bench/simulate.js ORG_DIR [PLAN] [TRIALS]');
const calc = await calculateOrg(dir);
const rssBefore = process.resourceUsage().maxRSS / 1024;
const t0 = performance.now();
const { model, report } = await simulatePlan(calc, { planId: plan, trials: Number(trialsText), seed: 1 });
const simulateMs = performance.now() - t0;
console.log(
  JSON.stringify({
    plan,
    people: model.people.length,
    ses: model.people.filter((p) => p.se).length,
    periods: model.periods.length,
    trials: report.trials,
    streams: model.streams.length,
    simulateMs,
    rssBeforeMb: rssBefore,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    cost: report.cost,
    controllability: report.controllability_index,
  }),
);
