import { apiDomainOf, type ApiEnvironment, type DataCenter } from '../../../shared/dc/catalog';
import type { ParsedArgsOf } from '../../../shared/ipc/contract';
import { fail, ok, type Failure, type Ok } from '../../../shared/result';
import {
  fingerprint,
  SECRET_VARIABLES,
  type EnvironmentRecord,
  type EnvVariable,
  type JsonValue,
} from '../../../shared/workspace/model';
import type { VariablePatch } from '../store';
import { secretAccount, type SecretAccount } from '../vault/account';
import type { DcMoveRefusal } from '../../../shared/ipc/env-status';
import { dcCatalog, newId, type WorkbenchContext } from './context';
import { formError } from './form-error';
import { clearTokens, holdsTokensRefusal, sharesTokens } from './env-dc-move';
import { holdsTokens, TOKEN_KEYS } from './lineage';

type EnvResult = Ok<EnvironmentRecord> | Failure | (Failure & { readonly detail: DcMoveRefusal });
type VariableInput = ParsedArgsOf<'environments:set-variable'>;

export const variableAccount = (environmentId: string, key: string): SecretAccount =>
  secretAccount({ kind: 'env-variable', environmentId, key });

export const notFound = (id: string): Failure =>
  fail('environment_not_found', `No environment "${id}": it may have been removed. Reload the list.`);

type SaveInput = Omit<ParsedArgsOf<'environments:save'>, 'tokensOnDcChange'> &
  Partial<Pick<ParsedArgsOf<'environments:save'>, 'tokensOnDcChange'>>;

/**
 * Saves an environment's settings (its variables stay as they are). Choosing another DC or another
 * API environment re-points `accounts-url` and `api-domain` at it, whether or not the environment
 * follows a client: the DC in view is where its requests go (EnvironmentRecord.dcId). A new
 * environment gets them too. An environment holding tokens moves to another DC only when asked to
 * clear them (`tokensOnDcChange`); its API environment may change, as its tokens work on all three.
 */
export async function saveEnvironment(ctx: WorkbenchContext, input: SaveInput): Promise<EnvResult> {
  const existing = input.id === undefined ? undefined : ctx.store.environments.get(input.id);
  if (input.id !== undefined && existing === undefined) return notFound(input.id);
  if (input.clientRef !== null && ctx.store.clients.get(input.clientRef) === undefined) {
    return formError(
      'client_not_found',
      'clientRef',
      'This environment follows a client that no longer exists: pick one of the listed clients, or none.',
    );
  }
  const dc = input.dcId === null ? null : dcCatalog(ctx).byLocation(input.dcId);
  if (dc === undefined) {
    return formError(
      'dc_not_found',
      'dcId',
      `The DC "${input.dcId ?? ''}" is not in the catalog: pick one of the listed DCs.`,
    );
  }
  const apiEnvironment = chooseApiEnvironment(input.apiEnvironment, existing, dc);
  if (typeof apiEnvironment !== 'string') return apiEnvironment;
  let variables = existing?.variables ?? [];
  const moving = dc !== null && dc.id !== existing?.dcId;
  if (moving && existing !== undefined && holdsTokens(existing) && !sharesTokens(ctx, existing, dc)) {
    if (input.tokensOnDcChange !== 'clear') return holdsTokensRefusal(ctx, existing, dc.id);
    const cleared = await clearTokens(ctx, existing);
    if (!cleared.ok) return cleared;
    variables = cleared.value;
  }
  if (dc !== null && (moving || apiEnvironment !== existing?.apiEnvironment)) {
    const apiDomain = apiDomainOf(dc, apiEnvironment) ?? dc.apiDomain;
    variables = withValues(variables, { 'accounts-url': dc.accountsUrl, 'api-domain': apiDomain });
  }
  const record: EnvironmentRecord = {
    id: existing?.id ?? newId('env'),
    postmanId: existing?.postmanId ?? null,
    name: input.name.trim(),
    clientRef: input.clientRef,
    dcId: input.dcId,
    apiEnvironment,
    autoRefresh: input.autoRefresh,
    variables,
    updatedAt: ctx.now(),
  };
  ctx.store.environments.upsert(record);
  // Turning auto-refresh off and on again is how a user says "I fixed it, try again".
  if (existing !== undefined && existing.autoRefresh !== record.autoRefresh)
    ctx.store.envTokens.undecide(record.id);
  ctx.emit('environments:changed', { environmentId: record.id });
  return ok(record);
}

/**
 * The API environment asked for, else the one kept. Asking for one the DC lacks is refused; a kept
 * one the newly chosen DC lacks falls back to production, the domain every DC has.
 */
