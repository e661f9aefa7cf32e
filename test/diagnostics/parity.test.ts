/**
 * parity (org-wide, plan: null): SPIFs that pay AEs on deals SEs worked but leave SEs out;
 * recognition programs with no SE criterion; SE vs AE qualification rates more than
 * diagnostics.parity.max_rate_gap (10 points) apart.
 *
 * ae-1, ae-2 (AE, yearly owner bookings, quota 100000 each); se-1, se-2 (SE, yearly overlay
 * bookings, quota `seQuota`). Deals won in 2026-Q1:
 *   d1 ae-1 100000 new      team se-1
 *   d2 ae-1  50000 renewal  no team
 *   d3 ae-2  80000 new      team se-1, se-2
 * Year attainment: ae-1 (100000 + 50000) / 100000 = 1.5, ae-2 0.8;
 * se-1 (100000 + 80000) / seQuota, se-2 80000 / seQuota.
 */
import { describe, expect, it } from 'vitest';
import { parity } from '../../src/core/diagnostics/parity.js';
import { csv, inputOf, yaml } from './helpers.js';

const SPIF_AE = ['- id: q1-ae', '  name: Q1 push (AEs)', '  period: 2026-Q1', '  roles: [AE]', '  deals: { stage: closed_won }', '  award: { per_deal: 500 }'];
const SPIF_RENEWALS = ['- id: q1-renewals', '  period: 2026-Q1', '  roles: [AE]', '  deals: { stage: closed_won, type: renewal }', '  award: { per_deal: 200 }'];
const SPIF_ALL = ['- id: q1-all', '  period: 2026-Q1', '  roles: [AE, SE]', '  deals: { stage: closed_won }', '  award: { percent_of_amount: 0.01 }'];
const CLUB_AE = ['- id: club-ae', '  year: 2026', '  criteria:', '    - { roles: [AE], measure: bookings, attainment_at_least: 1.0 }'];
const CLUB = ['- id: club', '  year: 2026', '  criteria:', '    - { roles: [AE], measure: bookings, attainment_at_least: 1.0 }', '    - { roles: [SE], measure: bookings, attainment_at_least: 1.0 }'];

function files(o: { seQuota: string; spiffs: string[][]; programs: string[][]; orgExtra?: string[] }): Record<string, string> {
  const plan = (id: string, credit: string) =>
    yaml(`id: ${id}`, 'effective: { from: 2026-01-01, to: 2026-12-31 }', 'payout_period: year', 'measures:', `  - { id: bookings, weight: 1, metric: bookings, credit: ${credit} }`);
  return {
    'org.yaml': yaml('name: Parity Co', 'currency: USD', ...(o.orgExtra ?? [])),
    'people.csv': csv('id,role,target_incentive,plan', 'ae-1,AE,50000,ae-2026', 'ae-2,AE,50000,ae-2026', 'se-1,SE,20000,se-2026', 'se-2,SE,20000,se-2026'),
    'deals.csv': csv(
      'id,owner_id,amount,stage,close_date,type',
      'd1,ae-1,100000,closed_won,2026-02-10,new',
      'd2,ae-1,50000,closed_won,2026-02-20,renewal',
      'd3,ae-2,80000,closed_won,2026-03-05,new',
    ),
    'deal_team.csv': csv('deal_id,person_id', 'd1,se-1', 'd3,se-1', 'd3,se-2'),
    'quotas.csv': csv('person_id,measure,period,target', 'ae-1,bookings,2026,100000', 'ae-2,bookings,2026,100000', `se-1,bookings,2026,${o.seQuota}`, `se-2,bookings,2026,${o.seQuota}`),
    'plans/ae.yaml': plan('ae-2026', 'owner'),
    'plans/se.yaml': plan('se-2026', 'overlay'),
    'spiffs.yaml': yaml(...o.spiffs.flat()),
    'recognition.yaml': yaml(...o.programs.flat()),
  };
}

const criteria = [
  { roles: ['AE'], measure: 'bookings', attainment_at_least: 1 },
  { roles: ['SE'], measure: 'bookings', attainment_at_least: 1 },
];

