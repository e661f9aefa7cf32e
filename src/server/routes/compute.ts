/**
 * Computations on the current org version, stored nowhere: a statement preview, what-if, plan
 * diagnostics, simulation and comparison, and the ladder lint. The same engine and reports as the
 * command line, on the version's files (parsed once per version and server instance).
 */
import { hypotheticalDeal } from '../../app/hypothetical-deal.js';
import { InvalidInputError } from '../../app/org-session.js';
import { comparePlans, latestYear, simulatePlan } from '../../app/simulate.js';
import { statementsInside } from '../../core/calculate.js';
import { minorUnits } from '../../core/currency.js';
import { diagnoseJson, plansInYear, runDiagnostics, type FindingJson } from '../../core/diagnostics/index.js';
import { ladderLintJson, lintLadder } from '../../core/ladder/lint/index.js';
import { statementJson } from '../../core/output.js';
import { fiscalYearOf, parsePeriod, type FiscalCalendar, type Period } from '../../core/periods.js';
import { whatIf, whatIfJson } from '../../core/whatif.js';
import { parseCareer } from '../../io/parse-career.js';
import { ApiError } from '../errors.js';
import { authorize, personScope } from '../policy.js';
import { who, type Router } from '../router.js';
import { compareBody, compareSchema, diagnoseBody, diagnoseSchema, ladderLintSchema, previewBody, previewSchema, simulateBody, simulateSchema, whatifBody, whatifSchema } from '../schemas.js';

function periodOf(label: string, calendar: FiscalCalendar): Period {
  const p = parsePeriod(label, calendar);
  if (!p) throw new ApiError('bad_request', `"${label}" is not a period: use 2026, 2026-H1, 2026-Q3 or 2026-M07 (fiscal)`, [{ path: 'body.period', message: 'not a period' }]);
  return p;
}

const findingKey = (f: FindingJson) => `${f.rule}\u0000${f.measure ?? ''}\u0000${f.severity}`;

