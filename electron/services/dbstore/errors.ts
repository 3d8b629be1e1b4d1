import type { TokenStoreRecord } from '../../../shared/stores/model';
import { storeAddress } from '../../../shared/stores/model';
import { fail, type Failure } from '../../../shared/result';

export type StoreErrorCode =
  | 'store_unreachable'
  | 'store_access_denied'
  | 'store_database_missing'
  | 'store_table_missing'
  | 'store_wrong_table'
  | 'store_rows_not_tokens'
  | 'store_read_only'
  | 'store_row_changed'
  | 'store_failed';

export type StoreFailure = Failure<StoreErrorCode>;

type Where = Pick<TokenStoreRecord, 'name' | 'host' | 'port' | 'database' | 'table' | 'user'>;

const NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOENT']);
const TIMEOUT = new Set(['ETIMEDOUT', 'PROTOCOL_SEQUENCE_TIMEOUT']);
const LOST = new Set(['PROTOCOL_CONNECTION_LOST', 'ECONNRESET', 'EPIPE']);
/** MySQL's refusals of a user: wrong password, no right to the database, no right to the table. */
const DENIED = new Set([
  'ER_ACCESS_DENIED_ERROR',
  'ER_DBACCESS_DENIED_ERROR',
  'ER_TABLEACCESS_DENIED_ERROR',
  'ER_COLUMNACCESS_DENIED_ERROR',
  'ER_SPECIFIC_ACCESS_DENIED_ERROR',
]);
/** The session is read-only (Tokenbench opens it so for a read-only store) or the server is. */
const READ_ONLY = new Set(['ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION', 'ER_OPTION_PREVENTS_STATEMENT']);

const codeOf = (error: unknown): string =>
  typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
    ? (error as { code: string }).code
    : '';

/**
 * The server's own words for an error, with anything shaped like a token cut to its fingerprint:
 * MySQL quotes key values in some messages ("Duplicate entry '…' for key"), and a table may have a
 * unique index on a token column.
 */
export function serverWords(error: unknown): string {
  const raw =
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { sqlMessage?: unknown }).sqlMessage === 'string'
      ? (error as { sqlMessage: string }).sqlMessage
      : error instanceof Error
        ? error.message
        : String(error);
  return raw.replace(/\d{4}\.[0-9a-f]{8,}\.[0-9a-f]{4,}/gi, (token) => `…${token.slice(-4)}`).slice(0, 300);
}

/** Every driver error as a coded failure that names the store and says what to do; never a password. */
export function classifyStoreError(error: unknown, store: Where): StoreFailure {
  const code = codeOf(error);
  const at = store.host.startsWith('/') ? `the socket ${store.host}` : `${store.host}:${String(store.port)}`;
  const named = `token store "${store.name}" (${storeAddress(store)})`;
  if (NETWORK.has(code) || TIMEOUT.has(code) || LOST.has(code)) {
    const why = TIMEOUT.has(code) ? 'no answer in time' : LOST.has(code) ? 'the connection was lost' : code;
    return fail(
      'store_unreachable',
      `Tokenbench could not reach the database of ${named} at ${at} (${why}). Check that the database server runs there and that the host and port are the ones the server's SDK uses; nothing was changed.`,
    );
  }
  if (DENIED.has(code)) {
    return fail(
      'store_access_denied',
      `The database refused user "${store.user}" for ${named}: ${serverWords(error)}. Check the user name and password (the server's SDK configuration has them) and that the user may read ${store.database}.${store.table}; nothing was changed.`,
    );
  }
  if (code === 'ER_BAD_DB_ERROR') {
    return fail(
      'store_database_missing',
      `There is no database "${store.database}" at ${at} for ${named}. The SDK's default is "zohooauth"; give the database your server's SDK uses. Nothing was changed.`,
    );
  }
  if (code === 'ER_NO_SUCH_TABLE') {
    return fail(
      'store_table_missing',
      `There is no table "${store.table}" in database "${store.database}" for ${named}. The SDK's default is "oauthtoken"; give the table your server's SDK uses. Nothing was changed.`,
    );
  }
  if (READ_ONLY.has(code)) {
    return fail(
      'store_read_only',
      `The database would not let Tokenbench write to ${named} (${serverWords(error)}). Nothing was changed.`,
    );
  }
  return fail(
    'store_failed',
    `The database of ${named} answered an error${code === '' ? '' : ` (${code})`}: ${serverWords(error)}. Nothing was changed.`,
  );
}
