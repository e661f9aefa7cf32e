/**
 * The demo org's ladder side (src/core/demo/career.ts): the six files parse with no problem, agree
 * with people.csv and the deals, and the people report's rules — re-implemented here, small and
 * independent of the report code — find exactly the planted cases and nobody else.
 */
import { describe, expect, it } from 'vitest';
import { planCareer } from '../../src/core/demo/career.js';
import { generateDemoOrg, generateLoadOrg, type DemoOrg } from '../../src/core/demo/generate-demo-org.js';
import { buildRoster } from '../../src/core/demo/roster.js';
import { planShape, shapeForHeadcount } from '../../src/core/demo/structure.js';
import { STANDARD_AE_COUNT } from '../../src/core/demo/parameters.js';
import { addMonths, formatDay, type Day } from '../../src/core/dates.js';
import { DEFAULT_COMPETENCIES } from '../../src/core/ladder/spec.js';
import { LadderIndex, type Career, type Ladder } from '../../src/core/ladder/model.js';
import type { Org, Person } from '../../src/core/model.js';
import { formatProblem } from '../../src/core/problems.js';
import { CAREER_FILES } from '../../src/io/career-schemas.js';
import { parseCareer } from '../../src/io/parse-career.js';
import { parseOrg } from '../../src/io/parse-org.js';
import { serialiseOrg } from './helpers.js';

const FY = 2026;
const E = Date.UTC(FY, 11, 31) / 86_400_000;

interface Loaded {
  readonly texts: Map<string, string>;
  readonly org: Org;
  readonly career: Career;
  readonly ladder: Ladder;
  readonly problems: string[];
}

function load(org: DemoOrg): Loaded {
  const texts = serialiseOrg(org);
  const parsedOrg = parseOrg(texts, { dealColumns: ['segment', 'poc'] });
  if (!parsedOrg.org) throw new Error(parsedOrg.problems.map(formatProblem).join('\n'));
  const dealIds = new Set(parsedOrg.org.deals.map((d) => d.id));
  const parsed = parseCareer(texts, { currency: parsedOrg.org.settings.currency, people: parsedOrg.org.people, hasDeal: (id) => dealIds.has(id) });
  const problems = [...parsedOrg.problems, ...parsed.problems].map(formatProblem);
  if (!parsed.career?.ladder) throw new Error(problems.join('\n'));
  return { texts, org: parsedOrg.org, career: parsed.career, ladder: parsed.career.ladder, problems };
}

function standard(seed: number, fiscalYear = FY): Loaded {
  return load(generateDemoOrg({ seed, size: 'standard', fiscalYear }));
}

/** The planted ids the generator reports (seeds below 2^32 are used as they are). */
function planted(seed: number, fiscalYear = FY) {
  return planCareer(seed, buildRoster(seed, fiscalYear, planShape(STANDARD_AE_COUNT), 0)).planted;
}

const yearEnd = (fy: number): Day => Date.UTC(fy, 11, 31) / 86_400_000;

/** People on a ladder level employed at E. */
function inScope(l: Loaded, asOf: Day): Person[] {
  const levels = new Set(l.ladder.levels.map((x) => x.id));
  return l.org.people.filter((p) => levels.has(p.level) && (p.hireDate ?? -Infinity) <= asOf && (p.endDate === undefined || p.endDate >= asOf));
}

/** The deciding rating as of a day: the latest calibrated on or before it, else the latest manager. */
function decisive(career: Career, personId: string, competency: string, asOf: Day): number | undefined {
  const latest = (role: string) => {
    let best: { date: Day; rating: number } | undefined;
    for (const a of career.assessments) {
      if (a.personId !== personId || a.competency !== competency || a.assessorRole !== role || a.date > asOf) continue;
      if (!best || a.date >= best.date) best = { date: a.date, rating: a.rating };
    }
    return best?.rating;
  };
  return latest('calibrated') ?? latest('manager');
}

/** Evidence count of a type for a person over [from, to] (activities by type; two deal-derived types). */
function evidenceCount(l: Loaded, personId: string, type: string, from: Day, to: Day): number {
  const inWindow = (d: Day | undefined) => d !== undefined && d >= from && d <= to;
  if (type === 'deals_supported' || type === 'technical_wins') {
    const mine = new Set<string>();
    for (let i = 0; i < l.org.dealTeam.length; i++) if (l.org.dealTeam.personIds[i] === personId) mine.add(l.org.dealTeam.dealIds[i] ?? '');
    const deals = l.org.deals.filter((d) => mine.has(d.id));
    if (type === 'technical_wins') return deals.filter((d) => d.technicalWin && inWindow(d.technicalWinDate ?? d.closeDate)).length;
    return deals.filter((d) => (d.stage === 'closed_won' || d.stage === 'closed_lost') && inWindow(d.closeDate)).length;
  }
  return l.career.activities.filter((a) => a.personId === personId && a.type === type && inWindow(a.date)).length;
}

