import type { DataCenter } from '../../../shared/dc/catalog';
import type { DcMoveRefusal } from '../../../shared/ipc/env-status';
import { fail, ok, type Failure, type Ok } from '../../../shared/result';
import type { EnvironmentRecord, EnvVariable } from '../../../shared/workspace/model';
import { secretAccount } from '../vault/account';
import { dcCatalog, type WorkbenchContext } from './context';
import { currentLineage, lineageView, TOKEN_KEYS } from './lineage';

/** Moving an environment that holds tokens to another DC: when it may, and what it costs. */

const variableAccount = (environmentId: string, key: string) =>
  secretAccount({ kind: 'env-variable', environmentId, key });

/**
 * A token works only at the DC that issued it (zoho-oauth.md, "Calling APIs"; the sandbox answers
 * INVALID_TOKEN elsewhere), so an environment holding tokens is never moved silently: the caller
 * learns what it holds and may ask again to move it with its tokens cleared.
 */
export function holdsTokensRefusal(
  ctx: WorkbenchContext,
  env: EnvironmentRecord,
  toDcId: string,
): Failure & { readonly detail: DcMoveRefusal } {
  const lineage = currentLineage(ctx, env);
  const from = env.dcId ?? 'no DC';
  const detail: DcMoveRefusal = {
    environmentId: env.id,
    fromDcId: env.dcId,
    toDcId,
    lineage: lineage === null ? null : lineageView(ctx, lineage),
  };
  return {
    ...fail(
      'environment_holds_tokens',
      `Environment "${env.name}" holds tokens issued at ${lineage?.dcId ?? from}; they work only there, so they cannot move to ${toDcId}. Move it with its tokens cleared, or keep it at ${from}.`,
    ),
    detail,
  };
}

/**
 * Tokens belong to an accounts server: DCs sharing one (a DC and a custom DC over the same accounts
 * server) accept the same tokens, so moving between them leaves the tokens where they are.
 */
export function sharesTokens(ctx: WorkbenchContext, env: EnvironmentRecord, to: DataCenter): boolean {
  const from = currentLineage(ctx, env)?.dcId ?? env.dcId;
  const fromDc = from === null ? undefined : dcCatalog(ctx).byLocation(from);
  return fromDc !== undefined && fromDc.accountsUrl === to.accountsUrl;
}

/** Empties the token variables (keychain first) and forgets their lineage; the tokens stay in the token list. */
export async function clearTokens(
  ctx: WorkbenchContext,
  env: EnvironmentRecord,
): Promise<Ok<EnvVariable[]> | Failure> {
  for (const key of TOKEN_KEYS) {
    const deleted = await ctx.vault.delete(variableAccount(env.id, key));
    if (!deleted.ok) return fail(deleted.code, `${deleted.message} The environment was not moved.`);
  }
  ctx.store.envTokens.forget(env.id);
  return ok(
    env.variables.map((v) => {
      if ((TOKEN_KEYS as readonly string[]).includes(v.key)) return { ...v, value: null, fingerprint: null };
      return v.key === 'expiry-time' ? { ...v, value: null } : v;
    }),
  );
}
