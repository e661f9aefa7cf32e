/**
 * JSON Schema for plan YAML, generated from the zod schema that validates plans, so editors
 * (e.g. the YAML language server: `# yaml-language-server: $schema=…/plan.schema.json`) autocomplete
 * and check plans exactly as Tandem does.
 */
import { z } from 'zod';
import { planSchema } from './schemas.js';

/** The plan JSON Schema (draft 2020-12). Decimals accept YAML numbers or decimal strings. */
export function planJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(planSchema, {
    io: 'input',
    target: 'draft-2020-12',
    override: (ctx) => {
      // Values are read from their YAML source text, so an editor may see a number or a string.
      const json: Record<string, unknown> = ctx.jsonSchema;
      const kind = json.tandem;
      if (kind === undefined) return;
      delete json.tandem;
      delete json.type;
      if (kind === 'decimal') json.anyOf = [{ type: 'number' }, { type: 'string', pattern: '^[+-]?\\d+(\\.\\d+)?$' }];
      if (kind === 'integer') json.anyOf = [{ type: 'integer', minimum: 0 }, { type: 'string', pattern: '^\\d+$' }];
      if (kind === 'date') Object.assign(json, { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
    },
  });
  return {
    $id: 'https://github.com/tandem-comp/tandem/schema/plan.schema.json',
    title: 'Tandem comp plan',
    description: 'A Tandem compensation plan (plans/*.yaml). See docs/org-folder.md.',
    ...schema,
  };
}
