/**
 * The people report and the ladder linter on the standard demo org (seed 42, FY 2026) through the
 * command line: the planted cases of docs/demo-org.md are found — a tenure-only promotion (se-002),
 * two people stuck at Senior (se-006, se-014), no path conversation for 15 months (se-012), the
 * SE-excluding SPIF (q3-observability-launch) — and nothing else is flagged.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runCli } from '../support/run-cli.js';

const Report = z.object({
  in_scope: z.number(),
  unassessed_promotions: z.number(),
  tenure_promotions: z.array(z.object({ person_id: z.string(), from_level: z.string(), to_level: z.string(), packet: z.string(), gaps: z.array(z.object({ competency: z.string() })) })),
  stuck: z.array(z.object({ person_id: z.string(), level: z.string(), reason: z.string(), next_level: z.string().nullable() })),
  no_conversation: z.array(z.object({ person_id: z.string(), last_conversation: z.string().nullable() })),
  compa_ratio: z.array(z.object({ person_id: z.string(), position: z.string() })),
  pay_equity: z.array(z.object({ group: z.string(), flagged: z.boolean() })),
  parity: z.array(z.object({ kind: z.string(), program: z.string(), flagged: z.boolean() })),
});

let org = '';
beforeAll(async () => {
  org = join(await mkdtemp(join(tmpdir(), 'tandem-demo-ladder-')), 'org');
  expect((await runCli(['demo', org])).code).toBe(0);
});

describe('the demo org against its ladder', () => {
  for (const asOf of ['2026-12-31', '2026-11-27']) {
    it(`finds exactly the planted cases as of ${asOf}`, async () => {
      const out = await runCli(['people', 'report', org, '--as-of', asOf, '--json']);
      expect(out.code, out.stderr).toBe(0);
      expect(out.stderr).toBe('');
      const r = Report.parse(JSON.parse(out.stdout));
      // The 21 SEs employed then (se-018 left during the year; se-022 replaced them), 3 SE managers and the director.
      expect(r.in_scope).toBe(25);
      expect(r.tenure_promotions.map((t) => [t.person_id, t.from_level, t.to_level, t.packet])).toEqual([['se-002', 'SE3', 'SE4', '']]);
      expect(r.unassessed_promotions).toBe(0);
      expect(r.stuck.map((s) => [s.person_id, s.level, s.reason, s.next_level])).toEqual([
        ['se-006', 'SE3', 'meets_next_level', 'SE4'],
        ['se-014', 'SE3', 'meets_next_level', 'SE4'],
      ]);
      expect(r.no_conversation.map((c) => [c.person_id, c.last_conversation])).toEqual([['se-012', '2025-09-22']]);
      expect(r.compa_ratio.filter((c) => c.position !== 'within')).toEqual([]);
      expect(r.pay_equity.filter((g) => g.flagged)).toEqual([]);
      expect(r.parity.filter((p) => p.flagged).map((p) => [p.kind, p.program])).toEqual([['spiff', 'q3-observability-launch']]);
    });
  }

  it('has a ladder that lints clean', async () => {
    const out = await runCli(['ladder', 'lint', org, '--json']);
    expect(out.code).toBe(0);
    expect((JSON.parse(out.stdout) as { findings: unknown[] }).findings).toEqual([]);
  });

  it('explains a stuck person’s readiness for Staff without a gap, and the tenure promotion’s gaps', async () => {
    const stuck = JSON.parse((await runCli(['readiness', org, '--person', 'se-006', '--as-of', '2026-12-31', '--json'])).stdout) as { target_level: string; gaps: unknown[] };
    expect(stuck.target_level).toBe('SE4');
    expect(stuck.gaps).toEqual([]);
    const promoted = JSON.parse((await runCli(['readiness', org, '--person', 'se-002', '--level', 'SE4', '--as-of', '2026-12-31', '--json'])).stdout) as { gaps: { competency: string }[] };
    // Rated a milestone short of SE4 on product feedback and AI since the promotion (docs/demo-org.md).
    expect(promoted.gaps.map((g) => g.competency)).toEqual(['product_feedback', 'ai_leverage']);
  });
});
