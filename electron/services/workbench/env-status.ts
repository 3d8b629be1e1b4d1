import type { EnvironmentStatus } from '../../../shared/ipc/env-status';
import { fail, ok, type Failure, type Ok } from '../../../shared/result';
import type { EnvironmentRecord } from '../../../shared/workspace/model';
import { findClient, findDc, isFailure, type WorkbenchContext } from './context';
import { notFound } from './environments';
import { flowsOf } from './flows';
import { currentLineage, holdsTokens, lineageView } from './lineage';
import { keychainValue, writeTokenSet } from './token-variables';

/** environments:status: each environment's DC, the lineage of its tokens and auto-refresh's plan. */
export function environmentStatuses(ctx: WorkbenchContext): Ok<EnvironmentStatus[]> {
  const { autoRefresh } = flowsOf(ctx);
  return ok(
    ctx.store.environments.list().map((env) => {
      const lineage = currentLineage(ctx, env);
      return {
        environmentId: env.id,
        dcId: env.dcId,
        holdsTokens: holdsTokens(env),
        lineage: lineage === null ? null : lineageView(ctx, lineage),
        autoRefresh: autoRefresh.statusOf(env),
      };
    }),
  );
}

/**
 * environments:place-tokens, the answer to a placement question: the live access token, its refresh
 * token, their DC's api-domain and accounts-url and its expiry go into the environment as a whole,
 * replacing the lineage it held (those tokens stay in the token list).
 */
export async function placeTokensByHand(
  ctx: WorkbenchContext,
  environmentId: string,
  accessTokenId: string,
): Promise<Ok<EnvironmentRecord> | Failure> {
  const env = ctx.store.environments.get(environmentId);
  if (env === undefined) return notFound(environmentId);
  const access = ctx.store.tokens.get(accessTokenId);
  if (access?.kind !== 'access') {
    // Someone who pasted the token itself instead of its id must not see it echoed into a log.
    const given = /^at_\w{1,64}$/.test(accessTokenId)
      ? `"${accessTokenId}"`
      : 'with that id (ids look like at_…)';
    return fail('token_not_found', `No access token ${given} in this workspace.`);
  }
  const view = ctx.ledger.ledger.tokenAt(access.id, ctx.now());
  if (view !== undefined && view.status !== 'active')
    return fail(
      'token_not_live',
      `Access token ${access.fingerprint} is ${view.status}, so it would not work from "${env.name}". Refresh its refresh token into the environment instead.`,
    );
  const client = findClient(ctx, access.clientRef);
  if (isFailure(client)) return client;
  const dc = findDc(ctx, access.dcId);
  if (isFailure(dc)) return dc;
  const accessValue = await keychainValue(ctx, access)();
  if (!accessValue.ok) return accessValue;
  const parentId = view?.parentId ?? null;
  const refresh = parentId === null ? null : (ctx.store.tokens.get(parentId) ?? null);
  return writeTokenSet(ctx, env, {
    dc,
    access,
    accessValue: accessValue.value,
    refresh,
    refreshValue: refresh === null ? () => Promise.resolve(ok('')) : keychainValue(ctx, refresh),
  });
}
