import { calculateOrg } from '../../src/app/org-session.js';
import { formatProblem } from '../../src/core/problems.js';
const dir = process.argv[2] ?? '/tmp/demo-std';
const t0 = performance.now();
try {
  const calc = await calculateOrg(dir);
  console.log('valid', calc.org.people.length, calc.org.deals.length, calc.result.statements.length, 'statements', calc.warnings.length, 'warnings', ((performance.now() - t0) / 1000).toFixed(1), 's');
  for (const w of calc.warnings.slice(0, 20)) console.log(formatProblem(w));
} catch (e) {
  const problems = (e as { problems?: unknown[] }).problems;
  if (problems) for (const p of problems.slice(0, 40)) console.log(formatProblem(p as never));
  else console.log(e);
}
