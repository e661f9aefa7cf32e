import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Command } from 'commander';
import { InvalidInputError } from '../../app/org-session.js';
import { defaultBandsCsv, defaultLadderYaml } from '../../core/ladder/default-ladder.js';
import { atLeastSeverity, explainLadderLint, ladderLintJson, lintLadder, SEVERITIES } from '../../core/ladder/lint/index.js';
import type { Severity } from '../../core/ladder/lint/types.js';
import { parseCareer } from '../../io/parse-career.js';
import { UsageError, type Io } from '../io.js';
import { printWarnings } from '../shared.js';

const LADDER_FILE = 'ladder.yaml';
const BANDS_FILE = 'bands.csv';

/** Exit code of `ladder lint --fail-on` when a finding at or above the severity exists. */
const FINDINGS_EXIT_CODE = 3;

async function kindOf(path: string): Promise<'file' | 'directory' | undefined> {
  const s = await stat(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return undefined;
    throw e;
  });
  if (s === undefined) return undefined;
  return s.isDirectory() ? 'directory' : 'file';
}

async function readIfPresent(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
}

function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

export function registerLadder(program: Command, io: Io): void {
  const ladder = program.command('ladder').description('the career ladder: write the default SE ladder, check a ladder (docs/ladder.md)');

  ladder
    .command('init')
    .description('write the default SE ladder (ladder.yaml) and its pay bands (bands.csv) into a folder')
    .argument('[dir]', 'folder to write into (created if missing)', '.')
    .option('--force', 'overwrite ladder.yaml and bands.csv if they exist')
    .action(async (dir: string, options: { force?: boolean }) => {
      const kind = await kindOf(dir);
      if (kind === 'file') throw new UsageError(`${dir} is a file, not a folder: ladder init writes ${LADDER_FILE} and ${BANDS_FILE} into a folder`);
      const targets = [join(dir, LADDER_FILE), join(dir, BANDS_FILE)];
      if (!options.force) {
        const existing: string[] = [];
        for (const t of targets) if ((await kindOf(t)) !== undefined) existing.push(t);
        if (existing.length > 0) {
          throw new UsageError(`${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''}; nothing was written (use --force to overwrite)`);
        }
      }
      await mkdir(dir, { recursive: true });
      const [ladderPath = '', bandsPath = ''] = targets;
      await writeFile(ladderPath, defaultLadderYaml());
      await writeFile(bandsPath, defaultBandsCsv());
      io.stdout(
        `wrote ${ladderPath}: the default SE ladder (SE1–SE5, management M1–M3 forking at SE3, 8 competencies)\n` +
          `wrote ${bandsPath}: a USD band for each of the 8 levels\n` +
          `next: tandem ladder lint ${dir}\n`,
      );
    });

  ladder
    .command('lint')
    .description('check a ladder: the three answers per level, token levels, unobservable and tenure criteria, falling expectations, an AI signal, two paths, bands')
    .argument('<path>', 'an org folder (reads ladder.yaml and bands.csv) or a ladder.yaml file (reads bands.csv beside it)')
    .option('--json', 'print JSON (docs/ladder.md)')
    .option('--fail-on <severity>', 'exit with code 3 when a finding at or above this severity exists (high, medium, low, info)')
    .action(async (path: string, options: { json?: boolean; failOn?: string }) => {
      const failOn = options.failOn;
      if (failOn !== undefined && !isSeverity(failOn)) throw new UsageError(`--fail-on "${failOn}" is not a severity: use ${SEVERITIES.join(', ')}`);
      const kind = await kindOf(path);
      if (kind === undefined) throw new UsageError(`${path} does not exist: give an org folder or a ladder.yaml file`);
      const ladderPath = kind === 'directory' ? join(path, LADDER_FILE) : path;
      const ladderText = await readIfPresent(ladderPath);
      if (ladderText === undefined) throw new UsageError(`${path} has no ${LADDER_FILE} (run tandem ladder init ${path} to write the default ladder)`);
      const bandsText = await readIfPresent(join(dirname(ladderPath), BANDS_FILE));
      const texts = new Map([[LADDER_FILE, ladderText]]);
      if (bandsText !== undefined) texts.set(BANDS_FILE, bandsText);
      const parsed = parseCareer(texts, { currency: 'USD' });
      // Messages name the ladder file as the user called it (my-ladder.yaml), bands.csv as is.
      const name = basename(ladderPath);
      const problems = parsed.problems.map((p) => (p.file === LADDER_FILE ? { ...p, file: name } : p));
      const career = parsed.career;
      if (career?.ladder === undefined) throw new InvalidInputError(problems, path);
      printWarnings(io, problems);
      const findings = lintLadder(career.ladder, bandsText === undefined ? undefined : career.bands);
      io.stdout(options.json ? `${JSON.stringify(ladderLintJson(career.ladder, findings), null, 2)}\n` : explainLadderLint(career.ladder, findings));
      if (failOn !== undefined && findings.some((f) => atLeastSeverity(f.severity, failOn))) io.exitCode = FINDINGS_EXIT_CODE;
    });
}
