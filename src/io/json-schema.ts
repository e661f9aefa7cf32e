/**
 * JSON Schema for plan YAML, generated from the zod schema that validates plans, so editors
 * (e.g. the YAML language server: `# yaml-language-server: $schema=…/plan.schema.json`) autocomplete
 * and check plans exactly as Tandem does.
 */
import { z } from 'zod';
import { decimalSchemas, planSchema } from './schemas.js';

/** The plan JSON Schema (draft 2020-12). Decimals accept YAML numbers or decimal strings. */
export function planJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(planSchema, {
    io: 'input',
    target: 'draft-2020-12',
    override: (ctx) => {
      if (decimalSchemas.has(ctx.zodSchema)) {
        for (const key of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as Record<string, unknown>)[key];
        Object.assign(ctx.jsonSchema, { anyOf: [{ type: 'number' }, { type: 'string', pattern: '^[+-]?\\d+(\\.\\d+)?$' }], description: 'an exact decimal, e.g. 0.7' });
      }
    },
  });
  return {
    $id: 'https://github.com/tandem-comp/tandem/schema/plan.schema.json',
    title: 'Tandem comp plan',
    description: 'A Tandem compensation plan (plans/*.yaml). See docs/org-folder.md.',
    ...schema,
  };
}
