import Database from 'better-sqlite3';
import type { Database as Connection } from 'better-sqlite3';

/** How long a write waits for another process (the app or the CLI) holding the lock before it fails. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens the workspace for reading and writing.
 * - WAL lets the app and the CLI read while the other writes.
 * - synchronous = FULL: every commit is fsynced before the call returns, so an acknowledged write
 *   survives even a power cut, not only a crash. NORMAL could lose the last commits on power loss;
 *   a lost ledger event would undercount Zoho's limits. Our write rate (a few per user action) makes
 *   the extra fsync invisible.
 * - foreign_keys is per connection in SQLite and off by default.
 */
export function openConnection(file: string): Connection {
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error: unknown) {
    db.close();
    throw error;
  }
}

/** Opens an existing file without any right to change it: how a file is inspected before it is trusted. */
export function openReadOnly(file: string): Connection {
  return new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
}

export function errorCode(error: unknown): string | null {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return null;
}

/** SQLite says the bytes themselves are wrong (not a database, broken pages, cut short). */
export function isDamageError(code: string | null): boolean {
  return (
    code !== null &&
    (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_IOERR_SHORT_READ')
  );
}

/** The file or its folder may not be opened or written by this user. */
export function isAccessError(code: string | null): boolean {
  return (
    code !== null &&
    (code === 'EACCES' ||
      code === 'EPERM' ||
      code === 'SQLITE_PERM' ||
      code === 'SQLITE_AUTH' ||
      code.startsWith('SQLITE_CANTOPEN') ||
      code.startsWith('SQLITE_READONLY'))
  );
}

/** Runs `fn` as one write transaction, taking the write lock up front so a read-then-write never deadlocks. */
export function writeTransaction<T>(db: Connection, fn: () => T): T {
  return db.transaction(fn).immediate();
}
