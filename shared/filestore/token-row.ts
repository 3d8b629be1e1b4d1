/**
 * One row of a Zoho SDK's token store: the fields of the SDKs' `OAuthToken`, in the column order
 * every store uses (the FileStore CSV and the DBStore table alike; docs/zoho-formats.md). Shared by
 * the FileStore here and any other store of the same rows (a MySQL `oauthtoken` table).
 *
 * Each cell is text or null: the SDKs write null as an empty cell and read an empty cell as null
 * (`getData` in file_store.js / file_store.py), so there is no difference to keep.
 */
export interface SdkTokenRow {
  /** The SDK's own row id ("1", "2", ...). */
  readonly id: string | null;
  /** The user column: `email:orgId` when the SDK's findUser is on (8.0), an email in older SDKs. */
  readonly userName: string | null;
  readonly clientId: string | null;
  readonly clientSecret: string | null;
  readonly refreshToken: string | null;
  readonly accessToken: string | null;
  readonly grantToken: string | null;
  /** When the access token expires, epoch milliseconds as text (`new Date().getTime() + expires_in*1000`). */
  readonly expiryTime: string | null;
  readonly redirectUrl: string | null;
  /** Absent (always null) in the older SDKs' 9-column stores. */
  readonly apiDomain: string | null;
}

export type SdkTokenField = keyof SdkTokenRow;

/** The fields in column order. */
export const SDK_TOKEN_FIELDS = [
  'id',
  'userName',
  'clientId',
  'clientSecret',
  'refreshToken',
  'accessToken',
  'grantToken',
  'expiryTime',
  'redirectUrl',
  'apiDomain',
] as const satisfies readonly SdkTokenField[];

/** The cells that hold secrets: they go to the keychain on import and need `--include-secrets` out. */
export const SDK_SECRET_FIELDS: ReadonlySet<SdkTokenField> = new Set([
  'clientSecret',
  'refreshToken',
  'accessToken',
  'grantToken',
]);

export const EMPTY_SDK_ROW: SdkTokenRow = {
  id: null,
  userName: null,
  clientId: null,
  clientSecret: null,
  refreshToken: null,
  accessToken: null,
  grantToken: null,
  expiryTime: null,
  redirectUrl: null,
  apiDomain: null,
};

/** The user column split: the 8.0 SDKs write `email:orgId` (users API, then the org API's zgid). */
export function sdkUser(userName: string | null): { email: string; orgId: string | null } | null {
  if (userName === null) return null;
  const at = userName.lastIndexOf(':');
  // An email has no colon, so the last one separates the org id; a value without one is an email.
  if (at < 0) return { email: userName, orgId: null };
  return { email: userName.slice(0, at), orgId: userName.slice(at + 1) || null };
}

/** `expiry_time` as epoch milliseconds, or null when it is empty or not a plain number. */
export function expiryMs(row: Pick<SdkTokenRow, 'expiryTime'>): number | null {
  const text = row.expiryTime?.trim() ?? '';
  if (!/^\d{1,16}$/.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) && value > 0 ? value : null;
}
