import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryOrg } from '../support/random-org.js';
import { oracleCalc, type OracleStatement } from './oracle.js';

/** A small calendar-year USD org; every file can be overridden or added. */
function org(files: Record<string, string>): Record<string, string> {
  return {
    'org.yaml': 'name: Acme Cloud\ncurrency: USD\n',
    'deal_team.csv': 'deal_id,person_id,role,split,hours\n',
    'quotas.csv': 'person_id,team,measure,period,target\n',
    'mbo.csv': 'person_id,measure,period,score\n',
    ...files,
  };
}

function statement(out: { statements: OracleStatement[] }, personId: string, period: string): OracleStatement {
  const found = out.statements.find((s) => s.person_id === personId && s.period === period);
  if (found === undefined) throw new Error(`no statement for ${personId} ${period}`);
  return found;
}

/** The spec's illustrative SE plan: quarterly, bookings (marginal or retroactive) plus an MBO. */
function specPlan(mode: 'marginal' | 'retroactive'): string {
  return `id: se-2026
name: Solutions Engineer 2026
applies_to: { role: SE }
effective: { from: 2026-01-01, to: 2026-12-31 }
payout_period: quarter
measures:
  - id: bookings
    weight: 0.7
    metric: bookings
    credit: split
    mode: ${mode}
    tiers:
      - { to: 1.0, rate: 1.0 }
      - { to: 1.5, rate: 1.5 }
      - { rate: 1.0 }
    cap: 2.0
  - id: customer_outcomes
    weight: 0.3
    metric: mbo
`;
}

function specOrg(mode: 'marginal' | 'retroactive', dealAmount: string): Record<string, string> {
  return org({
    'people.csv': 'id,role,target_incentive\nse-014,SE,45000\nae-001,AE,60000\n',
    'deals.csv': `id,owner_id,amount,stage,close_date\nop-2231,ae-001,${dealAmount},closed_won,2026-08-10\n`,
    'deal_team.csv': 'deal_id,person_id,role,split,hours\nop-2231,se-014,primary_se,1,\n',
    'quotas.csv': 'person_id,team,measure,period,target\nse-014,,bookings,2026,4800000\n',
    // a row for a longer period applies to each quarter inside it
    'mbo.csv': 'person_id,measure,period,score\nse-014,customer_outcomes,2026-H1,0.9\nse-014,customer_outcomes,2026-H2,1\n',
    'plans/se.yaml': specPlan(mode),
    'adjustments.csv': 'person,period,amount,reason,approver_id\nse-014,2026-M08,100.005,spot bonus,m01\n',
  });
}

