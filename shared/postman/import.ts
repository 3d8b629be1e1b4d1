import type { Result } from '../result';
import { fingerprint, type EnvVariable, type JsonValue } from '../workspace/model';
import { isSecretVariable } from '../workspace/secret-names';
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

/**
 * Parses an environment file's text and maps it onto Tokenbench's model in one step. `known` finds
 * the variables of an environment this workspace exported under the file's Postman id, if any.
 */
export function importPostmanEnvironment(
  text: string,
  known: (postmanId: string) => readonly EnvVariable[] = () => [],
): Result<PostmanImport, PostmanFileError> {
  const parsed = parsePostmanEnvironment(text);
  if (!parsed.ok) return parsed;
  const previous = parsed.value.id === null ? [] : known(parsed.value.id);
  return { ok: true, value: mapPostmanEnvironment(parsed.value, previous) };
}

/**
 * Types a file may carry only because of the trip, not because anyone chose them: newman
 * (postman-collection 4) knows string, boolean, number, array, object and any, and writes every other
 * type back as `any` (`default`, `text` and `secret` alike; Postman itself never writes `any`); and
 * Tokenbench's own export types every secret `secret`. So when a file comes back with the Postman id
 * of an environment this workspace has, such a variable takes its type and its secret mark from that
 * environment, and the trip loses neither (docs/zoho-formats.md, "newman").
 */
function restoreTripType(
  variable: PostmanVariable,
  previous: readonly EnvVariable[],
): PostmanVariable & { readonly secret: boolean } {
  const before = previous.find((v) => v.key === variable.key);
  const erased = variable.type === 'any' || (variable.type === 'secret' && before?.secret === true);
  if (before === undefined || !erased) return { ...variable, secret: isSecretVariable(variable) };
  return { ...variable, type: before.type, secret: before.secret };
}

/**
 * A variable is secret when its Postman type is `secret` or its name says so (`client-secret`,
 * `access_token`, `api_key`, `password`...: shared/workspace/secret-names.ts). Its value goes to the
 * keychain, never the workspace store; the record keeps `secret: true`, value null and a fingerprint.
 *
 * Decision: an empty (or null) secret is an empty secret slot, not a non-secret variable. It keeps
 * `secret: true` with fingerprint null ("nothing stored", as ClientRecord.secretFingerprint) and is
 * not sent to the keychain. Zoho's environment starts with empty token variables that the flows fill
 * later, and those values must still land in the keychain when they do.
 */
export function mapPostmanEnvironment(
  file: PostmanEnvironmentFile,
  previous: readonly EnvVariable[] = [],
): PostmanImport {
  const variables: EnvVariable[] = [];
  const secrets: ImportedSecret[] = [];
  for (const { secret, ...variable } of file.values.map((v) => restoreTripType(v, previous))) {
    if (!secret) {
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
