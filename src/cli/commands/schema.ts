import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { planJsonSchema } from '../../io/json-schema.js';
import type { Io } from '../io.js';

export function registerSchema(program: Command, io: Io): void {
  program
    .command('schema')
    .description('print the JSON Schema of plan YAML files (generated from the same zod schema that validates them)')
    .option('--write <dir>', 'write plan.schema.json into DIR instead of printing it')
    .action(async (options: { write?: string }) => {
      const text = `${JSON.stringify(planJsonSchema(), null, 2)}\n`;
      if (options.write === undefined) {
        io.stdout(text);
        return;
      }
      await mkdir(options.write, { recursive: true });
      await writeFile(join(options.write, 'plan.schema.json'), text);
      io.stderr(`wrote ${join(options.write, 'plan.schema.json')}\n`);
    });
}