interface Flags {
  tenurePromotion: string[];
  stuck: string[];
  noConversation: string[];
  outOfBand: string[];
}

/** The people report's four rules, as of E. */
function flags(l: Loaded, asOf: Day): Flags {
  const index = new LadderIndex(l.ladder);
  const people = inScope(l, asOf);
  const ids = new Set(people.map((p) => p.id));
  const activityStart = Math.min(...l.career.activities.map((a) => a.date));
  const dealStart = Math.min(...l.org.deals.flatMap((d) => (d.closeDate === undefined ? [] : [d.closeDate])));
  const out: Flags = { tenurePromotion: [], stuck: [], noConversation: [], outOfBand: [] };

  // (a) A promotion without the new level's ratings, or its assessable evidence, as of its date.
  for (const c of l.career.levelHistory) {
    if ((c.kind !== 'promotion' && c.kind !== 'track_change') || !ids.has(c.personId)) continue;
    const level = index.levels.get(c.toLevel);
    if (!level) throw new Error(`no level ${c.toLevel}`);
    const short = level.evaluation.some((item) => {
      const rating = decisive(l.career, c.personId, item.competency, c.date);
      if (rating === undefined || rating < item.expectation) return true;
      return item.evidence.some((req) => {
        const from = addMonths(c.date, -3 * req.windowQuarters) + 1;
        const start = req.type === 'deals_supported' || req.type === 'technical_wins' ? dealStart : activityStart;
        return from >= start && evidenceCount(l, c.personId, req.type, from, c.date) < Number(req.atLeast.toFraction());
      });
    });
    if (short && !out.tenurePromotion.includes(c.personId)) out.tenurePromotion.push(c.personId);
  }

  for (const p of people) {
    // (b) Three years or more at the level, and rated at a next level (or above this one) everywhere.
    const level = index.levels.get(p.level);
    if (!level) throw new Error(`no level ${p.level}`);
    if (p.levelSince !== undefined && addMonths(p.levelSince, 36) <= asOf) {
      const rating = (competency: string) => decisive(l.career, p.id, competency, asOf);
      const meetsNext = index.next(level.id).some((next) => next.evaluation.every((item) => (rating(item.competency) ?? -1) >= item.expectation));
      const above = level.evaluation.every((item) => (rating(item.competency) ?? -1) > item.expectation);
      if (meetsNext || above) out.stuck.push(p.id);
    }
    // (c) Hired 90 days or more before E and no career-path conversation in the last 12 months.
    if ((p.hireDate ?? -Infinity) <= asOf - 90) {
      const recent = l.career.conversations.some((c) => c.personId === p.id && c.date > addMonths(asOf, -12) && c.date <= asOf);
      if (!recent) out.noConversation.push(p.id);
    }
    // (d) Base outside the band of their level and location.
    const band = l.career.bands
      .filter((b) => b.level === p.level && (b.location === '' || b.location === p.location) && (b.effectiveFrom ?? -Infinity) <= asOf)
      .sort((a, b) => (b.effectiveFrom ?? 0) - (a.effectiveFrom ?? 0))[0];
    const base = p.baseSalary;
    if (!band || base === undefined || base.lt(band.baseMin) || base.gt(band.baseMax)) out.outOfBand.push(p.id);
  }
  for (const list of [out.tenurePromotion, out.stuck, out.noConversation, out.outOfBand]) list.sort();
  return out;
}

const l42 = standard(42);
const scope42 = inScope(l42, E);
const cutoff = formatDay(E - 45);

