/**
 * The demo org (seed 42, FY 2026) diagnosed end to end: its two SE plans must diagnose
 * differently — the territory plan flagged for controllability, the pod plan not — and the
 * AE-only SPIF flagged for parity (docs/demo-org.md, "Planted scenarios").
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/calculate.js';
import { generateDemoOrg } from '../../src/core/demo/generate-demo-org.js';
import { diagnoseJson, runDiagnostics } from '../../src/core/diagnostics/index.js';
import type { DiagnosticsInput, Finding } from '../../src/core/diagnostics/types.js';
import { parseOrg } from '../../src/io/parse-org.js';
import { serialiseOrg } from '../demo/helpers.js';

let input: DiagnosticsInput;
let findings: Finding[];

beforeAll(() => {
  const parsed = parseOrg(serialiseOrg(generateDemoOrg({ seed: 42, size: 'standard', fiscalYear: 2026 })));
  if (!parsed.org) throw new Error('the demo org does not load');
  const engine = Engine.create(parsed.org);
  const result = engine.calculateAll();
  input = { org: parsed.org, engine, statements: result.statements.filter((s) => s.period.fy === 2026), year: 2026, config: parsed.org.settings.diagnostics };
  findings = runDiagnostics(input);
});

const rulesOf = (plan: string | null) => new Set(findings.filter((f) => f.plan === plan).map((f) => f.rule));

describe('the demo org diagnosed', () => {
  it('flags the territory plan for controllability and not the pod plan', () => {
    const territory = findings.find((f) => f.plan === 'se-territory-2026' && f.rule === 'controllability');
    // High means the median SE's outside share is above max_outside_share (0.5).
    expect(territory).toMatchObject({ severity: 'high', measure: 'bookings', evidence: { max_outside_share: 0.5, se_count: 7 } });
    expect(rulesOf('se-pod-2026').has('controllability')).toBe(false);
  });

  it('diagnoses the two SE plans differently', () => {
    expect(rulesOf('se-territory-2026')).not.toEqual(rulesOf('se-pod-2026'));
    // Territory: steep 2× accelerator and no customer-outcome measure; the pod plan has neither problem.
    expect(rulesOf('se-territory-2026').has('short-term-pressure')).toBe(true);
    expect(rulesOf('se-pod-2026').has('short-term-pressure')).toBe(false);
  });

  it('flags the AE-only SPIF for parity, and not the SPIF that pays SEs too', () => {
    const spiffs = findings.filter((f) => f.rule === 'parity' && f.plan === null).map((f) => f.evidence.spiff);
    expect(spiffs).toEqual(['q3-observability-launch']);
    const f = findings.find((x) => x.evidence.spiff === 'q3-observability-launch');
    expect(f?.severity).toBe('high');
    expect(Number(f?.evidence.deals_with_se)).toBeGreaterThan(0);
  });

  it('is deterministic, sorted by plan, rule and severity, with org-wide findings last', () => {
    const again = runDiagnostics(input);
    expect(JSON.stringify(diagnoseJson(input.org, 2026, [], again))).toBe(JSON.stringify(diagnoseJson(input.org, 2026, [], findings)));
    const plans = findings.map((f) => f.plan ?? '~');
    expect(plans).toEqual([...plans].sort());
    expect(findings[findings.length - 1]?.plan).toBeNull();
  });

  it('runs only the named plans (and the org-wide rules)', () => {
    const some = runDiagnostics(input, ['se-pod-2026']);
    expect(new Set(some.map((f) => f.plan))).toEqual(new Set(['se-pod-2026', null]));
    expect(some.filter((f) => f.plan === 'se-pod-2026')).toEqual(findings.filter((f) => f.plan === 'se-pod-2026'));
  });
});
