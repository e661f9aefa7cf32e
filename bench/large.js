// One benchmark run on the large demo org, in a fresh process: load + validate, calculate every
// payout period with traces, what-if, the columnar lower bound. Prints one JSON line.
// Usage: node bench/large.js ORG_DIR   (run through `npm run bench`, which builds dist/ first)
import { openOrg } from '../dist/app/org-session.js';
import { ONE, parseDecimal } from '../dist/core/rational.js';
import { statementJson } from '../dist/core/output.js';
import { whatIf } from '../dist/core/whatif.js';
import { parsePeriod } from '../dist/core/periods.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node bench/large.js ORG_DIR');

const t0 = performance.now();
const loaded = await openOrg(dir);
const loadMs = performance.now() - t0;
const { org, engine } = loaded;
const rows = org.people.length + org.deals.length + org.dealTeam.length + org.quotas.length + org.mbo.length + org.fx.length + org.adjustments.length;

const t1 = performance.now();
const result = engine.calculateAll();
const calcMs = performance.now() - t1;
if (result.problems.some((p) => p.severity === 'error')) throw new Error(`the large org has errors: ${result.problems[0]?.message}`);

// The same credit lines, summed into typed arrays: the machine's floor for this much crediting.
let lines = 0;
for (const s of result.statements) for (const m of s.measures) if ('credits' in m) for (const w of m.credits) lines += w.hi - w.lo;
const target = new Int32Array(lines);
const value = new Float64Array(lines);
let k = 0;
let slot = 0;
for (const s of result.statements) {
  for (const m of s.measures) {
    if ('credits' in m) {
      for (const w of m.credits) {
        for (let i = w.lo; i < w.hi; i++) {
          const c = w.series.line(i).credit;
          target[k] = slot;
          value[k++] = Number(c.n) / Number(c.d);
        }
      }
    }
    slot++;
  }
}
const sums = new Float64Array(slot);
const t2 = performance.now();
for (let i = 0; i < lines; i++) sums[target[i]] += value[i];
const columnarMs = performance.now() - t2;

// Traces are data on every measure; rendering them is output work. Render a sample of statements.
const sample = result.statements.filter((_, i) => i % 33 === 0).slice(0, 1000);
const t3 = performance.now();
let traceBytes = 0;
for (const s of sample) traceBytes += JSON.stringify(statementJson(s, org, { trace: true })).length;
const traceMs = performance.now() - t3;

// What-if for one deal after load: an SE on the pod plan and an AE.
const period = parsePeriod(`${result.statements[0].period.fy}-Q3`, org.settings.calendar);
const pick = (role, planId) => result.statements.find((s) => s.person.role === role && s.plan.id.startsWith(planId))?.person;
const people = [pick('SE', 'se-pod'), pick('SE', 'se-territory'), pick('AE', 'ae')].filter(Boolean);
const whatifMs = [];
for (let i = 0; i < 30; i++) {
  const person = people[i % people.length];
  const deal = {
    deal: { id: `whatif-${i}`, ownerId: person.id, amount: parseDecimal('48000.00'), currency: org.settings.currency, stage: 'closed_won', closeDate: period.from + 40, territory: person.territory, technicalWin: true, technicalWinDate: period.from + 30, churnDate: undefined, filterValues: org.filterColumns.map((c) => (c === 'stage' ? 'closed_won' : c === 'type' ? 'new' : '')), line: 0 },
    team: [{ dealId: `whatif-${i}`, personId: person.id, role: 'primary_se', split: undefined, hours: ONE, line: 0 }],
  };
  const t = performance.now();
  whatIf(engine, person.id, period, deal);
  whatifMs.push(performance.now() - t);
}
whatifMs.sort((a, b) => a - b);

console.log(
  JSON.stringify({
    loadMs,
    calcMs,
    rows,
    people: org.people.length,
    deals: org.deals.length,
    dealTeamRows: org.dealTeam.length,
    payees: new Set(result.statements.map((s) => s.person.id)).size,
    statements: result.statements.length,
    creditLines: lines,
    columnarMs,
    traceSample: sample.length,
    traceMs,
    traceBytes,
    whatifMedianMs: whatifMs[Math.floor(whatifMs.length / 2)],
    whatifMaxMs: whatifMs[whatifMs.length - 1],
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
