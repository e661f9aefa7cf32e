/**
 * Turns the texts of ladder.yaml and the people files into a validated `Career`, or into every
 * problem found (FILE:LINE:COLUMN). No file system here (see load-org.ts).
 *
 * Errors: ids defined twice; a level in two tracks, in none, or in a track other than its own; a
 * fork from a missing level; a path to a missing level; an unknown competency; a rating outside 0–5;
 * a level change, band or conversation naming a level the ladder does not have; rows naming a
 * person (or a deal) the org does not have.
 */
import type { Person, Problem } from '../core/model.js';
import type { Activity, Assessment, Band, Career, Conversation, EvaluationItem, Ladder, Level, LevelChange, Track } from '../core/ladder/model.js';
import { sortProblems } from '../core/problems.js';
import { ZERO } from '../core/rational.js';
import { CAREER_CSV_FILES, careerCsvSchemas, ladderSchema, type CareerCsvKind } from './career-schemas.js';
import { yamlIssues } from './parse-org.js';
import { anyTextSchemas, nonEmptyTextSchemas, plainDecimalSchemas } from './schemas.js';
import { readTable, type TableSpec } from './table.js';
import { formatPath, readYaml } from './yaml.js';

export interface LadderParse {
  readonly ladder: Ladder | undefined;
  readonly problems: readonly Problem[];
}

/** Parses and checks a ladder.yaml text. `file` names it in messages. */
export function parseLadder(file: string, text: string): LadderParse {
  const problems: Problem[] = [];
  const yaml = readYaml(file, text);
  problems.push(...yaml.problems);
  if (yaml.problems.length > 0) return { ladder: undefined, problems: sortProblems(problems) };
  const parsed = ladderSchema.safeParse(yaml.value);
  if (!parsed.success) return { ladder: undefined, problems: sortProblems(yamlIssues(file, yaml, parsed.error.issues)) };
  const l = parsed.data;
  const at = (path: readonly PropertyKey[], message: string) => problems.push({ severity: 'error', file, line: yaml.lineOf(path), column: formatPath(path), message });

  const competencyIds = new Set<string>();
  l.competencies.forEach((c, i) => {
    if (competencyIds.has(c.id)) at(['competencies', i, 'id'], `competency "${c.id}" is defined twice`);
    competencyIds.add(c.id);
  });
  const levelIds = new Set<string>();
  l.levels.forEach((lv, i) => {
    if (levelIds.has(lv.id)) at(['levels', i, 'id'], `level "${lv.id}" is defined twice`);
    levelIds.add(lv.id);
  });
  const trackIds = new Set<string>();
  const trackOf = new Map<string, string>();
  l.tracks.forEach((t, i) => {
    if (trackIds.has(t.id)) at(['tracks', i, 'id'], `track "${t.id}" is defined twice`);
    trackIds.add(t.id);
    t.levels.forEach((id, j) => {
      const other = trackOf.get(id);
      if (other !== undefined) at(['tracks', i, 'levels', j], other === t.id ? `level "${id}" is listed twice in track "${t.id}"` : `level "${id}" is in two tracks, "${other}" and "${t.id}": a level belongs to one track`);
      else trackOf.set(id, t.id);
      if (!levelIds.has(id)) at(['tracks', i, 'levels', j], `level "${id}" is listed in track "${t.id}" but not defined under levels:`);
    });
  });
  l.tracks.forEach((t, i) => {
    if (t.fork_from === undefined) return;
    if (!levelIds.has(t.fork_from)) at(['tracks', i, 'fork_from'], `track "${t.id}" forks from level "${t.fork_from}", which the ladder does not define`);
    else if (trackOf.get(t.fork_from) === t.id) at(['tracks', i, 'fork_from'], `track "${t.id}" forks from its own level "${t.fork_from}": fork_from names a level of another track`);
  });
  l.levels.forEach((lv, i) => {
    if (!trackIds.has(lv.track)) at(['levels', i, 'track'], `track "${lv.track}" is not defined under tracks: (tracks: ${[...trackIds].join(', ')})`);
    else if (trackOf.get(lv.id) === undefined) at(['levels', i, 'id'], `level "${lv.id}" says track "${lv.track}" but is not in that track's levels: list`);
    else if (trackOf.get(lv.id) !== lv.track) at(['levels', i, 'track'], `level "${lv.id}" says track "${lv.track}" but is listed in track "${trackOf.get(lv.id) ?? ''}"`);
    const seen = new Set<string>();
    (lv.evaluation ?? []).forEach((e, j) => {
      if (!competencyIds.has(e.competency)) at(['levels', i, 'evaluation', j, 'competency'], `unknown competency "${e.competency}" (competencies: ${[...competencyIds].join(', ')})`);
      if (seen.has(e.competency)) at(['levels', i, 'evaluation', j, 'competency'], `competency "${e.competency}" is evaluated twice at level "${lv.id}"`);
      seen.add(e.competency);
    });
    (lv.path_forward?.next ?? []).forEach((id, j) => {
      if (!levelIds.has(id)) at(['levels', i, 'path_forward', 'next', j], `path_forward names level "${id}", which the ladder does not define`);
      if (id === lv.id) at(['levels', i, 'path_forward', 'next', j], `level "${id}" names itself as its next level`);
    });
  });
  if (problems.length > 0) return { ladder: undefined, problems: sortProblems(problems) };

  const tracks: Track[] = l.tracks.map((t, i) => ({
    id: t.id,
    name: t.name ?? t.id,
    kind: t.kind ?? (t.id === 'management' ? 'management' : 'ic'),
    levels: t.levels,
    forkFrom: t.fork_from,
    line: yaml.lineOf(['tracks', i]),
  }));
  const levels: Level[] = l.levels.map((lv, i) => ({
    id: lv.id,
    track: lv.track,
    title: lv.title ?? lv.id,
    grade: lv.grade,
    newAtThisLevel: lv.new_at_this_level ?? [],
    evaluation: (lv.evaluation ?? []).map(
      (e, j): EvaluationItem => ({
        competency: e.competency,
        expectation: e.expectation,
        behaviours: e.behaviours ?? [],
        evidence: (e.evidence ?? []).map((r, k) => ({ type: r.type, atLeast: r.at_least, windowQuarters: r.window_quarters, line: yaml.lineOf(['levels', i, 'evaluation', j, 'evidence', k]) })),
        line: yaml.lineOf(['levels', i, 'evaluation', j]),
      }),
    ),
    promotion: lv.promotion ? { sustainedQuarters: lv.promotion.sustained_quarters, reviewers: lv.promotion.reviewers ?? [] } : undefined,
    pathForward: lv.path_forward
      ? { next: lv.path_forward.next ?? [], topOfBand: lv.path_forward.top_of_band ?? '', inBandGrowth: lv.path_forward.in_band_growth ?? '', line: yaml.lineOf(['levels', i, 'path_forward']) }
      : undefined,
    line: yaml.lineOf(['levels', i]),
  }));
  const ladder: Ladder = {
    id: l.id,
    name: l.name ?? l.id,
    version: l.version ?? '',
    competencies: l.competencies.map((c, i) => ({ id: c.id, name: c.name ?? c.id, group: c.group ?? '', line: yaml.lineOf(['competencies', i]) })),
    tracks,
    levels,
    shareBands: l.share_bands ?? false,
    file,
  };
  return { ladder, problems: [] };
}

