import { accessSync, constants, existsSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { ok } from '../../../shared/result';
import type { Failure, Ok } from '../../../shared/result';
import { createWorkspaceFile } from './create';
import { errorText, inspectWorkspace } from './inspect';
import { ensureDataDir, resolveDataDir, workspaceFilePath } from './paths';
import { quarantine } from './quarantine';
import { migrate, readSchemaVersion, SCHEMA_VERSION } from './schema';
import { errorCode, isAccessError, openConnection } from './sqlite';
import { WorkspaceStore } from './workspace-store';

export interface OpenOptions {
  /** The CLI's `--home DIR`; else `$TOKENBENCH_HOME`, else the platform's app-data folder. */
  readonly home?: string | undefined;
  /** Clock for timestamps the store sets itself (removal, environment updates, quarantine names). */
  readonly now?: () => number;
}

/** The damaged file was moved aside and a new workspace started: say so to the user, in these words. */
export interface Recovery {
  readonly quarantinedTo: string;
  /** Every file moved (the database, then its -wal/-shm if present). */
  readonly movedFiles: readonly string[];
  /** What was wrong, completing "the file was damaged: …". */
  readonly reason: string;
  /** One plain sentence for the UI or the CLI. */
  readonly message: string;
}

export interface OpenedWorkspace {
  readonly store: WorkspaceStore;
  readonly dataDir: string;
  /** Non-null when a damaged workspace was quarantined during this open. */
  readonly recovered: Recovery | null;
}

export type OpenErrorCode =
  'workspace_too_new' | 'workspace_unreadable' | 'data_folder_unavailable' | 'workspace_open_failed';

/** A failure that names the file or folder concerned, so the message and the UI can point at it. */
export type OpenFailure = Failure<OpenErrorCode> & { readonly path: string };

/**
 * Opens (creating or upgrading as needed) the workspace in the data folder. A file is inspected
 * read-only before anything writes to it: a newer schema is refused untouched, a damaged file is
 * moved aside (never deleted) and reported in `recovered`, and a permission problem is an error
 * the user can fix, with the file left as it was.
 */
export function openWorkspaceStore(options: OpenOptions = {}): Ok<OpenedWorkspace> | OpenFailure {
  const now = options.now ?? Date.now;
  const dataDir = resolveDataDir({ home: options.home });
  const folderProblem = prepareFolder(dataDir);
  if (folderProblem !== null) return folderProblem;
  const file = workspaceFilePath(dataDir);

  const inspection = inspectWorkspace(file);
  if (inspection.kind === 'too-new') return tooNew(file, inspection.version);
  if (inspection.kind === 'inaccessible') return unreadable(file, inspection.detail);
  if (inspection.kind === 'failed') return openFailed(file, inspection.detail);
  let recovered: Recovery | null = null;
  if (inspection.kind === 'damaged') {
    const moved = moveAside(file, inspection.reason, now());
    if (!('quarantinedTo' in moved)) return moved;
    recovered = moved;
  }
  return startStore(file, now, dataDir, recovered);
}

function prepareFolder(dir: string): OpenFailure | null {
  try {
    ensureDataDir(dir);
    // SQLite creates -wal and -shm next to the file, so the folder itself must be writable.
    accessSync(dir, constants.R_OK | constants.W_OK | constants.X_OK);
    return null;
  } catch (error: unknown) {
    return {
      ok: false,
      code: 'data_folder_unavailable',
      path: dir,
      message:
        `Tokenbench cannot use its data folder ${dir} (${errorText(error)}). Make sure your user can ` +
        'create and write it, or choose another folder with --home DIR or TOKENBENCH_HOME.',
    };
  }
}

function moveAside(file: string, reason: string, at: number): Recovery | OpenFailure {
  try {
    const { quarantinedTo, moved } = quarantine(file, at);
    return {
      quarantinedTo,
      movedFiles: moved.map((entry) => entry.to),
      reason,
      message:
        `Your workspace file was damaged (${reason}) and was moved to ${quarantinedTo}; ` +
        'a new empty workspace was started. Nothing was deleted.',
    };
  } catch (error: unknown) {
    return openFailed(
      file,
      `it is damaged (${reason}) but could not be moved aside (${errorText(error)}); ` +
        'move or rename it yourself, then start Tokenbench again',
    );
  }
}

function startStore(
  file: string,
  now: () => number,
  dataDir: string,
  recovered: Recovery | null,
): Ok<OpenedWorkspace> | OpenFailure {
  let db: Database | undefined;
  try {
    if (!existsSync(file)) createWorkspaceFile(file);
    db = openConnection(file);
    migrate(db);
    // Another process may have upgraded the file past us between inspection and now.
    const version = readSchemaVersion(db);
    if (version !== SCHEMA_VERSION) {
      db.close();
      return tooNew(file, version);
    }
    return ok({ store: new WorkspaceStore(db, file, now), dataDir, recovered });
  } catch (error: unknown) {
    db?.close();
    return isAccessError(errorCode(error))
      ? unreadable(file, errorText(error))
      : openFailed(file, errorText(error));
  }
}

function tooNew(file: string, version: number): OpenFailure {
  return {
    ok: false,
    code: 'workspace_too_new',
    path: file,
    message:
      `This workspace was written by a newer Tokenbench (schema ${version}); update Tokenbench. ` +
      `This version knows schema ${SCHEMA_VERSION} and left ${file} unchanged.`,
  };
}

function unreadable(file: string, detail: string): OpenFailure {
  return {
    ok: false,
    code: 'workspace_unreadable',
    path: file,
    message:
      `Tokenbench cannot open its workspace file ${file} (${detail}). Give your user read and write ` +
      `access to it (for example: chmod u+rw "${file}"), or choose another folder with --home DIR or ` +
      'TOKENBENCH_HOME. The file was left unchanged.',
  };
}

function openFailed(file: string, detail: string): OpenFailure {
  return {
    ok: false,
    code: 'workspace_open_failed',
    path: file,
    message: `Tokenbench could not open its workspace file ${file}: ${detail}. The file was left unchanged.`,
  };
}
