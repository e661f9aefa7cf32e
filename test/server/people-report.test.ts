/**
 * GET /api/reports/people for leaders: pay equity in aggregate only. Admins get the full
 * `pay_equity` (by attr_* group, with per-level medians); leaders get `pay_equity_aggregate` —
 * group against group, small groups withheld, no attr_* name, no per-level cells — and the two
 * agree on every gap a leader is shown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PayEquityGroup } from '../../src/core/ladder/people-report.js';
import { payEquityAggregate } from '../../src/server/routes/career.js';
import { available, DIALECTS } from '../db/databases.js';
import { buildWorld, type World } from './world.js';

type Aggregate = ReturnType<typeof payEquityAggregate>;

const group = (over: Partial<PayEquityGroup>): PayEquityGroup => ({
  attribute: 'attr_gender',
  group: 'F',
  reference: 'M',
  n_group: 6,
  n_reference: 9,
  raw_gap: -0.04,
  adjusted_gap: -0.06,
  flagged: true,
  by_level: [{ level: 'SE3', n_group: 1, n_reference: 2, median_compa_group: 0.91, median_compa_reference: 1.02 }],
  ...over,
});

describe('payEquityAggregate', () => {
  it('keeps groups of at least min_group people against a reference that large; counts the rest; drops the per-level cells and the attr_ prefix', () => {
    const out = payEquityAggregate(
      [group({}), group({ group: 'X', n_group: 4, raw_gap: 0.2, adjusted_gap: 0.19, flagged: false }), group({ attribute: 'attr_region', group: 'south', reference: 'north', n_group: 7, n_reference: 3 })],
      5,
    );
    expect(out).toEqual([
      { characteristic: 'gender', reference: 'M', n_reference: 9, groups: [{ group: 'F', n_group: 6, raw_gap: -0.04, adjusted_gap: -0.06, flagged: true }], groups_withheld: 1, min_group: 5 },
      // The reference group itself has 3 people: nothing about it or against it is shown.
      { characteristic: 'region', reference: null, n_reference: null, groups: [], groups_withheld: 1, min_group: 5 },
    ]);
    expect(JSON.stringify(out)).not.toMatch(/attr_|by_level|median_compa/);
  });

  it('is empty without attr_* columns', () => {
    expect(payEquityAggregate([], 5)).toEqual([]);
  });
});

describe.each(DIALECTS.filter((d) => available(d)))('GET /api/reports/people on %s: pay equity for leaders', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(dialect);
  });
  afterAll(async () => {
    await w.close();
  });

  it('refuses managers and members (403)', async () => {
    for (const who of ['member', 'manager'] as const) expect((await w.clients[who].get('/api/reports/people')).status).toBe(403);
  });

  it("gives a leader the aggregate — equal to the admin's gaps for every group shown, small groups withheld — and never an attr_* value", async () => {
    const admin = (await w.clients.admin.get('/api/reports/people?as_of=2026-12-31')).as<{ pay_equity: PayEquityGroup[]; settings: { payEquityMinGroup: number }; pay_equity_aggregate?: unknown }>();
    const reply = await w.clients.leader.get('/api/reports/people?as_of=2026-12-31');
    expect(reply.status).toBe(200);
    expect(reply.text).not.toMatch(/attr_|"pay_equity"|by_level|median_compa/);
    const leader = reply.as<{ pay_equity_aggregate: Aggregate; pay_equity?: unknown }>();
    expect(leader.pay_equity).toBeUndefined();
    expect(admin.pay_equity_aggregate).toBeUndefined();

    const min = admin.settings.payEquityMinGroup;
    // The demo org has attr_gender with one group large enough and one too small (so both paths run).
    expect(admin.pay_equity.some((g) => g.n_group >= min)).toBe(true);
    expect(admin.pay_equity.some((g) => g.n_group < min)).toBe(true);

    const attributes = [...new Set(admin.pay_equity.map((g) => g.attribute))];
    expect(leader.pay_equity_aggregate.map((a) => a.characteristic)).toEqual(attributes.map((a) => a.replace(/^attr_/, '')));
    for (const a of leader.pay_equity_aggregate) {
      const full = admin.pay_equity.filter((g) => g.attribute === `attr_${a.characteristic}`);
      const shown = full.filter((g) => g.n_group >= min && g.n_reference >= min);
      expect(a.reference).toBe((full[0]?.n_reference ?? 0) >= min ? full[0]?.reference : null);
      expect(a.groups).toEqual(shown.map((g) => ({ group: g.group, n_group: g.n_group, raw_gap: g.raw_gap, adjusted_gap: g.adjusted_gap, flagged: g.flagged })));
      expect(a.groups_withheld).toBe(full.length - shown.length);
      for (const g of a.groups) expect(g.n_group).toBeGreaterThanOrEqual(min);
    }
  });
});
