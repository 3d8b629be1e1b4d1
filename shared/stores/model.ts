/**
 * Token stores: the database a server's Zoho SDK keeps its tokens in (the SDK's DBStore), which
 * Tokenbench reads beside its own tokens. Facts read from `@zohocrm/nodejs-sdk-8.0` 2.0.0
 * (lib/models/authenticator/store/db_store.js, README "DataBase Persistence", utils/util/constants.js):
 * MySQL, database `zohooauth` and table `oauthtoken` by default, user `root`, port 3306; one row per
 * token with the columns below, `id varchar(10)` as primary key, `expiry_time varchar(20)` (epoch
 * milliseconds as text), the rest `varchar(255)`. The SDK finds a row by `user_name` (its user
 * signature; `email:orgId` when its findUser is on), else by refresh token or grant token.
 */

/** Where the SDK looks when it is given nothing else (DBBuilder's defaults). */
export const SDK_DB_DEFAULTS = {
  host: 'localhost',
  port: 3306,
  database: 'zohooauth',
  table: 'oauthtoken',
  user: 'root',
} as const;

/** The Node SDK's columns, in the order its INSERT names them. Older SDKs have no `api_domain`. */
export const SDK_COLUMNS = [
  'id',
  'user_name',
  'client_id',
  'client_secret',
  'refresh_token',
  'access_token',
  'grant_token',
  'expiry_time',
  'redirect_url',
  'api_domain',
] as const;
export type SdkColumn = (typeof SDK_COLUMNS)[number];

/** Columns a table must have to be read as an SDK token table (api_domain came later). */
export const REQUIRED_COLUMNS: readonly SdkColumn[] = SDK_COLUMNS.filter((c) => c !== 'api_domain');

/**
 * A database or table name Tokenbench puts into SQL: MySQL's unquoted identifier characters only,
 * at most 64 (MySQL 8.0 manual, 11.2 "Schema Object Names"), so quoting it can never be escaped.
 */
export const MYSQL_IDENTIFIER = /^[A-Za-z0-9_$]{1,64}$/;

/** A token store as the workspace records it. The password is in the keychain, never here. */
export interface TokenStoreRecord {
  /** Tokenbench's own id (`st_…`). */
  readonly id: string;
  readonly name: string;
  /** A host name or address; a path starting with `/` is a Unix socket. */
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly table: string;
  readonly user: string;
  /** Whether a password is in the keychain (the SDK's default password is empty). */
  readonly hasPassword: boolean;
  /** Read-only unless the user allows writes: a server depends on these rows. */
  readonly writable: boolean;
  readonly createdAt: number;
}

/** `tokenbench@127.0.0.1:3306/zohooauth.oauthtoken`: where a store is, for lists and messages. */
export function storeAddress(
  store: Pick<TokenStoreRecord, 'host' | 'port' | 'database' | 'table' | 'user'>,
): string {
  const at = store.host.startsWith('/') ? store.host : `${store.host}:${String(store.port)}`;
  return `${store.user}@${at}/${store.database}.${store.table}`;
}
