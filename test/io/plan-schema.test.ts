/**
 * The JSON Schema shipped for plan YAML (schema/plan.schema.json) is generated from the zod schema
 * that validates plans; editors use it. It must be current, accept real plans as a YAML editor
 * reads them (numbers as numbers), and reject what Tandem rejects.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { planJsonSchema } from '../../src/io/json-schema.js';

const root = join(import.meta.dirname, '..', '..');
const shipped: unknown = JSON.parse(readFileSync(join(root, 'schema', 'plan.schema.json'), 'utf8'));

function plansUnder(kind: string): { name: string; plan: unknown }[] {
  const dir = join(root, 'test', 'fixtures', kind);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => {
      const plans = join(dir, d.name, 'org', 'plans');
      let files: string[] = [];
      try {
        files = readdirSync(plans);
      } catch {
        return [];
      }
      return files.map((f) => ({ name: `${d.name}/${f}`, plan: parse(readFileSync(join(plans, f), 'utf8')) as unknown }));
    });
}

describe('schema/plan.schema.json', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const validate = ajv.compile(shipped as object);

  it('is exactly what `tandem schema` generates from the zod plan schema (run `npm run schema` after changing it)', () => {
    expect(shipped).toEqual(planJsonSchema());
  });

  it.each(plansUnder('golden'))('accepts the golden plan $name', ({ plan }) => {
    expect(validate(plan), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects a plan with an unknown metric, payout period or key', () => {
    const base = { id: 'p', effective: { from: '2026-01-01', to: '2026-12-31' }, payout_period: 'quarter', measures: [{ id: 'm', weight: 1, metric: 'bookings', credit: 'owner' }] };
    expect(validate(base)).toBe(true);
    expect(validate({ ...base, payout_period: 'weekly' })).toBe(false);
    expect(validate({ ...base, measures: [{ id: 'm', weight: 1, metric: 'revenue', credit: 'owner' }] })).toBe(false);
    expect(validate({ ...base, caps: 2 })).toBe(false);
    expect(validate({ ...base, effective: { from: '2026-01-01' } })).toBe(false);
  });
});
