import type { DataCenter } from '../../../shared/dc/catalog';
import {
  identityPlan,
  type Known,
  type TokenIdentity,
  type TokenOrg,
  type TokenUser,
  type Unknown,
} from '../../../shared/workspace/identity';
import { UNKNOWN_USER } from '../../../shared/workspace/model';
import type { WorkbenchContext } from './context';

export interface KnownUser {
  readonly id: string;
  readonly label: string | null;
}

export interface LookedUp {
  /** What the per-user limits key on: the ZUID, or `unknown`. */
  readonly user: KnownUser;
  readonly identity: TokenIdentity;
}

/**
 * Who the new tokens act for, asked right after Zoho issued them and before they are recorded, since
 * the per-user limits need the user (Zoho's token answer does not say it). Best effort: both calls
 * are API calls, which create no token and count toward no token limit, and each failure only leaves
 * its part unknown with the reason; the tokens are recorded whatever happens here. The two calls go
 * out together, so the wait is one round trip.
 *
 * Without AaaServer.profile.Read the user stays `unknown`, and all such tokens share one per-client
 * bucket: the guard then over-counts, which errs on the safe side. The org is asked only for a CRM
 * token with ZohoCRM.org.{READ,ALL}, at the token's API domain.
 */
export async function lookUpIdentity(
  ctx: WorkbenchContext,
  dc: DataCenter,
  accessToken: string,
  scopes: readonly string[],
  apiDomain: string,
): Promise<LookedUp> {
  const plan = identityPlan(scopes);
  const [user, org] = await Promise.all([
    plan.user === 'ask' ? askUser(ctx, dc, accessToken) : plan.user,
    plan.org === 'ask' ? askOrg(ctx, apiDomain, accessToken) : plan.org,
  ]);
  const identity: TokenIdentity = { at: ctx.now(), user, org };
  return {
    user:
      user.state === 'known'
        ? { id: user.value.zuid, label: user.value.email ?? user.value.displayName }
        : { id: UNKNOWN_USER, label: null },
    identity,
  };
}

async function askUser(
  ctx: WorkbenchContext,
  dc: DataCenter,
  accessToken: string,
): Promise<Known<TokenUser> | Unknown> {
  const who = await ctx.accounts.userInfo(dc, accessToken);
  if (!who.ok) return { state: 'unknown', reason: 'lookup_failed', code: who.code };
  if (who.value.zuid === null) return { state: 'unknown', reason: 'lookup_failed', code: 'no_zuid' };
  return {
    state: 'known',
    value: { zuid: who.value.zuid, email: who.value.email, displayName: who.value.displayName },
  };
}

async function askOrg(
  ctx: WorkbenchContext,
  apiDomain: string,
  accessToken: string,
): Promise<Known<TokenOrg> | Unknown> {
  const org = await ctx.accounts.crmOrg(apiDomain, accessToken);
  if (!org.ok) return { state: 'unknown', reason: 'lookup_failed', code: org.code };
  return { state: 'known', value: { ...org.value, apiDomain } };
}