describe('oracle: hand-computed examples', () => {
  it('marginal tiers (the spec example), an mbo line and an adjustment', () => {
    const out = oracleCalc(specOrg('marginal', '1425000'), '2026-Q3');
    expect(out).toMatchObject({ org: 'Acme Cloud', period: '2026-Q3', currency: 'USD' });
    expect(out.statements).toHaveLength(1); // ae-001's AE role has no plan
    const st = statement(out, 'se-014', '2026-Q3');
    // TI_p = 45000 × 1/4 = 11250
    expect(st.target_incentive).toBe('11250.00');
    // quota = 4800000 / 4 = 1200000; a = 1425000 / 1200000 = 1.1875
    // f = 1.0 × 1.0 + 1.5 × 0.1875 = 1.28125; 11250 × 0.7 × 1.28125 = 10089.84375 → 10089.84
    expect(st.measures[0]).toEqual({
      id: 'bookings',
      credited: '1425000.00',
      quota: '1200000.00',
      attainment: '1.1875',
      factor: '1.28125',
      payout: '10089.84',
    });
    // mbo: score 1 → 11250 × 0.3 × 1 = 3375
    expect(st.measures[1]).toEqual({ id: 'customer_outcomes', credited: '1', quota: '1', attainment: '1', factor: '1', payout: '3375.00' });
    // adjustment 100.005 → half_even 100.00 (the default rounding)
    expect(st.adjustments).toEqual([{ period: '2026-M08', amount: '100.00', reason: 'spot bonus', approver: 'm01' }]);
    // total = 10089.84 + 3375.00 + 100.00
    expect(st.total).toBe('13564.84');
  });

  it('retroactive tiers, including a value exactly on a bound', () => {
    // a = 1.1875 lies in the tier up to 1.5: f = 1.5 × 1.1875 = 1.78125; 11250 × 0.7 × 1.78125 = 14027.34375 → 14027.34
    const above = statement(oracleCalc(specOrg('retroactive', '1425000'), '2026-Q3'), 'se-014', '2026-Q3');
    expect(above.measures[0]).toMatchObject({ attainment: '1.1875', factor: '1.78125', payout: '14027.34' });
    // a = 1200000 / 1200000 = 1 exactly: the first tier covers up to and including 1.0 → f = 1 × 1; 11250 × 0.7 = 7875
    const onBound = statement(oracleCalc(specOrg('retroactive', '1200000'), '2026-Q3'), 'se-014', '2026-Q3');
    expect(onBound.measures[0]).toMatchObject({ attainment: '1', factor: '1', payout: '7875.00' });
    // a = 3000000 / 1200000 = 2.5: open tier rate 1 → f = 2.5, capped at 2.0; 11250 × 0.7 × 2 = 15750
    const capped = statement(oracleCalc(specOrg('retroactive', '3000000'), '2026-Q3'), 'se-014', '2026-Q3');
    expect(capped.measures[0]).toMatchObject({ attainment: '2.5', factor: '2', payout: '15750.00' });
  });

  describe('year to date with a clawback and a negative balance', () => {
    const files = org({
      'people.csv': 'id,role,target_incentive\nae-1,AE,40000\n',
      'deals.csv':
        'id,owner_id,amount,stage,close_date,churn_date\n' +
        'd1,ae-1,100000,closed_won,2026-02-10,2026-04-20\n' + // churns 69 days later: clawed back in Q2
        'd2,ae-1,250000,closed_won,2026-08-01,\n',
      'quotas.csv': 'person_id,team,measure,period,target\nae-1,,bookings,2026,400000\n',
      'plans/ae.yaml': `id: ae-2026
applies_to: { role: AE }
effective: { from: 2026-01-01, to: 2026-12-31 }
payout_period: quarter
measures:
  - { id: bookings, weight: 1, metric: bookings, credit: owner, measurement: ytd }
clawback: { within_days: 90 }
`,
    });

    it('Q1 pays on the credit', () => {
      // TI_cum = 10000; a = 100000 / 100000 = 1; line = 10000 × 1 − 0
      const q1 = statement(oracleCalc(files, '2026-Q1'), 'ae-1', '2026-Q1');
      expect(q1.measures[0]).toEqual({
        id: 'bookings',
        credited: '100000.00',
        quota: '100000.00',
        attainment: '1',
        factor: '1',
        payout: '10000.00',
        balance: '0.00',
      });
    });

    it('Q2: the clawback takes cumulative credit to 0, the line is negative and shown as balance', () => {
      // credit_cum = 100000 − 100000 = 0 → f = 0; line = round(20000 × 0) − 10000 = −10000 → pays 0
      const q2 = statement(oracleCalc(files, '2026-H1'), 'ae-1', '2026-Q2');
      expect(q2.measures[0]).toEqual({
        id: 'bookings',
        credited: '0.00',
        quota: '200000.00',
        attainment: '0',
        factor: '0',
        payout: '0.00',
        balance: '-10000.00',
      });
      expect(q2.total).toBe('0.00');
    });

    it('Q3: the true-up subtracts only what was paid', () => {
      // credit_cum = 250000, quota_cum = 300000 → a = 5/6; round(30000 × 5/6) = 25000; 25000 − (10000 + 0) = 15000
      const q3 = statement(oracleCalc(files, '2026'), 'ae-1', '2026-Q3');
      expect(q3.measures[0]).toMatchObject({ credited: '250000.00', attainment: '0.8333333333', payout: '15000.00', balance: '0.00' });
    });
  });

  it('fx: deal currency -> org currency -> person currency at the shortest period, and a per_deal SPIF', () => {
    const files = org({
      'people.csv': 'id,role,currency,target_incentive\nse-1,SE,EUR,40000\n',
      'deals.csv': 'id,owner_id,amount,currency,stage,close_date\nd1,se-1,100000,GBP,closed_won,2026-05-15\n',
      'quotas.csv': 'person_id,team,measure,period,target\nse-1,,bookings,2026,1000000\n',
      'fx.csv': 'currency,period,rate_to_org_currency\nGBP,2026,1.25\nGBP,2026-Q2,1.3\nEUR,2026,1.1\nEUR,2026-M05,1.04\n',
      'spiffs.yaml': '- id: launch\n  period: 2026-Q2\n  award: { per_deal: 1000 }\n',
      'plans/se.yaml': `id: se
applies_to: { role: [AE, SE] }
effective: { from: 2026-01-01, to: 2026-12-31 }
payout_period: quarter
measures:
  - { id: bookings, weight: 1.0, metric: bookings, credit: owner }
`,
    });
    const st = statement(oracleCalc(files, '2026-Q2'), 'se-1', '2026-Q2');
    expect(st.currency).toBe('EUR');
    // 100000 GBP × 1.3 (Q2 beats the year) = 130000 USD; ÷ 1.04 (May beats the year) = 125000 EUR
    // quota 1000000 / 4 = 250000 → a = 0.5; TI_p = 40000 / 4 = 10000 → 5000
    expect(st.measures[0]).toMatchObject({ credited: '125000.00', quota: '250000.00', attainment: '0.5', payout: '5000.00' });
    // SPIF: 1000 USD ÷ 1.04 = 961.538461… → 961.54
    expect(st.spiffs).toEqual([{ id: 'launch', deal_id: 'd1', payout: '961.54' }]);
    expect(st.total).toBe('5961.54');
  });

  it('ramp: the quota is averaged day by day over months of tenure', () => {
    const files = org({
      'people.csv': 'id,role,hire_date,target_incentive\nae-1,AE,2026-02-15,48000\n',
      'deals.csv': 'id,owner_id,amount,stage,close_date\nd1,ae-1,13375,closed_won,2026-03-20\n',
      'quotas.csv': 'person_id,team,measure,period,target\nae-1,,bookings,2026,360000\n',
      'plans/ae.yaml': `id: ae
applies_to: { role: AE }
effective: { from: 2026-01-01, to: 2026-12-31 }
payout_period: quarter
measures:
  - { id: bookings, weight: 1, metric: bookings, credit: owner }
ramp: [0.5, 0.75]
`,
    });
    const out = oracleCalc(files, '2026-H1');
    // Q1 (90 days): active Feb 15 – Mar 31 = 45 days. Tenure month 1 = Feb 15 – Mar 14 (28 days × 0.5 = 14),
    // month 2 = Mar 15 – Apr 14 (17 days in Q1 × 0.75 = 12.75). quota = 90000 × 26.75 / 90 = 26750
    // TI_p = 48000 / 4 × 45 / 90 = 6000; a = 13375 / 26750 = 0.5 → 3000
    expect(statement(out, 'ae-1', '2026-Q1').measures[0]).toMatchObject({
      quota: '26750.00',
      attainment: '0.5',
      payout: '3000.00',
    });
    expect(statement(out, 'ae-1', '2026-Q1').target_incentive).toBe('6000.00');
    // Q2 (91 days): Apr 1 – 14 at 0.75 (10.5) + Apr 15 – Jun 30 at 1 (77) = 87.5; 90000 × 87.5 / 91 = 86538.4615… → 86538.46
    expect(statement(out, 'ae-1', '2026-Q2').measures[0]).toMatchObject({ credited: '0.00', quota: '86538.46', payout: '0.00' });
  });

  describe('a 1/3 split landing on a half cent: half_even vs half_up', () => {
    const files = (rounding: string): Record<string, string> =>
      org({
        'org.yaml': `name: Acme Cloud\ncurrency: USD\nrounding: ${rounding}\n`,
        'people.csv': 'id,role,team,target_incentive\nse-1,SE,,40000.20\nse-2,SE,east,50000\nse-3,SE,east,50000\nae-1,AE,,\n',
        'deals.csv': 'id,owner_id,amount,stage,close_date\nd1,ae-1,300.03,closed_won,2026-02-01\n',
        'deal_team.csv': 'deal_id,person_id,role,split,hours\nd1,se-1,primary_se,,\nd1,se-2,secondary_se,,\nd1,se-3,specialist,,\n',
        'quotas.csv': 'person_id,team,measure,period,target\nse-1,,bookings,2026-Q1,200.02\n,east,bookings,2026,1000\n',
        'plans/se.yaml': `id: se
applies_to: { role: SE }
effective: { from: 2026-01-01, to: 2026-03-31 }
payout_period: quarter
measures:
  - { id: bookings, weight: 1, metric: bookings, credit: split }
`,
      });
    it('half_even', () => {
      const st = statement(oracleCalc(files('half_even'), '2026-Q1'), 'se-1', '2026-Q1');
      // share 1/3 of 300.03 = 100.01; a = 100.01 / 200.02 = 0.5; TI_p = 40000.20 / 4 = 10000.05
      // 10000.05 × 0.5 = 5000.025 → half_even 5000.02
      expect(st.target_incentive).toBe('10000.05');
      expect(st.measures[0]).toMatchObject({ credited: '100.01', quota: '200.02', attainment: '0.5', payout: '5000.02' });
    });

    it('half_up', () => {
      const out = oracleCalc(files('half_up'), '2026-Q1');
      // 5000.025 → half_up 5000.03
      expect(statement(out, 'se-1', '2026-Q1').measures[0]).toMatchObject({ payout: '5000.03' });
      // se-2 uses the team row: 1000 / 4 = 250; a = 100.01 / 250 = 0.40004; 12500 × 0.40004 = 5000.5
      expect(statement(out, 'se-2', '2026-Q1').measures[0]).toMatchObject({ quota: '250.00', attainment: '0.40004', payout: '5000.50' });
    });
  });
});

