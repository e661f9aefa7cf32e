/**
 * Ladder lint rules about single levels: three-answers, token-level, unobservable, tenure,
 * decreasing-expectation. Each starts from the clean mini ladder (helpers-lint.ts, numbers in its
 * header) and changes one thing.
 */
import { describe, expect, it } from 'vitest';
import { tenurePhrase } from '../../src/core/ladder/lint/tenure.js';
import { itemOf, levelOf, lint, miniLadder, ofRule } from './helpers-lint.js';

describe('the mini ladder', () => {
  it('lints clean with its bands', () => {
    expect(lint(miniLadder())).toEqual([]);
  });
});

describe('three-answers', () => {
  it('reports a level that says neither what is new nor the path forward', () => {
    const spec = miniLadder();
    const se2 = levelOf(spec, 'SE2');
    delete se2.new_at_this_level;
    delete se2.path_forward;
    const found = ofRule(lint(spec), 'three-answers');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'high', level: 'SE2', evidence: { missing: ['new_at_this_level', 'path_forward'] } });
    expect(found[0]?.message).toBe('SE2 (SE) does not answer 2 of the three questions: what is new, the path forward.');
  });

  it('reports a level with no evaluation, and a path_forward with neither next nor top_of_band', () => {
    const spec = miniLadder();
    levelOf(spec, 'SE3').evaluation = [];
    levelOf(spec, 'M2').path_forward = { next: [], in_band_growth: 'Raises for the region' };
    const found = ofRule(lint(spec), 'three-answers');
    expect(found.map((f) => [f.level, f.evidence?.missing])).toEqual([
      ['SE3', ['evaluation']],
      ['M2', ['path_forward']],
    ]);
  });

  it('accepts a top level whose path forward is a top_of_band sentence without a next level', () => {
    const spec = miniLadder();
    // SE3 and M2 are terminal: next: [] with a top_of_band sentence (the clean ladder).
    expect(levelOf(spec, 'SE3').path_forward?.next).toEqual([]);
    // A level with next levels but no top_of_band also answers it.
    delete levelOf(spec, 'SE1').path_forward?.top_of_band;
    expect(ofRule(lint(spec), 'three-answers')).toEqual([]);
  });
});

describe('token-level', () => {
  it('reports a level whose new_at_this_level repeats the level below (case and spacing aside)', () => {
    const spec = miniLadder();
    levelOf(spec, 'SE3').new_at_this_level = ['OWNS technical   evaluations end to end', ' files product gaps with their impact '];
    const found = ofRule(lint(spec), 'token-level');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'high', level: 'SE3', evidence: { below: 'SE2', bullets: 2, repeated: 2 } });
    expect(found[0]?.message).toBe("SE3 (Senior SE) repeats the level below: all 2 of its new_at_this_level bullets are already SE2's.");
  });

  it('reports a level whose every expectation equals the level below (M2 = M1: 2, 3, 2)', () => {
    const spec = miniLadder();
    itemOf(spec, 'M2', 'mentoring').expectation = 3;
    itemOf(spec, 'M2', 'ai_leverage').expectation = 2;
    const found = ofRule(lint(spec), 'token-level');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'high', level: 'M2', evidence: { below: 'M1', competencies: 3, expectations: { discovery: 2, mentoring: 3, ai_leverage: 2 } } });
    expect(found[0]?.message).toContain("all 3 of its competency expectations equal M1's");
  });

  it('compares a track’s first level with the level it forks from (M1 against SE2: 2, 1, 1)', () => {
    const spec = miniLadder();
    itemOf(spec, 'M1', 'mentoring').expectation = 1;
    itemOf(spec, 'M1', 'ai_leverage').expectation = 1;
    const found = ofRule(lint(spec), 'token-level');
    expect(found.map((f) => [f.level, f.evidence?.below])).toEqual([['M1', 'SE2']]);
  });

  it('accepts a level that repeats one bullet but adds another, or raises one expectation', () => {
    const spec = miniLadder();
    levelOf(spec, 'SE3').new_at_this_level = ['Owns technical evaluations end to end', 'Runs the technical strategy for a segment'];
    itemOf(spec, 'M2', 'mentoring').expectation = 3; // M2: 2, 3, 3 against M1's 2, 3, 2
    expect(ofRule(lint(spec), 'token-level')).toEqual([]);
  });
});

