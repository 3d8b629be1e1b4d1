import type { RowDataPacket } from 'mysql2/promise';
import type { SdkRowValues } from '../../../shared/stores/sdk-row';
import type { SqlValue, StoreSession } from './connection';
import type { TableShape } from './table';

/**
 * Every read is bounded: a page in primary-key order after a key (keyset pagination, so page 200
 * costs what page 1 costs, through the `id` primary key the SDK's CREATE TABLE declares), or the
 * rows of one client and a few users, with a LIMIT. Nothing selects a whole table into memory. The
 * client secret is never read: only whether the row has one.
 */
function selectList(shape: TableShape): string {
  const apiDomain = shape.hasApiDomain ? 'api_domain' : 'NULL AS api_domain';
  return `id, user_name, client_id, refresh_token, access_token, grant_token, expiry_time, redirect_url,
    ${apiDomain}, (client_secret IS NOT NULL AND client_secret <> '') AS has_secret`;
}

interface RawRow extends RowDataPacket {
  readonly id: unknown;
  readonly user_name: unknown;
  readonly client_id: unknown;
  readonly refresh_token: unknown;
  readonly access_token: unknown;
  readonly grant_token: unknown;
  readonly expiry_time: unknown;
  readonly redirect_url: unknown;
  readonly api_domain: unknown;
  readonly has_secret: unknown;
}

/** A column as text: the SDK's are varchar; a table typed otherwise still reads (numbers, bytes). */
function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  return null;
}

function toValues(row: RawRow): SdkRowValues {
  return {
    id: text(row.id) ?? '',
    userName: text(row.user_name),
    clientId: text(row.client_id),
    refreshToken: text(row.refresh_token),
    accessToken: text(row.access_token),
    grantToken: text(row.grant_token),
    expiryTime: text(row.expiry_time),
    redirectUrl: text(row.redirect_url),
    apiDomain: text(row.api_domain),
    hasClientSecret: row.has_secret === 1 || row.has_secret === '1' || row.has_secret === true,
  };
}

/** One page after `after` (exclusive) in key order, and whether more rows follow. */
export async function readPage(
  session: StoreSession,
  shape: TableShape,
  after: string | null,
  limit: number,
): Promise<{ rows: SdkRowValues[]; more: boolean }> {
  const where = after === null ? '' : 'WHERE id > ?';
  const values = after === null ? [limit + 1] : [after, limit + 1];
  const rows = await session.rows<RawRow>(
    `SELECT ${selectList(shape)} FROM ${session.table} ${where} ORDER BY id LIMIT ?`,
    values,
  );
  return { rows: rows.slice(0, limit).map(toValues), more: rows.length > limit };
}

/** At most this many rows answer a query about one client's users: far above Zoho's 20 a user. */
export const HELD_LIMIT = 500;

/**
 * The rows of one client holding a refresh token of these users (by the email part of the user
 * column) or ending in these fingerprints. The user column and the token tails are not indexed in
 * the SDK's table, so the server scans, but only the matching rows (at most HELD_LIMIT) come back.
 */
export async function readHeld(
  session: StoreSession,
  shape: TableShape,
  clientId: string,
  emails: readonly string[],
  tails: readonly string[],
): Promise<SdkRowValues[]> {
  const either: string[] = [];
  const values: SqlValue[] = [clientId];
  if (emails.length > 0) {
    either.push("SUBSTRING_INDEX(user_name, ':', 1) IN (?)");
    values.push(emails);
  }
  if (tails.length > 0) {
    either.push('RIGHT(refresh_token, 4) IN (?)');
    values.push(tails);
  }
  if (either.length === 0) return [];
  const rows = await session.rows<RawRow>(
    `SELECT ${selectList(shape)} FROM ${session.table}
     WHERE client_id = ? AND refresh_token IS NOT NULL AND refresh_token <> '' AND (${either.join(' OR ')})
     ORDER BY id LIMIT ${String(HELD_LIMIT)}`,
    values,
  );
  return rows.map(toValues);
}

/** One row by its key (none or one: `id` is the primary key). */
export async function readRow(
  session: StoreSession,
  shape: TableShape,
  rowId: string,
): Promise<SdkRowValues[]> {
  const rows = await session.rows<RawRow>(
    `SELECT ${selectList(shape)} FROM ${session.table} WHERE id = ? LIMIT 1`,
    [rowId],
  );
  return rows.map(toValues);
}

/** How a hand-over finds the row to replace: the exact user column, or a client's rows of an email. */
export type UserMatch = { readonly userName: string } | { readonly clientId: string; readonly email: string };

/** The rows a hand-over would replace, first by key; `lock` holds them until the transaction ends. */
export async function readUserRows(
  session: StoreSession,
  shape: TableShape,
  match: UserMatch,
  lock = false,
): Promise<SdkRowValues[]> {
  const [where, values]: [string, SqlValue[]] =
    'userName' in match
      ? ['user_name = ?', [match.userName]]
      : ["client_id = ? AND SUBSTRING_INDEX(user_name, ':', 1) = ?", [match.clientId, match.email]];
  const rows = await session.rows<RawRow>(
    `SELECT ${selectList(shape)} FROM ${session.table} WHERE ${where} ORDER BY id LIMIT 5${lock ? ' FOR UPDATE' : ''}`,
    values,
  );
  return rows.map(toValues);
}

/** What a hand-over writes: the SDK's columns, so the server's next findToken reads it as its own. */
export interface RowWrite {
  readonly userName: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
  readonly accessToken: string | null;
  readonly expiryTime: string | null;
  readonly redirectUrl: string | null;
  readonly apiDomain: string | null;
}

const SET_COLUMNS = [
  'user_name',
  'client_id',
  'client_secret',
  'refresh_token',
  'access_token',
  'grant_token',
  'expiry_time',
  'redirect_url',
];

export const writtenColumns = (shape: TableShape): string[] =>
  shape.hasApiDomain ? [...SET_COLUMNS, 'api_domain'] : SET_COLUMNS;

function writeValues(shape: TableShape, write: RowWrite): SqlValue[] {
  const values: SqlValue[] = [
    write.userName,
    write.clientId,
    write.clientSecret,
    write.refreshToken,
    write.accessToken,
    // The grant code was spent on the exchange; a stale one would make the SDK try it again.
    null,
    write.expiryTime,
    write.redirectUrl,
  ];
  return shape.hasApiDomain ? [...values, write.apiDomain] : values;
}

export async function updateRow(
  session: StoreSession,
  shape: TableShape,
  rowId: string,
  write: RowWrite,
): Promise<number> {
  const columns = writtenColumns(shape);
  return session.run(
    `UPDATE ${session.table} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`,
    [...writeValues(shape, write), rowId],
  );
}

/**
 * Adds a row under the next numeric id. The SDK's own generateId takes MAX(id) of a varchar column,
 * which compares as text: after "9" and "10" it answers "9" + 1 = "10" again, a duplicate key. Here
 * the ids are compared as numbers. A server adding a row at the same moment makes the insert fail on
 * the primary key, and nothing is written: the user sees the error and hands over again.
 */
export async function insertRow(session: StoreSession, shape: TableShape, write: RowWrite): Promise<string> {
  const [next] = await session.rows<RowDataPacket & { next: unknown }>(
    `SELECT COALESCE(MAX(CAST(id AS UNSIGNED)), 0) + 1 AS next FROM ${session.table}`,
  );
  const rowId = text(next?.next) ?? '1';
  const columns = ['id', ...writtenColumns(shape)];
  await session.run(
    `INSERT INTO ${session.table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    [rowId, ...writeValues(shape, write)],
  );
  return rowId;
}
