/**
 * The demo org's people: territories, pods, AEs, SEs, specialists and leaders, with levels, pay,
 * locations, hires and a leaver, drawn from the research's parameters (see parameters.ts).
 */
import { addMonths, dayNumber, daysInMonth } from './calendar.js';
import {
  AE_DIRECTOR_OTE_FACTOR,
  AE_HIRE_SHARE,
  AE_LEADER_VARIABLE_SHARE,
  AE_MANAGER_OTE_FACTOR,
  AE_QUOTA_TO_OTE,
  AE_QUOTA_USD,
  AE_VARIABLE_SHARE,
  BUDGET_RATE,
  COMPA_LIMIT,
  COMPA_SD,
  EMAIL_DOMAIN,
  EMEA_UK_SHARE,
  GENDER_MIX,
  LEVEL_OTE_FACTOR,
  LOCATION_CURRENCY,
  LOCATION_FACTOR,
  NA_TIER1_SHARE,
  PLANTED_GENDER_COMPA_GAP,
  SE2_OTE_MID_USD,
  SE_LEVEL_MIX,
  SE_LEVELS,
  TENURE_MEDIAN_DAYS,
  TENURE_SIGMA,
  VARIABLE_SHARE,
  type Currency,
  type Location,
  type Region,
  type SeLevel,
  type Segment,
} from './parameters.js';
import { FIRST_NAMES_F, FIRST_NAMES_M, FIRST_NAMES_X, LAST_NAMES } from './names.js';
import { Random, apportion, clamp, streamSeed } from '../random.js';
import { evenSplit, leaverEligible, type OrgShape, type TerritoryShape } from './structure.js';

export type Role = 'AE' | 'SE' | 'AE_MANAGER' | 'AE_DIRECTOR' | 'SE_MANAGER' | 'SE_DIRECTOR';
export type Gender = 'F' | 'M' | 'X';

/** One person of the demo org (days are day numbers; money in whole units of `currency`). */
export interface DemoPerson {
  id: string;
  name: string;
  email: string;
  role: Role;
  level: string;
  track: 'ic' | 'management';
  manager: DemoPerson | null;
  team: string;
  territory: string;
  hireDay: number;
  levelSinceDay: number;
  endDay: number | null;
  location: Location;
  currency: Currency;
  baseSalary: number;
  targetIncentive: number;
  plan: 'ae' | 'se-pod' | 'se-territory' | '';
  gender: Gender;
  /** AEs: the annual bookings quota in `currency`, and in USD for the models. */
  quota: number;
  quotaUsd: number;
  /** SE specialists: the territories they cover. */
  isSpecialist: boolean;
}

/** A pod: AEs and the SEs aligned with them (`team` in people.csv). */
export interface DemoPod {
  readonly key: string;
  readonly aes: DemoPerson[];
  readonly ses: DemoPerson[];
}

/** A territory with its people. */
export interface DemoTerritory {
  readonly shape: TerritoryShape;
  readonly manager: DemoPerson;
  readonly aes: DemoPerson[];
  /** Regular SEs, including replacement hires. */
  readonly ses: DemoPerson[];
  readonly pods: DemoPod[];
  specialist: DemoPerson | null;
  /** The location of the territory's SEs (one per territory, so a pod's team quota has one currency). */
  readonly seLocation: Location;
}

/** The whole roster. */
export interface DemoRoster {
  readonly fiscalYear: number;
  readonly yearStart: number;
  readonly yearEnd: number;
  readonly territories: readonly DemoTerritory[];
  readonly people: readonly DemoPerson[];
  readonly aes: readonly DemoPerson[];
  readonly ses: readonly DemoPerson[];
  readonly specialists: readonly DemoPerson[];
  readonly seManagers: readonly DemoPerson[];
  readonly seDirectors: readonly DemoPerson[];
  readonly aeDirectors: readonly DemoPerson[];
  readonly leavers: readonly DemoPerson[];
  readonly hiredAes: readonly DemoPerson[];
}

function regionLocation(rng: Random, region: Region): Location {
  if (region === 'emea') return rng.bernoulli(EMEA_UK_SHARE) ? 'uk' : 'eu-west';
  return rng.bernoulli(NA_TIER1_SHARE) ? 'us-tier1' : 'us-tier2';
}

function drawGender(rng: Random): Gender {
  const i = rng.weighted([GENDER_MIX.F, GENDER_MIX.M, GENDER_MIX.X]);
  return i === 0 ? 'F' : i === 1 ? 'M' : 'X';
}

function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

function roundTo(value: number, step: number): number {
  return Math.round(value / step) * step;
}