/** The same CSV with its data rows in reverse order (header, BOM and line endings kept). */
function reverseRows(text: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const [header = '', ...rows] = text.split(eol).filter((line) => line !== '');
  return [header, ...rows.reverse()].join(eol) + eol;
}

describe('oracle: generated orgs', () => {
  it('runs every generated org without throwing, and totals add up', () => {
    fc.assert(
      fc.property(arbitraryOrg(), (generated) => {
        const out = oracleCalc(generated.files, generated.period);
        expect(out.period).toBe(generated.period);
        for (const st of out.statements) {
          const lines = [...st.measures.map((m) => m.payout), ...st.spiffs.map((s) => s.payout), ...st.adjustments.map((a) => a.amount)];
          const cents = lines.reduce((sum, x) => sum + BigInt(x.replace('.', '')), 0n);
          expect(BigInt(st.total.replace('.', ''))).toBe(cents);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('does not depend on the order of CSV rows', () => {
    fc.assert(
      fc.property(arbitraryOrg(), (generated) => {
        const reversed = Object.fromEntries(
          Object.entries(generated.files).map(([path, text]) => [path, path.endsWith('.csv') ? reverseRows(text) : text]),
        );
        expect(oracleCalc(reversed, generated.period)).toEqual(oracleCalc(generated.files, generated.period));
      }),
      { numRuns: 30 },
    );
  });
});
