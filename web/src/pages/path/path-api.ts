/**
 * What the path and team pages read from the API, typed from the server's schemas and the core's
 * readiness JSON (never re-declared), and the small helpers they share.
 */
import type { z } from 'zod';
import type { CompetencyJson, ReadinessJson } from '../../../../src/core/ladder/person-reports';
import type { careerSchema, ladderSchema, teamSchema } from '../../../../src/server/schemas';

export type { CompetencyJson, ReadinessJson };

/** GET /api/org/people/{id}/career. */
export type Career = z.infer<typeof careerSchema>;
export type EvidenceLevel = Career['evidence'][number];
export type EvidenceItem = EvidenceLevel['items'][number];
export type BandPosition = NonNullable<Career['band_position']>;
/** GET /api/ladder. */
export type Ladder = z.infer<typeof ladderSchema>;
export type LadderLevel = Ladder['levels'][number];
/** GET /api/team. */
export type Team = z.infer<typeof teamSchema>;
export type TeamMember = Team['items'][number];

/** Where a person's path pages live: `/path` for oneself, `/team/{id}` for a report. */
export interface PathBase {
  readonly personId: string;
  /** True on one's own pages (the text says "you"). */
  readonly self: boolean;
  /** The URL the path pages hang from (no trailing slash). */
  readonly href: string;
}

export function careerPath(personId: string): string {
  return `/api/org/people/${encodeURIComponent(personId)}/career`;
}

export function readinessPath(personId: string, level: string): string {
  return `/api/org/people/${encodeURIComponent(personId)}/readiness?level=${encodeURIComponent(level)}`;
}

export function levelHref(base: PathBase, level: string): string {
  return `${base.href}/levels/${encodeURIComponent(level)}`;
}

/** `asset_published` → "asset published". */
export function humanize(id: string): string {
  return id.replace(/[_-]+/g, ' ');
}

/** "Staff SE (SE4)". */
export function levelName(title: string | null | undefined, id: string): string {
  return title === null || title === undefined || title === id ? id : `${title} (${id})`;
}

const PATHS: Readonly<Record<string, string>> = { ic: 'Individual contributor', management: 'Management', undecided: 'Undecided' };

export function pathChoice(path: string): string {
  return PATHS[path] ?? path;
}

const CHANGES: Readonly<Record<string, string>> = { hire: 'Hired', promotion: 'Promotion', lateral: 'Lateral move', track_change: 'Track change' };

export function changeKind(kind: string): string {
  return CHANGES[kind] ?? humanize(kind);
}

/** Met, a gap, or not assessable (the data does not cover the whole window). */
export type EvidenceStatus = 'met' | 'gap' | 'no data';

export function evidenceStatus(e: { readonly met: boolean; readonly assessable: boolean }): EvidenceStatus {
  if (!e.assessable) return 'no data';
  return e.met ? 'met' : 'gap';
}

/** What a competency gap consists of, in words, from the readiness JSON. */
export function gapParts(g: CompetencyJson): string[] {
  const parts: string[] = [];
  if (!g.rating_met) parts.push(g.rating === null ? `no rating yet (the minimum is ${g.expected})` : `rated ${g.rating}, the minimum is ${g.expected}`);
  for (const e of g.evidence) if (!e.met) parts.push(`${humanize(e.type)}: ${e.found} of ${e.required} over ${e.window}`);
  return parts;
}
