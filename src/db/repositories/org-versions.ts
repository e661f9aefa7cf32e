/** Org versions: the files of an org folder as imported, and its people as rows. Append-only. */
import type { Kysely, Transaction } from 'kysely';
import type { Database, OrgVersionRow } from '../schema.js';

type Q = Kysely<Database> | Transaction<Database>;

export interface NewVersion {
  readonly createdAt: string;
  readonly createdBy: number | null;
  readonly sha256: string;
  readonly orgName: string;
  readonly note: string;
  readonly files: ReadonlyMap<string, string>;
  readonly people: readonly { id: string; name: string; email: string; role: string; level: string; managerId: string; attrs: Readonly<Record<string, string>> }[];
}

/** Rows per insert statement (PostgreSQL allows 65,535 parameters per statement). */
const BATCH = 500;

export async function insertVersion(trx: Transaction<Database>, v: NewVersion): Promise<number> {
  const row = await trx
    .insertInto('org_versions')
    .values({ created_at: v.createdAt, created_by: v.createdBy, sha256: v.sha256, org_name: v.orgName, file_count: v.files.size, note: v.note })
    .returning('id')
    .executeTakeFirstOrThrow();
  const files = [...v.files].sort(([a], [b]) => (a < b ? -1 : 1)).map(([path, content]) => ({ version_id: row.id, path, content }));
  for (const f of files) await trx.insertInto('org_files').values(f).execute();
  const people = v.people.map((p) => ({ version_id: row.id, id: p.id, name: p.name, email: p.email, role: p.role, level: p.level, manager_id: p.managerId, attrs: JSON.stringify(p.attrs) }));
  for (let i = 0; i < people.length; i += BATCH) await trx.insertInto('people').values(people.slice(i, i + BATCH)).execute();
  return row.id;
}

/** The latest version, if any. */
export async function currentVersion(db: Q): Promise<OrgVersionRow | undefined> {
  return db.selectFrom('org_versions').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function getVersion(db: Q, id: number): Promise<OrgVersionRow | undefined> {
  return db.selectFrom('org_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listVersions(db: Q, limit: number, beforeId?: number): Promise<OrgVersionRow[]> {
  let q = db.selectFrom('org_versions').selectAll().orderBy('id', 'desc').limit(limit);
  if (beforeId !== undefined) q = q.where('id', '<', beforeId);
  return q.execute();
}

/** The files of a version: path → text. */
export async function versionFiles(db: Q, versionId: number): Promise<Map<string, string>> {
  const rows = await db.selectFrom('org_files').select(['path', 'content']).where('version_id', '=', versionId).orderBy('path').execute();
  return new Map(rows.map((r) => [r.path, r.content]));
}

export interface PersonRecord {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: string;
  readonly level: string;
  readonly managerId: string;
  readonly attrs: Readonly<Record<string, string>>;
}

export async function versionPeople(db: Q, versionId: number): Promise<PersonRecord[]> {
  const rows = await db.selectFrom('people').selectAll().where('version_id', '=', versionId).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, role: r.role, level: r.level, managerId: r.manager_id, attrs: JSON.parse(r.attrs) as Record<string, string> }));
}
