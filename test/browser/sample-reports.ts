/**
 * Realistic report data for the browser tests, shaped like the demo org (22 SEs on two SE plans).
 * Headline figures are literals so the tests can assert exactly how they print; the histograms
 * behind them are drawn from a seeded generator around those figures.
 */
import type { DiagnoseJson, FindingJson } from '../../src/core/diagnostics/report.js';
import type { CompareJson, CurveJson, Histogram, SimulateJson, SimulatedPersonJson } from '../../src/core/simulation/types.js';

/** Mulberry32: a small seeded generator, so the sample data is the same on every run. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box–Muller). */
function normal(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function histogram(values: readonly number[], from: number, to: number, bins: number): Histogram {
  const width = (to - from) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => Number((from + i * width).toFixed(6)));
  const counts = Array.from({ length: bins }, () => 0);
  for (const v of values) {
    const i = Math.min(bins - 1, Math.max(0, Math.floor((v - from) / width)));
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return { edges, counts };
}

function curve(id: string, name: string, metric: string, credit: string | null, weight: number, factor: (attainment: number) => number): CurveJson {
  const points = Array.from({ length: 26 }, (_, i) => {
    const attainment = i / 10;
    return { attainment, factor: Number(factor(attainment).toFixed(4)) };
  });
  return { id, name, metric, credit, weight, points };
}

const POD_MEASURES: readonly CurveJson[] = [
  curve('bookings', 'Pod bookings', 'bookings', 'pod', 0.7, (a) => (a < 0.5 ? 0 : a <= 1 ? a : 1 + 1.5 * (a - 1))),
  curve('tech_wins', 'Technical wins', 'technical_wins', 'overlay', 0.2, (a) => Math.min(a, 1.5)),
  curve('customer_outcomes', 'Customer outcomes (MBO)', 'mbo', null, 0.1, (a) => Math.min(a, 1.2)),
];

const TERRITORY_MEASURES: readonly CurveJson[] = [
  curve('territory_bookings', 'Territory bookings', 'bookings', 'territory', 0.9, (a) => (a < 0.8 ? 0 : a <= 1 ? a : Math.min(2, 1 + 2 * (a - 1)))),
  curve('tech_wins', 'Technical wins', 'technical_wins', 'overlay', 0.1, (a) => Math.min(a, 1.5)),
];

function people(seed: number, spread: number): SimulatedPersonJson[] {
  const random = generator(seed);
  return Array.from({ length: 22 }, (_, i) => {
    const level = i % 3 === 0 ? 'SE3' : i % 3 === 1 ? 'SE2' : 'SE1';
    const ti = level === 'SE3' ? 45000 : level === 'SE2' ? 36000 : 30000;
    const mean = ti * (0.95 + spread * normal(random) * 0.25);
    return {
      person_id: `se-${String(i + 1).padStart(3, '0')}`,
      role: level,
      target_incentive: ti.toFixed(2),
      mean_payout: mean.toFixed(2),
      p10_payout: (mean * (1 - 0.35 * spread)).toFixed(2),
      p90_payout: (mean * (1 + 0.4 * spread)).toFixed(2),
      controllability: Number((0.3 + 0.5 * random()).toFixed(4)),
    };
  });
}

/** A simulation of the pod plan: 10,000 trials, 22 SEs, the headline figures the tests assert. */
export function sampleSimulation(): SimulateJson {
  const random = generator(7);
  const costs = Array.from({ length: 10_000 }, () => 1_048_213 + 93_200 * normal(random));
  const ratios = Array.from({ length: 22 * 2_000 }, () => Math.max(0, 0.97 + 0.28 * normal(random)));
  const perPerson = people(11, 1);
  return {
    plan: 'se-pod-2026',
    trials: 10_000,
    seed: 42,
    year: 2026,
    currency: 'USD',
    people: 22,
    target_incentive: perPerson.reduce((sum, p) => sum + Number(p.target_incentive), 0).toFixed(2),
    cost: { mean: '1048213.57', p10: '931402.10', p50: '1045877.00', p90: '1169930.55' },
    cost_share_of_bookings: 0.0412,
    payout_to_ti: { p10: 0.61, p50: 0.97, p90: 1.33 },
    share_below_threshold: 0.1375,
    share_at_cap: 0.0625,
    controllability_index: 0.5418,
    histograms: { cost: histogram(costs, 700_000, 1_400_000, 28), payout_to_ti: histogram(ratios, 0, 2.5, 25) },
    measures: POD_MEASURES,
    per_person: perPerson,
  };
}

/** A simulation of the territory plan: wider spread, less controllable. */
export function sampleTerritorySimulation(): SimulateJson {
  const random = generator(19);
  const costs = Array.from({ length: 10_000 }, () => 1_112_480 + 171_000 * normal(random));
  const ratios = Array.from({ length: 22 * 2_000 }, () => Math.max(0, 1.02 + 0.52 * normal(random)));
  const perPerson = people(23, 1.6);
  return {
    plan: 'se-territory-2026',
    trials: 10_000,
    seed: 42,
    year: 2026,
    currency: 'USD',
    people: 22,
    target_incentive: perPerson.reduce((sum, p) => sum + Number(p.target_incentive), 0).toFixed(2),
    cost: { mean: '1112480.00', p10: '893115.75', p50: '1101020.40', p90: '1334870.25' },
    cost_share_of_bookings: 0.0437,
    payout_to_ti: { p10: 0.34, p50: 1.02, p90: 1.71 },
    share_below_threshold: 0.2904,
    share_at_cap: 0.1811,
    controllability_index: 0.2231,
    histograms: { cost: histogram(costs, 500_000, 1_800_000, 26), payout_to_ti: histogram(ratios, 0, 3, 30) },
    measures: TERRITORY_MEASURES,
    per_person: perPerson,
  };
}

const TERRITORY_CONTROLLABILITY: FindingJson = {
  rule: 'controllability',
  severity: 'high',
  plan: 'se-territory-2026',
  measure: 'territory_bookings',
  message: '72.4% of the variable (measure territory_bookings, weight 0.9) pays on territory bookings; SEs were on the team of only 27.6% of the credited value.',
  why: 'Pay tied to results the SE does not control is noise to them and breeds frustration rather than effort.',
  evidence: {
    credit: 'territory',
    crediting_controllability: 'low',
    weight: 0.9,
    own_deal_share: 0.276,
    outside_share: 0.724,
    max_outside_share: 0.5,
    people: 8,
    by_person: [
      { person_id: 'se-015', own_deal_share: 0.21, credited_value: '2310400.00' },
      { person_id: 'se-016', own_deal_share: 0.34, credited_value: '1986250.00' },
    ],
  },
  fix: 'Credit bookings by deal team (overlay or split) or by pod, and keep territory results to at most half of the variable.',
};

const SPIF_PARITY: FindingJson = {
  rule: 'parity',
  severity: 'high',
  plan: null,
  message: 'SPIF q3-displacement pays AEs on 14 deals where an SE was on the team, and pays no SE.',
  why: 'Leaving SEs out of programs their sales peers get on the same deals tells them they are not part of the win (Big S).',
  evidence: { program: 'q3-displacement', ae_awards: 14, se_awards: 0, deals_with_se_on_team: 14, ae_award_total: '42000.00' },
  fix: 'Add role SE to the SPIF, paying each SE on the deal team an award proportional to their split.',
};

/** Findings for the demo org's two SE plans and its SE-excluding SPIF. */
export function sampleDiagnosis(): DiagnoseJson {
  const findings: FindingJson[] = [
    {
      rule: 'pay-mix',
      severity: 'medium',
      plan: 'se-pod-2026',
      message: 'SE3 variable is 12.5% of OTE, below the 15%–30% band.',
      why: 'A variable too small to move behaviour is noise rather than an incentive.',
      evidence: { level: 'SE3', variable_share: 0.125, min: 0.15, max: 0.3, median_base: '315000.00', median_target_incentive: '45000.00' },
      fix: 'Raise the SE3 target incentive to at least 55,588 USD (15% of OTE) or move base into variable.',
    },
    {
      rule: 'curve-sanity',
      severity: 'low',
      plan: 'se-pod-2026',
      measure: 'tech_wins',
      message: 'The cap of 150% on tech_wins binds on 23.9% of statements.',
      why: 'A cap that binds for many people stops paying for the work the plan asks for.',
      evidence: { cap: 1.5, statements: 88, capped: 21, cap_binds_share: 0.2386, threshold: 0.2 },
      fix: 'Raise the cap to 200% or set quotas so fewer than one in five statements reach it.',
    },
    TERRITORY_CONTROLLABILITY,
    {
      rule: 'noise',
      severity: 'medium',
      plan: 'se-territory-2026',
      message: 'One more supported deal of median size is worth 0.4% of base salary a year.',
      why: 'A realistic improvement that barely moves pay gives the SE no reason to change what they do.',
      evidence: { median_deal_amount: '48000.00', one_deal_value: '612.00', median_base: '150000.00', one_deal_share_of_base: 0.0041, ten_points_value: '2700.00', ten_points_share_of_base: 0.018, min_deal_share_of_base: 0.01, min_ten_points_share_of_base: 0.02 },
      fix: 'Pay on bookings of deals the SE worked, so one deal moves their own attainment.',
    },
    {
      rule: 'quota-realism',
      severity: 'info',
      plan: 'se-territory-2026',
      message: 'Median attainment last year was 88.0%; 9.1% of SEs were at zero.',
      why: 'Quotas far from what people reach make the curve pay on luck rather than effort.',
      evidence: {
        median_attainment: 0.88,
        zero_share: 0.0909,
        distribution: [
          { range: '0%', people: 2 },
          { range: '1–50%', people: 3 },
          { range: '50–100%', people: 9 },
          { range: '100–150%', people: 6 },
          { range: '150%+', people: 2 },
        ],
        uses_clawback: false,
      },
      fix: 'No change needed; keep watching the share at zero.',
    },
    SPIF_PARITY,
  ];
  return { org: 'Acme Cloud (demo)', year: 2026, plans: ['se-pod-2026', 'se-territory-2026'], findings };
}

/** The pod plan (A) against the territory plan (B). */
export function sampleComparison(): CompareJson {
  const a = sampleSimulation();
  const b = sampleTerritorySimulation();
  const perPerson = a.per_person.map((pa, i) => {
    const pb = b.per_person[i] ?? pa;
    const aMean = Number(pa.mean_payout);
    // Kept within ±15,000 so the two people set below are the largest gain and loss.
    const bMean = aMean + Math.max(-15_000, Math.min(15_000, Number(pb.mean_payout) - aMean));
    return { person_id: pa.person_id, role: pa.role, a_mean: aMean.toFixed(2), b_mean: bMean.toFixed(2), delta: (bMean - aMean).toFixed(2) };
  });
  // Two people the tests look for by name: the largest gain and the largest loss.
  perPerson[4] = { person_id: 'se-005', role: 'SE2', a_mean: '33120.40', b_mean: '51890.15', delta: '18769.75' };
  perPerson[9] = { person_id: 'se-010', role: 'SE1', a_mean: '29870.00', b_mean: '12455.50', delta: '-17414.50' };
  return {
    a,
    b,
    per_person: perPerson,
    excluded: ['se-new'],
    borrowed: ['ae-003 bookings from ae-007'],
    diagnostics: { only_a: [sampleDiagnosis().findings[1] ?? SPIF_PARITY], only_b: [TERRITORY_CONTROLLABILITY] },
  };
}
