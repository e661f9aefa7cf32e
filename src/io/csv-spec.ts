import { anyTextSchemas, CSV_FILES, nonEmptyTextSchemas, plainDecimalSchemas, type CsvKind, type OrgFile } from './schemas.js';
import type { TableSpec } from './table.js';

/** How to read one CSV file of an org folder under its org.yaml (CRM column mapping, value maps). */
export function csvTableSpec(kind: CsvKind, orgFile: OrgFile | undefined, options: { capture?: readonly string[]; keep?: (name: string) => boolean } = {}): TableSpec {
  const spec = CSV_FILES[kind];
  return {
    file: spec.file,
    required: spec.required,
    aliases: spec.aliases,
    mapping: orgFile?.columns?.[kind] ?? orgFile?.columns?.[spec.file],
    values: orgFile?.values?.[kind] ?? orgFile?.values?.[spec.file],
    capture: options.capture ?? [],
    keep: options.keep ?? (() => false),
    intern: spec.intern,
    cellKind: (cell) => (anyTextSchemas.has(cell) ? 'any' : nonEmptyTextSchemas.has(cell) ? 'non-empty' : plainDecimalSchemas.has(cell) ? 'decimal' : 'full'),
  };
}
