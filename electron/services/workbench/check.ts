import type { WhoAmICheck } from '../../../shared/ipc/views';
import { fail, failureFacts, ok, type Failure, type Ok } from '../../../shared/result';
import { forClient } from '../traffic/recorder';
import { secretAccount } from '../vault/account';
import { findDc, isFailure, type WorkbenchContext } from './context';
import { grantsProfile } from '../../../shared/scopes/catalog';
import type { DataCenter } from '../../../shared/dc/catalog';
import type { TokenIdentity } from '../../../shared/workspace/identity';
import type { TokenMeta } from '../../../shared/workspace/model';
import { lookUpIdentity } from './identity';

/**
 * "Check now": asks Zoho who the access token belongs to (zoho-oauth.md, "Calling APIs and checking
 * a token"). With AaaServer.profile.Read the accounts server's user info answers; otherwise CRM's
 * CurrentUser on the token's API domain. A refresh token is checked through its newest access token.
 */
export async function checkToken(ctx: WorkbenchContext, tokenId: string): Promise<Ok<WhoAmICheck> | Failure> {
  const token = accessTokenFor(ctx, tokenId);
  if (isFailure(token)) return token;
  const dc = findDc(ctx, token.dcId);
  if (isFailure(dc)) return dc;
  const value = await ctx.vault.get(secretAccount({ kind: 'access-token', tokenId: token.id }));
  if (!value.ok) return value;
  if (value.value === null)
    return fail(
      'secret_not_found',
      `Access token ${token.fingerprint} is not in the keychain any more. Refresh to get a new one.`,
    );
  const profileScope = grantsProfile(token.scopes);
  const accessToken = value.value;
  const answer = await forClient(token.clientRef, () =>
    profileScope
      ? ctx.accounts.userInfo(dc, accessToken)
      : ctx.accounts.crmCurrentUser(token.apiDomain ?? dc.apiDomain, accessToken),
  );
  const at = ctx.now();
  // The DC tells the truth (architecture.md): a token it calls invalid while the ledger thinks it
  // alive was revoked, or evicted by tokens made elsewhere. The ledger stops counting it as live.
  const dead = !answer.ok && (answer.code === 'invalid_token' || answer.code === 'invalid_oauth_token');
  if (dead && ctx.ledger.ledger.tokenAt(token.id, at)?.status === 'active')
    ctx.ledger.record({ type: 'access-token-revoked', at, id: token.id });
  ctx.store.tokens.setLastChecked(token.id, at);
  if (answer.ok) await fillIdentity(ctx, token, dc, value.value);
  ctx.store.tokens.setLastError(token.id, answer.ok ? null : { ...failureFacts(answer), at });
  ctx.emit('tokens:changed', { clientRef: token.clientRef });
  return ok({
    tokenId: token.id,
    at,
    who: answer.ok ? answer.value : null,
    error: answer.ok ? null : failureFacts(answer),
  });
}

/**
 * A token issued before Tokenbench looked up who it acts for, or whose lookup failed then, gets its
 * identity on "Check now" (the token works: the check just said so). Its refresh token gets it too
 * when it has none, since they act for the same user and org.
 */
async function fillIdentity(ctx: WorkbenchContext, token: TokenMeta, dc: DataCenter, value: string) {
  if (token.identity !== undefined && !lookupFailed(token.identity)) return;
  const { identity } = await lookUpIdentity(ctx, dc, value, token.scopes, token.apiDomain ?? dc.apiDomain);
  ctx.store.tokens.setIdentity(token.id, identity);
  const parentId = ctx.ledger.ledger.tokenAt(token.id, ctx.now())?.parentId ?? null;
  const parent = parentId === null ? undefined : ctx.store.tokens.get(parentId);
  if (parent !== undefined && (parent.identity === undefined || lookupFailed(parent.identity)))
    ctx.store.tokens.setIdentity(parent.id, identity);
}

const lookupFailed = (identity: TokenIdentity) =>
  identity.user.state === 'unknown' && identity.user.reason === 'lookup_failed'
    ? true
    : identity.org.state === 'unknown' && identity.org.reason === 'lookup_failed';

function accessTokenFor(ctx: WorkbenchContext, tokenId: string) {
  const meta = ctx.store.tokens.get(tokenId);
  if (meta === undefined)
    return fail('token_not_found', `No token "${tokenId}". List tokens to see their ids.`);
  if (meta.kind === 'access') return meta;
  const at = ctx.now();
  // Read once: each read of ctx.ledger.ledger first catches up with the store.
  const ledger = ctx.ledger.ledger;
  const newest = ctx.store.tokens
    .listByClient(meta.clientRef)
    .filter((t) => t.kind === 'access' && ledger.tokenAt(t.id, at)?.parentId === meta.id)
    .sort((a, b) => b.createdAt - a.createdAt)[0];
  return (
    newest ??
    fail(
      'no_access_token',
      `Refresh token ${meta.fingerprint} has no access token to check with. Refresh first.`,
    )
  );
}