describe('unobservable', () => {
  it('reports an item with no behaviours and one with no evidence requirement', () => {
    const spec = miniLadder();
    itemOf(spec, 'SE2', 'discovery').behaviours = [];
    delete itemOf(spec, 'SE3', 'mentoring').evidence;
    const found = ofRule(lint(spec), 'unobservable');
    expect(found.map((f) => [f.severity, f.level, f.competency, f.evidence])).toEqual([
      ['medium', 'SE2', 'discovery', { expectation: 2, behaviours: 0, evidence: 1 }],
      ['medium', 'SE3', 'mentoring', { expectation: 2, behaviours: 1, evidence: 0 }],
    ]);
    expect(found[0]?.message).toBe('SE2 (SE) evaluates Discovery (discovery) at milestone 2 with no behaviour to observe.');
    expect(found[1]?.message).toBe('SE3 (Senior SE) evaluates Mentoring (mentoring) at milestone 2 with no evidence requirement.');
  });

  it('reports an item with neither, once', () => {
    const spec = miniLadder();
    const e = itemOf(spec, 'M1', 'ai_leverage');
    delete e.behaviours;
    delete e.evidence;
    const found = ofRule(lint(spec), 'unobservable');
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('with no behaviour to observe and no evidence requirement');
  });

  it('accepts items with at least one behaviour and one evidence requirement', () => {
    expect(ofRule(lint(miniLadder()), 'unobservable')).toEqual([]);
  });
});

describe('tenure', () => {
  it('finds the phrases of tenure in disguise', () => {
    expect(tenurePhrase('Has 5+ years in presales')).toBe('5+ years');
    expect(tenurePhrase('At least 3 yrs as an SE')).toBe('3 yrs');
    expect(tenurePhrase('two years as a Senior SE')).toBe('two years');
    expect(tenurePhrase('Enough time in role to know the product')).toBe('time in role');
    expect(tenurePhrase('Time at the level: 18 months')).toBe('Time at the level');
    expect(tenurePhrase('6 months in seat')).toBe('6 months in seat');
    expect(tenurePhrase('Promoted on tenure')).toBe('tenure');
    expect(tenurePhrase('Ten years of experience')).toBe('Ten years');
    expect(tenurePhrase('Years of experience in the field')).toBe('Years of experience');
  });

  it('does not mistake scope or cadence for tenure', () => {
    for (const text of ['Owns a 3-year account strategy', 'Sustains the bar for 4 quarters', 'Builds the multi-year roadmap', 'Runs yearly planning', 'Leads 10 deals a quarter']) {
      expect(tenurePhrase(text)).toBeUndefined();
    }
  });

  it('reports tenure in new_at_this_level, behaviours and path_forward, one finding per text', () => {
    const spec = miniLadder();
    levelOf(spec, 'SE3').new_at_this_level = ['Owns the technical strategy for a segment', 'Has 5+ years in presales'];
    itemOf(spec, 'SE2', 'discovery').behaviours = ['Leads discovery on own deals', 'Has spent enough time in role'];
    const m1 = levelOf(spec, 'M1');
    m1.path_forward = { next: ['M2'], top_of_band: 'Ready to lead managers', in_band_growth: 'A raise after 4 quarters in the role' };
    const found = ofRule(lint(spec), 'tenure');
    expect(found.map((f) => [f.severity, f.level, f.competency ?? null, f.evidence])).toEqual([
      ['high', 'SE2', 'discovery', { where: 'behaviours[1] of discovery', phrase: 'time in role' }],
      ['high', 'SE3', null, { where: 'new_at_this_level[1]', phrase: '5+ years' }],
      ['high', 'M1', null, { where: 'path_forward.in_band_growth', phrase: '4 quarters in the role' }],
    ]);
    expect(found[1]?.message).toBe('SE3 (Senior SE): "5+ years" in new_at_this_level[1] is tenure in disguise: "Has 5+ years in presales".');
  });

  it('accepts the clean ladder', () => {
    expect(ofRule(lint(miniLadder()), 'tenure')).toEqual([]);
  });
});

