/**
 * Reads one CSV file of an org folder into validated rows: header matching (case-insensitive,
 * trimmed, CRM names mapped through org.yaml `columns:`), trimming, required columns, unknown
 * columns (warned), and a zod schema per cell. Every problem carries FILE:LINE:COLUMN.
 *
 * Speed matters here (the benchmark reads 3.5 million rows), so each cell is validated by its
 * column's zod schema with a memo per column: a value seen before (a stage, a date, an owner id)
 * is validated once, and the memo hands back one shared instance, which also interns repeated
 * strings. Rows are turned into domain objects by the caller's `build` as they are read, so the
 * intermediate row objects die young.
 */
import type { z } from 'zod';
import type { Problem } from '../core/model.js';
import { parseDecimal } from '../core/rational.js';
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
   * Columns whose raw (trimmed) values to capture into the `extra` of each row, by lower-cased name:
   * schema columns or extra columns (e.g. the columns that plan filters use).
   */
  readonly capture: readonly string[];
  /** Further extra columns to capture rather than warn about (e.g. `attr_*`), by lower-cased name. */
  readonly keep: (name: string) => boolean;
  /** Text columns to intern (see `intern`): the ones whose values are kept and repeat. */
  readonly intern: 'all' | readonly string[];
  /**
   * How much validating a cell schema needs: `any` accepts every string unchanged, `non-empty`
   * every non-empty string unchanged (both then skip the schema on the common path), `full` runs it.
   */
  readonly cellKind: (cell: z.ZodType) => CellKind;
}

export interface TableResult<T> {
  readonly rows: T[];
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

/** Memo entries kept per column; a column with more distinct values is validated without a memo. */
const MEMO_LIMIT = 50_000;

/**
 * How a cell is validated: `any` accepts every string unchanged, `non-empty` every non-empty string
 * unchanged, `decimal` is exactly `parseDecimal` when that succeeds; those skip the schema on the
 * common path and run it only to explain a failure. `full` always runs the schema (memoised).
 */
export type CellKind = 'any' | 'non-empty' | 'decimal' | 'full';

interface Slot {
  readonly canonical: string;
  readonly index: number;
  readonly mappedFrom: string | undefined;
  readonly cell: z.ZodType;
  readonly kind: CellKind;
  readonly memo: Map<string, unknown>;
  readonly texts: Memo;
  readonly values: Readonly<Record<string, string>> | undefined;
}

/**
 * Reads and validates a CSV table against a zod object schema whose fields are cell schemas
 * (string in), calling `build` for every valid row.
 */
export function readTable<S extends z.ZodObject, T>(
  text: string,
  spec: TableSpec,
  schema: S,
  build: (row: z.output<S>, line: number, extra: readonly string[]) => T,
): TableResult<T> {
  const problems: Problem[] = [];
  const rows: T[] = [];
  const rejected: Record<string, string>[] = [];
  const shape: Record<string, z.ZodType> = schema.shape;
  const known = Object.keys(shape);
  const error = (line: number, column: string, message: string) => problems.push({ severity: 'error', file: spec.file, line, column, message });

  let header: string[] | undefined;
  let slots: Slot[] = [];
  let absent: { canonical: string; value: unknown }[] = [];
  let extraSlots: number[] = [];
  let extraColumns: string[] = [];
  let extraValueMaps: (Readonly<Record<string, string>> | undefined)[] = [];
  let extraMemos: Memo[] = [];
  const missingCaptures: string[] = [];
  const present = new Set<string>();
  let headerOk = true;
  let width = 0;
  let makeRow: (values: readonly unknown[]) => object = () => ({});

  const readHeader = (fields: string[]) => {
    const h = fields.map((f) => f.trim());
    header = h;
    width = h.length;
    const byLower = new Map<string, number>();
    h.forEach((name, i) => {
      const lower = name.toLowerCase();
      if (byLower.has(lower)) error(1, name, `column "${name}" appears twice in the header`);
      else byLower.set(lower, i);
    });
    const used = new Set<number>();
    for (const canonical of known) {
      const cell = shape[canonical];
      if (!cell) continue;
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
        // An absent optional column reads as blank in every row.
        const blank = cell.safeParse('');
        absent.push({ canonical, value: blank.success ? blank.data : undefined });
        continue;
      }
      used.add(index);
      present.add(canonical);
      slots.push({ canonical, index, mappedFrom: mapped === undefined ? undefined : h[index], cell, kind: spec.cellKind(cell), memo: new Map(), texts: newMemo(spec.intern === 'all' || spec.intern.includes(canonical)), values: spec.values?.[canonical] });
    }
    for (const name of spec.capture) {
      const slot = slots.find((x) => x.canonical === name);
      const index = slot ? slot.index : byLower.get(name);
      if (index === undefined) {
        missingCaptures.push(name);
        continue;
      }
      used.add(index);
      extraSlots.push(index);
      extraColumns.push(name);
      extraValueMaps.push(spec.values?.[name]);
    }
    h.forEach((name, i) => {
      if (used.has(i) || name === '') return;
      const lower = name.toLowerCase();
      if (spec.keep(lower)) {
        used.add(i);
        extraSlots.push(i);
        extraColumns.push(lower);
        extraValueMaps.push(undefined);
      } else {
        problems.push({ severity: 'warning', file: spec.file, line: 1, column: name, message: `unknown column "${name}" ignored` });
      }
    });
    extraMemos = extraSlots.map(() => newMemo());
    makeRow = rowConstructor(
      slots.map((x) => x.canonical),
      absent,
    );
    if (!headerOk) {
      slots = [];
      absent = [];
      extraSlots = [];
      extraColumns = [];
      extraValueMaps = [];
    }
  };