/** What the people files are checked against: the org's people and deals, when there is an org. */
export interface CareerContext {
  readonly currency: string;
  readonly people?: readonly Person[];
  readonly hasDeal?: (id: string) => boolean;
}

export interface CareerParse {
  /** Present only when there is no error. */
  readonly career: Career | undefined;
  readonly problems: readonly Problem[];
}

function tableSpec(kind: CareerCsvKind): TableSpec {
  const spec = CAREER_CSV_FILES[kind];
  return {
    file: spec.file,
    required: spec.required,
    aliases: {},
    mapping: undefined,
    values: undefined,
    capture: [],
    keep: () => false,
    intern: 'all',
    cellKind: (cell) => (anyTextSchemas.has(cell) ? 'any' : nonEmptyTextSchemas.has(cell) ? 'non-empty' : plainDecimalSchemas.has(cell) ? 'decimal' : 'full'),
  };
}

/**
 * Parses ladder.yaml and the people files held in `texts` (path → text); files that are absent give
 * empty lists. With `context.people`, person ids are checked; with `context.hasDeal`, deal ids.
 */
export function parseCareer(texts: ReadonlyMap<string, string>, context: CareerContext): CareerParse {
  const problems: Problem[] = [];
  const ladderText = texts.get('ladder.yaml');
  const parsedLadder = ladderText === undefined ? undefined : parseLadder('ladder.yaml', ladderText);
  if (parsedLadder) problems.push(...parsedLadder.problems);
  const ladder = parsedLadder?.ladder;
  const ladderBroken = parsedLadder !== undefined && ladder === undefined;
  const levelIds = new Set(ladder?.levels.map((l) => l.id) ?? []);
  const competencyIds = new Set(ladder?.competencies.map((c) => c.id) ?? []);
  const personIds = context.people ? new Set(context.people.map((p) => p.id)) : undefined;

  const read = <K extends CareerCsvKind, T>(kind: K, build: (row: ReturnType<(typeof careerCsvSchemas)[K]['parse']>, line: number) => T): T[] => {
    const file = CAREER_CSV_FILES[kind].file;
    const text = texts.get(file);
    if (text === undefined) return [];
    const result = readTable(text, tableSpec(kind), careerCsvSchemas[kind], (row, line) => build(row as ReturnType<(typeof careerCsvSchemas)[K]['parse']>, line));
    problems.push(...result.problems);
    return result.rows;
  };
  const error = (file: string, line: number, column: string, message: string) => problems.push({ severity: 'error', file, line, column, message });
  /** Checks that a level id is in the ladder (skipped while the ladder itself is broken). */
  const checkLevel = (file: string, line: number, column: string, id: string) => {
    if (ladderBroken || id === '') return;
    if (!ladder) error(file, line, column, `level "${id}" needs a ladder: ${file} names ladder levels, and this org folder has no ladder.yaml`);
    else if (!levelIds.has(id)) error(file, line, column, `level "${id}" is not in the ladder (levels: ${[...levelIds].join(', ')})`);
  };
  const checkPerson = (file: string, line: number, column: string, id: string) => {
    if (personIds && id !== '' && !personIds.has(id)) error(file, line, column, `person "${id}" is not in people.csv`);
  };

  const bands = read('bands', (r, line): Band => {
    checkLevel('bands.csv', line, 'level', r.level);
    if (r.base_min.gt(r.base_mid)) error('bands.csv', line, 'base_mid', `base_mid ${r.base_mid.toFraction()} is below base_min ${r.base_min.toFraction()}`);
    if (r.base_mid.gt(r.base_max)) error('bands.csv', line, 'base_max', `base_max ${r.base_max.toFraction()} is below base_mid ${r.base_mid.toFraction()}`);
    return { level: r.level, location: r.location, currency: r.currency ?? context.currency, baseMin: r.base_min, baseMid: r.base_mid, baseMax: r.base_max, targetIncentivePct: r.target_incentive_pct, effectiveFrom: r.effective_from, line };
  });
  const bandKeys = new Map<string, number>();
  for (const b of bands) {
    const key = `${b.level}\u0000${b.location}\u0000${b.effectiveFrom ?? ''}`;
    const first = bandKeys.get(key);
    if (first !== undefined) error('bands.csv', b.line, 'level', `a band for level "${b.level}"${b.location ? ` in ${b.location}` : ''} from the same date is already on line ${first}`);
    else bandKeys.set(key, b.line);
  }

  const activities = read('activities', (r, line): Activity => {
    checkPerson('activities.csv', line, 'person_id', r.person_id);
    if (r.deal_id !== '' && context.hasDeal && !context.hasDeal(r.deal_id)) error('activities.csv', line, 'deal_id', `deal "${r.deal_id}" is not in deals.csv`);
    return { id: r.id, personId: r.person_id, date: r.date, type: r.type, dealId: r.deal_id, hours: r.hours ?? ZERO, note: r.note, line };
  });

  const assessments = read('assessments', (r, line): Assessment => {
    checkPerson('assessments.csv', line, 'person_id', r.person_id);
    checkPerson('assessments.csv', line, 'assessor_id', r.assessor_id);
    if (!ladderBroken) {
      if (!ladder) error('assessments.csv', line, 'competency', 'assessments rate ladder competencies, and this org folder has no ladder.yaml');
      else if (!competencyIds.has(r.competency)) error('assessments.csv', line, 'competency', `unknown competency "${r.competency}" (competencies: ${[...competencyIds].join(', ')})`);
    }
    return { personId: r.person_id, date: r.date, assessorId: r.assessor_id, assessorRole: r.assessor_role, competency: r.competency, rating: r.rating, evidence: r.evidence, line };
  });

  const levelHistory = read('level_history', (r, line): LevelChange => {
    checkPerson('level_history.csv', line, 'person_id', r.person_id);
    checkLevel('level_history.csv', line, 'to_level', r.to_level);
    checkLevel('level_history.csv', line, 'from_level', r.from_level);
    if (r.kind !== 'hire' && r.from_level === '') error('level_history.csv', line, 'from_level', `a ${r.kind} needs the level it is from`);
    if (r.from_level !== '' && r.from_level === r.to_level) error('level_history.csv', line, 'to_level', `from_level and to_level are both "${r.to_level}": a level change changes the level`);
    return { personId: r.person_id, date: r.date, fromLevel: r.from_level, toLevel: r.to_level, kind: r.kind, packet: r.packet, line };
  });

  const conversations = read('conversations', (r, line): Conversation => {
    checkPerson('conversations.csv', line, 'person_id', r.person_id);
    checkPerson('conversations.csv', line, 'with_id', r.with_id);
    checkLevel('conversations.csv', line, 'next_level', r.next_level);
    return { personId: r.person_id, date: r.date, withId: r.with_id, path: r.path, nextLevel: r.next_level, notes: r.notes, line };
  });

  const hasError = problems.some((p) => p.severity === 'error');
  const career: Career = { ladder, bands, activities, assessments, levelHistory, conversations };
  return { career: hasError ? undefined : career, problems: sortProblems(problems) };
}

