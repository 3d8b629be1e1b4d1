import { apiDomainOf } from '../../../shared/dc/catalog';
import {
  cellText,
  rowFromVariables,
  SDK_NAMES,
  writeFileStore,
  type FileStoreSdk,
} from '../../../shared/filestore';
import { fail, ok, type Failure, type Ok } from '../../../shared/result';
import type { EnvironmentRecord } from '../../../shared/workspace/model';
import { secretAccount } from '../vault/account';
import { dcCatalog, type WorkbenchContext } from './context';
import { fileSafe } from './environment-postman';
import { notFound, variableAccount } from './environments';

export interface FileStoreExportInput {
  readonly environmentId: string;
  readonly sdk: FileStoreSdk;
  readonly includeSecrets: boolean;
}

/**
 * A FileStore the chosen SDK reads (shared/filestore/write.ts), with the environment as its one row.
 * A FileStore without its secrets is of no use to an SDK, and with them it holds the client secret and
 * tokens in plain text, so it is written only when the user asked for the secrets (architecture.md,
 * "Secrets"). What the environment lacks comes from the client it follows (id, secret, redirect URI)
 * and its DC (API domain).
 */
export async function exportFileStore(
  ctx: WorkbenchContext,
  input: FileStoreExportInput,
): Promise<Ok<{ fileName: string; text: string }> | Failure> {
  if (!input.includeSecrets) {
    return fail(
      'secrets_required',
      'A FileStore holds the client secret and the tokens in plain text, and an SDK can do nothing without them: export it with the secret values included (--include-secrets, or tick "Include secret values"), and keep the file as safe as the SDK keeps its own.',
    );
  }
  const env = ctx.store.environments.get(input.environmentId);
  if (env === undefined) return notFound(input.environmentId);
  const values = await variableValues(ctx, env);
  if (!values.ok) return values;
  const fallback = await clientFallback(ctx, env);
  if (!fallback.ok) return fallback;
  const row = rowFromVariables((key) => values.value.get(key) ?? null, fallback.value);
  if (row.refreshToken === null && row.accessToken === null && row.grantToken === null) {
    return fail(
      'nothing_to_export',
      `"${env.name}" holds no refresh, access or grant token, and the ${SDK_NAMES[input.sdk]} refuses a row without one. Run a consent or a refresh into this environment first.`,
    );
  }
  if (row.clientId === null) {
    return fail(
      'nothing_to_export',
      `"${env.name}" has no client-id and follows no client: the SDK needs one to refresh. Set client-id, or pick the client it follows.`,
    );
  }
  const text = writeFileStore([row], input.sdk);
  if (!text.ok) return text;
  return ok({ fileName: `${fileSafe(env.name)}.${input.sdk}-sdk-tokens.csv`, text: text.value });
}

/** Enabled variables as FileStore cells, secret ones read from the keychain. */
async function variableValues(
  ctx: WorkbenchContext,
  env: EnvironmentRecord,
): Promise<Ok<Map<string, string>> | Failure> {
  const values = new Map<string, string>();
  for (const variable of env.variables.filter((v) => v.enabled)) {
    if (!variable.secret) {
      const text = cellText(variable.value);
      if (text !== null) values.set(variable.key, text);
      continue;
    }
    if (variable.fingerprint === null) continue;
    const value = await ctx.vault.get(variableAccount(env.id, variable.key));
    if (!value.ok) return fail(value.code, `${value.message} Nothing was exported.`);
    if (value.value !== null && value.value !== '') values.set(variable.key, value.value);
  }
  return ok(values);
}

async function clientFallback(
  ctx: WorkbenchContext,
  env: EnvironmentRecord,
): Promise<
  Ok<{ clientId?: string; clientSecret?: string; redirectUrl?: string; apiDomain?: string }> | Failure
> {
  const client = env.clientRef === null ? undefined : ctx.store.clients.get(env.clientRef);
  const dcId = env.dcId ?? client?.dcId;
  const dc = dcId === undefined ? undefined : dcCatalog(ctx).byLocation(dcId);
  const fallback: { clientId?: string; clientSecret?: string; redirectUrl?: string; apiDomain?: string } = {};
  if (dc !== undefined) fallback.apiDomain = apiDomainOf(dc, env.apiEnvironment) ?? dc.apiDomain;
  if (client === undefined) return ok(fallback);
  fallback.clientId = client.zohoClientId;
  if (client.redirectUri !== null) fallback.redirectUrl = client.redirectUri;
  if (client.secretFingerprint !== null) {
    const secret = await ctx.vault.get(secretAccount({ kind: 'client-secret', clientRef: client.id }));
    if (!secret.ok) return fail(secret.code, `${secret.message} Nothing was exported.`);
    if (secret.value !== null) fallback.clientSecret = secret.value;
  }
  return ok(fallback);
}
