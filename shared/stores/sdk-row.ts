/**
 * One row of a Zoho SDK token table (the DBStore), as values (main process only: it holds token
 * values) and the checks that tell a token row from anything else. The row is the FileStore's
 * (shared/filestore/token-row.ts: the same ten columns), less the client secret, which Tokenbench
 * never reads from a server's database: only whether the row has one.
 */
import type { SdkTokenRow } from '../filestore/token-row';
import { fingerprint } from '../workspace/model';

export type SdkRowValues = Omit<SdkTokenRow, 'id' | 'clientSecret'> & {
  /** The table's primary key (`id varchar(10)` in the SDK's CREATE TABLE). */
  readonly id: string;
  readonly hasClientSecret: boolean;
};

/**
 * Zoho's tokens and grant codes are `1000.` + hex + `.` + hex (zoho-oauth.md, "Token endpoint"); the
 * leading number is a server id, so any four digits pass. Checked loosely on purpose: a shape, not
 * a length, so a token Zoho mints a little differently tomorrow is still read as one.
 */
const TOKEN_SHAPE = /^\d{4}\.[0-9a-f]+\.[0-9a-f]+$/i;
/** `1000.` + upper-case letters and digits, as the API console shows client ids. */
const CLIENT_ID_SHAPE = /^\d{4}\.[0-9A-Z]+$/i;
/** Epoch milliseconds: 13 digits until the year 2286; 10 to 16 allows seconds and far futures. */
const EPOCH_MS = /^\d{10,16}$/;

export const looksLikeZohoToken = (value: string): boolean => TOKEN_SHAPE.test(value);

const present = (value: string | null): value is string => value !== null && value.trim() !== '';

/**
 * Why this row is not a token the SDK could use, in plain words that never quote a value (a value
 * may be a secret); empty when it is one. A row may hold only an access token (the SDK's access-token
 * flow) or only a grant token (saved before its first exchange).
 */
export function rowProblems(row: SdkRowValues): string[] {
  const problems: string[] = [];
  if (row.id.trim() === '') problems.push('its id is empty');
  if (!present(row.clientId)) problems.push('client_id is empty');
  else if (!CLIENT_ID_SHAPE.test(row.clientId.trim()))
    problems.push('client_id is not a Zoho client id (1000.…)');
  const tokens = [
    ['refresh_token', row.refreshToken],
    ['access_token', row.accessToken],
    ['grant_token', row.grantToken],
  ] as const;
  if (!tokens.some(([, value]) => present(value))) {
    problems.push('it holds no token (refresh_token, access_token and grant_token are empty)');
  }
  for (const [column, value] of tokens) {
    if (present(value) && !looksLikeZohoToken(value.trim()))
      problems.push(`${column} is not a Zoho token (1000.….…)`);
  }
  if (present(row.expiryTime) && !EPOCH_MS.test(row.expiryTime.trim()))
    problems.push('expiry_time is not epoch milliseconds');
  return problems;
}

/** The value's fingerprint as the workspace writes it (model.ts `fingerprint`), or null for none. */
export function tailPrint(value: string | null): string | null {
  return present(value) ? fingerprint(value.trim()) : null;
}