describe('decreasing-expectation', () => {
  it('reports a lower milestone and a dropped competency within a track', () => {
    const spec = miniLadder();
    itemOf(spec, 'SE3', 'mentoring').expectation = 0; // SE2 expects 1
    const se3 = levelOf(spec, 'SE3');
    se3.evaluation = se3.evaluation?.filter((e) => e.competency !== 'ai_leverage'); // SE2 expects 1
    const found = ofRule(lint(spec), 'decreasing-expectation');
    expect(found.map((f) => [f.severity, f.level, f.competency, f.evidence])).toEqual([
      ['medium', 'SE3', 'mentoring', { below: 'SE2', expectation: 0, below_expectation: 1 }],
      ['medium', 'SE3', 'ai_leverage', { below: 'SE2', below_expectation: 1 }],
    ]);
    expect(found[0]?.message).toBe('SE3 (Senior SE) expects Mentoring (mentoring) at milestone 0, lower than SE2, the level below, at 1.');
    expect(found[1]?.message).toBe('SE3 (Senior SE) does not evaluate AI-extended impact (ai_leverage), which SE2, the level below, expects at milestone 1.');
  });

  it('compares a track’s first level with its fork level (M1 discovery 1 against SE2’s 2)', () => {
    const spec = miniLadder();
    itemOf(spec, 'M1', 'discovery').expectation = 1;
    const found = ofRule(lint(spec), 'decreasing-expectation');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'medium', level: 'M1', competency: 'discovery', evidence: { below: 'SE2', expectation: 1, below_expectation: 2 } });
    expect(found[0]?.message).toContain('lower than SE2, the level its track forks from, at 2');
  });

  it('reports an evidence threshold of the same type dropping (SE3 15 deals_supported against SE2’s 20, both over 4 quarters)', () => {
    const spec = miniLadder();
    itemOf(spec, 'SE3', 'discovery').evidence = [{ type: 'deals_supported', at_least: 15, window_quarters: 4 }];
    const found = ofRule(lint(spec), 'decreasing-expectation');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: 'low',
      level: 'SE3',
      competency: 'discovery',
      evidence: { below: 'SE2', type: 'deals_supported', at_least: '15', window_quarters: 4, below_at_least: '20', below_window_quarters: 4 },
    });
    expect(found[0]?.message).toBe('SE3 (Senior SE) asks for at least 15 deals_supported over 4 quarters for Discovery (discovery), less than SE2, the level below, which asks for 20 over 4 quarters.');
  });

  it('compares evidence per quarter: 12 over 2 quarters (6 a quarter) is more than 20 over 4 (5 a quarter)', () => {
    const spec = miniLadder();
    itemOf(spec, 'SE3', 'discovery').evidence = [{ type: 'deals_supported', at_least: 12, window_quarters: 2 }];
    expect(ofRule(lint(spec), 'decreasing-expectation')).toEqual([]);
  });

  it('leaves evidence across a fork alone unless evidenceAcrossFork is set', () => {
    const spec = miniLadder();
    // M1 counts deals_supported like SE2, but 12 against SE2's 20 over 4 quarters.
    itemOf(spec, 'M1', 'discovery').evidence = [{ type: 'deals_supported', at_least: 12, window_quarters: 4 }];
    expect(ofRule(lint(spec), 'decreasing-expectation')).toEqual([]);
    const found = ofRule(lint(spec, undefined, { evidenceAcrossFork: true }), 'decreasing-expectation');
    expect(found.map((f) => [f.severity, f.level, f.evidence?.at_least, f.evidence?.below_at_least])).toEqual([['low', 'M1', '12', '20']]);
  });

  it('accepts the clean ladder, where nothing falls along a track or across the fork', () => {
    expect(ofRule(lint(miniLadder()), 'decreasing-expectation')).toEqual([]);
  });
});
