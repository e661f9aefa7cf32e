import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateDemoOrg, generateLoadOrg, type DemoOrg } from '../../src/core/demo/generate-demo-org.js';
import { serialise, serialiseOrg } from './helpers.js';

function digest(org: DemoOrg): string {
  const hash = createHash('sha256');
  for (const f of org.files) hash.update(`${f.path}\n`).update(serialise(f));
  return hash.digest('hex');
}

describe('demo org determinism', () => {
  it('gives byte-identical files for the same options', () => {
    const a = serialiseOrg(generateDemoOrg({ seed: 42, size: 'standard', fiscalYear: 2026 }));
    const b = serialiseOrg(generateDemoOrg({ seed: 42, size: 'standard', fiscalYear: 2026 }));
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [path, text] of a) expect(b.get(path), path).toBe(text);
  });

  it('streams the same rows every time a file is iterated', () => {
    const org = generateDemoOrg({ seed: 5, size: 'standard', fiscalYear: 2027 });
    for (const f of org.files) {
      if (f.kind === 'csv') expect(serialise(f)).toBe(serialise(f));
    }
  });

  it('gives identical load-profile orgs for the same options, different ones for another seed', () => {
    const totals = { people: 400, deals: 20_000, dealTeamRows: 50_000 };
    const first = digest(generateLoadOrg({ seed: 11, fiscalYear: 2026 }, totals));
    expect(digest(generateLoadOrg({ seed: 11, fiscalYear: 2026 }, totals))).toBe(first);
    expect(digest(generateLoadOrg({ seed: 12, fiscalYear: 2026 }, totals))).not.toBe(first);
  });

  it('changes with the seed and the fiscal year', () => {
    const base = digest(generateDemoOrg({ seed: 42, size: 'standard', fiscalYear: 2026 }));
    expect(digest(generateDemoOrg({ seed: 43, size: 'standard', fiscalYear: 2026 }))).not.toBe(base);
    const other = serialiseOrg(generateDemoOrg({ seed: 42, size: 'standard', fiscalYear: 2027 }));
    expect(other.get('plans/ae-2027.yaml')).toContain('effective: { from: 2027-01-01, to: 2027-12-31 }');
  });
});

describe('seeds', () => {
  it('uses every bit of a safe-integer seed', () => {
    const low = digest(generateDemoOrg({ seed: 7, size: 'standard', fiscalYear: 2026 }));
    expect(digest(generateDemoOrg({ seed: 7 + 2 ** 32, size: 'standard', fiscalYear: 2026 }))).not.toBe(low);
    expect(digest(generateDemoOrg({ seed: -7, size: 'standard', fiscalYear: 2026 }))).not.toBe(low);
  });
});
