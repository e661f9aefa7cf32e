/**
 * Ladder lint rules about the ladder as a whole: no-ai-signal, single-path, bands; and the order of
 * findings. The mini ladder (helpers-lint.ts) has grades SE1 5, SE2 6, SE3 7, M1 7, M2 8 and
 * base_mid SE1 100000, SE2 120000, SE3 150000, M1 160000, M2 200000 USD.
 */
import { describe, expect, it } from 'vitest';
import { isAiCompetency } from '../../src/core/ladder/lint/no-ai-signal.js';
import { levelOf, lint, miniBandRows, miniLadder, ofRule, type MiniLadder } from './helpers-lint.js';

/** The mini ladder without its AI competency. */
function withoutAi(): MiniLadder {
  const spec = miniLadder();
  spec.competencies = spec.competencies.filter((c) => c.id !== 'ai_leverage');
  for (const l of spec.levels) l.evaluation = l.evaluation?.filter((e) => e.competency !== 'ai_leverage');
  return spec;
}

describe('no-ai-signal', () => {
  it('reports a ladder with no competency about AI', () => {
    const found = ofRule(lint(withoutAi()), 'no-ai-signal');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'medium', evidence: { ai_competencies: [] } });
    expect(found[0]?.level).toBeUndefined();
    expect(found[0]?.message).toBe('Ladder mini has no competency about AI: none of its 2 competencies is in group ai or named for AI.');
  });

  it('reports an AI competency that no level evaluates', () => {
    const spec = miniLadder();
    for (const l of spec.levels) l.evaluation = l.evaluation?.filter((e) => e.competency !== 'ai_leverage');
    const found = ofRule(lint(spec), 'no-ai-signal');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'medium', competency: 'ai_leverage', evidence: { ai_competencies: ['ai_leverage'], levels_evaluating: 0 } });
    expect(found[0]?.message).toBe('AI-extended impact (ai_leverage) is about AI, but none of the 5 levels evaluates it.');
  });

  it('recognises AI by group, by a word of the id or the name, not by letters inside a word', () => {
    const c = (id: string, name: string, group: string) => ({ id, name, group, line: 1 });
    expect(isAiCompetency(c('leverage', 'Leverage', 'ai'))).toBe(true);
    expect(isAiCompetency(c('gen_ai', 'Generative tooling', 'leverage'))).toBe(true);
    expect(isAiCompetency(c('tooling', 'AI fluency', 'leverage'))).toBe(true);
    expect(isAiCompetency(c('ml', 'Artificial intelligence at work', 'leverage'))).toBe(true);
    expect(isAiCompetency(c('email_campaigns', 'Maintainability', 'domain'))).toBe(false);
    expect(isAiCompetency(c('training', 'Explaining the product', 'said'))).toBe(false);
  });

  it('accepts a ladder that evaluates an AI competency (found by its name alone)', () => {
    const spec = miniLadder();
    const ai = spec.competencies.find((x) => x.id === 'ai_leverage');
    if (ai) ai.group = 'leverage'; // still "AI-extended impact" by name
    expect(ofRule(lint(spec), 'no-ai-signal')).toEqual([]);
  });
});

describe('single-path', () => {
  it('reports a ladder with no management track', () => {
    const spec = miniLadder();
    spec.tracks = spec.tracks.filter((t) => t.id === 'ic');
    spec.levels = spec.levels.filter((l) => l.track === 'ic');
    levelOf(spec, 'SE2').path_forward = { next: ['SE3'], top_of_band: 'Leads competitive deals' };
    const found = ofRule(lint(spec, miniBandRows().slice(0, 3)), 'single-path');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'high', evidence: { ic_tracks: ['ic'], management_tracks: [] } });
    expect(found[0]?.message).toBe('Ladder mini has no management track: its one track is an individual-contributor track.');
  });

  it('reports a ladder with no IC track (and its fork undefined)', () => {
    const spec = miniLadder();
    spec.tracks = [{ id: 'management', levels: ['M1', 'M2'] }];
    spec.levels = spec.levels.filter((l) => l.track === 'management');
    const found = ofRule(lint(spec, miniBandRows().slice(3)), 'single-path');
    expect(found.map((f) => [f.severity, f.message])).toEqual([
      ['high', 'Ladder mini has no individual-contributor track: management is the only way up.'],
      ['medium', 'Management track management has no fork_from: the ladder does not say from which IC level people move into management.'],
    ]);
  });

  it('reports a management track without fork_from', () => {
    const spec = miniLadder();
    const management = spec.tracks.find((t) => t.id === 'management');
    if (management) delete management.fork_from;
    const found = ofRule(lint(spec), 'single-path');
    expect(found.map((f) => [f.severity, f.evidence])).toEqual([['medium', { track: 'management' }]]);
  });

  it('reports the IC track topping out below the lowest management grade (high)', () => {
    const spec = miniLadder();
    levelOf(spec, 'M1').grade = 8;
    levelOf(spec, 'M2').grade = 9;
    const found = ofRule(lint(spec), 'single-path');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: 'high',
      level: 'SE3',
      evidence: { ic_top_grade: 7, ic_top_level: 'SE3', management_lowest_grade: 8, management_top_grade: 9, management_top_level: 'M2' },
    });
    expect(found[0]?.message).toContain('tops out at grade 7 (SE3 (Senior SE)), below the lowest management grade, 8 (M1 (SE Manager))');
  });

  it('reports the IC track topping out more than one grade below the top management grade (medium)', () => {
    const spec = miniLadder();
    levelOf(spec, 'M2').grade = 9; // 9 − 7 = 2 grades
    const found = ofRule(lint(spec), 'single-path');
    expect(found.map((f) => [f.severity, f.level, f.evidence?.ic_top_grade, f.evidence?.management_top_grade])).toEqual([['medium', 'SE3', 7, 9]]);
    expect(found[0]?.message).toContain('2 grades below the top management grade, 9 (M2 (Director)); at most 1 is expected');
    // A wider allowance accepts it.
    expect(ofRule(lint(spec, undefined, { maxIcGradeGap: 2 }), 'single-path')).toEqual([]);
  });

  it('reports a level without a grade', () => {
    const spec = miniLadder();
    delete levelOf(spec, 'SE2').grade;
    const found = ofRule(lint(spec), 'single-path');
    expect(found.map((f) => [f.severity, f.level, f.message])).toEqual([['medium', 'SE2', 'SE2 (SE) has no grade, so it cannot be compared with the levels of the other track.']]);
  });

  it('accepts two tracks with a fork, the IC top grade equal to the lowest management grade and one below the top', () => {
    expect(ofRule(lint(miniLadder()), 'single-path')).toEqual([]);
  });
});

