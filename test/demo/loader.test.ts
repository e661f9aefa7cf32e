import { creditLines } from '../../src/core/trace.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { calculateOrg } from '../../src/app/org-session.js';
import { generateDemoOrg, generateLoadOrg } from '../../src/core/demo/generate-demo-org.js';
import { formatProblem } from '../../src/core/problems.js';
import { writeOrgFiles } from '../../src/io/write-org-files.js';

const made: string[] = [];
afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

async function written(org: Parameters<typeof writeOrgFiles>[1]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-demo-load-'));
  made.push(dir);
  await writeOrgFiles(join(dir, 'org'), org);
  return join(dir, 'org');
}

describe('the demo org through the loader and engine', () => {
  it('loads and calculates the standard org with no errors and no warnings', async () => {
    const calc = await calculateOrg(await written(generateDemoOrg({ seed: 42, size: 'standard', fiscalYear: 2026 })));
    expect(calc.warnings.map(formatProblem)).toEqual([]);
    expect(calc.org.people).toHaveLength(82);
    const plans = new Set(calc.result.statements.map((s) => s.plan.id));
    expect([...plans].sort()).toEqual(['ae-2026', 'se-pod-2026', 'se-territory-2026']);
    // The planted scenarios reach statements: clawbacks, both SPIFs, the adjustments.
    const spiffs = new Set(calc.result.statements.flatMap((s) => s.spiffs.map((l) => `${l.spiff.id}:${s.person.role}`)));
    expect(spiffs).toEqual(new Set(['q3-observability-launch:AE', 'q4-enterprise-expansion:AE', 'q4-enterprise-expansion:SE']));
    const clawbacks = calc.result.statements.flatMap((s) =>
      s.measures.flatMap((m) => ('credits' in m ? creditLines(m.credits).filter((l) => l.clawback) : [])),
    );
    expect(clawbacks.length).toBeGreaterThan(0);
    expect(calc.result.statements.reduce((n, s) => n + s.adjustments.length, 0)).toBe(3);
  });

  it('loads and calculates a scaled-down load-profile org with no errors', async () => {
    const org = generateLoadOrg({ seed: 8, fiscalYear: 2026 }, { people: 300, deals: 15_000, dealTeamRows: 37_500 });
    const calc = await calculateOrg(await written(org));
    expect(calc.warnings.map(formatProblem)).toEqual([]);
    expect(calc.org.deals).toHaveLength(15_000);
  });
});
