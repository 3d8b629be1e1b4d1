import { randomBytes } from 'node:crypto';
import { constants, copyFileSync, linkSync, rmSync } from 'node:fs';
import { migrate } from './schema';
import { errorCode, openConnection } from './sqlite';

/**
 * Makes a new workspace appear whole: built and migrated under a private name, then linked into
 * place, which fails rather than overwrite a file another process created meanwhile (that one wins,
 * and is opened like any other). So no Tokenbench ever leaves a zero-length workspace.db behind,
 * even when killed mid-creation, and an empty file can be reported as damage instead of being taken
 * quietly for a new workspace.
 */
export function createWorkspaceFile(file: string): void {
  const scratch = `${file}.new-${randomBytes(6).toString('hex')}`;
  try {
    const db = openConnection(scratch);
    try {
      migrate(db);
    } finally {
      // The last connection to close checkpoints the WAL into the file and removes -wal and -shm.
      db.close();
    }
    placeOnce(scratch, file);
  } finally {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${scratch}${suffix}`, { force: true });
  }
}

/** Puts the file in place unless one is already there; another process's file is never replaced. */
function placeOnce(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch (error: unknown) {
    if (errorCode(error) === 'EEXIST') return;
    // A folder on a file system without hard links (FAT, some network shares): an exclusive copy
    // still never replaces another's file, though a reader may briefly see it half written there.
    try {
      copyFileSync(from, to, constants.COPYFILE_EXCL);
    } catch (copyError: unknown) {
      if (errorCode(copyError) !== 'EEXIST') throw copyError;
    }
  }
}
