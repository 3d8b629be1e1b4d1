import type { EnvironmentRecord, EnvVariable, JsonValue } from '../workspace/model';

/** One entry of `values` in a Postman v2.1 environment export. */
export interface PostmanExportedVariable {
  readonly key: string;
  readonly value: JsonValue;
  readonly type: string;
  readonly enabled: boolean;
  /** Written only as `true`, beside `enabled: false`: newman reads this one and ignores `enabled`. */
  readonly disabled?: true;
}

/** The file Postman's Import accepts (zoho-oauth.md, "Postman environments"). */
export interface PostmanEnvironmentExport {
  readonly id: string;
  readonly name: string;
  readonly values: readonly PostmanExportedVariable[];
  readonly _postman_variable_scope: 'environment';
  readonly _postman_exported_at: string;
  readonly _postman_exported_using: string;
}

/**
 * What a refresh in Postman needs beyond the environment's own variables (Zoho's collection posts
 * `refresh_token`, `client_id`, `client_secret` to `{{accounts-url}}/oauth/v2/token`): taken from the
 * client the environment follows and its DC, for the ones the environment lacks or has empty.
 */
export interface RefreshVariables {
  readonly clientId: string | null;
  readonly accountsUrl: string | null;
  /** The client's secret, only when the user asked for secrets; otherwise the slot is written blank. */
  readonly clientSecret: string | null;
}

export interface PostmanExportOptions {
  /**
   * Secret values keyed by variable key, only for the secrets the user asked to include
   * (architecture.md, "Secrets": no secret in exports unless the user asks, per item).
   */
  readonly secretValues?: ReadonlyMap<string, string>;
  readonly refresh?: RefreshVariables;
  /** For an environment whose id cannot give one (see postmanIdOf). */
  readonly newId: () => string;
  readonly now: () => number;
  /** Tokenbench's version, for `_postman_exported_using`. */
  readonly version: string;
}

/**
 * The Postman id an environment is exported under: the one Postman gave it on import, else one made
 * from Tokenbench's own id (`env_` and 32 hex digits, laid out as a UUID), so every export of the same
 * environment carries the same id and a file coming back (from newman, say) is recognised.
 */
export function postmanIdOf(env: Pick<EnvironmentRecord, 'id' | 'postmanId'>): string | null {
  if (env.postmanId !== null) return env.postmanId;
  const hex = /^env_([0-9a-f]{32})$/.exec(env.id)?.[1];
  if (hex === undefined) return null;
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
}

/**
 * Builds the export object. Secret variables go out with type `secret` (so Postman masks them) and an
 * empty value unless included; the record keeps their own type, which an import of the file back
 * restores (import.ts). Every other key, order, type, enabled flag and non-secret value (numbers,
 * booleans, objects, null) is exported as it was.
 */
export function buildPostmanEnvironment(
  env: EnvironmentRecord,
  options: PostmanExportOptions,
): PostmanEnvironmentExport {
  const values = env.variables.map((v) => exportVariable(v, options.secretValues));
  return {
    id: postmanIdOf(env) ?? options.newId(),
    name: env.name,
    values: options.refresh === undefined ? values : withRefreshVariables(values, options.refresh),
    _postman_variable_scope: 'environment',
    _postman_exported_at: new Date(options.now()).toISOString(),
    _postman_exported_using: `Tokenbench/${options.version}`,
  };
}

/** The export as file text, tab-indented like Postman's own exports. */
export function exportPostmanEnvironment(env: EnvironmentRecord, options: PostmanExportOptions): string {
  return JSON.stringify(buildPostmanEnvironment(env, options), null, '\t');
}

function exportVariable(
  variable: EnvVariable,
  secretValues: ReadonlyMap<string, string> | undefined,
): PostmanExportedVariable {
  const { key, enabled } = variable;
  const off = enabled ? {} : { disabled: true as const };
  if (!variable.secret) return { key, value: variable.value, type: variable.type, enabled, ...off };
  return { key, value: secretValues?.get(key) ?? '', type: 'secret', enabled, ...off };
}

/** Fills `client-id`, `accounts-url` and `client-secret` where they are missing or empty. */
function withRefreshVariables(
  values: readonly PostmanExportedVariable[],
  refresh: RefreshVariables,
): PostmanExportedVariable[] {
  const fills: [string, string | null, string][] = [
    ['client-id', refresh.clientId, 'default'],
    ['client-secret', refresh.clientSecret, 'secret'],
    ['accounts-url', refresh.accountsUrl, 'default'],
  ];
  const next = [...values];
  for (const [key, value, type] of fills) {
    const index = next.findIndex((v) => v.key === key);
    const current = next[index];
    if (current === undefined) {
      // A secret slot is written even when blank, so Postman shows where the secret goes.
      if (value !== null || type === 'secret') next.push({ key, value: value ?? '', type, enabled: true });
    } else if (value !== null && (current.value === '' || current.value === null)) {
      next[index] = { ...current, value };
    }
  }
  return next;
}
