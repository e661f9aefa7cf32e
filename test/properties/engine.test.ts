/**
 * Properties of the engine over generated org folders (test/support/random-org.ts): order
 * independence, reconciliation, caps, split conservation, monotonicity, and explain = JSON.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Engine, statementsInside } from '../../src/core/calculate.js';
import { teamShare } from '../../src/core/crediting.js';
import { fastFactor, payoutFactor } from '../../src/core/curve.js';
import { DealBook } from '../../src/core/deal-book.js';
import { explainStatement } from '../../src/core/explain.js';
import type { Org, Tier } from '../../src/core/model.js';
import { calcJson } from '../../src/core/output.js';
import { parsePeriod } from '../../src/core/periods.js';
import { ONE, parseDecimal, Rational, roundToUnits, ZERO } from '../../src/core/rational.js';
import { whatIf } from '../../src/core/whatif.js';
import { parseOrg } from '../../src/io/parse-org.js';
import { arbitraryOrg, type GeneratedOrg } from '../support/random-org.js';

const RUNS = Number(process.env.TANDEM_PROPERTY_RUNS ?? 200);

function load(files: Record<string, string>): Org {
  const parsed = parseOrg(new Map(Object.entries(files)));
  if (!parsed.org) throw new Error(parsed.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
  return parsed.org;
}

function calc(generated: GeneratedOrg): { org: Org; output: string } {
  const org = load(generated.files);
  const period = parsePeriod(generated.period, org.settings.calendar);
  if (!period) throw new Error(`bad period ${generated.period}`);
  const result = Engine.create(org).calculateAll();
  expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return { org, output: JSON.stringify(calcJson(org, period, statementsInside(result.statements, period))) };
}

/** Exact value of a decimal string. */
function dec(text: string): Rational {
  const r = parseDecimal(text);
  if (!r) throw new Error(`not a decimal: ${text}`);
  return r;
}

/** Shuffles the data rows of every CSV (the header stays first), deterministically from `seed`. */
function shuffleRows(files: Record<string, string>, seed: number): Record<string, string> {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const out: Record<string, string> = {};
  for (const [path, text] of Object.entries(files)) {
    if (!path.endsWith('.csv')) {
      out[path] = text;
      continue;
    }
    // The generator never puts a line break inside a quoted field, so lines are records.
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const lines = text.split(eol);
    const trailing = lines[lines.length - 1] === '' ? lines.pop() : undefined;
    const [header, ...rows] = lines;
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [rows[i], rows[j]] = [rows[j] as string, rows[i] as string];
    }
    out[path] = [header, ...rows].join(eol) + (trailing === undefined ? '' : eol);
  }
  return out;
}

