import { closeSync, openSync, readSync } from 'node:fs';

/**
 * The first 100 bytes of a SQLite file, read without SQLite (https://www.sqlite.org/fileformat.html,
 * "1.3 The Database Header"). Opening a WAL database, even read-only, makes SQLite create its -wal
 * and -shm files beside it; reading the header first lets a file we will refuse stay untouched.
 */
export interface SqliteHeader {
  /** `PRAGMA user_version`: offset 60, a signed 4-byte big-endian integer. */
  readonly userVersion: number;
}

const MAGIC = 'SQLite format 3\u0000';
const HEADER_BYTES = 100;

/** The header, or null when the file is shorter than one or is not a SQLite file. */
export function readSqliteHeader(file: string): SqliteHeader | null {
  const bytes = Buffer.alloc(HEADER_BYTES);
  const fd = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(fd, bytes, 0, HEADER_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  if (read < HEADER_BYTES || bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) return null;
  return { userVersion: bytes.readInt32BE(60) };
}
