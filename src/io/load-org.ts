/**
 * Reads an org folder from disk and parses it (see parse-org.ts).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { CAREER_FILES } from './career-schemas.js';
import type { EncodedDealTeam } from './deal-team-codec.js';
import { parseCareer, type CareerParse } from './parse-career.js';
import { parseOrg, parseOrgWithTeam, type ParseOptions, type ParseResult } from './parse-org.js';

/** The files of an org folder Tandem reads (the ladder files join them with the ladder). */
export const ORG_FILES = [
  'org.yaml',
  'people.csv',
  'deals.csv',
  'deal_team.csv',
  'quotas.csv',
  'mbo.csv',
  'fx.csv',
  'adjustments.csv',
  'spiffs.yaml',
  'recognition.yaml',
] as const;

/** Thrown when the folder itself cannot be read (not when its files are invalid). */
export class OrgFolderError extends Error {}

/** Reads the texts of an org folder's files (all but those named in `skip`). */
export async function readOrgTexts(dir: string, skip: ReadonlySet<string> = new Set()): Promise<Map<string, string>> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new OrgFolderError(`${dir}: no such folder`);
  if (!info.isDirectory()) throw new OrgFolderError(`${dir}: not a folder (an org folder holds org.yaml, people.csv, deals.csv, …)`);
  const texts = new Map<string, string>();
  await Promise.all(
    ORG_FILES.filter((name) => !skip.has(name)).map(async (name) => {
      const text = await readFile(join(dir, name), 'utf8').catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return undefined;
        throw e;
      });
      if (text !== undefined) texts.set(name, text);
    }),
  );
  const planDir = join(dir, 'plans');
  const planNames = await readdir(planDir).catch(() => [] as string[]);
  for (const name of planNames.filter((n) => /\.ya?ml$/.test(n)).sort()) {
    texts.set(`plans/${name}`, await readFile(join(planDir, name), 'utf8'));
  }
  return texts;
}

/** A deal_team.csv at least this big is read by a worker thread, in parallel with deals.csv. */
const WORKER_THRESHOLD_BYTES = 16 * 1024 * 1024;

/**
 * Reads and validates an org folder. A large deal_team.csv is read and validated in a worker
 * thread while this thread reads everything else (the two big files then take the time of one);
 * the result is identical either way.
 */
export async function loadOrg(dir: string, options: ParseOptions = {}): Promise<ParseResult> {
  const teamPath = join(dir, 'deal_team.csv');
  const teamSize = (await stat(teamPath).catch(() => undefined))?.size ?? 0;
  if (teamSize < WORKER_THRESHOLD_BYTES) return parseOrg(await readOrgTexts(dir), options);
  const orgYaml = await readFile(join(dir, 'org.yaml'), 'utf8').catch(() => undefined);
  const team = readDealTeamInWorker(teamPath, orgYaml);
  // Do not leave a rejection unhandled while the rest is parsed; parseOrgWithTeam awaits it.
  team.catch(() => undefined);
  const texts = await readOrgTexts(dir, new Set(['deal_team.csv']));
  return parseOrgWithTeam(texts, team, options);
}

function readDealTeamInWorker(path: string, orgYaml: string | undefined): Promise<EncodedDealTeam> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./deal-team-worker.js', import.meta.url), { workerData: { path, orgYaml } });
    worker.once('message', (message: EncodedDealTeam) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the deal_team.csv reader stopped with exit code ${code}`));
    });
  });
}

/** deals.csv columns the ladder's evidence reads besides what plans need. */
export const EVIDENCE_DEAL_COLUMNS = ['segment', 'poc'] as const;

/** Reads the ladder-side files of an org folder that exist (ladder.yaml, bands.csv, …). */
export async function readCareerTexts(dir: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  await Promise.all(
    CAREER_FILES.map(async (name) => {
      const text = await readFile(join(dir, name), 'utf8').catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return undefined;
        throw e;
      });
      if (text !== undefined) texts.set(name, text);
    }),
  );
  return texts;
}

export interface CareerLoad {
  readonly org: ParseResult;
  /** Undefined when the org itself has errors (the people files are checked against it). */
  readonly career: CareerParse | undefined;
}

/** Reads and validates an org folder with its ladder and people files. */
export async function loadCareer(dir: string): Promise<CareerLoad> {
  const [org, texts] = await Promise.all([loadOrg(dir, { dealColumns: EVIDENCE_DEAL_COLUMNS }), readCareerTexts(dir)]);
  if (!org.org) return { org, career: undefined };
  const dealIds = new Set(org.org.deals.map((d) => d.id));
  const career = parseCareer(texts, { currency: org.org.settings.currency, people: org.org.people, hasDeal: (id) => dealIds.has(id) });
  return { org, career };
}
