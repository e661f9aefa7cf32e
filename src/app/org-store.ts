/**
 * Org data in the database: import an org folder's files as a new version (validated exactly as the
 * command line validates a folder — every file, every payout period — all or nothing) and export a
 * version back as an org folder, byte for byte.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Engine } from '../core/calculate.js';
import type { Org, Problem } from '../core/model.js';
import { sortProblems } from '../core/problems.js';
import type { Db } from '../db/connect.js';
import { appendAudit } from '../db/repositories/audit.js';
import { lockFor } from '../db/repositories/locks.js';
import { currentVersion, getVersion, insertVersion, versionFiles, versionPeople } from '../db/repositories/org-versions.js';
import { CAREER_FILES } from '../io/career-schemas.js';
import { ORG_FILES, readCareerTexts, readOrgTexts } from '../io/load-org.js';
import { parseCareer } from '../io/parse-career.js';
import { parseOrg } from '../io/parse-org.js';
import { faultPoint } from './fault.js';
import { InvalidInputError } from './org-session.js';

/** The clock the server reads (tests pass their own). */
export type Clock = () => Date;

const KNOWN = new Set<string>([...ORG_FILES, ...CAREER_FILES]);

/** True for a path an org folder may hold: the known files and plans/*.yaml. */
export function isOrgPath(path: string): boolean {
  return KNOWN.has(path) || /^plans\/[^/]+\.ya?ml$/.test(path);
}

/** sha256 over the files in path order (path, NUL, content, NUL). */
export function filesHash(files: ReadonlyMap<string, string>): string {
  const h = createHash('sha256');
  for (const [path, content] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) h.update(`${path}\u0000${content}\u0000`);
  return h.digest('hex');
}

export interface ValidatedFiles {
  readonly org: Org;
  readonly warnings: readonly Problem[];
}

/** What checking an org folder's files found: the org when its files parse, every problem, the payout periods. */
export interface FileCheck {
  readonly org: Org | undefined;
  /** Every problem, errors and warnings, sorted. */
  readonly problems: readonly Problem[];
  /** The payout periods calculated (their labels, in calendar order): empty when the files do not parse. */
  readonly periods: readonly string[];
}

/**
 * Checks an org folder's files as `tandem validate` does: every file (the ladder side too) and
 * every payout period. Never throws for bad input: the problems are the answer.
 */
export function checkFiles(files: ReadonlyMap<string, string>): FileCheck {
  const problems: Problem[] = [];
  for (const path of files.keys()) {
    if (!isOrgPath(path)) problems.push({ severity: 'error', file: path, line: 1, column: '1', message: `${path} is not a file of an org folder (org.yaml, people.csv, deals.csv, plans/*.yaml, …)` });
  }
  const parsed = parseOrg(files);
  problems.push(...parsed.problems);
  const org = parsed.org;
  const periods = new Map<string, number>();
  if (org) {
    const result = Engine.create(org).calculateAll();
    problems.push(...result.problems);
    for (const s of result.statements) periods.set(s.period.label, s.period.from);
    const dealIds = new Set(org.deals.map((d) => d.id));
    problems.push(...parseCareer(files, { currency: org.settings.currency, people: org.people, hasDeal: (id) => dealIds.has(id) }).problems);
  }
  const inOrder = [...periods].sort(([a, x], [b, y]) => x - y || (a < b ? -1 : a > b ? 1 : 0)).map(([label]) => label);
  return { org, problems: sortProblems(problems), periods: inOrder };
}

/**
 * Validates an org folder's files as `tandem validate` does: every file (the ladder side too) and
 * every payout period. Throws InvalidInputError with every problem.
 */
export function validateFiles(files: ReadonlyMap<string, string>, where: string): ValidatedFiles {
  const { org, problems } = checkFiles(files);
  if (!org || problems.some((p) => p.severity === 'error')) throw new InvalidInputError(problems, where);
  return { org, warnings: problems };
}

export interface ImportResult {
  readonly versionId: number;
  /** True when the files equal the current version's: nothing was stored. */
  readonly unchanged: boolean;
  readonly warnings: readonly Problem[];
}

/** Imports files as a new version (or reports they equal the current one). All or nothing. */
export async function importFiles(store: Db, files: ReadonlyMap<string, string>, options: { actorId: number | null; note: string; clock: Clock; where: string }): Promise<ImportResult> {
  const { org, warnings } = validateFiles(files, options.where);
  const sha = filesHash(files);
  return store.db.transaction().execute(async (trx) => {
    await lockFor(trx, store.dialect, 'org');
    const current = await currentVersion(trx);
    if (current?.sha256 === sha) return { versionId: current.id, unchanged: true, warnings };
    const at = options.clock().toISOString();
    const versionId = await insertVersion(trx, {
      createdAt: at,
      createdBy: options.actorId,
      sha256: sha,
      orgName: org.settings.name,
      note: options.note,
      files,
      people: org.people.map((p) => ({ id: p.id, name: p.name, email: '', role: p.role, level: p.level, managerId: p.managerId, attrs: p.attrs })),
    });
    await faultPoint('import.inside-transaction');
    await appendAudit(trx, store.dialect, at, { actorId: options.actorId, action: 'org.import', entity: 'org_version', entityId: String(versionId), after: { sha256: sha, files: files.size, people: org.people.length, note: options.note } });
    return { versionId, unchanged: false, warnings };
  });
}