export function computeRoutes(router: Router): void {
  router.add({
    method: 'POST',
    path: '/api/calc/preview',
    tag: 'compute',
    summary: 'Calculate a period on the current org version without storing anything: the statements you may see (admins: anyone; managers: their reports and themselves; members: themselves)',
    action: 'calc.preview',
    body: previewBody,
    response: previewSchema,
    handler: async (ctx) => {
      const me = who(ctx);
      const version = await ctx.deps.versions.current();
      const calc = version.calc();
      const period = periodOf(ctx.body.period, calc.org.settings.calendar);
      const only = ctx.body.person_id;
      if (only !== undefined && (!authorize(me, 'calc.preview', { kind: 'person', personId: only }) || !calc.engine.person(only))) throw new ApiError('not_found', `there is no person "${only}" you may see`);
      const scope = only !== undefined ? new Set([only]) : personScope(me, 'calc.preview');
      const statements = statementsInside(calc.result.statements, period).filter((s) => scope === 'all' || scope.has(s.person.id));
      return { version_id: version.id, period: period.label, statements: statements.map((s) => statementJson(s, calc.org)) };
    },
  });

  router.add({
    method: 'POST',
    path: '/api/whatif',
    tag: 'compute',
    summary: "How a person's statements for a period change if a hypothetical deal closes, and the deal's marginal value",
    action: 'whatif',
    body: whatifBody,
    response: whatifSchema,
    handler: async (ctx) => {
      const me = who(ctx);
      const { body } = ctx;
      const version = await ctx.deps.versions.current();
      const calc = version.calc();
      const person = calc.engine.person(body.person_id);
      if (!person || !authorize(me, 'whatif', { kind: 'person', personId: body.person_id })) throw new ApiError('not_found', `there is no person "${body.person_id}" you may see`);
      const period = periodOf(body.period, calc.org.settings.calendar);
      const parts = Object.entries(body.deal).map(([k, v]) => `${k}=${String(v)}`);
      if (body.team !== undefined) parts.push(`team=${body.team.map((t) => (t.split === undefined ? t.person_id : `${t.person_id}:${t.split}`)).join('|')}`);
      const deal = hypotheticalDeal(parts.join(','), calc.org, person);
      const { result, problems } = whatIf(calc.engine, person.id, period, deal);
      if (problems.some((p) => p.severity === 'error')) throw new InvalidInputError(problems, 'the hypothetical deal');
      return whatIfJson(result, calc.org);
    },
  });

  router.add({
    method: 'POST',
    path: '/api/diagnose',
    tag: 'plans',
    summary: "Check plans against the principles of SE comp with the org's own numbers (tandem diagnose --json)",
    action: 'plans.analyse',
    body: diagnoseBody,
    response: diagnoseSchema,
    handler: async (ctx) => {
      const version = await ctx.deps.versions.current();
      const { org, engine, result } = version.calc();
      const statements = result.statements;
      let year: number;
      if (ctx.body.year !== undefined) year = ctx.body.year;
      else if (statements.length > 0) year = statements.reduce((y, s) => Math.max(y, s.period.fy), -Infinity);
      else if (org.plans.length > 0) year = org.plans.reduce((y, p) => Math.max(y, fiscalYearOf(p.effective.from, org.settings.calendar)), -Infinity);
      else throw new ApiError('bad_request', 'the org has no plans: nothing to diagnose');
      const inYear = [...new Set(plansInYear(org, year).map((p) => p.id))];
      const known = new Set(org.plans.map((p) => p.id));
      const asked = ctx.body.plans ?? [];
      for (const id of asked) {
        if (!known.has(id)) throw new ApiError('bad_request', `"${id}" is not a plan id in plans/ (plans: ${[...known].sort().join(', ')})`);
        if (!inYear.includes(id)) throw new ApiError('bad_request', `plan "${id}" is not in effect in fiscal year ${year}`);
      }
      const plans = asked.length > 0 ? inYear.filter((id) => asked.includes(id)) : inYear;
      const findings = runDiagnostics({ org, engine, statements: statements.filter((s) => s.period.fy === year), year, config: org.settings.diagnostics }, plans);
      return diagnoseJson(org, year, plans, findings);
    },
  });

  router.add({
    method: 'POST',
    path: '/api/simulate',
    tag: 'plans',
    summary: 'Monte-Carlo a plan over a fiscal year: cost and its spread, payout ÷ target incentive, controllability (tandem simulate --json)',
    action: 'plans.analyse',
    body: simulateBody,
    response: simulateSchema,
    handler: async (ctx) => {
      const version = await ctx.deps.versions.current();
      const { report } = await simulatePlan(version.calc(), { planId: ctx.body.plan, trials: ctx.body.trials, seed: ctx.body.seed, year: ctx.body.year, offThread: true });
      return report;
    },
  });

  router.add({
    method: 'POST',
    path: '/api/compare',
    tag: 'plans',
    summary: 'Simulate two plans over the same people: cost side by side, who gains and who loses, diagnostics one plan has and the other not (tandem compare --json)',
    action: 'plans.analyse',
    body: compareBody,
    response: compareSchema,
    handler: async (ctx) => {
      const version = await ctx.deps.versions.current();
      const calc = version.calc();
      const [a, b] = ctx.body.plans;
      const year = ctx.body.year ?? latestYear(calc);
      const result = await comparePlans(calc, a, b, { trials: ctx.body.trials, seed: ctx.body.seed, year, offThread: true });
      const findings = diagnoseJson(calc.org, year, [a, b], runDiagnostics({ org: calc.org, engine: calc.engine, statements: calc.result.statements.filter((s) => s.period.fy === year), year, config: calc.org.settings.diagnostics }, [a, b])).findings;
      const keysA = new Set(findings.filter((f) => f.plan === a).map(findingKey));
      const keysB = new Set(findings.filter((f) => f.plan === b).map(findingKey));
      const digits = minorUnits(calc.org.settings.currency);
      const unit = 10 ** digits;
      return {
        a: result.a,
        b: result.b,
        per_person: result.perPerson.map((p) => {
          // As the command line prints it: the change is the difference of the two rounded means.
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
    },
  });

  router.add({
    method: 'GET',
    path: '/api/ladder/lint',
    tag: 'ladder',
    summary: "Check the current version's ladder.yaml (and bands.csv): the three answers per level, token levels, unobservable and tenure criteria, an AI signal, two paths, bands (tandem ladder lint --json)",
    action: 'ladder.lint',
    response: ladderLintSchema,
    handler: async (ctx) => {
      const version = await ctx.deps.versions.current();
      const ladderText = version.files.get('ladder.yaml');
      if (ladderText === undefined) {
        throw new InvalidInputError([{ severity: 'error', file: 'ladder.yaml', line: 1, column: '1', message: `org version ${version.id} has no ladder.yaml (start from the default SE ladder: tandem ladder init)` }], `org version ${version.id}`);
      }
      const bandsText = version.files.get('bands.csv');
      const texts = new Map([['ladder.yaml', ladderText]]);
      if (bandsText !== undefined) texts.set('bands.csv', bandsText);
      const parsed = parseCareer(texts, { currency: version.calc().org.settings.currency });
      const ladder = parsed.career?.ladder;
      if (ladder === undefined) throw new InvalidInputError(parsed.problems, `org version ${version.id}`);
      return ladderLintJson(ladder, lintLadder(ladder, bandsText === undefined ? undefined : parsed.career?.bands));
    },
  });
}
