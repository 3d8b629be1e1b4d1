/**
 * Token stores: a server's Zoho SDK DBStore (MySQL or MariaDB) read and, when allowed, written with
 * mysql2. Plain Node, never electron; knows nothing of the workspace (electron/services/workbench
 * joins its rows with the ledger).
 */
export { openSession, withSession, StoreSession, type StoreTarget } from './connection';
export { classifyStoreError, serverWords, type StoreErrorCode, type StoreFailure } from './errors';
export { checkTable, type TableShape } from './table';
export {
  HELD_LIMIT,
  insertRow,
  readHeld,
  readPage,
  readRow,
  readUserRows,
  updateRow,
  writtenColumns,
  type RowWrite,
  type UserMatch,
} from './queries';