  const rejectRow = (fields: readonly string[]) => {
    const raw: Record<string, string> = {};
    for (const slot of slots) raw[slot.canonical] = (fields[slot.index] ?? '').trim();
    rejected.push(raw);
  };

  const syntax = readCsv(text, (fields, line) => {
    if (!header) {
      readHeader(fields);
      return;
    }
    if (!headerOk) return;
    if (fields.length !== width) {
      if (fields.every((f) => f.trim() === '')) return;
      if (!(fields.length > width && fields.slice(width).every((f) => f.trim() === ''))) {
        error(line, header[Math.min(fields.length, width) - 1] ?? '(row)', `this row has ${fields.length} fields but the header has ${width}`);
        rejectRow(fields);
        return;
      }
    }
    const values: unknown[] = new Array<unknown>(slots.length);
    let blank = true;
    let ok = true;
    for (let k = 0; k < slots.length; k++) {
      const slot = slots[k] as Slot;
      let v = trim(fields[slot.index] ?? '');
      if (v !== '') blank = false;
      if (slot.values) v = slot.values[v] ?? v;
      if (slot.kind === 'any' || (slot.kind === 'non-empty' && v !== '')) {
        values[k] = intern(slot.texts, v);
        continue;
      }
      if (slot.kind === 'decimal') {
        const d = parseDecimal(v);
        if (d !== undefined) {
          values[k] = d;
          continue;
        }
      }
      let value = slot.memo.get(v);
      if (value === undefined && !slot.memo.has(v)) {
        const parsed = slot.cell.safeParse(v);
        if (!parsed.success) {
          ok = false;
          for (const issue of parsed.error.issues) {
            error(line, slot.canonical, slot.mappedFrom === undefined ? issue.message : `${issue.message} (column "${slot.mappedFrom}")`);
          }
          continue;
        }
        value = typeof parsed.data === 'string' ? detach(parsed.data) : parsed.data;
        if (slot.memo.size < MEMO_LIMIT) slot.memo.set(typeof value === 'string' ? value : detach(v), value);
      }
      values[k] = value;
    }
    const extra = extraSlots.map((i, k) => {
      const v = trim(fields[i] ?? '');
      const vm = extraValueMaps[k];
      return intern(extraMemos[k] as Memo, vm ? (vm[v] ?? v) : v);
    });
    if (blank && extra.every((v) => v === '')) return;
    if (!ok) {
      rejectRow(fields);
      return;
    }
    // Every property was produced by its own cell schema (or is a string it accepts unchanged), so
    // the object is the schema's output.
    const built = build(makeRow(values) as z.output<S>, line, extra);
    if (built !== undefined) rows.push(built);
  });
  for (const e of syntax) error(e.line, '(syntax)', `CSV syntax error: ${e.message}`);
  if (!header && headerOk) {
    for (const r of spec.required) error(1, r, `required column ${r} is missing (the file is empty)`);
  }
  return { rows, present, extraColumns, missingCaptures, headerOk: headerOk && header !== undefined, rejected, problems };
}

/** `s.trim()` without allocating when there is nothing to trim (the common case). */
function trim(s: string): string {
  const n = s.length;
  if (n === 0 || (s.charCodeAt(0) > 32 && s.charCodeAt(n - 1) > 32)) return s;
  return s.trim();
}

/**
 * A function building row objects with a fixed shape from positional values (and constant values
 * for absent optional columns). Generated once per table so every row shares one hidden class —
 * a loop of computed-key stores made the benchmark's 3.5 million rows about twice as slow. The
 * keys are the schema's own column names, never file content.
 */
function rowConstructor(keys: readonly string[], constants: readonly { canonical: string; value: unknown }[]): (values: readonly unknown[]) => object {
  const fields = [...keys.map((k, i) => `${JSON.stringify(k)}: v[${i}]`), ...constants.map((c, i) => `${JSON.stringify(c.canonical)}: c[${i}]`)];
  const body = `return function row(v) { return { ${fields.join(', ')} }; };`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- keys are our schema's column names; measured ~10% faster loading than computed-key stores
  const factory = new Function('c', body) as (c: readonly unknown[]) => (values: readonly unknown[]) => object;
  return factory(constants.map((c) => c.value));
}

/**
 * One shared instance of a repeated text value: a million deals then hold one "closed_won", not a
 * million copies for the garbage collector to move. The kept copy is a fresh string, so it does not
 * pin the whole file text in memory (a substring of a large string refers to it). A column whose
 * values do not repeat (ids, names) stops being interned once its memo is full.
 */
function intern(memo: Memo, v: string): string {
  if (memo.off) return v;
  const hit = memo.map.get(v);
  if (hit !== undefined) {
    memo.hits++;
    return hit;
  }
  if (memo.map.size >= MEMO_LIMIT) {
    memo.off = memo.hits < memo.map.size;
    return v;
  }
  const copy = detach(v);
  memo.map.set(copy, copy);
  return copy;
}

interface Memo {
  readonly map: Map<string, string>;
  hits: number;
  off: boolean;
}

function newMemo(on = true): Memo {
  return { map: new Map(), hits: 0, off: !on };
}

/** A copy of `s` that shares no memory with the string it was sliced from. */
function detach(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}