describe('engine properties on generated orgs', () => {
  it('gives byte-identical output, traces included, whatever the order of rows', () => {
    fc.assert(
      fc.property(arbitraryOrg(), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (generated, seed) => {
        const a = calc(generated).output;
        const b = calc({ ...generated, files: shuffleRows(generated.files, seed) }).output;
        expect(b).toBe(a);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it('reconciles every statement to the cent: total = measures + SPIFs + adjustments, each with the currency digits', () => {
    fc.assert(
      fc.property(arbitraryOrg(), (generated) => {
        const { output } = calc(generated);
        const json = JSON.parse(output) as { statements: { currency: string; total: string; measures: { payout: string }[]; spiffs: { payout: string }[]; adjustments: { amount: string }[] }[] };
        for (const s of json.statements) {
          const digits = s.currency === 'JPY' ? 0 : 2;
          const money = [...s.measures.map((m) => m.payout), ...s.spiffs.map((x) => x.payout), ...s.adjustments.map((a) => a.amount), s.total];
          for (const m of money) expect(m.split('.')[1]?.length ?? 0).toBe(digits);
          const sum = money.slice(0, -1).reduce((acc, m) => acc.add(dec(m)), ZERO);
          expect(sum.eq(dec(s.total))).toBe(true);
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it('never pays a measure above cap × its target incentive × weight', () => {
    fc.assert(
      fc.property(arbitraryOrg(), (generated) => {
        const org = load(generated.files);
        const statements = Engine.create(org).calculateAll().statements;
        const paidSoFar = new Map<string, bigint>();
        for (const s of statements) {
          for (const m of s.measures) {
            const cap = m.measure.cap;
            expect(m.payout >= 0n || m.kind === 'mbo' || m.kind === 'period').toBe(true);
            if (cap === undefined) continue;
            expect(m.working.factor.le(cap)).toBe(true);
            const ceiling = roundToUnits(m.ti.mul(m.measure.weight).mul(cap), s.minorDigits, org.settings.rounding);
            if (m.kind === 'ytd') {
              // Paid this fiscal year so far ≤ the cap on the cumulative TI.
              const key = `${s.person.id}|${s.plan.file}|${m.measure.id}|${s.period.fy}`;
              const paid = (paidSoFar.get(key) ?? 0n) + m.payout;
              paidSoFar.set(key, paid);
              expect(paid <= ceiling).toBe(true);
            } else {
              expect(m.payout <= ceiling).toBe(true);
            }
          }
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it('shares every deal exactly among its team under split credit (the credit sums to the amount)', () => {
    fc.assert(
      fc.property(arbitraryOrg(), (generated) => {
        const org = load(generated.files);
        const book = DealBook.of(org);
        org.deals.forEach((deal, d) => {
          const rows = book.teamOf(d);
          if (rows.length === 0) return;
          let total = ZERO;
          for (const r of rows) total = total.add(teamShare('split', org.dealTeam, r, rows) ?? ZERO);
          expect(total.eq(ONE)).toBe(true);
          expect(total.mul(deal.amount).eq(deal.amount)).toBe(true);
        });
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it('explain shows exactly the numbers of --json', () => {
    fc.assert(
      fc.property(arbitraryOrg(), (generated) => {
        const org = load(generated.files);
        const period = parsePeriod(generated.period, org.settings.calendar);
        if (!period) return;
        const statements = statementsInside(Engine.create(org).calculateAll().statements, period);
        const json = calcJson(org, period, statements, { trace: false });
        statements.forEach((s, i) => {
          const text = explainStatement(s, org);
          const js = json.statements[i];
          if (!js) throw new Error('missing statement');
          const results = [...text.matchAll(/^Result: credited (\S+) · quota (\S+) · attainment (\S+) · factor (\S+) · payout (\S+)(?: · balance (\S+))?$/gm)];
          expect(results.map((r) => ({ credited: r[1], quota: r[2], attainment: r[3], factor: r[4], payout: r[5], ...(r[6] === undefined ? {} : { balance: r[6] }) }))).toEqual(
            js.measures.map(({ credited, quota, attainment, factor, payout, balance }) => ({ credited, quota, attainment, factor, payout, ...(balance === undefined ? {} : { balance }) })),
          );
          expect(text).toContain(`\nTotal: ${js.total} ${js.currency}`);
          expect(text).toContain(`Target incentive for the period: ${js.target_incentive}`);
        });
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it('never lowers a statement when a won deal is added, for non-decreasing payout curves', () => {
    fc.assert(
      fc.property(arbitraryOrg(), fc.integer({ min: 1, max: 5_000_000 }), fc.nat(), (generated, cents, pickIndex) => {
        const org = load(generated.files);
        const engine = Engine.create(org);
        const statements = engine.calculateAll().statements;
        const nonDecreasing = (tiers: readonly Tier[], mode: string) => mode === 'marginal' || tiers.every((t, i) => i === 0 || t.rate.ge((tiers[i - 1] as Tier).rate));
        const candidates = statements.filter((s) => s.measures.every((m) => nonDecreasing(m.measure.tiers, m.measure.mode)));
        const s = candidates[pickIndex % Math.max(1, candidates.length)];
        if (!s) return;
        const id = 'prop-deal';
        const deal = {
          deal: {
            id,
            ownerId: s.person.id,
            amount: Rational.of(BigInt(cents), 100n),
            currency: s.person.currency,
            stage: 'closed_won',
            closeDate: s.active.from,
            territory: s.person.territory,
            technicalWin: true,
            technicalWinDate: s.active.from,
            churnDate: undefined,
            filterValues: org.filterColumns.map(() => ''),
            line: 0,
          },
          team: [{ dealId: id, personId: s.person.id, role: 'primary_se', split: undefined, hours: ONE, line: 0 }],
        };
        const { result } = whatIf(engine, s.person.id, s.period, deal);
        const before = result.before.find((x) => x.plan === s.plan);
        const after = result.after.find((x) => x.plan === s.plan);
        if (!before || !after) throw new Error('statement missing');
        before.measures.forEach((m, i) => expect((after.measures[i]?.payout ?? 0n) >= m.payout).toBe(true));
        expect(after.total >= before.total).toBe(true);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });
});

describe('payout curve', () => {
  const decimal = fc.integer({ min: 0, max: 40_000 }).map((n) => Rational.of(BigInt(n), 10_000n));
  const curve = fc.record({
    threshold: decimal,
    mode: fc.constantFrom('marginal' as const, 'retroactive' as const),
    bounds: fc.uniqueArray(fc.integer({ min: 1, max: 30_000 }), { maxLength: 3 }).map((xs) => xs.sort((a, b) => a - b).map((n) => Rational.of(BigInt(n), 10_000n))),
    rates: fc.array(decimal, { minLength: 4, maxLength: 4 }),
    cap: fc.option(decimal, { nil: undefined }),
  });

  it('is non-decreasing in attainment for marginal tiers and for retroactive tiers with rising rates', () => {
    fc.assert(
      fc.property(curve, decimal, decimal, (c, x, y) => {
        const rates = c.mode === 'retroactive' ? [...c.rates].sort((a, b) => a.cmp(b)) : c.rates;
        const tiers: Tier[] = [...c.bounds.map((to, i) => ({ to, rate: rates[i] as Rational })), { to: undefined, rate: rates[c.bounds.length] as Rational }];
        const m = { threshold: c.threshold, mode: c.mode, tiers, cap: c.cap };
        const [lo, hi] = x.le(y) ? [x, y] : [y, x];
        expect(payoutFactor(lo, m).factor.le(payoutFactor(hi, m).factor)).toBe(true);
        if (c.cap) expect(payoutFactor(hi, m).factor.le(c.cap)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('computes the same factor on the fast path the engine uses as with the full working', () => {
    fc.assert(
      fc.property(curve, fc.integer({ min: -5_000, max: 40_000 }).map((n) => Rational.of(BigInt(n), 10_000n)), (c, a) => {
        const tiers: Tier[] = [...c.bounds.map((to, i) => ({ to, rate: c.rates[i] as Rational })), { to: undefined, rate: c.rates[c.bounds.length] as Rational }];
        const m = { threshold: c.threshold, mode: c.mode, tiers, cap: c.cap };
        const slow = payoutFactor(a, m);
        const fast = fastFactor(a, m);
        expect(fast.factor.eq(slow.factor)).toBe(true);
        expect(fast.uncapped.eq(slow.uncapped)).toBe(true);
        expect([fast.capped, fast.gated]).toEqual([slow.capped, slow.gated]);
      }),
      { numRuns: 2000 },
    );
  });

  it('matches worked examples', () => {
    const tiers: Tier[] = [
      { to: ONE, rate: ONE },
      { to: Rational.of(3n, 2n), rate: Rational.of(3n, 2n) },
      { to: undefined, rate: ONE },
    ];
    const m = { threshold: Rational.of(1n, 2n), mode: 'marginal' as const, tiers, cap: Rational.of(2n) };
    // The spec's example: 1 × 1.0 + 1.5 × 0.1875 = 1.28125.
    expect(payoutFactor(Rational.of(19n, 16n), m).factor.eq(Rational.of(41n, 32n))).toBe(true);
    // Exactly on the threshold pays: 0.5 × 1 = 0.5; just below pays 0.
    expect(payoutFactor(Rational.of(1n, 2n), m).factor.eq(Rational.of(1n, 2n))).toBe(true);
    expect(payoutFactor(Rational.of(49n, 100n), m).factor.isZero()).toBe(true);
    // Retroactive on a boundary takes the lower tier: a = 1 → rate 1 → 1; a = 1.5 → 1.5 × 1.5 = 2.25, capped at 2.
    const r = { ...m, mode: 'retroactive' as const };
    expect(payoutFactor(ONE, r).factor.eq(ONE)).toBe(true);
    expect(payoutFactor(Rational.of(3n, 2n), r).factor.eq(Rational.of(2n))).toBe(true);
    expect(payoutFactor(Rational.of(3n, 2n), r).uncapped.eq(Rational.of(9n, 4n))).toBe(true);
  });
});
