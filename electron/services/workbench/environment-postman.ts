import { randomUUID } from 'node:crypto';
import { apiEnvironmentOf } from '../../../shared/dc/catalog';
import type { ParsedArgsOf } from '../../../shared/ipc/contract';
import {
  exportPostmanEnvironment,
  importPostmanEnvironment,
  postmanIdOf,
  type ClientHints,
  type RefreshVariables,
} from '../../../shared/postman';
import { fail, ok, type Failure, type Ok } from '../../../shared/result';
import type { EnvironmentRecord, EnvVariable } from '../../../shared/workspace/model';
import { secretAccount, type SecretAccount } from '../vault/account';
import { dcCatalog, newId, type WorkbenchContext } from './context';
import { notFound, variableAccount } from './environments';

/** Tokenbench's version, for `_postman_exported_using`. */
export const TOKENBENCH_VERSION = '0.1.0';

/**
 * Imports a Postman environment file (Zoho publishes them, Kaizen #79): secret values to the
 * keychain first, then the record with fingerprints. If any step fails, the entries already
 * written are taken back, so a failed import leaves nothing behind. When the file's `client-id`
 * is a client of this workspace, the environment follows it; its DC comes from `accounts-url`
 * when that is a known accounts server, else from the client.
 */
export async function importPostman(
  ctx: WorkbenchContext,
  input: ParsedArgsOf<'environments:import-postman'>,
): Promise<Ok<EnvironmentRecord> | Failure> {
  const imported = importPostmanEnvironment(input.text, (postmanId) => knownVariables(ctx, postmanId));
  if (!imported.ok) return imported;
  const { variables, secrets, hints } = imported.value;
  const id = newId('env');
  const written: SecretAccount[] = [];
  const undo = async () => {
    for (const account of written) await ctx.vault.delete(account);
  };
  for (const secret of secrets) {
    const account = variableAccount(id, secret.key);
    const stored = await ctx.vault.set(account, secret.value);
    if (!stored.ok) {
      await undo();
      return fail(stored.code, `${stored.message} Nothing was imported.`);
    }
    written.push(account);
  }
  const record: EnvironmentRecord = {
    id,
    postmanId: imported.value.postmanId,
    name: environmentName(input.name, imported.value.name),
    ...linkTo(ctx, hints),
    autoRefresh: false,
    variables,
    updatedAt: ctx.now(),
  };
  try {
    ctx.store.environments.upsert(record);
  } catch (error: unknown) {
    await undo();
    throw error;
  }
  ctx.emit('environments:changed', { environmentId: id });
  return ok(record);
}

/**
 * The variables of the environment a file was exported from, found by its Postman id, so a file back
 * from newman gets its types and secret marks again (shared/postman/import.ts). The newest such
 * environment wins when several were imported from the same file.
 */
function knownVariables(ctx: WorkbenchContext, postmanId: string): readonly EnvVariable[] {
  const matches = ctx.store.environments.list().filter((env) => postmanIdOf(env) === postmanId);
  return matches.sort((a, b) => b.updatedAt - a.updatedAt)[0]?.variables ?? [];
}

function environmentName(chosen: string | undefined, fromFile: string): string {
  const name = chosen?.trim() || fromFile.trim() || 'Imported environment';
  return name.slice(0, 80);
}

/**
 * The client by its id, the DC by its accounts server. Several DCs may share that server: the one
 * whose API domains hold `api-domain` wins, then the client's, then Zoho's own. `api-domain` also
 * says which API environment (production, developer, sandbox) the file calls.
 */
function linkTo(
  ctx: WorkbenchContext,
  hints: ClientHints,
): Pick<EnvironmentRecord, 'clientRef' | 'dcId' | 'apiEnvironment'> {
  const client =
    hints.zohoClientId === null
      ? undefined
      : ctx.store.clients.list().find((c) => c.zohoClientId === hints.zohoClientId);
  const onServer = hints.accountsUrl === null ? [] : dcCatalog(ctx).allByAccountsServer(hints.accountsUrl);
  const apiOrigin = originOf(hints.apiDomain);
  const called = onServer.flatMap((dc) => {
    const environment = apiOrigin === null ? undefined : apiEnvironmentOf(dc, apiOrigin);
    return environment === undefined ? [] : [{ dc, environment }];
  })[0];
  const dc = called?.dc ?? onServer.find((d) => d.id === client?.dcId) ?? onServer[0];
  const apiEnvironment = called?.environment ?? 'production';
  return { clientRef: client?.id ?? null, dcId: dc?.id ?? client?.dcId ?? null, apiEnvironment };
}

function originOf(raw: string | null): string | null {
  if (raw === null || !URL.canParse(raw)) return null;
  return new URL(raw).origin;
}

/**
 * Postman v2.1 export. Secret values go out only when asked for, read from the keychain; a keychain
 * failure then refuses the export rather than silently leaving the secrets blank.
 */
export async function exportPostman(
  ctx: WorkbenchContext,
  input: ParsedArgsOf<'environments:export-postman'>,
): Promise<Ok<{ fileName: string; text: string }> | Failure> {
  const env = ctx.store.environments.get(input.environmentId);
  if (env === undefined) return notFound(input.environmentId);
  const secretValues = new Map<string, string>();
  if (input.includeSecrets) {
    for (const variable of env.variables.filter((v) => v.secret && v.fingerprint !== null)) {
      const value = await ctx.vault.get(variableAccount(env.id, variable.key));
      if (!value.ok) return fail(value.code, `${value.message} Export without secrets, or try again.`);
      if (value.value !== null) secretValues.set(variable.key, value.value);
    }
  }
  const refresh = await refreshVariables(ctx, env, input.includeSecrets);
  if (!refresh.ok) return refresh;
  const text = exportPostmanEnvironment(env, {
    secretValues,
    refresh: refresh.value,
    newId: randomUUID,
    now: ctx.now,
    version: TOKENBENCH_VERSION,
  });
  return ok({ fileName: `${fileSafe(env.name)}.postman_environment.json`, text });
}

/**
 * The client id, accounts URL and (asked for) client secret of the client the environment follows
 * and of its DC, so the file alone can refresh in Postman: Zoho's collection needs all of them.
 */
async function refreshVariables(
  ctx: WorkbenchContext,
  env: EnvironmentRecord,
  includeSecrets: boolean,
): Promise<Ok<RefreshVariables> | Failure> {
  const client = env.clientRef === null ? undefined : ctx.store.clients.get(env.clientRef);
  const dcId = env.dcId ?? client?.dcId;
  const dc = dcId === undefined ? undefined : dcCatalog(ctx).byLocation(dcId);
  let clientSecret: string | null = null;
  if (includeSecrets && client !== undefined && client.secretFingerprint !== null) {
    const value = await ctx.vault.get(secretAccount({ kind: 'client-secret', clientRef: client.id }));
    if (!value.ok) return fail(value.code, `${value.message} Export without secrets, or try again.`);
    clientSecret = value.value;
  }
  return ok({ clientId: client?.zohoClientId ?? null, accountsUrl: dc?.accountsUrl ?? null, clientSecret });
}

/** Postman names the file after the environment; only characters no file system accepts are replaced. */
export function fileSafe(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const safe = name.replace(/[<>:"/\\|?*\u0000-\u001f]/g, '-').replace(/^[.\s]+|[.\s]+$/g, '');
  return safe === '' ? 'environment' : safe;
}
