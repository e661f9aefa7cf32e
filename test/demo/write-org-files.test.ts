import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemoOrg, type DemoOrg } from '../../src/core/demo/generate-demo-org.js';
import { NonEmptyDirectoryError, csvField, csvLine, writeOrgFiles } from '../../src/io/write-org-files.js';

function isList(value: unknown): value is unknown[] {
  return Array.isArray(value);
}

const made: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-demo-'));
  made.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

describe('csvField', () => {
  it('quotes only fields with a comma, quote, CR or LF, doubling inner quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('')).toBe('');
    expect(csvField("O'Brien")).toBe("O'Brien");
    expect(csvField('Acme, Inc.')).toBe('"Acme, Inc."');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvLine(['a', 'b,c', ''])).toBe('a,"b,c",\n');
  });
});

describe('writeOrgFiles', () => {
  const org = generateDemoOrg({ seed: 42, size: 'standard', fiscalYear: 2026 });

  it('writes every file, and every CSV round-trips through csv-parse with its declared header', async () => {
    const dir = join(await tempDir(), 'new-org');
    const written = await writeOrgFiles(dir, org);
    expect(written.map((w) => w.path)).toEqual(org.files.map((f) => f.path));
    expect((await readdir(join(dir, 'plans'))).length).toBe(3);
    for (const f of org.files) {
      const text = await readFile(join(dir, f.path), 'utf8');
      const entry = written.find((w) => w.path === f.path);
      expect(entry?.bytes).toBe(Buffer.byteLength(text, 'utf8'));
      if (f.kind === 'text') {
        expect(text).toBe(f.text);
        continue;
      }
      expect(text.endsWith('\n')).toBe(true);
      const records: unknown = parse(text, { relax_column_count: false });
      expect(Array.isArray(records)).toBe(true);
      const [header, ...rows] = isList(records) ? records : [];
      expect(header).toEqual(f.header);
      expect(rows).toEqual([...f.rows].map((r) => [...r]));
      expect(entry?.rows).toBe(rows.length);
      // LF line endings: no CR anywhere (no generated field holds one).
      expect(text.includes('\r')).toBe(false);
    }
  });

  it('quotes the fields that need it (commas and quotes in names and reasons)', async () => {
    const dir = await tempDir();
    await writeOrgFiles(join(dir, 'org'), org);
    const deals = await readFile(join(dir, 'org', 'deals.csv'), 'utf8');
    expect(deals).toMatch(/,"[^"\n]*, (Inc\.|LLC)[^"\n]*",/);
    expect(deals).toContain('""Project ');
  });

  it('refuses a folder that is not empty', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'notes.txt'), 'mine');
    await expect(writeOrgFiles(dir, org)).rejects.toThrow(NonEmptyDirectoryError);
    await expect(writeOrgFiles(dir, org)).rejects.toThrow(/not empty \(1 entry\)/);
    expect(await readdir(dir)).toEqual(['notes.txt']);
  });

  it('writes into an existing empty folder, and handles a field larger than a buffer', async () => {
    const dir = await tempDir();
    const big = 'x'.repeat(5 << 20);
    const custom: DemoOrg = {
      files: [
        { path: 'a.csv', kind: 'csv', header: ['k', 'v'], rows: [['1', big], ['2', 'é, "q"']] },
        { path: 'sub/b.txt', kind: 'text', text: 'hello\n' },
      ],
    };
    const written = await writeOrgFiles(dir, custom);
    expect(written).toEqual([
      { path: 'a.csv', rows: 2, bytes: Buffer.byteLength(`k,v\n1,${big}\n2,"é, ""q"""\n`) },
      { path: 'sub/b.txt', rows: null, bytes: 6 },
    ]);
    expect(await readFile(join(dir, 'a.csv'), 'utf8')).toBe(`k,v\n1,${big}\n2,"é, ""q"""\n`);
  });
});
