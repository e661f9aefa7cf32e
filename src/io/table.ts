/**
 * Reads one CSV file of an org folder into validated rows: header matching (case-insensitive,
 * trimmed, CRM names mapped through org.yaml `columns:`), trimming, required columns, unknown
 * columns (warned), and a zod schema per row. Every problem carries FILE:LINE:COLUMN.
 */
import type { z } from 'zod';
import type { Problem } from '../core/model.js';
import { readCsv } from './csv.js';

export interface TableSpec {
  /** Path relative to the org folder, for messages. */
  readonly file: string;
  readonly required: readonly string[];
  /** Other accepted header names for canonical columns (`person` → `person_id`). */
  readonly aliases: Readonly<Record<string, string>>;
  /** org.yaml `columns.<file>`: canonical name → header name in this file. */
  readonly mapping: Readonly<Record<string, string>> | undefined;
  /** org.yaml `values.<file>`: canonical column → { raw value → value }. */
  readonly values: Readonly<Record<string, Readonly<Record<string, string>>>> | undefined;
  /**
   * Columns whose raw (trimmed) values to capture into `TableRow.extra`, by lower-cased name: schema
   * columns or extra columns (e.g. the columns that plan filters use). Missing ones are listed in
   * `TableResult.missingCaptures`.
   */
  readonly capture: readonly string[];
  /** Further extra columns to capture rather than warn about (e.g. `attr_*`), by lower-cased name. */
  readonly keep: (name: string) => boolean;
}

export interface TableRow<T> {
  readonly value: T;
  readonly line: number;
  /** Captured values, aligned with `TableResult.extraColumns`. */
  readonly extra: readonly string[];
}

export interface TableResult<T> {
  readonly rows: TableRow<T>[];
  /** Canonical names of the schema columns present in the header. */
  readonly present: ReadonlySet<string>;
  /** Names of the captured columns: `spec.capture` first, then kept extra columns. */
  readonly extraColumns: readonly string[];
  /** Names in `spec.capture` that the file does not have. */
  readonly missingCaptures: readonly string[];
  /** False when the header was unusable (a required column missing): no row was read. */
  readonly headerOk: boolean;
  /** Raw values of rows that failed validation (so other files' references to them are not reported twice). */
  readonly rejected: readonly Readonly<Record<string, string>>[];
  readonly problems: Problem[];
}

/** Reads and validates a CSV table against a zod object schema of string cells. */
export function readTable<S extends z.ZodObject>(text: string, spec: TableSpec, schema: S): TableResult<z.output<S>> {
  const problems: Problem[] = [];
  const rows: TableRow<z.output<S>>[] = [];
  const rejected: Record<string, string>[] = [];
  const known = Object.keys(schema.shape);
  const error = (line: number, column: string, message: string) => problems.push({ severity: 'error', file: spec.file, line, column, message });

  let header: string[] | undefined;
  let slots: { canonical: string; index: number; label: string }[] = [];
  let extraSlots: number[] = [];
  let extraColumns: string[] = [];
  const missingCaptures: string[] = [];
  const present = new Set<string>();
  let headerOk = true;
  let width = 0;
  const valueMaps = spec.values;

  const syntax = readCsv(text, (record) => {
    if (!header) {
      header = record.fields.map((f) => f.trim());
      width = header.length;
      const byLower = new Map<string, number>();
      header.forEach((h, i) => {
        const lower = h.toLowerCase();
        if (byLower.has(lower)) error(1, h, `column "${h}" appears twice in the header`);
        else byLower.set(lower, i);
      });
      const used = new Set<number>();
      for (const canonical of known) {
        const mapped = spec.mapping?.[canonical];
        let index: number | undefined;
        if (mapped !== undefined) {
          index = byLower.get(mapped.trim().toLowerCase());
          if (index === undefined && spec.required.includes(canonical)) {
            error(1, canonical, `required column ${canonical} is missing: org.yaml maps it to "${mapped}", which ${spec.file} does not have`);
            headerOk = false;
            continue;
          }
        } else {
          index = byLower.get(canonical);
          if (index === undefined) {
            for (const [alias, target] of Object.entries(spec.aliases)) if (target === canonical && byLower.has(alias)) index = byLower.get(alias);
          }
        }
        if (index === undefined) {
          if (spec.required.includes(canonical)) {
            error(1, canonical, `required column ${canonical} is missing`);
            headerOk = false;
          }
          continue;
        }
        used.add(index);
        present.add(canonical);
        slots.push({ canonical, index, label: mapped === undefined ? canonical : `${canonical} (column "${header[index] ?? ''}")` });
      }
      for (const name of spec.capture) {
        const slot = slots.find((x) => x.canonical === name);
        const index = slot ? slot.index : byLower.get(name);
        if (index === undefined) {
          missingCaptures.push(name);
          continue;
        }
        if (!slot) used.add(index);
        extraSlots.push(index);
        extraColumns.push(name);
      }
      header.forEach((h, i) => {
        if (used.has(i) || h === '') return;
        const lower = h.toLowerCase();
        if (spec.keep(lower)) {
          used.add(i);
          extraSlots.push(i);
          extraColumns.push(lower);
        } else {
          problems.push({ severity: 'warning', file: spec.file, line: 1, column: h, message: `unknown column "${h}" ignored` });
        }
      });
      if (!headerOk) {
        slots = [];
        extraSlots = [];
        extraColumns = [];
      }
      return;
    }
    if (!headerOk) return;
    const fields = record.fields;
    if (fields.length !== width) {
      const onlyBlankExtra = fields.length > width && fields.slice(width).every((f) => f.trim() === '');
      const allBlank = fields.every((f) => f.trim() === '');
      if (allBlank) return;
      if (!onlyBlankExtra) {
        error(record.line, header[Math.min(fields.length, width) - 1] ?? '(row)', `this row has ${fields.length} fields but the header has ${width}`);
        const raw: Record<string, string> = {};
        for (const slot of slots) raw[slot.canonical] = (fields[slot.index] ?? '').trim();
        rejected.push(raw);
        return;
      }
    }
    const obj: Record<string, string> = {};
    for (const c of known) obj[c] = '';
    let blank = true;
    for (const slot of slots) {
      let v = (fields[slot.index] ?? '').trim();
      if (v !== '') blank = false;
      const vm = valueMaps?.[slot.canonical];
      if (vm) v = vm[v] ?? v;
      obj[slot.canonical] = v;
    }
    const extra = extraSlots.map((i, k) => {
      const v = (fields[i] ?? '').trim();
      const vm = valueMaps?.[extraColumns[k] ?? ''];
      return vm ? (vm[v] ?? v) : v;
    });
    if (blank && extra.every((v) => v === '')) return;
    const parsed = schema.safeParse(obj);
    if (parsed.success) {
      rows.push({ value: parsed.data, line: record.line, extra });
      return;
    }
    rejected.push(obj);
    for (const issue of parsed.error.issues) {
      const column = String(issue.path[0] ?? '');
      const slot = slots.find((s) => s.canonical === column);
      error(record.line, column, slot && slot.label !== column ? `${issue.message} ${slot.label.slice(column.length + 1)}` : issue.message);
    }
  });
  for (const e of syntax) error(e.line, '(syntax)', `CSV syntax error: ${e.message}`);
  if (!header && headerOk) {
    for (const r of spec.required) error(1, r, `required column ${r} is missing (the file is empty)`);
  }
  return { rows, present, extraColumns, missingCaptures, headerOk: headerOk && header !== undefined, rejected, problems };
}
