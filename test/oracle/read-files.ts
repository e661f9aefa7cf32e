import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';

/**
 * Low-level readers: YAML with the failsafe schema (every scalar is a string, so numbers keep their
 * source text) and CSV as trimmed records keyed by lower-cased header.
 */

export type CsvRow = Readonly<Record<string, string>>;

export interface CsvTable {
  /** Lower-cased, trimmed header names, after renames and aliases. */
  readonly columns: ReadonlySet<string>;
  readonly rows: readonly CsvRow[];
}

export function readYaml(files: Readonly<Record<string, string>>, name: string): unknown {
  const text = files[name];
  if (text === undefined) return undefined;
  const doc: unknown = parseYaml(text, { schema: 'failsafe', uniqueKeys: true });
  return doc;
}

/**
 * @param renames canonical column name -> header text used in this file (org.yaml `columns:`)
 * @param aliases alternative header -> canonical name (used only when the canonical one is absent)
 */
export function readCsv(
  files: Readonly<Record<string, string>>,
  name: string,
  required: readonly string[],
  renames: Readonly<Record<string, string>> = {},
  aliases: Readonly<Record<string, string>> = {},
): CsvTable | undefined {
  const text = files[name];
  if (text === undefined) return undefined;
  const records = parseCsv(text, { bom: true, trim: true, skip_empty_lines: true });
  const [rawHeader, ...body] = records;
  if (rawHeader === undefined) throw new Error(`${name}: no header row`);
  const renamedFrom = new Map(Object.entries(renames).map(([canonical, header]) => [header.trim().toLowerCase(), canonical]));
  let header = rawHeader.map((h) => {
    const lower = h.trim().toLowerCase();
    return renamedFrom.get(lower) ?? lower;
  });
  header = header.map((h) => {
    const canonical = aliases[h];
    return canonical !== undefined && !header.includes(canonical) ? canonical : h;
  });
  for (const col of required) {
    if (!header.includes(col)) throw new Error(`${name}:1:${col}: missing required column`);
  }
  const rows = body.map((cells) => {
    const row: Record<string, string> = {};
    header.forEach((h, i) => {
      row[h] = (cells[i] ?? '').trim();
    });
    return row;
  });
  return { columns: new Set(header), rows };
}

export function cell(row: CsvRow, column: string): string {
  return row[column] ?? '';
}

export function requiredCell(row: CsvRow, column: string, where: string): string {
  const value = cell(row, column);
  if (value === '') throw new Error(`${where}: ${column} is blank`);
  return value;
}

// ---- YAML shape helpers ----

export type YamlMap = Readonly<Record<string, unknown>>;

export function isMap(x: unknown): x is YamlMap {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function asMap(x: unknown, where: string): YamlMap {
  if (!isMap(x)) throw new Error(`${where}: expected a mapping`);
  return x;
}

export function asList(x: unknown, where: string): readonly unknown[] {
  if (!Array.isArray(x)) throw new Error(`${where}: expected a list`);
  return x as readonly unknown[];
}

export function optString(map: YamlMap, key: string, where: string): string | undefined {
  const v = map[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new Error(`${where}.${key}: expected a scalar`);
  return v;
}

export function reqString(map: YamlMap, key: string, where: string): string {
  const v = optString(map, key, where);
  if (v === undefined || v === '') throw new Error(`${where}.${key}: required`);
  return v;
}

/** A scalar or a list of scalars, as a list. */
export function stringOrList(x: unknown, where: string): string[] {
  if (typeof x === 'string') return [x];
  return asList(x, where).map((v, i) => {
    if (typeof v !== 'string') throw new Error(`${where}[${i}]: expected a scalar`);
    return v;
  });
}