/** Build the roster for an org shape. `extraSpecialists` tops the head count up to an exact number. */
export function buildRoster(seed: number, fiscalYear: number, shape: OrgShape, extraSpecialists: number): DemoRoster {
  const rng = new Random(streamSeed(seed, 'roster'));
  const yearStart = dayNumber(fiscalYear, 1, 1);
  const yearEnd = dayNumber(fiscalYear, 12, 31);
  const emails = new Map<string, number>();

  const newPerson = (role: Role, location: Location, tenureScale: number): DemoPerson => {
    const gender = drawGender(rng);
    const first = rng.pick(gender === 'F' ? FIRST_NAMES_F : gender === 'M' ? FIRST_NAMES_M : FIRST_NAMES_X);
    const last = rng.pick(LAST_NAMES);
    const local = `${asciiSlug(first)}.${asciiSlug(last)}`;
    const seen = (emails.get(local) ?? 0) + 1;
    emails.set(local, seen);
    const tenure = Math.round(clamp(rng.lognormal(TENURE_MEDIAN_DAYS * tenureScale, TENURE_SIGMA), 45, 4000));
    const hireDay = yearStart - tenure;
    return {
      id: '',
      name: `${first} ${last}`,
      email: `${local}${seen > 1 ? String(seen) : ''}@${EMAIL_DOMAIN}`,
      role,
      level: '',
      track: role === 'AE' || role === 'SE' ? 'ic' : 'management',
      manager: null,
      team: '',
      territory: '',
      hireDay,
      levelSinceDay: hireDay + Math.floor(rng.next() * tenure),
      endDay: null,
      location,
      currency: LOCATION_CURRENCY[location],
      baseSalary: 0,
      targetIncentive: 0,
      plan: '',
      gender,
      quota: 0,
      quotaUsd: 0,
      isSpecialist: false,
    };
  };

  const compa = (gender: Gender): number =>
    1 + clamp(COMPA_SD * rng.normal(), -COMPA_LIMIT, COMPA_LIMIT) - (gender === 'F' ? PLANTED_GENDER_COMPA_GAP : 0);

  const payFromOte = (person: DemoPerson, oteUsd: number, variableShare: number): void => {
    const ote = oteUsd / BUDGET_RATE[person.currency];
    person.targetIncentive = roundTo(ote * variableShare, 500);
    person.baseSalary = roundTo(ote - person.targetIncentive, 1000);
  };

  const sePay = (person: DemoPerson, level: SeLevel | 'M1' | 'M2'): void => {
    const oteUsd = SE2_OTE_MID_USD * LEVEL_OTE_FACTOR[level] * LOCATION_FACTOR[person.location] * compa(person.gender);
    payFromOte(person, oteUsd, VARIABLE_SHARE[level]);
  };

  // Territories: a sales manager, AEs, regular SEs and pods.
  const territories: DemoTerritory[] = shape.territories.map((t) => {
    const manager = newPerson('AE_MANAGER', regionLocation(rng, t.region), 1.6);
    manager.level = 'SM1';
    manager.territory = t.key;
    const seLocation = regionLocation(rng, t.region);
    const aes: DemoPerson[] = [];
    for (let i = 0; i < t.aeCount; i += 1) {
      const ae = newPerson('AE', regionLocation(rng, t.region), 1);
      ae.level = t.segment === 'ENT' ? 'AE3' : t.segment === 'MM' ? 'AE2' : 'AE1';
      ae.territory = t.key;
      ae.quotaUsd = rng.pick(AE_QUOTA_USD[t.segment]);
      ae.quota = roundTo(ae.quotaUsd / BUDGET_RATE[ae.currency], 10_000);
      const ote = ae.quota / AE_QUOTA_TO_OTE;
      ae.targetIncentive = ote * AE_VARIABLE_SHARE;
      ae.baseSalary = ote - ae.targetIncentive;
      aes.push(ae);
    }
    const ses: DemoPerson[] = [];
    for (let i = 0; i < t.seCount; i += 1) {
      const se = newPerson('SE', t.region === 'emea' ? seLocation : regionLocation(rng, t.region), 1);
      se.territory = t.key;
      se.plan = t.sePlan === 'pod' ? 'se-pod' : 'se-territory';
      ses.push(se);
    }
    const pods: DemoPod[] = [];
    if (t.segment === 'ENT') {
      // Aligned: each SE with its own small group of AEs (2:1).
      const sizes = evenSplit(t.aeCount, t.seCount);
      let next = 0;
      ses.forEach((se, k) => {
        const size = sizes[k] ?? 0;
        pods.push({ key: `pod-${t.key}-${String(k + 1).padStart(2, '0')}`, aes: aes.slice(next, next + size), ses: [se] });
        next += size;
      });
    } else {
      pods.push({ key: `${t.segment === 'SMB' ? 'pool' : 'pod'}-${t.key}`, aes: [...aes], ses: [...ses] });
    }
    for (const pod of pods) for (const p of [...pod.aes, ...pod.ses]) p.team = pod.key;
    const avgOte = aes.reduce((sum, a) => sum + a.quotaUsd / AE_QUOTA_TO_OTE, 0) / Math.max(1, aes.length);
    manager.currency = LOCATION_CURRENCY[manager.location];
    payFromOte(manager, avgOte * AE_MANAGER_OTE_FACTOR, AE_LEADER_VARIABLE_SHARE);
    return { shape: t, manager, aes, ses, pods, specialist: null, seLocation };
  });

  // SE levels: the research's mix, more senior people in larger segments (with noise).
  const regularSes = territories.flatMap((t) => t.ses);
  const levelCounts = apportion(regularSes.length, SE_LEVELS.map((l) => SE_LEVEL_MIX[l]));
  const segmentRank: Record<Segment, number> = { ENT: 0, MM: 1, SMB: 2 };
  const seniority = territories.flatMap((t) => t.ses.map((se) => ({ se, key: segmentRank[t.shape.segment] + rng.uniform(0, 1.5) })));
  seniority.sort((a, b) => a.key - b.key);
  let cursor = 0;
  for (let l = SE_LEVELS.length - 1; l >= 0; l -= 1) {
    const level = SE_LEVELS[l] ?? 'SE2';
    for (let n = 0; n < (levelCounts[l] ?? 0); n += 1) {
      const entry = seniority[cursor];
      cursor += 1;
      if (entry) entry.se.level = level;
    }
  }
  for (const se of regularSes) sePay(se, se.level === '' ? 'SE2' : (SE_LEVELS.find((l) => l === se.level) ?? 'SE2'));

  // Specialty overlays: each covers a share of the ENT and MM territories.
  const specialists: DemoPerson[] = [];
  const covered = territories.filter((t) => t.shape.segment !== 'SMB');
  const specialistCount = shape.specialistCount + extraSpecialists;
  for (let i = 0; i < specialistCount; i += 1) {
    const home = covered.length > 0 ? covered[i % covered.length] : territories[i % territories.length];
    const region = home?.shape.region ?? 'na-east';
    const sp = newPerson('SE', regionLocation(rng, region), 1.2);
    const level: SeLevel = rng.pick(['SE3', 'SE4', 'SE4', 'SE4', 'SE5']);
    sp.level = level;
    sp.isSpecialist = true;
    sp.plan = 'se-territory';
    sp.territory = home?.shape.key ?? '';
    sePay(sp, level);
    specialists.push(sp);
  }
  covered.forEach((t, i) => {
    t.specialist = specialists[i % specialists.length] ?? null;
  });
  // In an org with only SMB territories nobody else needs the specialists; they still exist.

  // SE managers (span ~7) and directors (~30 SEs each), over SEs in territory order.
  const allSes = [...regularSes, ...specialists];
  const seManagers: DemoPerson[] = [];
  const managerSizes = evenSplit(allSes.length - extraSpecialists, shape.seManagerCount);
  let next = 0;
  for (const size of managerSizes) {
    const group = allSes.slice(next, next + size);
    next += size;
    const firstTerritory = territories.find((t) => t.shape.key === group[0]?.territory);
    const m = newPerson('SE_MANAGER', firstTerritory?.shape.region === 'emea' ? 'uk' : 'us-tier1', 1.6);
    m.level = 'M1';
    sePay(m, 'M1');
    seManagers.push(m);
    for (const se of group) se.manager = m;
  }
  // Extra specialists (to reach an exact head count) report to the last managers.
  allSes.slice(next).forEach((se, i) => {
    se.manager = seManagers[seManagers.length - 1 - (i % seManagers.length)] ?? null;
  });
  const seDirectors: DemoPerson[] = [];
  const directorSizes = evenSplit(seManagers.length, shape.seDirectorCount);
  next = 0;
  for (const size of directorSizes) {
    const d = newPerson('SE_DIRECTOR', 'us-tier1', 2);
    d.level = 'M2';
    sePay(d, 'M2');
    seDirectors.push(d);
    for (const m of seManagers.slice(next, next + size)) m.manager = d;
    next += size;
  }

  // Sales directors over ~3 territories.
  const aeDirectors: DemoPerson[] = [];
  const aeDirectorSizes = evenSplit(territories.length, shape.aeDirectorCount);
  next = 0;
  for (const size of aeDirectorSizes) {
    const group = territories.slice(next, next + size);
    next += size;
    const d = newPerson('AE_DIRECTOR', group[0]?.shape.region === 'emea' ? 'uk' : 'us-tier1', 2);
    d.level = 'SM2';
    const avgOte =
      group.reduce((sum, t) => sum + t.aes.reduce((s, a) => s + a.quotaUsd / AE_QUOTA_TO_OTE, 0) / Math.max(1, t.aes.length), 0) /
      Math.max(1, group.length);
    payFromOte(d, avgOte * AE_DIRECTOR_OTE_FACTOR, AE_LEADER_VARIABLE_SHARE);
    aeDirectors.push(d);
    for (const t of group) t.manager.manager = d;
  }

  // Mid-year AE hires: new business roles in ENT and MM; one on the 16th, one on a month's last day.
  const hireCandidates = rng.shuffled(territories.filter((t) => t.shape.segment !== 'SMB').flatMap((t) => t.aes));
  const hireCount = Math.min(hireCandidates.length, Math.max(1, Math.round(shape.aeCount * AE_HIRE_SHARE)));
  const hiredAes = hireCandidates.slice(0, hireCount);
  hiredAes.forEach((ae, k) => {
    const month = k % 2 === 0 ? 3 + rng.int(6) : rng.pick([3, 5, 7, 8]);
    const day = k % 2 === 0 ? 16 : 31;
    ae.hireDay = dayNumber(fiscalYear, month, day);
    ae.levelSinceDay = ae.hireDay;
  });

  // SE leavers (at most one per territory, only where the team can absorb it), each replaced.
  const leaverTerritories = rng.shuffled(territories.filter((t) => leaverEligible(t.shape))).slice(0, shape.leaverCount);
  const leavers: DemoPerson[] = [];
  const replacements: DemoPerson[] = [];
  for (const t of leaverTerritories) {
    const leaver = rng.pick(t.ses);
    const endMonth = 5 + rng.int(5);
    leaver.endDay = dayNumber(fiscalYear, endMonth, daysInMonth(fiscalYear, endMonth));
    leavers.push(leaver);
    const r = newPerson('SE', leaver.location, 1);
    r.level = leaver.level;
    r.hireDay = addMonths(leaver.endDay + 1, 1);
    r.levelSinceDay = r.hireDay;
    r.territory = leaver.territory;
    r.team = leaver.team;
    r.plan = leaver.plan;
    r.manager = leaver.manager;
    sePay(r, SE_LEVELS.find((l) => l === leaver.level) ?? 'SE2');
    t.ses.push(r);
    for (const pod of t.pods) if (pod.ses.includes(leaver)) pod.ses.push(r);
    replacements.push(r);
  }

  // Ids in role order; people.csv is sorted by id.
  const width = (n: number): number => Math.max(3, String(n).length);
  const aes = territories.flatMap((t) => t.aes);
  aes.forEach((p, i) => (p.id = `ae-${String(i + 1).padStart(width(aes.length), '0')}`));
  const ses = [...regularSes, ...specialists, ...replacements];
  ses.forEach((p, i) => (p.id = `se-${String(i + 1).padStart(width(ses.length), '0')}`));
  territories.forEach((t, i) => (t.manager.id = `aem-${String(i + 1).padStart(width(territories.length), '0')}`));
  aeDirectors.forEach((p, i) => (p.id = `aed-${String(i + 1).padStart(width(aeDirectors.length), '0')}`));
  seManagers.forEach((p, i) => (p.id = `sem-${String(i + 1).padStart(width(seManagers.length), '0')}`));
  seDirectors.forEach((p, i) => (p.id = `sed-${String(i + 1).padStart(width(seDirectors.length), '0')}`));
  for (const t of territories) for (const ae of t.aes) ae.manager = t.manager;
  for (const p of [...seManagers, ...seDirectors, ...aeDirectors, ...territories.map((t) => t.manager)]) {
    if (p.levelSinceDay < p.hireDay) p.levelSinceDay = p.hireDay;
  }

  const people = [
    ...aes,
    ...aeDirectors,
    ...territories.map((t) => t.manager),
    ...ses,
    ...seDirectors,
    ...seManagers,
  ];
  return {
    fiscalYear,
    yearStart,
    yearEnd,
    territories,
    people,
    aes,
    ses,
    specialists,
    seManagers,
    seDirectors,
    aeDirectors,
    leavers,
    hiredAes,
  };
}

/** Whether a person is employed on a day. */
export function isActive(person: DemoPerson, day: number): boolean {
  return person.hireDay <= day && (person.endDay === null || day <= person.endDay);
}
