import type { EnvironmentRecord, EnvVariable, JsonValue } from '../workspace/model';

/** One entry of `values` in a Postman v2.1 environment export. */
export interface PostmanExportedVariable {
  readonly key: string;
  readonly value: JsonValue;
  readonly type: string;
  readonly enabled: boolean;
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

export interface PostmanExportOptions {
  /**
   * Secret values keyed by variable key, only for the secrets the user asked to include
   * (architecture.md, "Secrets": no secret in exports unless the user asks, per item).
   */
  readonly secretValues?: ReadonlyMap<string, string>;
  /** Postman's id from the import, to keep; absent or null means a fresh one from `newId`. */
  readonly postmanId?: string | null;
  readonly newId: () => string;
  readonly now: () => number;
  /** Tokenbench's version, for `_postman_exported_using`. */
  readonly version: string;
}

/**
 * Builds the export object. Secret variables go out with type `secret` (so Postman masks them) and an
 * empty value unless included. That is the one type a round trip changes: a Zoho secret variable that
 * came in as `default` comes back as `secret`, once; every other key, order, type, enabled flag and
 * non-secret value (numbers, booleans, objects, null) is exported as it was.
 */
export function buildPostmanEnvironment(
  env: EnvironmentRecord,
  options: PostmanExportOptions,
): PostmanEnvironmentExport {
  return {
    id: options.postmanId ?? options.newId(),
    name: env.name,
    values: env.variables.map((v) => exportVariable(v, options.secretValues)),
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
  if (!variable.secret) return { key, value: variable.value, type: variable.type, enabled };
  return { key, value: secretValues?.get(key) ?? '', type: 'secret', enabled };
}
