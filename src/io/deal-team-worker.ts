/** Worker thread: reads, validates and encodes a large deal_team.csv (see deal-team-codec.ts). */
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { csvTableSpec } from './csv-spec.js';
import { encodeDealTeam } from './deal-team-codec.js';
import { orgSchema } from './schemas.js';
import { readYaml } from './yaml.js';

interface Job {
  readonly path: string;
  readonly orgYaml: string | undefined;
}

function isJob(x: unknown): x is Job {
  return typeof x === 'object' && x !== null && 'path' in x && typeof x.path === 'string';
}

if (parentPort && isJob(workerData)) {
  const job = workerData;
  const parsedOrg = job.orgYaml === undefined ? undefined : orgSchema.safeParse(readYaml('org.yaml', job.orgYaml).value);
  const encoded = encodeDealTeam(await readFile(job.path, 'utf8'), csvTableSpec('deal_team', parsedOrg?.success ? parsedOrg.data : undefined));
  parentPort.postMessage(encoded, [encoded.personCodes.buffer, encoded.roleCodes.buffer, encoded.splitCodes.buffer, encoded.hourCodes.buffer, encoded.lines.buffer]);
}
