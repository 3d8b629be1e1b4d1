/**
 * One row of a Zoho SDK token table, as values (main process only: it holds token values) and the
 * checks that tell a token row from anything else. Pure, so the CLI, the services and the tests read
 * rows alike; the FileStore's CSV has the same ten columns (zoho-oauth.md, "How Zoho's SDKs persist
 * tokens").
 */
import { fingerprint } from '../workspace/model';

export interface SdkRowValues {
  readonly id: string;
  readonly userName: string | null;
  readonly clientId: string | null;
  readonly refreshToken: string | null;
  readonly accessToken: string | null;
  readonly grantToken: string | null;
  /** Epoch milliseconds as text (the SDK's `expiry_time varchar(20)`), when it holds an access token. */
  readonly expiryTime: string | null;
  readonly redirectUrl: string | null;
  readonly apiDomain: string | null;
  readonly hasClientSecret: boolean;
}

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

/** The SDK's user signature: `email:orgId` when its findUser is on, else whatever the app named it. */
export function splitUser(userName: string | null): { email: string | null; orgId: string | null } {
  if (!present(userName)) return { email: null, orgId: null };
  const name = userName.trim();
  const colon = name.lastIndexOf(':');
  const head = colon > 0 ? name.slice(0, colon) : name;
  const tail = colon > 0 ? name.slice(colon + 1) : '';
  return /^\d+$/.test(tail) ? { email: head, orgId: tail } : { email: name, orgId: null };
}

/** The row's expiry as a moment, or null when it has none or it is not epoch milliseconds. */
export function expiryOf(row: SdkRowValues): number | null {
  if (!present(row.expiryTime) || !EPOCH_MS.test(row.expiryTime.trim())) return null;
  return Number(row.expiryTime.trim());
}

/** The value's fingerprint as the workspace writes it (model.ts `fingerprint`), or null for none. */
export function tailPrint(value: string | null): string | null {
  return present(value) ? fingerprint(value.trim()) : null;
}