describe('the demo org ladder side (seed 42, FY 2026)', () => {
  it('writes the six files, and they parse with the org with no error and no warning', () => {
    for (const file of CAREER_FILES) expect(l42.texts.has(file), file).toBe(true);
    expect(l42.problems).toEqual([]);
  });

  it('flags exactly the planted people under the report rules (a)–(d)', () => {
    const expected = { tenurePromotion: ['se-002'], stuck: ['se-006', 'se-014'], noConversation: ['se-012'], outOfBand: [] };
    expect(flags(l42, E)).toEqual(expected);
    const p = planted(42);
    expect({ tenurePromotion: p.tenurePromotion, stuck: p.stuck, noConversation: p.noConversation }).toEqual({
      tenurePromotion: expected.tenurePromotion,
      stuck: expected.stuck,
      noConversation: expected.noConversation,
    });
  });

  it('gives everyone in scope a hire row, a history that ends at their level and level_since, a band, all 8 competencies and a conversation', () => {
    expect(scope42.length).toBe(25);
    for (const p of scope42) {
      const history = l42.career.levelHistory.filter((c) => c.personId === p.id).sort((a, b) => a.date - b.date);
      expect(history[0]?.kind, p.id).toBe('hire');
      expect(history[0]?.date, p.id).toBe(p.hireDate);
      expect(history[0]?.fromLevel, p.id).toBe('');
      expect(history.at(-1)?.toLevel, p.id).toBe(p.level);
      // Promotions go one level up the track, at least 4 quarters apart; the last one is level_since.
      const promotions = history.slice(1);
      if (p.levelSince !== p.hireDate && p.level !== 'SE1') expect(promotions.at(-1)?.date, p.id).toBe(p.levelSince);
      promotions.forEach((c, i) => {
        const before = history[i];
        expect(c.fromLevel, p.id).toBe(before?.toLevel);
        if (i > 0) expect(c.date, p.id).toBeGreaterThanOrEqual(addMonths(before?.date ?? 0, 12));
        expect(c.kind).toBe(c.fromLevel === 'SE3' && c.toLevel === 'M1' ? 'track_change' : 'promotion');
        expect(c.packet === '', p.id).toBe(p.id === 'se-002' && i === promotions.length - 1);
      });
      expect(l42.career.bands.some((b) => b.level === p.level && b.location === p.location && b.currency === p.currency), p.id).toBe(true);
      const rated = new Set(l42.career.assessments.filter((a) => a.personId === p.id && a.assessorRole === 'calibrated').map((a) => a.competency));
      expect([...rated].sort(), p.id).toEqual([...DEFAULT_COMPETENCIES].sort());
      expect(l42.career.conversations.some((c) => c.personId === p.id), p.id).toBe(true);
    }
    // Nobody outside the scope has career rows (the leaver, AEs, sales leaders).
    const ids = new Set(scope42.map((p) => p.id));
    const named = [...l42.career.levelHistory, ...l42.career.assessments, ...l42.career.activities, ...l42.career.conversations].map((r) => r.personId);
    expect(named.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('dates every career row on or before E − 45 days, activities from the start of the year before', () => {
    const dates = [...l42.career.levelHistory, ...l42.career.assessments, ...l42.career.activities, ...l42.career.conversations].map((r) => formatDay(r.date));
    expect(dates.every((d) => d <= cutoff)).toBe(true);
    expect(l42.career.activities.every((a) => formatDay(a.date) >= `${FY - 1}-01-01`)).toBe(true);
  });

  it('rates assessments by the right people: self by the person, manager and calibrated by their manager when employed', () => {
    const byId = new Map(l42.org.people.map((p) => [p.id, p]));
    for (const a of l42.career.assessments) {
      if (a.assessorRole === 'self') {
        expect(a.assessorId).toBe(a.personId);
        continue;
      }
      const chain: string[] = [];
      for (let m = byId.get(a.personId)?.managerId; m; m = byId.get(m)?.managerId) chain.push(m);
      if (a.assessorId === '') expect(chain.every((m) => (byId.get(m)?.hireDate ?? 0) > a.date)).toBe(true);
      else expect(chain).toContain(a.assessorId);
    }
    // Planted disagreement: self ratings run above the calibrated ones for some people.
    const key = (a: { personId: string; date: Day; competency: string }) => `${a.personId} ${a.date} ${a.competency}`;
    const calibrated = new Map(l42.career.assessments.filter((a) => a.assessorRole === 'calibrated').map((a) => [key(a), a.rating]));
    const higher = l42.career.assessments.filter((a) => a.assessorRole === 'self' && a.rating > (calibrated.get(key(a)) ?? 5));
    expect(new Set(higher.map((a) => a.personId)).size).toBeGreaterThan(10);
  });

  it('meets every activity minimum of the level over the 4 quarters before E (the stuck: SE4\'s; prorated for new hires)', () => {
    const index = new LadderIndex(l42.ladder);
    const from = addMonths(E, -12) + 1;
    for (const p of scope42) {
      const level = index.levels.get(['se-006', 'se-014'].includes(p.id) ? 'SE4' : p.level);
      for (const item of level?.evaluation ?? []) {
        for (const req of item.evidence) {
          if (req.type === 'deals_supported' || req.type === 'technical_wins') continue;
          const covered = E - Math.max(from, p.hireDate ?? from) + 1;
          const need = Math.ceil((Number(req.atLeast.toFraction()) * covered) / (E - from + 1) - 1e-9);
          expect(evidenceCount(l42, p.id, req.type, from, E), `${p.id} ${req.type}`).toBeGreaterThanOrEqual(need);
        }
      }
    }
  });

  it('plants the tenure-only promotion: rated at the old level before it, a milestone short on 2–3 competencies after, old-level evidence only', () => {
    const promotion = l42.career.levelHistory.find((c) => c.personId === 'se-002' && c.kind === 'promotion' && c.toLevel === 'SE4');
    expect(promotion?.packet).toBe('');
    const date = promotion?.date ?? 0;
    const index = new LadderIndex(l42.ladder);
    const expectation = (level: string, c: string) => index.levels.get(level)?.evaluation.find((x) => x.competency === c)?.expectation ?? -1;
    const before = DEFAULT_COMPETENCIES.map((c) => (decisive(l42.career, 'se-002', c, date - 1) ?? 9) - expectation('SE3', c));
    expect(before.every((d) => d <= 0)).toBe(true);
    const after = DEFAULT_COMPETENCIES.map((c) => (decisive(l42.career, 'se-002', c, E) ?? 9) - expectation('SE4', c));
    expect(after.filter((d) => d === -1).length).toBeGreaterThanOrEqual(2);
    expect(after.filter((d) => d === -1).length).toBeLessThanOrEqual(3);
    expect(after.every((d) => d === 0 || d === -1)).toBe(true);
    // Evidence in the covered part of the window before it: SE3's minimums (prorated), not SE4's.
    const from = addMonths(date, -12) + 1;
    const start = Date.UTC(FY - 1, 0, 1) / 86_400_000;
    for (const item of index.levels.get('SE3')?.evaluation ?? []) {
      for (const req of item.evidence) {
        if (req.type === 'deals_supported' || req.type === 'technical_wins') continue;
        const need = Math.ceil((Number(req.atLeast.toFraction()) * (date - start + 1)) / (date - from + 1) - 1e-9);
        expect(evidenceCount(l42, 'se-002', req.type, from, date), req.type).toBe(need);
      }
    }
  });

  it('changes nothing in people.csv but the level_since of the planted stuck (none for seed 42)', () => {
    const roster = buildRoster(42, FY, planShape(STANDARD_AE_COUNT), 0);
    const people = new Map(l42.org.people.map((p) => [p.id, p]));
    for (const r of roster.people) expect(people.get(r.id)?.levelSince, r.id).toBe(r.levelSinceDay);
  });
});

describe('the ladder side for other seeds and years', () => {
  for (const [seed, fy] of [
    [7, 2026],
    [1234, 2027],
    [99, 2025],
  ] as const) {
    it(`flags exactly the planted people for seed ${seed}, FY ${fy}`, () => {
      const l = standard(seed, fy);
      expect(l.problems).toEqual([]);
      const p = planted(seed, fy);
      expect(p.tenurePromotion).toHaveLength(1);
      expect(p.stuck).toHaveLength(2);
      expect(p.noConversation).toHaveLength(1);
      expect(flags(l, yearEnd(fy))).toEqual({ tenurePromotion: [...p.tenurePromotion], stuck: [...p.stuck], noConversation: [...p.noConversation], outOfBand: [] });
      // people.csv moves only the stuck's level_since, and only back to ≥ 4 years before E.
      const roster = buildRoster(seed, fy, planShape(STANDARD_AE_COUNT), 0);
      for (const r of roster.people) {
        const since = l.org.people.find((x) => x.id === r.id)?.levelSince;
        if (since === r.levelSinceDay) continue;
        expect(p.stuck).toContain(r.id);
        expect(since).toBeLessThanOrEqual(addMonths(yearEnd(fy), -48));
        expect(since).toBeGreaterThanOrEqual(r.hireDay);
      }
    });
  }

  it('writes valid career files for a scaled-down load-profile org too (deal_id blank there)', () => {
    const l = load(generateLoadOrg({ seed: 8, fiscalYear: FY }, { people: 300, deals: 15_000, dealTeamRows: 37_500 }));
    expect(l.problems).toEqual([]);
    expect(l.career.assessments.length).toBeGreaterThan(0);
    expect(l.career.activities.every((a) => a.dealId === '')).toBe(true);
    const { shape, extraSpecialists } = shapeForHeadcount(300, 'people');
    const p = planCareer(8, buildRoster(8, FY, shape, extraSpecialists)).planted;
    expect(flags(l, E)).toEqual({ tenurePromotion: [...p.tenurePromotion], stuck: [...p.stuck], noConversation: [...p.noConversation], outOfBand: [] });
  });
});

describe('career file determinism', () => {
  const career = (seed: number) => {
    const texts = serialiseOrg(generateDemoOrg({ seed, size: 'standard', fiscalYear: FY }));
    return CAREER_FILES.map((f) => texts.get(f) ?? '');
  };

  it('gives byte-identical career files for the same seed and different ones for another seed', () => {
    const a = career(42);
    expect(career(42)).toEqual(a);
    const b = career(43);
    for (const [i, file] of CAREER_FILES.entries()) {
      if (file === 'ladder.yaml' || file === 'bands.csv') continue;
      expect(b[i], file).not.toBe(a[i]);
    }
  });
});