function chooseApiEnvironment(
  asked: ApiEnvironment | undefined,
  existing: EnvironmentRecord | undefined,
  dc: DataCenter | null,
): ApiEnvironment | Failure {
  const wanted = asked ?? existing?.apiEnvironment ?? 'production';
  if (dc === null || apiDomainOf(dc, wanted) !== null) return wanted;
  if (asked === undefined) return 'production';
  return formError(
    'api_environment_unavailable',
    'apiEnvironment',
    `${dc.name} has no ${wanted} API domain in the catalog: pick production, or a DC that has one.`,
  );
}

/** Sets plain values, keeping order; a missing key is appended, a secret one is left alone. */
function withValues(
  variables: readonly EnvVariable[],
  values: Readonly<Record<string, string>>,
): EnvVariable[] {
  const next = variables.map((v) =>
    v.key in values && !v.secret ? { ...v, value: values[v.key] ?? v.value } : v,
  );
  for (const [key, value] of Object.entries(values)) {
    if (!next.some((v) => v.key === key)) {
      next.push({ key, value, secret: false, type: 'default', enabled: true, fingerprint: null });
    }
  }
  return next;
}

/**
 * Sets one variable. A secret value goes to the keychain first and the record keeps null and its
 * fingerprint; an empty secret clears the entry. Zoho's token and secret variables are always
 * secret (architecture.md, "Secrets"), so asking to store them in plain text is refused.
 */
export async function setVariable(ctx: WorkbenchContext, input: VariableInput): Promise<EnvResult> {
  const env = ctx.store.environments.get(input.environmentId);
  if (env === undefined) return notFound(input.environmentId);
  const value: unknown = input.value ?? null;
  if (!isJsonValue(value)) {
    return formError(
      'invalid_variable_value',
      'value',
      'A variable holds text, a number, true or false, null, a list or an object.',
    );
  }
  if (!input.secret && SECRET_VARIABLES.has(input.key)) {
    return formError(
      'secret_variable_required',
      'secret',
      `"${input.key}" holds a secret in Zoho's collections, so Tokenbench keeps it in the keychain: leave it marked secret.`,
    );
  }
  const previous = env.variables.find((v) => v.key === input.key);
  const patch = input.secret
    ? await secretPatch(ctx, env.id, input, secretText(value))
    : await plainPatch(ctx, env.id, input, value, previous);
  if ('ok' in patch) return patch;
  const updated = ctx.store.environments.updateVariables(env.id, {
    [input.key]: { ...patch, enabled: input.enabled, type: typeFor(previous, input.secret) },
  });
  if (updated === undefined) return notFound(env.id);
  // Typed in by hand: the tokens no longer come from a lineage Tokenbench knows.
  if ((TOKEN_KEYS as readonly string[]).includes(input.key)) ctx.store.envTokens.forget(env.id);
  ctx.emit('environments:changed', { environmentId: env.id });
  return ok(updated);
}

async function secretPatch(
  ctx: WorkbenchContext,
  envId: string,
  input: VariableInput,
  text: string | null,
): Promise<VariablePatch | Failure> {
  const account = variableAccount(envId, input.key);
  const stored = text === null ? await ctx.vault.delete(account) : await ctx.vault.set(account, text);
  if (!stored.ok) return fail(stored.code, `${stored.message} The variable was not changed.`);
  return { value: null, secret: true, fingerprint: text === null ? null : fingerprint(text) };
}

async function plainPatch(
  ctx: WorkbenchContext,
  envId: string,
  input: VariableInput,
  value: JsonValue,
  previous: EnvVariable | undefined,
): Promise<VariablePatch | Failure> {
  if (previous?.secret === true) {
    // It was a secret: its keychain entry goes first, so no copy outlives the change.
    const deleted = await ctx.vault.delete(variableAccount(envId, input.key));
    if (!deleted.ok) return fail(deleted.code, `${deleted.message} The variable was not changed.`);
  }
  return { value, secret: false, fingerprint: null };
}

/** Keeps Postman's own type, except across a change between secret and plain. */
function typeFor(previous: EnvVariable | undefined, secret: boolean): string {
  if (secret) return previous?.secret === true ? previous.type : 'secret';
  return previous === undefined || previous.type === 'secret' ? 'default' : previous.type;
}

/** The keychain stores text; null or empty means "no value" (as the Postman import decides). */
export function secretText(value: JsonValue): string | null {
  if (value === null || value === '') return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The page's value crossed a structured clone: only what JSON can hold is stored. */
export function isJsonValue(value: unknown): value is JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonValue);
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).every(isJsonValue);
}

/** Removes an environment after its secret values have left the keychain. */
export async function removeEnvironment(ctx: WorkbenchContext, id: string): Promise<Ok<null> | Failure> {
  const env = ctx.store.environments.get(id);
  if (env === undefined) return notFound(id);
  for (const variable of env.variables.filter((v) => v.secret)) {
    const deleted = await ctx.vault.delete(variableAccount(id, variable.key));
    if (!deleted.ok) return fail(deleted.code, `${deleted.message} The environment was not removed.`);
  }
  ctx.store.environments.remove(id);
  ctx.emit('environments:changed', { environmentId: id });
  return ok(null);
}
