/**
 * What the admin pages read from the API, typed from the server's own schemas, and the small
 * helpers they share: whole lists (every page), people's and accounts' names, and how statuses,
 * diff lines and audit actions are said to people.
 */
import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import type {
  auditEventSchema,
  auditVerifySchema,
  importPreviewSchema,
  importResultSchema,
  inquirySchema,
  inquiryThreadSchema,
  personSchema,
  runCreatedSchema,
  runDiffSchema,
  runSchema,
  userSchema,
  versionSchema,
} from '../../../../src/server/schemas';
import type { problemSchema } from '../../../../src/server/errors';
import { ApiProblem } from '../../api';
import { allPages } from '../../useApi';

export type Run = z.infer<typeof runSchema>;
export type RunCreated = z.infer<typeof runCreatedSchema>;
export type RunDiff = z.infer<typeof runDiffSchema>;
export type PersonChange = RunDiff['diff']['changes'][number];
export type Version = z.infer<typeof versionSchema>;
export type ImportPreview = z.infer<typeof importPreviewSchema>;
export type ImportResult = z.infer<typeof importResultSchema>;
export type FileProblem = z.infer<typeof problemSchema>;
export type Inquiry = z.infer<typeof inquirySchema>;
export type InquiryThread = z.infer<typeof inquiryThreadSchema>;
export type User = z.infer<typeof userSchema>;
export type Person = z.infer<typeof personSchema>;
export type AuditEvent = z.infer<typeof auditEventSchema>;
export type AuditVerify = z.infer<typeof auditVerifySchema>;

export interface Loadable<T> {
  readonly data: T | undefined;
  readonly problem: ApiProblem | undefined;
  readonly loading: boolean;
  readonly reload: () => void;
}

function asProblem(e: unknown, what: string): ApiProblem {
  return e instanceof ApiProblem ? e : new ApiProblem(0, 'unknown', `${what} could not be loaded. Reload the page.`);
}

/** Every item of a paginated list (null: nothing to load). */
export function useAll<T>(path: string | null, what: string): Loadable<readonly T[]> {
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<{ data: readonly T[] | undefined; problem: ApiProblem | undefined; loading: boolean }>({ data: undefined, problem: undefined, loading: path !== null });
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setState((s) => ({ ...s, problem: undefined, loading: true }));
    allPages<T>(path)
      .then((data) => live && setState({ data, problem: undefined, loading: false }))
      .catch((e: unknown) => live && setState({ data: undefined, problem: asProblem(e, what), loading: false }));
    return () => {
      live = false;
    };
  }, [path, tick, what]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** People of the current org version by id (for names beside ids); empty until loaded or when it fails. */
export function usePeopleNames(): ReadonlyMap<string, Person> {
  const people = useAll<Person>('/api/org/people', 'The people');
  const [names, setNames] = useState<ReadonlyMap<string, Person>>(new Map());
  useEffect(() => {
    if (people.data !== undefined) setNames(new Map(people.data.map((p) => [p.id, p])));
  }, [people.data]);
  return names;
}

/** "Daniel Moreau (sem-001)", or the id alone when the person is not in the current version. */
export function personLabel(names: ReadonlyMap<string, Person>, id: string): string {
  const p = names.get(id);
  return p === undefined ? id : `${p.name} (${id})`;
}

export const RUN_STATUS: Readonly<Record<Run['status'], { text: string; tone: string }>> = {
  draft: { text: 'Draft: to review', tone: 'warn' },
  approved: { text: 'Approved: not yet published', tone: 'info' },
  published: { text: 'Published', tone: 'good' },
};

export const INQUIRY_STATUS: Readonly<Record<Inquiry['status'], { text: string; tone: string }>> = {
  open: { text: 'Open: waiting for an answer', tone: 'warn' },
  answered: { text: 'Answered', tone: 'info' },
  resolved: { text: 'Resolved', tone: 'good' },
};

/** True for a decimal string that is zero ("0", "-0.00"): read from the string, never as a float. */
export function isZero(amount: string): boolean {
  return /^-?0*(\.0*)?$/.test(amount);
}

/** True for a negative decimal string. */
export function isNegative(amount: string): boolean {
  return amount.startsWith('-') && !isZero(amount);
}

/** A diff line as people say it: "Measure bookings", "SPIF fast-start on op-00042", "Adjustment (2026-Q3): reason". */
export function diffLineName(line: string): string {
  const [kind, ...rest] = line.split(':');
  if (kind === 'measure') return `Measure ${rest.join(':')}`;
  if (kind === 'spiff') return `SPIF ${rest[0] ?? ''} on ${rest.slice(1).join(':')}`;
  if (kind === 'adjustment') return `Adjustment (${rest[0] ?? ''}): ${rest.slice(1).join(':')}`;
  return line;
}

/** An inquiry line as people say it: "bookings", "SPIF fast-start", "Adjustment 1", "Total". */
export function inquiryLineName(line: string): string {
  if (line === 'total') return 'Total';
  if (line.startsWith('spiff:')) return `SPIF ${line.slice('spiff:'.length)}`;
  const adjustment = /^adjustment:(\d+)$/.exec(line);
  if (adjustment) return `Adjustment ${adjustment[1]}`;
  return `Measure ${line}`;
}

/** "people.csv:2:hire_date": where a problem is, as editors and `tandem validate` name it. */
export function where(p: FileProblem): string {
  return `${p.file}:${p.line}:${p.column}`;
}
