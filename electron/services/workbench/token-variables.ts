import { apiDomainOf, type DataCenter } from '../../../shared/dc/catalog';
import type { PlacementQuestion, TokenPlacement } from '../../../shared/ipc/env-status';
import { fail, ok, type Failure, type Ok } from '../../../shared/result';
import {
  type EnvTokenLineage,
  type EnvVariable,
  type EnvironmentRecord,
  type TokenMeta,
} from '../../../shared/workspace/model';
import { secretAccount } from '../vault/account';
import type { WorkbenchContext } from './context';
import { currentLineage, holdsTokens, lineageView, sameLineage } from './lineage';

/** One lineage's tokens with their values, ready to be written into an environment as a whole. */
export interface LineageSet {
  readonly dc: DataCenter;
  readonly access: TokenMeta;
  readonly accessValue: string;
  /** The refresh token the access token belongs to; null for an access token without one. */
  readonly refresh: TokenMeta | null;
  /** Its value, read from the keychain only when an environment needs it (see `refreshValue`). */
  readonly refreshValue: () => Promise<Ok<string> | Failure>;
}

export interface Placement {
  readonly set: LineageSet;
  /** The environment the caller named (a consent's, the runner's, `--env`), if any. */
  readonly environmentId: string | null;
  /** The client the tokens were issued to: environments following it are offered the set. */
  readonly clientRef: string;
}

/**
 * Puts an issued set into environments (Kaizen #79's Postman names: `access-token`, `refresh-token`,
 * `api-domain`, `accounts-url`, `expiry-time`), never mixing lineages:
 * - an environment that holds this lineage already gets the new access token (a refresh);
 * - the named environment, or an empty one following the client, gets the whole set;
 * - one that holds another lineage is not touched, and comes back in `asked`: replacing another
 *   user's tokens is the user's call (environments:place-tokens). The named environment is replaced
 *   without asking only when the set is complete, a refresh token with its access token.
 */
export async function placeTokens(ctx: WorkbenchContext, placement: Placement): Promise<TokenPlacement> {
  const { set } = placement;
  const key = lineageKeyOf(set);
  const written: string[] = [];
  const asked: PlacementQuestion[] = [];
  for (const env of candidates(ctx, placement)) {
    const held = currentLineage(ctx, env);
    const named = env.id === placement.environmentId;
    const write =
      (held !== null && sameLineage(held, key)) || !holdsTokens(env) || (named && set.refresh !== null);
    if (!write) {
      asked.push({ environmentId: env.id, holds: held === null ? null : lineageView(ctx, held) });
      continue;
    }
    const done = await writeTokenSet(ctx, env, set);
    if (done.ok) written.push(env.id);
  }
  return { written, asked };
}

/** The named environment, else those following the client, plus any that hold this refresh token. */
function candidates(ctx: WorkbenchContext, placement: Placement): EnvironmentRecord[] {
  const refreshId = placement.set.refresh?.id ?? null;
  return ctx.store.environments.list().filter((env) => {
    if (placement.environmentId !== null) return env.id === placement.environmentId;
    if (env.clientRef === placement.clientRef) return true;
    return refreshId !== null && ctx.store.envTokens.lineage(env.id)?.refreshTokenId === refreshId;
  });
}

function lineageKeyOf(set: LineageSet): Pick<EnvTokenLineage, 'refreshTokenId' | 'userId' | 'dcId'> {
  return { refreshTokenId: set.refresh?.id ?? null, userId: set.access.userId, dcId: set.dc.id };
}

/**
 * Writes the whole set into one environment: the keychain first (a record must never point at a
 * value that was not stored), then the DC, the variables and the lineage in one transaction. A set
 * without a refresh token empties `refresh-token`, so no other lineage's refresh token stays behind.
 */
