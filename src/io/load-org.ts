/**
 * Reads an org folder from disk and parses it (see parse-org.ts).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseOrg, type ParseResult } from './parse-org.js';

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

/** Reads the texts of an org folder's files. */
export async function readOrgTexts(dir: string): Promise<Map<string, string>> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new OrgFolderError(`${dir}: no such folder`);
  if (!info.isDirectory()) throw new OrgFolderError(`${dir}: not a folder (an org folder holds org.yaml, people.csv, deals.csv, …)`);
  const texts = new Map<string, string>();
  await Promise.all(
    ORG_FILES.map(async (name) => {
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

/** Reads and validates an org folder. */
export async function loadOrg(dir: string): Promise<ParseResult> {
  return parseOrg(await readOrgTexts(dir));
}
