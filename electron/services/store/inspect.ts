import { accessSync, constants, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Database as Connection } from 'better-sqlite3';
import { readSqliteHeader } from './header';
import { readSchemaVersion, schemaProblem, SCHEMA_VERSION } from './schema';
import { BUSY_TIMEOUT_MS, isAccessError, isDamageError, openReadOnly, errorCode } from './sqlite';

/** What an existing workspace file turned out to be, before anything is allowed to write to it. */
export type Inspection =
  | { readonly kind: 'absent' }
  | { readonly kind: 'sound'; readonly version: number }
  | { readonly kind: 'too-new'; readonly version: number }
  /** The bytes or the tables are wrong: quarantine it. `reason` completes "it was damaged: …". */
  | { readonly kind: 'damaged'; readonly reason: string }
  /** Permissions: the user must act; the file is fine as far as we know, so it is left alone. */
  | { readonly kind: 'inaccessible'; readonly detail: string }
  /** Anything else (busy past the timeout, I/O error): not evidence of damage, so left alone too. */
  | { readonly kind: 'failed'; readonly detail: string };

export function inspectWorkspace(file: string): Inspection {
  const early = checkFile(file) ?? checkHeader(file);
  if (early !== null) return early;
  try {
    return withConnection(file, openReadOnly, judge);
  } catch (error: unknown) {
    // A read-only connection cannot replay a hot journal or rebuild a missing -shm; a writable one
    // can, and the file was found writable above. Still nothing but SQLite's own recovery writes.
    if (!errorCode(error)?.startsWith('SQLITE_READONLY')) return classify(error);
    try {
      return withConnection(file, openRecovering, judge);
    } catch (retryError: unknown) {
      return classify(retryError);
    }
  }
}

function checkFile(file: string): Inspection | null {
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return { kind: 'failed', detail: 'it is a folder or device, not a file' };
    accessSync(file, constants.R_OK | constants.W_OK);
    // SQLite takes an empty file for an empty database and would quietly start a new workspace in
    // it. Tokenbench never leaves one (a new workspace appears whole: see createWorkspaceFile), so
    // zero bytes mean the file was truncated or replaced: say so, like any other damage.
    if (stat.size === 0) return { kind: 'damaged', reason: 'it is empty, 0 bytes long' };
    return null;
  } catch (error: unknown) {
    const code = errorCode(error);
    if (code === 'ENOENT') return { kind: 'absent' };
    if (isAccessError(code)) return { kind: 'inaccessible', detail: 'permission denied' };
    return { kind: 'failed', detail: errorText(error) };
  }
}

/**
 * A newer schema is refused from the header alone, before SQLite opens the file: opening it (even
 * read-only) would leave -wal and -shm files beside a workspace we promise to leave unchanged. The
 * header can only lag behind a -wal that a running newer Tokenbench has not checkpointed yet, and
 * schema versions only grow, so a header that is already too new is never wrong.
 */
function checkHeader(file: string): Inspection | null {
  try {
    const header = readSqliteHeader(file);
    if (header !== null && header.userVersion > SCHEMA_VERSION)
      return { kind: 'too-new', version: header.userVersion };
    return null;
  } catch (error: unknown) {
    return classify(error);
  }
}

function withConnection(
  file: string,
  open: (file: string) => Connection,
  use: (db: Connection) => Inspection,
): Inspection {
  const db = open(file);
  try {
    return use(db);
  } finally {
    db.close();
  }
}

function openRecovering(file: string): Connection {
  return new Database(file, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
}

/** Version first: a newer file is refused before we judge tables we do not know. */
function judge(db: Connection): Inspection {
  const version = readSchemaVersion(db);
  if (version > SCHEMA_VERSION) return { kind: 'too-new', version };
  const problems = (db.pragma('quick_check') as { quick_check: string }[]).map((row) => row.quick_check);
  if (problems.length !== 1 || problems[0] !== 'ok') {
    return { kind: 'damaged', reason: `SQLite's integrity check failed: ${firstProblem(problems)}` };
  }
  const problem = schemaProblem(db, version);
  return problem === null ? { kind: 'sound', version } : { kind: 'damaged', reason: problem };
}

/** quick_check answers lines like "*** in database main ***" then "Tree 3 page 3 cell 2: …"; keep the first real one. */
function firstProblem(problems: readonly string[]): string {
  const lines = problems.flatMap((problem) => problem.split('\n'));
  return lines.find((line) => line.trim() !== '' && !line.startsWith('***')) ?? 'no details';
}

function classify(error: unknown): Inspection {
  const code = errorCode(error);
  if (code === 'SQLITE_NOTADB') return { kind: 'damaged', reason: 'it is not a SQLite database' };
  if (isDamageError(code)) {
    return { kind: 'damaged', reason: 'its contents are malformed, as if cut short or partly overwritten' };
  }
  if (isAccessError(code)) return { kind: 'inaccessible', detail: errorText(error) };
  return { kind: 'failed', detail: errorText(error) };
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
