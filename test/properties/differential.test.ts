/**
 * Differential test: random valid org folders calculated by Tandem and by the independent oracle in
 * test/oracle (written separately from the spec, never importing src/) must agree number by number.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oracleCalc } from '../oracle/oracle.js';
import { runCli, withoutTraces } from '../support/run-cli.js';
import { arbitraryOrg, generatedOrgToDir } from '../support/random-org.js';

describe('Tandem against the independent oracle', () => {
  it('calc --json equals the oracle on random org folders', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryOrg(), async (org) => {
        const dir = mkdtempSync(join(tmpdir(), 'tandem-diff-'));
        try {
          generatedOrgToDir(org, dir);
          const expected = oracleCalc(org.files, org.period);
          const out = await runCli(['calc', dir, '--period', org.period, '--json']);
          expect(out.stderr).not.toMatch(/: error:/);
          expect(out.code).toBe(0);
          expect(withoutTraces(JSON.parse(out.stdout))).toEqual(expected);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: Number(process.env.TANDEM_DIFF_RUNS ?? 300), endOnFailure: true },
    );
  });
});
