/**
 * The simulation against closed forms, for determinism, and against the engine: the payout the
 * simulation computes for a drawn outcome equals what the real calculation pays for that outcome.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/calculate.js';
import type { Org } from '../../src/core/model.js';
import { fitModel, type SimModel } from '../../src/core/simulation/model.js';
import { fastExp, runTrials } from '../../src/core/simulation/run.js';
import { summarize } from '../../src/core/simulation/summarize.js';
import { parseOrg } from '../../src/io/parse-org.js';

function load(files: Record<string, string>): Org {
  const parsed = parseOrg(new Map(Object.entries(files)));
  if (!parsed.org) throw new Error(parsed.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
  return parsed.org;
}

function model(org: Org, plan: string): SimModel {
  return fitModel(org, Engine.create(org).calculateAll().statements, plan, 2026);
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 erf; |error| < 1.5e-7). */
function phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - (((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t) * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/**
 * One AE on an owner-bookings plan paid per quarter, TI 40000 (10000 a quarter), quota 100000 a
 * quarter. History: 8 won deals in 2026 of 20000, 30000, 40000, 50000 (each twice): 2 deals a
 * quarter on average, mean 35000, mean square (4e8 + 9e8 + 16e8 + 25e8) / 4 = 13.5e8.
 */
function aeOrg(measure: string): Record<string, string> {
  const amounts = [20000, 30000, 40000, 50000, 20000, 30000, 40000, 50000];
  return {
    'org.yaml': 'name: Sim Co\ncurrency: USD\n',
    'people.csv': 'id,role,target_incentive\nae-1,AE,40000\n',
    'deals.csv': ['id,owner_id,amount,stage,close_date', ...amounts.map((a, i) => `d${i},ae-1,${a},closed_won,2026-${String(1 + i).padStart(2, '0')}-15`)].join('\n') + '\n',
    'quotas.csv': 'person_id,measure,period,target\nae-1,bookings,2026,400000\n',
    'plans/ae.yaml': `id: ae\napplies_to: { role: AE }\neffective: { from: 2026-01-01, to: 2026-12-31 }\npayout_period: quarter\nmeasures:\n  - ${measure}\n`,
  };
}

describe('fastExp', () => {
  it('agrees with Math.exp to 3e-10 (relative) wherever lognormal draws reach', () => {
    let worst = 0;
    for (let i = 0; i <= 200_000; i++) {
      const x = -60 + (i * 120) / 200_000; // -60 … 60 in steps of 0.0006, ties of the range reduction included
      worst = Math.max(worst, Math.abs(fastExp(x) / Math.exp(x) - 1));
    }
    expect(worst).toBeLessThan(3e-10);
    expect(worst).toBeGreaterThan(0); // it is an approximation, not Math.exp itself
    expect([fastExp(-Infinity), fastExp(-800), fastExp(0)]).toEqual([0, 0, 1]);
  });
});

describe('the fitted model', () => {
  it('takes its rates and deal sizes from history', () => {
    const m = model(load(aeOrg('{ id: bookings, weight: 1, metric: bookings, credit: owner }')), 'ae');
    const own = m.streams[m.people[0]?.own[0] ?? -1];
    expect(own?.lambda).toBe(2); // 8 deals over 4 quarters
    expect(own?.m1).toBe(35000);
    expect(own?.m2).toBe(13.5e8);
    expect(m.people[0]?.ti).toEqual([10000, 10000, 10000, 10000]);
    expect(m.people[0]?.quota[0]).toEqual([100000, 100000, 100000, 100000]);
  });
});

describe('group streams', () => {
  it('keep each pod deal in its pod, once, with one of the pod members who worked it', () => {
    // Pods a (AE a1, SEs s1, s3) and b (AE b1, SE s2), paid on pod bookings. Pod a won 4 deals in
    // 2026: p1 (s1), p2 (s1 and s3 together), p3 (s2, who is in pod b, helping), p4 (nobody).
    // Pod b won 2: q1 (s2), q2 (nobody).
    const files = {
      'org.yaml': 'name: Pods Co\ncurrency: USD\n',
      'people.csv': 'id,role,team,target_incentive\na1,AE,pod-a,60000\nb1,AE,pod-b,60000\ns1,SE,pod-a,20000\ns2,SE,pod-b,20000\ns3,SE,pod-a,20000\n',
      'quotas.csv': 'person_id,team,measure,period,target\n,pod-a,bookings,2026,400000\n,pod-b,bookings,2026,400000\n',
      'plans/se.yaml': 'id: se\napplies_to: { role: SE }\neffective: { from: 2026-01-01, to: 2026-12-31 }\npayout_period: quarter\nmeasures:\n  - { id: bookings, weight: 1, metric: bookings, credit: pod }\n',
      'deals.csv': [
        'id,owner_id,amount,stage,close_date',
        'p1,a1,10000,closed_won,2026-02-01',
        'p2,a1,20000,closed_won,2026-03-01',
        'p3,a1,40000,closed_won,2026-05-01',
        'p4,a1,80000,closed_won,2026-08-01',
        'q1,b1,5000,closed_won,2026-02-01',
        'q2,b1,7000,closed_won,2026-09-01',
        '',
      ].join('\n'),
      'deal_team.csv': 'deal_id,person_id\np1,s1\np2,s1\np2,s3\np3,s2\nq1,s2\n',
    };
    const m = model(load(files), 'se');
    const stream = (i: number) => m.streams[i] ?? { lambda: NaN, m1: NaN, m2: NaN };
    const person = (id: string) => m.people.find((p) => p.id === id);
    const podA = m.groups.find((g) => g.key.includes('pod-a'));
    const podB = m.groups.find((g) => g.key.includes('pod-b'));
    if (!podA || !podB) throw new Error('no pod groups');
    const own = (id: string) => stream(person(id)?.own[0] ?? -1);
    // Over 4 quarters, λ = deals / 4 and the credit sums are λ × 4 × m1.
    const sum = (s: { lambda: number; m1: number }) => s.lambda * 4 * s.m1;
    // s2's own deals are pod b's q1 only; p3 stays in pod a, with p4, as deals no pod-a SE worked.
    expect([own('s2').lambda, own('s2').m1]).toEqual([0.25, 5000]);
    expect([stream(podA.unsupported).lambda, stream(podA.unsupported).m1]).toEqual([0.5, 60000]);
    expect([stream(podB.unsupported).lambda, stream(podB.unsupported).m1]).toEqual([0.25, 7000]);
    // p1 is s1's; p2 belongs to exactly one of s1 and s3: pod a's 4 deals are counted once.
    expect(own('s1').lambda + own('s3').lambda).toBe(0.5);
    expect(sum(own('s1')) + sum(own('s3'))).toBe(30000);
    expect(sum(own('s1')) === 30000 || (sum(own('s1')) === 10000 && sum(own('s3')) === 20000)).toBe(true);
  });
});

describe('simulation against closed forms', () => {
  const trials = 20_000;

  it('a linear uncapped plan costs TI × expected attainment', () => {
    // E[credit a quarter] = λ m1 = 2 × 35000 = 70000 → E[attainment] = 0.7 → E[payout] = 10000 × 0.7 = 7000 a quarter,
    // 28000 a year.
    const m = model(load(aeOrg('{ id: bookings, weight: 1, metric: bookings, credit: owner }')), 'ae');
    const block = runTrials(m, 7, 0, trials);
    const mean = block.cost.reduce((a, b) => a + b, 0) / trials;
    const sd = Math.sqrt(block.cost.reduce((a, b) => a + (b - mean) ** 2, 0) / (trials - 1));
    expect(Math.abs(mean - 28000)).toBeLessThan(4 * (sd / Math.sqrt(trials)));
  });

  it('a cap gives the truncated expectation', () => {
    // Cap 0.8: payout a quarter = 10000 × min(S / 100000, 0.8) = 10000 × (E[min(S, 80000)] / 100000).
    // S = 0 when no deal (Poisson(2) at 0), else the lognormal with the mean n·m1 and variance
    // n·(m2 − m1²) of n deals: E[min(X, K)] = E[X]·Φ((ln K − μ − σ²)/σ) + K·(1 − Φ((ln K − μ)/σ)).
    const m1 = 35000;
    const v1 = 13.5e8 - m1 * m1;
    const K = 80000;
    let expectedQuarter = 0;
    let pn = Math.exp(-2);
    for (let n = 1; n < 60; n++) {
      pn *= 2 / n;
      const mean = n * m1;
      const s2 = Math.log(1 + (n * v1) / (mean * mean));
      const mu = Math.log(mean) - s2 / 2;
      const s = Math.sqrt(s2);
      expectedQuarter += pn * (mean * phi((Math.log(K) - mu - s2) / s) + K * (1 - phi((Math.log(K) - mu) / s)));
    }
    const expectedYear = 4 * 10000 * (expectedQuarter / 100000);
    const m = model(load(aeOrg('{ id: bookings, weight: 1, metric: bookings, credit: owner, cap: 0.8 }')), 'ae');
    const block = runTrials(m, 11, 0, trials);
    const mean = block.cost.reduce((a, b) => a + b, 0) / trials;
    const sd = Math.sqrt(block.cost.reduce((a, b) => a + (b - mean) ** 2, 0) / (trials - 1));
    expect(Math.abs(mean - expectedYear)).toBeLessThan(4 * (sd / Math.sqrt(trials)));
    // And the cap binds: P(S > 80000) is well above zero, so the capped cost is below the linear one.
    expect(mean).toBeLessThan(28000);
  });
});

describe('the pod shock', () => {
  it('is fitted so the simulated spread of a pod\'s total matches history', () => {
    // Pod credit; the AE's 12 won deals of 10000 are no SE's (one "unsupported" stream): quarters
    // of 2, 2, 6 and 2 deals. λ = 3, m1 = 10000, m2 = 1e8, so the streams explain a variance of
    // P = λ·m2 = 3e8 a quarter. Totals 20000, 20000, 60000, 20000: mean m = 30000, sample variance
    // V = (3 × 10000² + 30000²) / 3 = 4e8. Shock variance v = (V − P) / (P + m²) = 1e8 / 12e8 = 1/12,
    // σ = √ln(13/12).
    const deals = ['id,owner_id,amount,stage,close_date'];
    const months = ['01', '02', '04', '05', '07', '07', '08', '08', '09', '09', '10', '11'];
    months.forEach((mm, i) => deals.push(`d${i},a1,10000,closed_won,2026-${mm}-15`));
    const files = {
      'org.yaml': 'name: Pod Co\ncurrency: USD\n',
      'people.csv': 'id,role,team,target_incentive\na1,AE,pod-a,60000\ns1,SE,pod-a,20000\n',
      'quotas.csv': 'person_id,team,measure,period,target\n,pod-a,bookings,2026,400000\n',
      'plans/se.yaml': 'id: se\napplies_to: { role: SE }\neffective: { from: 2026-01-01, to: 2026-12-31 }\npayout_period: quarter\nmeasures:\n  - { id: bookings, weight: 1, metric: bookings, credit: pod }\n',
      'deals.csv': `${deals.join('\n')}\n`,
    };
    const m = model(load(files), 'se');
    expect(m.shockSigma).toBeCloseTo(Math.sqrt(Math.log(13 / 12)), 12);
    // The year's bookings are the sum of four independent quarters, each with variance
    // P + v·(P + m²) = 3e8 + (1/12)·12e8 = 4e8 = V: 16e8 a year, around a mean of 4 × 30000.
    const trials = 40_960;
    const block = runTrials(m, 3, 0, trials);
    const mean = block.bookings.reduce((a, b) => a + b, 0) / trials;
    const variance = block.bookings.reduce((a, b) => a + (b - mean) ** 2, 0) / (trials - 1);
    expect(Math.abs(mean - 120_000) / 120_000).toBeLessThan(0.01);
    expect(Math.abs(variance - 16e8) / 16e8).toBeLessThan(0.04);
  });
});

describe('the controllability index', () => {
  it('is 1 for a linear plan on the person\'s own deals', () => {
    // Payout = 10000 × credit / 100000 each quarter: a linear function of own credit, so own deals
    // explain all of its variance (up to rounding each line to the cent).
    const m = model(load(aeOrg('{ id: bookings, weight: 1, metric: bookings, credit: owner }')), 'ae');
    const report = summarize(m, [runTrials(m, 5, 0, 4096)], 5);
    expect(report.per_person[0]?.controllability).toBeGreaterThan(0.9999);
    expect(report.controllability_index).toBe(report.per_person[0]?.controllability);
  });

  it('is each SE\'s share of the pod\'s variance on a linear pod plan', () => {
    // Pod credit, linear and uncapped, no pod shock: SE i's annual payout is c × Σ_quarters Σ_streams
    // credit, a sum of independent compound-Poisson streams (own deals of s1, of s2, and pod deals
    // neither was on). A stream's variance a quarter is λ·E[X²] = λ·m2, so regressing payout on own
    // credit explains R² = λ_i·m2_i / Σ_s λ_s·m2_s of its variance — computed here from the fitted
    // stream parameters, independently of the simulation's regression.
    const files = {
      'org.yaml': 'name: Pod Co\ncurrency: USD\n',
      'people.csv': 'id,role,team,target_incentive\na1,AE,pod-a,60000\ns1,SE,pod-a,20000\ns2,SE,pod-a,24000\n',
      'quotas.csv': 'person_id,team,measure,period,target\n,pod-a,bookings,2026,400000\n',
      'plans/se.yaml': 'id: se\napplies_to: { role: SE }\neffective: { from: 2026-01-01, to: 2026-12-31 }\npayout_period: quarter\nmeasures:\n  - { id: bookings, weight: 1, metric: bookings, credit: pod }\n',
      'deals.csv': [
        'id,owner_id,amount,stage,close_date',
        'h1,a1,52000,closed_won,2026-01-20',
        'h2,a1,18000,closed_won,2026-02-11',
        'h3,a1,75000,closed_won,2026-04-03',
        'h4,a1,33000,closed_won,2026-05-19',
        'h5,a1,91000,closed_won,2026-07-07',
        'h6,a1,12500,closed_won,2026-08-30',
        'h7,a1,64000,closed_won,2026-10-14',
        'h8,a1,28000,closed_won,2026-11-25',
        '',
      ].join('\n'),
      'deal_team.csv': 'deal_id,person_id\nh1,s1\nh3,s2\nh4,s1\nh5,s1\nh6,s2\nh8,s1\nh2,s2\n',
    };
    const fitted = model(load(files), 'se');
    const m: SimModel = { ...fitted, shockSigma: 0 };
    const group = m.groups[0];
    if (!group) throw new Error('no pod group');
    const variance = (stream: number) => {
      const s = m.streams[stream];
      return s === undefined ? 0 : s.lambda * s.m2;
    };
    const ownStreams = m.people.map((p) => p.own[group.measure] ?? -1);
    const total = [...ownStreams, group.unsupported].reduce((a, s) => a + variance(s), 0);
    const report = summarize(m, [runTrials(m, 9, 0, 20_480)], 9);
    m.people.forEach((p, i) => {
      const expected = variance(ownStreams[i] ?? -1) / total;
      expect(expected).toBeGreaterThan(0.1); // both SEs own a real share, h7 is nobody's
      expect(Math.abs((report.per_person[i]?.controllability ?? 0) - expected)).toBeLessThan(0.02);
    });
    // The index is the mean over the plan's SEs.
    const mean = report.per_person.reduce((a, p) => a + p.controllability, 0) / report.per_person.length;
    expect(report.controllability_index).toBeCloseTo(mean, 4);
  });
});

describe('determinism', () => {
  it('gives the same report for the same seed, however the trials are split', () => {
    const m = model(load(aeOrg('{ id: bookings, weight: 1, metric: bookings, credit: owner, cap: 1.5 }')), 'ae');
    const whole = summarize(m, [runTrials(m, 42, 0, 1000)], 42);
    // Blocks start on chunk boundaries (multiples of 256 trials), in any order.
    const split = summarize(m, [runTrials(m, 42, 768, 1000), runTrials(m, 42, 0, 256), runTrials(m, 42, 256, 768)], 42);
    expect(split).toEqual(whole);
    expect(summarize(m, [runTrials(m, 43, 0, 1000)], 43).cost).not.toEqual(whole.cost);
  });
});

describe('simulation and the real calculation', () => {
  /**
   * A pod of one AE and two SEs on a pod-bookings plan (year to date, threshold, accelerator, cap)
   * with an overlay technical-wins measure. History gives the model; then one trial's drawn deals
   * are written back as deals.csv and calculated by the engine: every payout line must match.
   */
  const plan = [
    'id: se',
    'applies_to: { role: SE }',
    'effective: { from: 2026-01-01, to: 2026-12-31 }',
    'payout_period: quarter',
    'measures:',
    '  - { id: bookings, weight: 0.7, metric: bookings, credit: pod, measurement: ytd, threshold: 0.5, tiers: [{ to: 1.0, rate: 1 }, { rate: 1.5 }], cap: 2 }',
    '  - { id: tech_wins, weight: 0.3, metric: technical_wins, credit: overlay, tiers: [{ to: 1.0, rate: 1 }, { rate: 1.25 }], cap: 1.5 }',
    '',
  ].join('\n');
  const base = {
    'org.yaml': 'name: Pod Co\ncurrency: USD\n',
    'people.csv': 'id,role,team,target_incentive\na1,AE,pod-a,60000\ns1,SE,pod-a,20000\ns2,SE,pod-a,24000\n',
    'quotas.csv': 'person_id,team,measure,period,target\n,pod-a,bookings,2026,400000\n,pod-a,tech_wins,2026,8\n',
    'plans/se.yaml': plan,
  };
  const history = {
    ...base,
    'deals.csv': [
      'id,owner_id,amount,stage,close_date,technical_win,technical_win_date',
      'h1,a1,52000,closed_won,2026-01-20,true,2026-01-10',
      'h2,a1,18000,closed_won,2026-02-11,false,',
      'h3,a1,75000,closed_won,2026-04-03,true,2026-03-28',
      'h4,a1,33000,closed_won,2026-05-19,false,',
      'h5,a1,91000,closed_won,2026-07-07,true,2026-07-01',
      'h6,a1,12500,closed_won,2026-08-30,true,2026-08-20',
      'h7,a1,64000,closed_won,2026-10-14,false,',
      'h8,a1,28000,closed_won,2026-11-25,true,2026-11-12',
      'h9,a1,40000,closed_lost,2026-12-02,true,2026-11-30',
      '',
    ].join('\n'),
    'deal_team.csv': 'deal_id,person_id\nh1,s1\nh3,s2\nh4,s1\nh5,s1\nh5,s2\nh6,s2\nh8,s1\nh9,s2\n',
  };

  it('pays every line of a drawn outcome exactly as the engine does', () => {
    const m = model(load(history), 'se');
    const bookings = m.measures.findIndex((x) => x.id === 'bookings');
    const techWins = m.measures.findIndex((x) => x.id === 'tech_wins');
    const group = m.groups.find((g) => g.measure === bookings);
    if (!group) throw new Error('no pod group');
    const nP = m.periods.length;
    const nM = m.measures.length;
    const mid = ['02-15', '05-15', '08-15', '11-15'];
    let compared = 0;
    let paying = 0;
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const detail = {
        deals: new Float64Array(m.streams.length * nP),
        credit: new Float64Array(m.streams.length * nP),
        credited: new Float64Array(m.people.length * nM * nP),
        line: new Float64Array(m.people.length * nM * nP),
      };
      runTrials(m, seed, 0, 1, detail);
      const deals = ['id,owner_id,amount,stage,close_date,technical_win,technical_win_date'];
      const team = ['deal_id,person_id'];
      for (let p = 0; p < nP; p++) {
        const day = `2026-${mid[p] ?? '01-01'}`;
        m.people.forEach((person, j) => {
          const b = person.own[bookings] ?? -1;
          const credit = detail.credit[b * nP + p] ?? 0;
          if (credit > 0) {
            deals.push(`b-${j}-${p},a1,${credit.toFixed(2)},closed_won,${day},false,`);
            team.push(`b-${j}-${p},${person.id}`);
          }
          const t = person.own[techWins] ?? -1;
          const wins = detail.deals[t * nP + p] ?? 0;
          for (let k = 0; k < wins; k++) {
            deals.push(`t-${j}-${p}-${k},a1,0,closed_lost,${day},true,${day}`);
            team.push(`t-${j}-${p}-${k},${person.id}`);
          }
        });
        const u = detail.credit[group.unsupported * nP + p] ?? 0;
        if (u > 0) deals.push(`u-${p},a1,${u.toFixed(2)},closed_won,${day},false,`);
      }
      const outcome = load({ ...base, 'deals.csv': `${deals.join('\n')}\n`, 'deal_team.csv': `${team.join('\n')}\n` });
      const statements = Engine.create(outcome).calculateAll().statements;
      m.people.forEach((person, i) => {
        for (let p = 0; p < nP; p++) {
          const s = statements.find((x) => x.person.id === person.id && x.period.label === m.periods[p]);
          if (!s) throw new Error(`no statement for ${person.id} ${m.periods[p] ?? ''}`);
          m.measures.forEach((measure, k) => {
            const engineLine = Number(s.measures.find((x) => x.measure.id === measure.id)?.payout ?? 0n) / 100;
            const simLine = detail.line[(i * nM + k) * nP + p] ?? 0;
            expect(Math.abs(simLine - engineLine)).toBeLessThan(0.005);
            compared++;
            if (engineLine > 0) paying++;
          });
        }
      });
    }
    // 8 outcomes × 2 people × 4 quarters × 2 measures.
    expect(compared).toBe(128);
    expect(paying).toBeGreaterThan(32); // many lines are real payouts, not zeros that agree trivially
  });
});
