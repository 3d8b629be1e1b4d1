/**
 * Rows of a Zoho SDK token table for tests: values shaped like Zoho's (zoho-oauth.md, "Token
 * endpoint"), written with plain SQL as a server's SDK would have left them.
 */
import { randomBytes } from 'node:crypto';
import type { MariaDb } from './mariadb';

/** `1000.` + 32 hex + `.` + 32 hex, like Zoho's refresh and access tokens. */
export const zohoToken = (): string =>
  `1000.${randomBytes(16).toString('hex')}.${randomBytes(16).toString('hex')}`;

export interface SdkRow {
  readonly id: string;
  readonly user_name: string | null;
  readonly client_id: string | null;
  readonly client_secret: string | null;
  readonly refresh_token: string | null;
  readonly access_token: string | null;
  readonly grant_token: string | null;
  readonly expiry_time: string | null;
  readonly redirect_url: string | null;
  readonly api_domain: string | null;
}

/** A row as the Node SDK saves one after an exchange with findUser on (`email:orgId`). */
export function sdkRow(id: number | string, overrides: Partial<SdkRow> = {}): SdkRow {
  return {
    id: String(id),
    user_name: `user${String(id)}@example.com:70000123`,
    client_id: '1000.SERVERCLIENT0000000000000000000',
    client_secret: randomBytes(21).toString('hex'),
    refresh_token: zohoToken(),
    access_token: zohoToken(),
    grant_token: null,
    expiry_time: String(Date.now() + 45 * 60_000),
    redirect_url: 'https://crm.example.com/oauth/callback',
    api_domain: 'https://www.zohoapis.com',
    ...overrides,
  };
}

const COLUMNS = [
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

/** Inserts rows into `zohooauth.<table>` in batches of 500. */
export async function insertRows(db: MariaDb, rows: readonly SdkRow[], table = 'oauthtoken'): Promise<void> {
  for (let start = 0; start < rows.length; start += 500) {
    const batch = rows.slice(start, start + 500).map((row) => COLUMNS.map((c) => row[c]));
    await db.query(`INSERT INTO zohooauth.${table} (${COLUMNS.join(', ')}) VALUES ?`, [batch]);
  }
}

/** Every value of a table, for "nothing was changed" (CHECKSUM TABLE reads all of it). */
export async function checksum(db: MariaDb, table = 'oauthtoken'): Promise<string> {
  const [row] = await db.query<{ Checksum: string | number | null }>(`CHECKSUM TABLE zohooauth.${table}`);
  return String(row?.Checksum);
}

/** Every secret value of these rows, for leak checks. */
export const secretsOf = (rows: readonly SdkRow[]): string[] =>
  rows.flatMap((r) =>
    [r.client_secret, r.refresh_token, r.access_token].filter((v): v is string => v !== null),
  );
