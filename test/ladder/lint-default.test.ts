/**
 * The default SE ladder and its bands: written as text, read back through the real parsers, and
 * linted clean. The band figures are worked by hand from the research's OTE model (SE2 OTE mid
 * $170,000 × level factor; base = OTE × (1 − variable share); min/max = mid × 0.8/1.2).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LADDER, defaultBandsCsv, defaultLadderYaml } from '../../src/core/ladder/default-ladder.js';
import { lintLadder } from '../../src/core/ladder/lint/index.js';
import { tenurePhrase } from '../../src/core/ladder/lint/tenure.js';
import type { Ladder } from '../../src/core/ladder/model.js';
import { LadderIndex } from '../../src/core/ladder/model.js';
import { DEFAULT_COMPETENCIES, DEFAULT_EVIDENCE, DEFAULT_EXPECTATIONS, DEFAULT_GRADES, DEFAULT_LEVELS } from '../../src/core/ladder/spec.js';
import { formatProblem } from '../../src/core/problems.js';
import { parseCareer, parseLadder } from '../../src/io/parse-career.js';

function parsedLadder(): Ladder {
  const parsed = parseLadder('ladder.yaml', defaultLadderYaml());
  expect(parsed.problems.map(formatProblem)).toEqual([]);
  if (!parsed.ladder) throw new Error('no ladder');
  return parsed.ladder;
}

function parsedCareer() {
  const parsed = parseCareer(
    new Map([
      ['ladder.yaml', defaultLadderYaml()],
      ['bands.csv', defaultBandsCsv()],
    ]),
    { currency: 'USD' },
  );
  expect(parsed.problems.map(formatProblem)).toEqual([]);
  if (!parsed.career?.ladder) throw new Error('no career');
  return { ladder: parsed.career.ladder, bands: parsed.career.bands };
}

describe('the default ladder', () => {
  it('lints with zero findings together with its default bands', () => {
    const { ladder, bands } = parsedCareer();
    expect(lintLadder(ladder, bands)).toEqual([]);
  });

  it('reads back through parseLadder with the numbers of spec.ts', () => {
    const ladder = parsedLadder();
    expect(ladder.id).toBe('se-ladder');
    expect(ladder.competencies.map((c) => c.id)).toEqual([...DEFAULT_COMPETENCIES]);
    expect(ladder.competencies.find((c) => c.id === 'ai_leverage')).toMatchObject({ name: 'AI-extended impact', group: 'ai' });
    expect(ladder.levels.map((l) => [l.id, l.title, l.grade])).toEqual([
      ['SE1', 'Associate SE', 5],
      ['SE2', 'SE', 6],
      ['SE3', 'Senior SE', 7],
      ['SE4', 'Staff SE', 9],
      ['SE5', 'Principal SE', 10],
      ['M1', 'SE Manager', 9],
      ['M2', 'Director of Solutions Engineering', 10],
      ['M3', 'Senior Director / Head of SE', 11],
    ]);
    expect(ladder.levels.map((l) => l.grade)).toEqual(DEFAULT_LEVELS.map((id) => DEFAULT_GRADES[id]));
    expect(ladder.tracks.map((t) => [t.id, t.kind, t.forkFrom ?? null, t.levels])).toEqual([
      ['ic', 'ic', null, ['SE1', 'SE2', 'SE3', 'SE4', 'SE5']],
      ['management', 'management', 'SE3', ['M1', 'M2', 'M3']],
    ]);
    DEFAULT_LEVELS.forEach((id, column) => {
      const level = ladder.levels[column];
      const kind = id.startsWith('M') ? 'management' : 'ic';
      expect(level?.evaluation.map((e) => e.competency)).toEqual([...DEFAULT_COMPETENCIES]);
      DEFAULT_COMPETENCIES.forEach((c, row) => {
        const e = level?.evaluation[row];
        expect(e?.expectation).toBe(DEFAULT_EXPECTATIONS[c][column]);
        expect(e?.evidence.map((r) => [r.type, r.atLeast.toFraction(), r.windowQuarters])).toEqual([[DEFAULT_EVIDENCE[c][kind], String(DEFAULT_EVIDENCE[c].at_least[column]), 4]]);
        expect([1, 2]).toContain(e?.behaviours.length);
      });
      expect(level?.newAtThisLevel.length).toBeGreaterThanOrEqual(2);
      expect(level?.newAtThisLevel.length).toBeLessThanOrEqual(4);
      expect(level?.promotion?.sustainedQuarters).toBe(4);
    });
  });

  it('has the paths forward of the brief, and terminal levels that say what growth looks like', () => {
    const ladder = parsedLadder();
    expect(Object.fromEntries(ladder.levels.map((l) => [l.id, l.pathForward?.next]))).toEqual({
      SE1: ['SE2'],
      SE2: ['SE3'],
      SE3: ['SE4', 'M1'],
      SE4: ['SE5'],
      SE5: [],
      M1: ['M2'],
      M2: ['M3'],
      M3: [],
    });
    for (const l of ladder.levels) {
      expect(l.pathForward?.topOfBand.length).toBeGreaterThan(20);
      expect(l.pathForward?.inBandGrowth.length).toBeGreaterThan(20);
    }
    // Staff and Principal carry real scope; their promotions add Staff peer review and a panel (GitLab).
    const index = new LadderIndex(ladder);
    expect(index.levels.get('SE4')?.newAtThisLevel.join(' ')).toMatch(/segment/);
    expect(index.levels.get('SE4')?.newAtThisLevel.join(' ')).toMatch(/product feedback loop/);
    expect(index.levels.get('SE4')?.promotion?.reviewers).toContain('staff_peer_review');
    expect(index.levels.get('SE5')?.promotion?.reviewers).toContain('principal_panel');
  });

  it('has no tenure wording anywhere', () => {
    const texts = DEFAULT_LADDER.levels.flatMap((l) => [l.title, ...l.new_at_this_level, ...l.evaluation.flatMap((e) => e.behaviours), l.path_forward.top_of_band, l.path_forward.in_band_growth]);
    expect(texts.length).toBeGreaterThan(100);
    expect(texts.filter((t) => tenurePhrase(t) !== undefined)).toEqual([]);
    expect(defaultLadderYaml()).not.toMatch(/time in (role|level)|tenure/i);
  });

  it('writes numbers as plain YAML numbers and cites its sources', () => {
    const text = defaultLadderYaml();
    expect(text).toContain('grade: 9\n');
    expect(text).toContain('expectation: 3\n');
    expect(text).toContain('evidence: [ { type: deals_supported, at_least: 25, window_quarters: 4 } ]');
    expect(text).not.toMatch(/at_least: "/);
    expect(text).toContain('GitLab Solutions Architect job family');
    expect(text).toContain('Sourcegraph Customer Engineer');
    expect(text).toContain('Zapier AI fluency');
  });

  it('reports M1 asking fewer assets than SE3 only when evidence is compared across the fork', () => {
    // technical_depth asks asset_published 2 at SE3 and 1 at M1; no other same-type threshold falls at the fork.
    const { ladder, bands } = parsedCareer();
    const found = lintLadder(ladder, bands, { evidenceAcrossFork: true });
    expect(found.map((f) => [f.rule, f.severity, f.level, f.competency, f.evidence?.at_least, f.evidence?.below_at_least])).toEqual([
      ['decreasing-expectation', 'low', 'M1', 'technical_depth', '1', '2'],
    ]);
  });
});

describe('the default bands', () => {
  it('are the OTE model worked exactly, with 2 decimals', () => {
    expect(defaultBandsCsv().split('\n')).toEqual([
      'level,location,currency,base_min,base_mid,base_max,target_incentive_pct,effective_from',
      // OTE 170000 × 0.8 = 136000; × 0.85 = 115600; × 0.8 = 92480; × 1.2 = 138720
      'SE1,,USD,92480.00,115600.00,138720.00,0.15,2026-01-01',
      // 170000 × 0.8 = 136000
      'SE2,,USD,108800.00,136000.00,163200.00,0.2,2026-01-01',
      // 170000 × 1.2 = 204000; × 0.775 = 158100
      'SE3,,USD,126480.00,158100.00,189720.00,0.225,2026-01-01',
      // 170000 × 1.45 = 246500; × 0.75 = 184875
      'SE4,,USD,147900.00,184875.00,221850.00,0.25,2026-01-01',
      // 170000 × 1.75 = 297500; × 0.7 = 208250
      'SE5,,USD,166600.00,208250.00,249900.00,0.3,2026-01-01',
      // as SE4: 246500 × 0.75 = 184875
      'M1,,USD,147900.00,184875.00,221850.00,0.25,2026-01-01',
      // 170000 × 1.9 = 323000; × 0.7 = 226100
      'M2,,USD,180880.00,226100.00,271320.00,0.3,2026-01-01',
      // 170000 × 2.3 = 391000; × 0.7 = 273700 (M3's factor is an assumption)
      'M3,,USD,218960.00,273700.00,328440.00,0.3,2026-01-01',
      '',
    ]);
  });

  it('pay Principal within 10% of Director at grade 10 (208250 is 7.9% below 226100)', () => {
    // (226100 − 208250) / 226100 = 17850 / 226100 = 0.0789…
    const { ladder, bands } = parsedCareer();
    expect(lintLadder(ladder, bands, { maxIcBandGap: 0.07 }).map((f) => [f.rule, f.level, f.evidence?.gap])).toEqual([['bands', 'SE5', 0.0789]]);
  });
});
