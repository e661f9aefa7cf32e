/**
 * The shape of the demo org before any random draw: how many territories, AEs, SEs and leaders
 * it has for a given number of AEs. Used to size the large org to an exact head count.
 */
import { apportion } from '../random.js';
import {
  AE_MANAGERS_PER_DIRECTOR,
  AE_PER_SE,
  AES_PER_TERRITORY,
  SE_LEAVER_SHARE,
  SE_MANAGER_SPAN,
  SEGMENT_MIX,
  SEGMENTS,
  SES_PER_SE_DIRECTOR,
  SPECIALIST_SHARE,
  type Region,
  type Segment,
} from './parameters.js';

/** One territory (a sales district of one segment) before people are drawn. */
export interface TerritoryShape {
  readonly index: number;
  readonly key: string;
  readonly segment: Segment;
  readonly region: Region;
  readonly aeCount: number;
  readonly seCount: number;
  /** The plan its regular SEs are on. */
  readonly sePlan: 'pod' | 'territory';
}

/** Counts of everything in the org. */
export interface OrgShape {
  readonly territories: readonly TerritoryShape[];
  readonly aeCount: number;
  readonly regularSeCount: number;
  readonly specialistCount: number;
  readonly seManagerCount: number;
  readonly seDirectorCount: number;
  readonly aeDirectorCount: number;
  readonly leaverCount: number;
  /** Rows of people.csv. */
  readonly peopleCount: number;
  /**
   * People on a plan with an active day in the year: AEs (AE plan by role), SEs and specialty
   * overlays (SE plans), leavers and their replacements. Leaders are on no plan.
   */
  readonly payeeCount: number;
}

const REGIONS: readonly Region[] = ['na-east', 'na-west', 'emea'];

/** Split `total` into `parts` near-equal whole numbers, larger ones first. */
export function evenSplit(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  const extra = total - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < extra ? 1 : 0));
}

/** Whether a territory's SEs may lose one of theirs to attrition and still staff every deal team. */
export function leaverEligible(territory: TerritoryShape): boolean {
  return territory.sePlan === 'pod' && territory.seCount + 1 >= 4;
}

/** The org's shape for a number of AEs (deterministic; no random draws). */
export function planShape(aeCount: number): OrgShape {
  const segmentCounts = apportion(aeCount, SEGMENTS.map((s) => SEGMENT_MIX[s]));
  const territories: TerritoryShape[] = [];
  SEGMENTS.forEach((segment, s) => {
    const count = segmentCounts[s] ?? 0;
    if (count === 0) return;
    const territoryCount = Math.max(1, Math.round(count / AES_PER_TERRITORY));
    const sizes = evenSplit(count, territoryCount);
    const perRegion = new Map<Region, number>();
    const regionOf = sizes.map((_, i) => REGIONS[i % REGIONS.length] ?? 'na-east');
    const regionTotals = new Map<Region, number>();
    for (const r of regionOf) regionTotals.set(r, (regionTotals.get(r) ?? 0) + 1);
    sizes.forEach((size, i) => {
      const region = regionOf[i] ?? 'na-east';
      const n = (perRegion.get(region) ?? 0) + 1;
      perRegion.set(region, n);
      const numbered = (regionTotals.get(region) ?? 1) > 1;
      const key = `${region}-${segment.toLowerCase()}${numbered ? `-${String(n).padStart(3, '0')}` : ''}`;
      const sePlan: 'pod' | 'territory' = segment === 'SMB' ? 'territory' : segment === 'MM' ? 'pod' : i % 2 === 0 ? 'pod' : 'territory';
      territories.push({
        index: territories.length,
        key,
        segment,
        region,
        aeCount: size,
        seCount: Math.max(2, Math.ceil(size / AE_PER_SE[segment])),
        sePlan,
      });
    });
  });
  const regularSeCount = territories.reduce((sum, t) => sum + t.seCount, 0);
  const specialistCount = Math.max(1, Math.round((regularSeCount * SPECIALIST_SHARE) / (1 - SPECIALIST_SHARE)));
  const seTotal = regularSeCount + specialistCount;
  const seManagerCount = Math.ceil(seTotal / SE_MANAGER_SPAN);
  const seDirectorCount = Math.max(1, Math.round(seTotal / SES_PER_SE_DIRECTOR));
  const aeDirectorCount = Math.ceil(territories.length / AE_MANAGERS_PER_DIRECTOR);
  const eligible = territories.filter(leaverEligible).length;
  const leaverCount = Math.min(eligible, Math.max(1, Math.round(regularSeCount * SE_LEAVER_SHARE)));
  const payeeCount = aeCount + seTotal + leaverCount;
  const peopleCount = payeeCount + seManagerCount + seDirectorCount + territories.length + aeDirectorCount;
  return {
    territories,
    aeCount,
    regularSeCount,
    specialistCount,
    seManagerCount,
    seDirectorCount,
    aeDirectorCount,
    leaverCount,
    peopleCount,
    payeeCount,
  };
}

/** What an exact head count counts: rows of people.csv, or payees (people on a plan). */
export type HeadcountBasis = 'people' | 'payees';

/**
 * The largest org whose head count (people or payees) does not exceed `count`, and how many extra
 * specialists bring it to exactly `count` (adding one AE can add an SE and a manager at once). An
 * extra specialist is one more row of people.csv and one more payee, so either basis comes out exact.
 */
export function shapeForHeadcount(count: number, basis: HeadcountBasis = 'people'): { shape: OrgShape; extraSpecialists: number } {
  const size = (shape: OrgShape): number => (basis === 'payees' ? shape.payeeCount : shape.peopleCount);
  if (size(planShape(5)) > count) throw new RangeError(`a demo org needs more than ${count} ${basis}`);
  let low = 5;
  let high = Math.max(6, count);
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (size(planShape(mid)) <= count) low = mid;
    else high = mid;
  }
  const shape = planShape(low);
  return { shape, extraSpecialists: count - size(shape) };
}
