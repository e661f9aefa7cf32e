/**
 * The main job behind `npm start`: on an empty database, import the demo org, create one demo user
 * per role, and calculate, approve and publish the last complete quarter — so a first look at
 * Tandem has a real org, real logins and a published statement to open.
 */
import { DEMO_DEFAULT_SEED, generateDemoOrg } from '../core/demo/generate-demo-org.js';
import { latestCompleteQuarter } from '../core/periods.js';
import type { Db } from '../db/connect.js';
import { currentVersion, versionPeople, type PersonRecord } from '../db/repositories/org-versions.js';
import { orgTexts } from '../io/write-org-files.js';
import { importFiles, type Clock } from './org-store.js';
import { approveRun, createRun, publishRun, type RunSummary } from './runs.js';
import { createUser } from './users.js';

export type DemoRole = 'admin' | 'leader' | 'manager' | 'member';

export interface DemoLogin {
  readonly role: DemoRole;
  readonly username: string;
  /** The people.csv id the account is, or null. */
  readonly personId: string | null;
  readonly name: string;
}

export interface Bootstrap {
  /** False when the database already held an org: nothing was changed. */
  readonly created: boolean;
  readonly logins: readonly DemoLogin[];
  readonly run: RunSummary | null;
}

/**
 * Picks the demo accounts from the org's people: the leader is the SE director, the manager an SE
 * manager with reports, the member one of that manager's SEs.
 */
export function demoAccounts(people: readonly PersonRecord[]): DemoLogin[] {
  const byRole = (role: string) => people.filter((p) => p.role === role);
  const director = byRole('SE_DIRECTOR')[0];
  const manager = byRole('SE_MANAGER').find((m) => people.some((p) => p.managerId === m.id && p.role === 'SE'));
  const member = manager ? people.find((p) => p.managerId === manager.id && p.role === 'SE') : byRole('SE')[0];
  const login = (role: DemoRole, p: PersonRecord | undefined): DemoLogin => ({ role, username: role, personId: p?.id ?? null, name: p?.name ?? 'Comp operations' });
  return [login('admin', undefined), login('leader', director), login('manager', manager), login('member', member)];
}

export async function bootstrapDemo(store: Db, options: { clock: Clock; password: string }): Promise<Bootstrap> {
  if (await currentVersion(store.db)) return { created: false, logins: [], run: null };
  const today = options.clock();
  const quarter = latestCompleteQuarter(today, { startMonth: 1, label: 'end' });
  const files = orgTexts(generateDemoOrg({ seed: DEMO_DEFAULT_SEED, size: 'standard', fiscalYear: quarter.fy }));
  const imported = await importFiles(store, files, { actorId: null, note: `demo org (seed ${DEMO_DEFAULT_SEED}, fiscal year ${quarter.fy})`, clock: options.clock, where: 'the demo org' });
  const logins = demoAccounts(await versionPeople(store.db, imported.versionId));
  let adminId: number | null = null;
  for (const l of logins) {
    const { id } = await createUser(store, { username: l.username, password: options.password, role: l.role, personId: l.personId }, { actorId: adminId, clock: options.clock });
    if (l.role === 'admin') adminId = id;
  }
  const { run } = await createRun(store, quarter.label, { actorId: adminId, clock: options.clock });
  await approveRun(store, run.id, { actorId: adminId, clock: options.clock });
  const published = await publishRun(store, run.id, { actorId: adminId, clock: options.clock });
  return { created: true, logins, run: published };
}
