/**
 * Writes a generated org folder (see `generateDemoOrg`) to disk: CSV per RFC 4180 with LF line
 * endings, streamed in large chunks so the million-row demo writes quickly in little memory.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
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
const CHUNK_BYTES = 4 << 20;

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

/** Raised when the target folder already holds files: a demo never overwrites or mixes with data. */
export class NonEmptyDirectoryError extends Error {
  constructor(
    readonly dir: string,
    readonly entries: number,
  ) {
    super(`${dir} is not empty (${entries} entr${entries === 1 ? 'y' : 'ies'}); choose a new or empty folder for the demo org`);
    this.name = 'NonEmptyDirectoryError';
  }
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
    throw new NonEmptyDirectoryError(dir, entries.length);
  }
}

/**
 * Encodes CSV records straight into large UTF-8 buffers (much faster than building strings for
 * millions of rows) and hands each full buffer to the stream.
 */
class CsvEncoder {
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private offset = 0;
  bytes = 0;
  /** Set when the stream asked us to wait for 'drain'. */
  congested = false;

  constructor(private readonly stream: WriteStream) {}

  /** Append one record. */
  record(fields: readonly string[]): void {
    const line = csvLine(fields);
    // A UTF-16 code unit is at most 3 UTF-8 bytes.
    const worst = line.length * 3;
    if (this.offset + worst > this.buffer.length) this.flush(worst);
    this.offset += this.buffer.write(line, this.offset, 'utf8');
  }

  /** Hand the filled part to the stream; continue in a new buffer of at least `room` bytes. */
  flush(room = 0): void {
    if (this.offset > 0) {
      const full = this.buffer.subarray(0, this.offset);
      this.bytes += this.offset;
      this.buffer = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, room));
      this.offset = 0;
      if (!this.stream.write(full)) this.congested = true;
    } else if (room > this.buffer.length) {
      this.buffer = Buffer.allocUnsafe(room);
    }
  }
}

async function writeCsv(path: string, header: readonly string[], rows: Iterable<readonly string[]>): Promise<{ rows: number; bytes: number }> {
  const stream = createWriteStream(path, { highWaterMark: 2 * CHUNK_BYTES });
  const closed = new Promise<void>((resolve, reject) => {
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  const encoder = new CsvEncoder(stream);
  let count = 0;
  try {
    encoder.record(header);
    for (const row of rows) {
      encoder.record(row);
      count += 1;
      if (encoder.congested) {
        encoder.congested = false;
        await Promise.race([once(stream, 'drain'), closed]);
      }
    }
    encoder.flush();
  } finally {
    stream.end();
    await closed;
  }
  return { rows: count, bytes: encoder.bytes };
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

/** Every file of `org` as the text `writeOrgFiles` writes, by path (for a standard-size org: in memory). */
export function orgTexts(org: DemoOrg): Map<string, string> {
  return new Map(
    org.files.map((file) => {
      if (file.kind === 'text') return [file.path, file.text];
      let text = csvLine(file.header);
      for (const row of file.rows) text += csvLine(row);
      return [file.path, text];
    }),
  );
}
