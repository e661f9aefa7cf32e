#!/usr/bin/env node
/**
 * The `tandem` command line. Thin: parse arguments, call the app layer, format output. One
 * top-level catch maps every failure to an exit code: 0 ok, 1 usage or unexpected failure,
 * 2 invalid input (every problem printed as FILE:LINE:COLUMN), nothing written.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { InvalidInputError } from '../app/org-session.js';
import { formatProblem } from '../core/problems.js';
import { OrgFolderError } from '../io/load-org.js';
import { registerCalc } from './commands/calc.js';
import { registerCareer } from './commands/career.js';
import { registerCompare } from './commands/compare.js';
import { registerDemo } from './commands/demo.js';
import { registerDiagnose } from './commands/diagnose.js';
import { registerExplain } from './commands/explain.js';
import { registerLadder } from './commands/ladder.js';
import { registerQuickstart } from './commands/quickstart.js';
import { registerRecognition } from './commands/recognition.js';
import { registerSchema } from './commands/schema.js';
import { registerRuns } from './commands/runs.js';
import { registerServe } from './commands/serve.js';
import { registerSimulate } from './commands/simulate.js';
import { registerStore } from './commands/store.js';
import { registerValidate } from './commands/validate.js';
import { registerWhatif } from './commands/whatif.js';
import { UsageError, type Io } from './io.js';

/** Runs the CLI with `argv` (without `node` and the script); returns the exit code. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const program = new Command();
  program
    .name('tandem')
    .description('Sales Engineering compensation: calculate, explain and check pay from an org folder.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showHelpAfterError('(run with --help for usage)');
  registerCalc(program, io);
  registerExplain(program, io);
  registerValidate(program, io);
  registerWhatif(program, io);
  registerRecognition(program, io);
  registerDiagnose(program, io);
  registerSimulate(program, io);
  registerCompare(program, io);
  registerLadder(program, io);
  registerCareer(program, io);
  registerStore(program, io);
  registerRuns(program, io);
  registerServe(program, io);
  registerDemo(program, io);
  registerQuickstart(program, io);
  registerSchema(program, io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return io.exitCode ?? 0;
  } catch (e) {
    return report(e, io);
  }
}

function report(e: unknown, io: Io): number {
  if (e instanceof CommanderError) {
    return e.exitCode === 0 ? 0 : 1;
  }
  if (e instanceof InvalidInputError) {
    const errors = e.problems.filter((p) => p.severity === 'error');
    for (const p of e.problems) io.stderr(`${formatProblem(p)}\n`);
    io.stderr(`tandem: ${errors.length} error${errors.length === 1 ? '' : 's'} in ${e.where}; nothing was written.\n`);
    return 2;
  }
  if (e instanceof OrgFolderError) {
    io.stderr(`tandem: ${e.message}\n`);
    return 2;
  }
  if (e instanceof UsageError) {
    io.stderr(`tandem: ${e.message}\n`);
    return 1;
  }
  const message = e instanceof Error ? e.message : String(e);
  io.stderr(`tandem: unexpected failure: ${message}\n(this is a bug in Tandem; please report it with the command you ran)\n`);
  return 1;
}

function isMain(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  const code = await run(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTty: process.stderr.isTTY,
    now: () => new Date(),
  });
  process.exitCode = code;
}
