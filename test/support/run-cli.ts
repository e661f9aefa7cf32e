import { run } from '../../src/cli/main.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the tandem CLI in-process with captured output and a fixed "today". */
export async function runCli(args: readonly string[], today = new Date('2026-11-27T12:00:00Z')): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    isTty: false,
    now: () => today,
  });
  return { code, stdout, stderr };
}

/** JSON without any `trace` keys (the golden files leave traces out). */
export function withoutTraces(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === 'trace' ? undefined : v)));
}
