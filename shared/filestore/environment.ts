import { fingerprint, type EnvVariable, type JsonValue } from '../workspace/model';
import { expiryMs, type SdkTokenField, type SdkTokenRow } from './token-row';

/**
 * Where each FileStore column lives in a Tokenbench environment: Zoho's Postman variables (Kaizen #79)
 * for what they name, and three more so a row comes back out whole (SDK → Tokenbench → SDK). The
 * SDK's row id and user column are not secrets; `grant-token` is (its name says so too).
 */
export const ROW_VARIABLES: readonly (readonly [SdkTokenField, string])[] = [
  ['clientId', 'client-id'],
  ['clientSecret', 'client-secret'],
  ['redirectUrl', 'redirect-uri'],
  ['accessToken', 'access-token'],
  ['refreshToken', 'refresh-token'],
  ['apiDomain', 'api-domain'],
  ['expiryTime', 'expiry-time'],
  ['id', 'sdk-row-id'],
  ['userName', 'sdk-user-name'],
  ['grantToken', 'grant-token'],
];

const SECRET_COLUMNS: ReadonlySet<SdkTokenField> = new Set([
  'clientSecret',
  'accessToken',
  'refreshToken',
  'grantToken',
]);
/** Columns an environment holds only when the row has them. */
const OPTIONAL_COLUMNS: ReadonlySet<SdkTokenField> = new Set(['id', 'userName', 'grantToken']);

export interface RowVariables {
  /** In Zoho's order; secret ones with value null and a fingerprint. */
  readonly variables: readonly EnvVariable[];
  /** Values bound for the keychain, by variable key. */
  readonly secrets: readonly { readonly key: string; readonly value: string }[];
}

/**
 * The variables of an environment made from one row. `accountsUrl` comes from the row's DC (the
 * FileStore has no accounts column; the SDKs derive it from api_domain). `expiry-time` becomes a
 * number, as Tokenbench writes it after a refresh; an empty `api_domain` (9-column files) takes the
 * DC's.
 */
export function rowVariables(
  row: SdkTokenRow,
  dc: { readonly accountsUrl: string; readonly apiDomain: string } | null,
): RowVariables {
  const variables: EnvVariable[] = [];
  const secrets: { key: string; value: string }[] = [];
  const plain = (key: string, value: JsonValue) =>
    variables.push({ key, value, secret: false, type: 'default', enabled: true, fingerprint: null });
  for (const [field, key] of ROW_VARIABLES) {
    const value = field === 'apiDomain' ? (row.apiDomain ?? dc?.apiDomain ?? null) : row[field];
    if (value === null && OPTIONAL_COLUMNS.has(field)) continue;
    if (SECRET_COLUMNS.has(field)) {
      if (value !== null) secrets.push({ key, value });
      variables.push({
        key,
        value: null,
        secret: true,
        type: 'secret',
        enabled: true,
        fingerprint: value === null ? null : fingerprint(value),
      });
    } else if (field === 'expiryTime') {
      plain(key, expiryMs(row) ?? '');
    } else {
      plain(key, value ?? '');
    }
    // Zoho's collections keep accounts-url right after redirect-uri.
    if (field === 'redirectUrl') plain('accounts-url', dc?.accountsUrl ?? '');
  }
  return { variables, secrets };
}

/**
 * The row an environment's variables describe. `value(key)` answers an enabled variable's value as
 * text (secrets read from the keychain by the caller), or null when it is missing, disabled or empty;
 * `fallback` fills what the environment lacks (the client's id and redirect URI, the DC's API
 * domain). A row id the environment does not carry is "1": the SDKs number rows from 1.
 */
export function rowFromVariables(
  value: (key: string) => string | null,
  fallback: Partial<SdkTokenRow>,
): SdkTokenRow {
  const cell = (field: SdkTokenField): string | null => {
    const key = ROW_VARIABLES.find(([f]) => f === field)?.[1];
    return (key === undefined ? null : value(key)) ?? fallback[field] ?? null;
  };
  return {
    id: cell('id') ?? '1',
    userName: cell('userName'),
    clientId: cell('clientId'),
    clientSecret: cell('clientSecret'),
    refreshToken: cell('refreshToken'),
    accessToken: cell('accessToken'),
    grantToken: cell('grantToken'),
    expiryTime: cell('expiryTime'),
    redirectUrl: cell('redirectUrl'),
    apiDomain: cell('apiDomain'),
  };
}

/** A variable's value as a FileStore cell: text as is, numbers in decimal, empty and null as null. */
export function cellText(value: JsonValue): string | null {
  if (value === null || value === '') return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
