/**
 * Tandem reads CSV with its own reader (csv-parse was too slow for the 1,000,000-row benchmark,
 * see src/io/csv.ts). csv-parse and csv-stringify serve here as the independent oracle.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv, type CsvRecord } from '../../src/io/csv.js';

function read(text: string): { records: CsvRecord[]; errors: ReturnType<typeof readCsv> } {
  const records: CsvRecord[] = [];
  const errors = readCsv(text, (fields, line) => records.push({ fields: [...fields], line }));
  return { records, errors };
}

const cell = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', '\r\n', 'é', '1', '.', '-'), maxLength: 8 });

describe('readCsv', () => {
  it('reads what csv-stringify writes exactly as csv-parse does, with the first physical line of each record', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((width) => fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 12 })),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        (rows, eol, bom) => {
          // A row of one empty field is a blank line, which both readers skip; keep rows non-blank.
          const table = rows.map((row) => (row.length === 1 && row[0] === '' ? ['x'] : row));
          const pieces = table.map((row) => stringify([row], { record_delimiter: eol === '\n' ? 'unix' : 'windows', quoted_match: /[\r\n]/ }));
          const text = (bom ? '\ufeff' : '') + pieces.join('');
          const { records, errors } = read(text);
          expect(errors).toEqual([]);
          const oracle: string[][] = parse(text, { bom: true, relax_column_count: true });
          expect(records.map((r) => r.fields)).toEqual(oracle);
          // Independent line numbers: a record starts after every line break written before it.
          let line = 1;
          table.forEach((_, i) => {
            expect(records[i]?.line).toBe(line);
            line += (pieces[i]?.match(/\r\n|\n|\r/g) ?? []).length;
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('accepts a BOM, CRLF, quoted commas, doubled quotes and line breaks; skips blank lines', () => {
    const text = '\ufeffid,name\r\n1,"Smith, ""Jo"""\r\n\r\n2,"two\nlines"\r\n3,plain\r\n';
    const { records, errors } = read(text);
    expect(errors).toEqual([]);
    expect(records).toEqual([
      { fields: ['id', 'name'], line: 1 },
      { fields: ['1', 'Smith, "Jo"'], line: 2 },
      { fields: ['2', 'two\nlines'], line: 4 },
      { fields: ['3', 'plain'], line: 6 },
    ]);
  });

  it('reports an unterminated quote at the line where the field opened', () => {
    const { errors } = read('a,b\n1,2\n3,"oops\n4,5\n');
    expect(errors).toEqual([{ line: 3, message: expect.stringContaining('unterminated') as string }]);
  });

  it('reports a stray quote inside an unquoted field and junk after a closing quote', () => {
    expect(read('a,b\n1,x"y\n').errors[0]?.line).toBe(2);
    expect(read('a,b\n1,"x"y\n').errors[0]?.line).toBe(2);
  });
});