export async function writeTokenSet(
  ctx: WorkbenchContext,
  env: EnvironmentRecord,
  set: LineageSet,
): Promise<Ok<EnvironmentRecord> | Failure> {
  const refresh = await refreshWrite(ctx, env, set);
  if ('ok' in refresh) return refresh;
  const writes: [string, string | null][] = [['access-token', set.accessValue]];
  if (refresh.kind !== 'keep') writes.push(['refresh-token', refresh.kind === 'set' ? refresh.value : null]);
  for (const [key, value] of writes) {
    const account = secretAccount({ kind: 'env-variable', environmentId: env.id, key });
    const saved = value === null ? await ctx.vault.delete(account) : await ctx.vault.set(account, value);
    if (!saved.ok) return fail(saved.code, `${saved.message} Environment "${env.name}" was not changed.`);
  }
  const variables = merge(
    env.variables,
    { 'access-token': set.access.fingerprint, 'refresh-token': set.refresh?.fingerprint ?? null },
    {
      'api-domain': apiDomainFor(env, set),
      'accounts-url': set.dc.accountsUrl,
      'expiry-time': set.access.expiresAt ?? set.access.createdAt,
    },
  );
  const lineage: EnvTokenLineage = {
    environmentId: env.id,
    clientRef: set.access.clientRef,
    dcId: set.dc.id,
    userId: set.access.userId,
    accessTokenId: set.access.id,
    refreshTokenId: set.refresh?.id ?? null,
    writtenAt: ctx.now(),
  };
  const updated = ctx.store.envTokens.writeSet(env.id, set.dc.id, variables, lineage);
  if (updated === undefined)
    return fail('environment_not_found', `Environment "${env.name}" was removed meanwhile.`);
  ctx.emit('environments:changed', { environmentId: env.id });
  return ok(updated);
}

/**
 * Zoho answers the production `api_domain` whatever the caller works on; an environment set to the
 * DC's developer or sandbox API domain keeps calling that one (the SDKs' DEVELOPER()/SANDBOX()
 * environments use the same tokens on those domains).
 */
function apiDomainFor(env: EnvironmentRecord, set: LineageSet): string {
  const chosen = env.apiEnvironment === 'production' ? null : apiDomainOf(set.dc, env.apiEnvironment);
  return chosen ?? set.access.apiDomain ?? set.dc.apiDomain;
}

type RefreshWrite =
  { readonly kind: 'set'; readonly value: string } | { readonly kind: 'keep' } | { readonly kind: 'clear' };

/**
 * What happens to `refresh-token`: cleared for a set without one; kept when the environment holds
 * this refresh token already (a refresh of its own lineage: no keychain read); else the value.
 */
async function refreshWrite(
  ctx: WorkbenchContext,
  env: EnvironmentRecord,
  set: LineageSet,
): Promise<RefreshWrite | Failure> {
  if (set.refresh === null) return { kind: 'clear' };
  if (currentLineage(ctx, env)?.refreshTokenId === set.refresh.id) return { kind: 'keep' };
  const value = await set.refreshValue();
  return value.ok ? { kind: 'set', value: value.value } : value;
}

/** Token variables are secret (value in the keychain, fingerprint here); the others plain. */
function merge(
  variables: readonly EnvVariable[],
  secrets: Readonly<Record<string, string | null>>,
  plain: Readonly<Record<string, string | number>>,
): EnvVariable[] {
  const updates = new Map<string, EnvVariable>();
  for (const [key, print] of Object.entries(secrets)) {
    // An absent refresh-token is not added only to say "none".
    if (print === null && !variables.some((v) => v.key === key)) continue;
    updates.set(key, { key, value: null, secret: true, type: 'secret', enabled: true, fingerprint: print });
  }
  for (const [key, value] of Object.entries(plain)) {
    updates.set(key, { key, value, secret: false, type: 'default', enabled: true, fingerprint: null });
  }
  const kept = variables.map((v) => {
    const update = updates.get(v.key);
    updates.delete(v.key);
    // An imported variable keeps its Postman type and enabled flag; only its value changes.
    return update === undefined
      ? v
      : { ...update, type: v.secret === update.secret ? v.type : update.type, enabled: v.enabled };
  });
  return [...kept, ...updates.values()];
}

/** The keychain entry of an issued token, as a lazy read for `LineageSet.refreshValue`. */
export function keychainValue(ctx: WorkbenchContext, meta: TokenMeta): () => Promise<Ok<string> | Failure> {
  return async () => {
    const kind = meta.kind === 'access' ? 'access-token' : 'refresh-token';
    const value = await ctx.vault.get(secretAccount({ kind, tokenId: meta.id }));
    if (!value.ok) return value;
    if (value.value === null)
      return fail(
        'secret_not_found',
        `The value of ${meta.kind} token ${meta.fingerprint} is not in the keychain. Run a new consent.`,
      );
    return ok(value.value);
  };
}
