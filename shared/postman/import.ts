import type { Result } from '../result';
import { fingerprint, SECRET_VARIABLES, type EnvVariable, type JsonValue } from '../workspace/model';
import {
  parsePostmanEnvironment,
  type PostmanEnvironmentFile,
  type PostmanFileError,
  type PostmanVariable,
} from './environment-file';

/** A value bound for the keychain, named by its variable's key (architecture.md, "Secrets"). */
export interface ImportedSecret {
  readonly key: string;
  readonly value: string;
}

/**
 * What Zoho's own variables say about the client (Kaizen #79, seed 001), to prefill a client form.
 * Only enabled variables with a non-empty value count; the caller still validates URLs against the
 * DC catalog before trusting them.
 */
export interface ClientHints {
  readonly zohoClientId: string | null;
  readonly redirectUri: string | null;
  readonly accountsUrl: string | null;
  readonly apiDomain: string | null;
  /** Epoch milliseconds, as Zoho's SDKs store `expiry_time` (zoho-oauth.md, "How Zoho's SDKs persist"). */
  readonly expiryTime: number | null;
}

export interface PostmanImport {
  /** Postman's own id of the environment, kept so an export can carry it back. */
  readonly postmanId: string | null;
  readonly name: string;
  /** Every variable in file order; secret ones have value null and a fingerprint. */
  readonly variables: readonly EnvVariable[];
  readonly secrets: readonly ImportedSecret[];
  readonly hints: ClientHints;
}

/** Parses an environment file's text and maps it onto Tokenbench's model in one step. */
export function importPostmanEnvironment(text: string): Result<PostmanImport, PostmanFileError> {
  const parsed = parsePostmanEnvironment(text);
  return parsed.ok ? { ok: true, value: mapPostmanEnvironment(parsed.value) } : parsed;
}

/**
 * A variable is secret when Zoho's collections use it for a secret (`client-secret`, `access-token`,
 * `refresh-token`) or when its Postman type is `secret`. Its value goes to the keychain, never the
 * workspace store; the record keeps `secret: true`, value null and a fingerprint.
 *
 * Decision: an empty (or null) secret is an empty secret slot, not a non-secret variable. It keeps
 * `secret: true` with fingerprint null ("nothing stored", as ClientRecord.secretFingerprint) and is
 * not sent to the keychain. Zoho's environment starts with empty token variables that the flows fill
 * later, and those values must still land in the keychain when they do.
 */
export function mapPostmanEnvironment(file: PostmanEnvironmentFile): PostmanImport {
  const variables: EnvVariable[] = [];
  const secrets: ImportedSecret[] = [];
  for (const variable of file.values) {
    if (!isSecretVariable(variable)) {
      variables.push({ ...variable, secret: false, fingerprint: null });
      continue;
    }
    const value = secretText(variable.value);
    if (value !== null) secrets.push({ key: variable.key, value });
    variables.push({
      ...variable,
      value: null,
      secret: true,
      fingerprint: value === null ? null : fingerprint(value),
    });
  }
  return { postmanId: file.id, name: file.name, variables, secrets, hints: clientHints(file.values) };
}

export function isSecretVariable(variable: { readonly key: string; readonly type: string }): boolean {
  return SECRET_VARIABLES.has(variable.key) || variable.type === 'secret';
}

/**
 * The keychain stores text. A secret typed as a number or an object (rare, but Postman allows it) is
 * stored as its JSON text, so an export with secrets gives it back as a string.
 */
function secretText(value: JsonValue): string | null {
  if (value === null || value === '') return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function clientHints(values: readonly PostmanVariable[]): ClientHints {
  const enabled = new Map(values.filter((v) => v.enabled).map((v) => [v.key, v.value]));
  const text = (key: string): string | null => {
    const value = enabled.get(key);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
  };
  return {
    zohoClientId: text('client-id'),
    redirectUri: text('redirect-uri'),
    accountsUrl: text('accounts-url'),
    apiDomain: text('api-domain'),
    expiryTime: epochMs(enabled.get('expiry-time')),
  };
}

function epochMs(value: JsonValue | undefined): number | null {
  const n = typeof value === 'string' && /^\d{1,16}$/.test(value.trim()) ? Number(value.trim()) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : null;
}
