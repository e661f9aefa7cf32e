/**
 * "Has anything been committed since?" for an SQLite database in WAL mode, answered without a
 * transaction: by reading the WAL-index header from the database's `-shm` file.
 *
 * Every read transaction costs SQLite two lock system calls on the `-shm` file plus its pager work
 * (in a busy server, 15–25 µs: the largest part of a small request's time). A value that only a
 * commit changes lets a caller keep what it read until something changes, on every instance that
 * shares the file, and still answer exactly what a fresh read would.
 *
 * The WAL-index header (SQLite's documented WAL-mode format for its unix VFS, walformat.html §2.1;
 * `struct WalIndexHdr` in wal.c) is 48 bytes at offset 0 of the `-shm` file, followed by a second
 * copy. A writer rewrites both at every commit — `iChange` counts transactions, `mxFrame` moves,
 * a checksum covers them — second copy first; a reader takes the first, then the second, and
 * trusts them only when they agree. So do we: equal copies with `isInit` set and the known
 * version, or no stamp at all (the caller then reads as usual). A rolled-back transaction leaves
 * the header as it was, and so does the data.
 *
 * The `-shm` file is opened once, read-only, and closed only after SQLite has closed its own
 * connection: closing any descriptor of a file drops every POSIX lock the process holds on it,
 * SQLite's included.
 */
import { closeSync, openSync, readSync } from 'node:fs';

/** Size of one copy of the header. */
const HEADER_BYTES = 48;
/** `iVersion` of every wal-index SQLite has written since 3.7.0 (WALINDEX_MAX_VERSION). */
const WALINDEX_VERSION = 3007000;
/** Offset of `isInit` (1 once the header has been written). */
const IS_INIT = 12;

export class CommitStamp {
  readonly #path: string;
  readonly #buffer = Buffer.alloc(2 * HEADER_BYTES);
  /** The header last read, and its stamp (a new number each time the header is seen to change). */
  readonly #last = Buffer.alloc(HEADER_BYTES);
  #stamp = 0;
  #fd: number | undefined;
  #closed = false;

  /** For the database file at `databasePath` (its `-shm` file is next to it). */
  constructor(databasePath: string) {
    this.#path = `${databasePath}-shm`;
  }

  /**
   * Two calls return the same number only if no connection, in any process, committed between
   * them (a header seen before, changed since, and back again — which SQLite never writes — would
   * still get a new number). Undefined when it cannot tell (no `-shm` file yet, a header being
   * written this instant, an unknown version, after close).
   */
  read(): number | undefined {
    if (this.#closed) return undefined;
    if (this.#fd === undefined) {
      try {
        this.#fd = openSync(this.#path, 'r');
      } catch {
        return undefined;
      }
    }
    const b = this.#buffer;
    if (readSync(this.#fd, b, 0, b.length, 0) < b.length) return undefined;
    const version = b.readUInt32LE(0) === WALINDEX_VERSION || b.readUInt32BE(0) === WALINDEX_VERSION;
    if (!version || b[IS_INIT] !== 1) return undefined;
    if (b.compare(b, HEADER_BYTES, 2 * HEADER_BYTES, 0, HEADER_BYTES) !== 0) return undefined;
    if (this.#stamp === 0 || this.#last.compare(b, 0, HEADER_BYTES) !== 0) {
      b.copy(this.#last, 0, 0, HEADER_BYTES);
      this.#stamp++;
    }
    return this.#stamp;
  }

  /** Closes the file: call only after SQLite has closed its connection (see above). */
  close(): void {
    this.#closed = true;
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
  }
}