describe('bands', () => {
  it('reports bands missing when there is no bands.csv', () => {
    const found = ofRule(lint(miniLadder(), null), 'bands');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'medium', message: 'Bands missing: ladder mini has no bands.csv, so none of its 5 levels has a pay band.' });
    expect(found[0]?.level).toBeUndefined();
  });

  it('reports a level with no band', () => {
    const rows = miniBandRows().filter((r) => !r.startsWith('M2,'));
    const found = ofRule(lint(miniLadder(), rows), 'bands');
    expect(found.map((f) => [f.severity, f.level, f.message])).toEqual([['medium', 'M2', 'M2 (Director) has no band in bands.csv.']]);
  });

  it('reports an IC band more than 10% below a management band of the same grade', () => {
    // SE3 140000 against M1 160000 at grade 7: (160000 − 140000) / 160000 = 12.5% > 10%.
    const rows = miniBandRows().map((r) => (r.startsWith('SE3,') ? 'SE3,,USD,112000,140000,168000,0.225,2026-01-01' : r));
    const found = ofRule(lint(miniLadder(), rows), 'bands');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: 'high',
      level: 'SE3',
      evidence: { grade: 7, location: '', currency: 'USD', management_level: 'M1', ic_base_mid: '140000.00', management_base_mid: '160000.00', gap: 0.125 },
    });
    expect(found[0]?.message).toBe(
      "IC paid well below management for the same grade: SE3 (Senior SE)'s base_mid 140,000.00 USD is 12.5% below M1 (SE Manager)'s 160,000.00 USD at grade 7 (more than 10%).",
    );
    // 160000 × 0.9 = 144000 clears it.
    expect(found[0]?.fix).toContain('at least 144,000.00 USD');
  });

  it('accepts a gap of exactly 10% (144000 against 160000)', () => {
    const rows = miniBandRows().map((r) => (r.startsWith('SE3,') ? 'SE3,,USD,115200,144000,172800,0.225,2026-01-01' : r));
    expect(ofRule(lint(miniLadder(), rows), 'bands')).toEqual([]);
  });

  it('compares per location, a blank location standing for every other', () => {
    // M1 in us-tier1: 180000; SE3 has only its blank band, 150000: (180000 − 150000) / 180000 = 16.7%.
    const rows = [...miniBandRows(), 'M1,us-tier1,USD,144000,180000,216000,0.25,2026-01-01'];
    const found = ofRule(lint(miniLadder(), rows), 'bands');
    expect(found.map((f) => [f.level, f.evidence?.location, f.evidence?.ic_base_mid, f.evidence?.management_base_mid, f.evidence?.gap])).toEqual([['SE3', 'us-tier1', '150000.00', '180000.00', 0.1667]]);
    expect(found[0]?.message).toContain('is 16.7% below M1 (SE Manager)\'s 180,000.00 USD at grade 7 in us-tier1');
  });

  it('uses each level’s latest band: an older, lower SE3 band does not count', () => {
    const rows = [...miniBandRows(), 'SE3,,USD,80000,100000,120000,0.225,2025-01-01'];
    expect(ofRule(lint(miniLadder(), rows), 'bands')).toEqual([]);
  });

  it('accepts the mini ladder’s bands (SE3 6.25% below M1)', () => {
    expect(ofRule(lint(miniLadder()), 'bands')).toEqual([]);
  });
});

describe('finding order', () => {
  it('sorts by severity, then rule, then level in ladder order', () => {
    const spec = miniLadder();
    delete levelOf(spec, 'M2').grade; // single-path, medium, M2
    plantTenureAndUnobservable(spec);
    const found = lint(spec, null);
    expect(found.map((f) => [f.severity, f.rule, f.level ?? null])).toEqual([
      ['high', 'tenure', 'SE1'],
      ['medium', 'unobservable', 'SE2'],
      ['medium', 'single-path', 'M2'],
      ['medium', 'bands', null],
    ]);
  });
});

/** SE1 gets a tenure phrase; SE2's discovery loses its behaviours. */
function plantTenureAndUnobservable(spec: MiniLadder): void {
  levelOf(spec, 'SE1').new_at_this_level = ['Runs standard demos with guidance', 'Has 2 years in presales'];
  const d = levelOf(spec, 'SE2').evaluation?.find((e) => e.competency === 'discovery');
  if (d) d.behaviours = [];
}
