/**
 * Writes a generated org folder (see `generateDemoOrg`) to disk: CSV per RFC 4180 with LF line
 * endings, streamed in large chunks so the million-row demo writes quickly in little memory.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DemoOrg } from '../core/demo/generate-demo-org.js';

/** What was written: each file's path (relative to the folder), rows (CSV only) and bytes. */
export interface WrittenFile {
  readonly path: string;
  readonly rows: number | null;
  readonly bytes: number;
}

const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE = /"/g;
const CHUNK_CHARS = 1 << 20;

/** One CSV field: quoted only when it holds a comma, quote, CR or LF; inner quotes doubled. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(QUOTE, '""')}"` : value;
}

/** One CSV record with its LF terminator. */
export function csvLine(fields: readonly string[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i += 1) {
    if (i > 0) line += ',';
    line += csvField(fields[i] ?? '');
  }
  return `${line}\n`;
}

async function ensureEmptyDirectory(dir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (e) {
    if (e instanceof Error && 'code' in e && e.code === 'ENOENT') {
      await mkdir(dir, { recursive: true });
      return;
    }
    throw e;
  }
  if (entries.length > 0) {
    throw new Error(`${dir} is not empty (${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}); choose a new or empty folder for the demo org`);
  }
}

async function writeCsv(path: string, header: readonly string[], rows: Iterable<readonly string[]>): Promise<{ rows: number; bytes: number }> {
  const stream = createWriteStream(path, { encoding: 'utf8', highWaterMark: 4 * CHUNK_CHARS });
  const closed = new Promise<void>((resolve, reject) => {
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  let count = 0;
  let bytes = 0;
  let chunk = csvLine(header);
  const flush = async (): Promise<void> => {
    bytes += Buffer.byteLength(chunk, 'utf8');
    const ok = stream.write(chunk);
    chunk = '';
    if (!ok) await Promise.race([once(stream, 'drain'), closed]);
  };
  try {
    for (const row of rows) {
      chunk += csvLine(row);
      count += 1;
      if (chunk.length >= CHUNK_CHARS) await flush();
    }
    if (chunk.length > 0) await flush();
  } finally {
    stream.end();
    await closed;
  }
  return { rows: count, bytes };
}

/**
 * Write every file of `org` into `dir` (created when missing). Refuses a folder that already holds
 * anything, so a demo never overwrites or mixes with real data.
 */
export async function writeOrgFiles(dir: string, org: DemoOrg): Promise<WrittenFile[]> {
  await ensureEmptyDirectory(dir);
  const written: WrittenFile[] = [];
  for (const file of org.files) {
    const target = join(dir, file.path);
    await mkdir(dirname(target), { recursive: true });
    if (file.kind === 'text') {
      await writeFile(target, file.text, 'utf8');
      written.push({ path: file.path, rows: null, bytes: Buffer.byteLength(file.text, 'utf8') });
    } else {
      const { rows, bytes } = await writeCsv(target, file.header, file.rows);
      written.push({ path: file.path, rows, bytes });
    }
  }
  return written;
}