describe('parity', () => {
  it('flags an AE-only SPIF paid on deals SEs worked, an AE-only club, and a qualification gap', () => {
    // seQuota 200000: se-1 180000 / 200000 = 0.9, se-2 0.4: no SE qualifies; AEs 1 of 2.
    const input = inputOf(files({ seQuota: '200000', spiffs: [SPIF_AE, SPIF_RENEWALS, SPIF_ALL], programs: [CLUB_AE, CLUB] }));
    const findings = parity(input);
    expect(findings.map((f) => [f.severity, f.plan, f.evidence.spiff ?? f.evidence.program])).toEqual([
      ['high', null, 'q1-ae'],
      ['low', null, 'club-ae'],
      ['high', null, 'club'],
    ]);
    // q1-ae pays 500 per deal to AEs: d1, d2 (ae-1), d3 (ae-2) = 3 awards, 1500.00. d1 and d3 had SEs
    // (1000.00 of it); q1-renewals' only deal d2 had none; q1-all pays SEs.
    // Including SEs: d1 se-1, d3 se-1 and se-2 = 3 awards of 500 = 1500.00.
    expect(findings[0]?.evidence).toEqual({
      spiff: 'q1-ae',
      roles: ['AE'],
      deals_paid: 3,
      ae_awards: 3,
      ae_award_total: { USD: '1500.00' },
      deals_with_se: 2,
      ae_award_total_on_deals_with_se: { USD: '1000.00' },
      ses_left_out: ['se-1', 'se-2'],
      deals: [
        { deal_id: 'd1', ses: ['se-1'] },
        { deal_id: 'd3', ses: ['se-1', 'se-2'] },
      ],
      se_awards_if_included: { count: 3, total: { USD: '1500.00' } },
    });
    expect(findings[0]?.fix).toContain('roles: [AE, SE]');
    // club-ae has no SE criterion, but club recognises SEs: low.
    expect(findings[1]?.evidence).toEqual({
      program: 'club-ae',
      criteria: [criteria[0]],
      ses_on_plans: 2,
      ae: { evaluated: 2, qualified: 1, seated: 1, rate: 0.5 },
      other_programs_with_se: ['club'],
    });
    // club: SE rate 0 / 2 = 0, AE 1 / 2 = 0.5, gap 0.5 > 0.1; no SE qualifies: high. The SE bar at
    // which SEs qualify at the AE rate: k = ⌈0.5 × 2⌉ = 1st best SE attainment = 0.9.
    expect(findings[2]?.evidence).toEqual({
      program: 'club',
      criteria,
      se: { evaluated: 2, qualified: 0, seated: 0, rate: 0 },
      ae: { evaluated: 2, qualified: 1, seated: 1, rate: 0.5 },
      rate_gap: 0.5,
      max_rate_gap: 0.1,
      suggested_se_attainment_at_least: 0.9,
    });
    expect(findings[2]?.fix).toContain('attainment_at_least 0.9');
  });

  it('is high for a club without SEs when no other program recognises them', () => {
    const input = inputOf(files({ seQuota: '150000', spiffs: [SPIF_ALL], programs: [CLUB_AE] }));
    const [f, ...rest] = parity(input);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 'parity', severity: 'high', plan: null, evidence: { program: 'club-ae', other_programs_with_se: [] } });
  });

  it('does not fire when SPIFs include SEs (or no SE worked their deals) and SEs qualify like AEs', () => {
    // seQuota 150000: se-1 180000 / 150000 = 1.2 qualifies, se-2 0.533 does not: 1 of 2 = AEs' 1 of 2.
    const input = inputOf(files({ seQuota: '150000', spiffs: [SPIF_RENEWALS, SPIF_ALL], programs: [CLUB] }));
    expect(parity(input)).toEqual([]);
  });

  it('uses the rate gap from org.yaml', () => {
    // The 0.5 gap with max_rate_gap 0.5 is not more than the threshold.
    const input = inputOf(files({ seQuota: '200000', spiffs: [SPIF_ALL], programs: [CLUB], orgExtra: ['diagnostics:', '  parity: { max_rate_gap: 0.5 }'] }));
    expect(parity(input)).toEqual([]);
  });
});