/** A person as an import preview names them. */
export interface PreviewPerson {
  readonly id: string;
  readonly name: string;
}

/** What an import would do, found without storing anything. */
export interface ImportPreview {
  /** True when importing these files would succeed (no errors; warnings allowed). */
  readonly valid: boolean;
  /** Every problem, errors and warnings, exactly as the import would report them. */
  readonly problems: readonly Problem[];
  /** What the files hold; null when they do not parse as an org. */
  readonly summary: {
    readonly org_name: string;
    readonly currency: string;
    readonly files: number;
    readonly people: number;
    readonly plans: readonly { readonly id: string; readonly name: string; readonly file: string }[];
    readonly deals: number;
    readonly periods: readonly string[];
  } | null;
  /** Against the current version (all added when there is none). */
  readonly changes: {
    readonly base_version_id: number | null;
    /** True when the files equal the current version's: an import would store nothing. */
    readonly unchanged: boolean;
    readonly files: { readonly added: readonly string[]; readonly changed: readonly string[]; readonly removed: readonly string[] };
    /** People added, removed, or with another name, role, level or manager; null when the files do not parse. */
    readonly people: {
      readonly added: readonly PreviewPerson[];
      readonly removed: readonly PreviewPerson[];
      readonly changed: readonly (PreviewPerson & { readonly fields: readonly string[] })[];
    } | null;
  };
}

const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Checks files exactly as an import would (the same validation) and compares them with the current
 * version — and stores nothing: no version, no audit event.
 */
export async function previewFiles(store: Db, files: ReadonlyMap<string, string>): Promise<ImportPreview> {
  const { org, problems, periods } = checkFiles(files);
  const current = await currentVersion(store.db);
  const before = current ? await versionFiles(store.db, current.id) : new Map<string, string>();
  const paths = [...new Set([...files.keys(), ...before.keys()])].sort(byPath);
  const added = paths.filter((p) => files.has(p) && !before.has(p));
  const removed = paths.filter((p) => !files.has(p) && before.has(p));
  const changed = paths.filter((p) => files.has(p) && before.has(p) && files.get(p) !== before.get(p));
  let people: ImportPreview['changes']['people'] = null;
  if (org) {
    const old = new Map((current ? await versionPeople(store.db, current.id) : []).map((p) => [p.id, p]));
    const now = new Map(org.people.map((p) => [p.id, p]));
    const ids = [...new Set([...old.keys(), ...now.keys()])].sort(byPath);
    const out = { added: [] as PreviewPerson[], removed: [] as PreviewPerson[], changed: [] as (PreviewPerson & { fields: string[] })[] };
    for (const id of ids) {
      const a = old.get(id);
      const b = now.get(id);
      if (!a && b) out.added.push({ id, name: b.name });
      else if (a && !b) out.removed.push({ id, name: a.name });
      else if (a && b) {
        const fields = (
          [
            ['name', a.name, b.name],
            ['role', a.role, b.role],
            ['level', a.level, b.level],
            ['manager_id', a.managerId, b.managerId],
          ] as const
        )
          .filter(([, x, y]) => x !== y)
          .map(([f]) => f);
        if (fields.length > 0) out.changed.push({ id, name: b.name, fields });
      }
    }
    people = out;
  }
  return {
    valid: org !== undefined && !problems.some((p) => p.severity === 'error'),
    problems,
    summary: org
      ? {
          org_name: org.settings.name,
          currency: org.settings.currency,
          files: files.size,
          people: org.people.length,
          plans: org.plans.map((p) => ({ id: p.id, name: p.name, file: p.file })),
          deals: org.deals.length,
          periods,
        }
      : null,
    changes: { base_version_id: current?.id ?? null, unchanged: current?.sha256 === filesHash(files), files: { added, changed, removed }, people },
  };
}

/** Reads an org folder from disk (every file Tandem knows) for import. */
export async function readFolder(dir: string): Promise<Map<string, string>> {
  const texts = await readOrgTexts(dir);
  for (const [k, v] of await readCareerTexts(dir)) texts.set(k, v);
  return texts;
}

/** Writes a version (default: the current one) as an org folder; `dir` must be new or empty. */
export async function exportVersion(store: Db, dir: string, versionId?: number): Promise<{ versionId: number; files: number }> {
  const version = versionId === undefined ? await currentVersion(store.db) : await getVersion(store.db, versionId);
  if (!version) throw new ExportError(versionId === undefined ? 'the database holds no org yet: import one first (tandem import ORG_FOLDER)' : `there is no org version ${versionId}`);
  const existing = await readdir(dir).catch(() => [] as string[]);
  if (existing.length > 0) throw new ExportError(`${dir} is not empty: export writes a whole org folder into a new or empty folder`);
  const files = await versionFiles(store.db, version.id);
  for (const [path, content] of files) {
    const target = join(dir, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return { versionId: version.id, files: files.size };
}

/** An export that cannot be done as asked (exit code 1 on the command line). */
export class ExportError extends Error {}
