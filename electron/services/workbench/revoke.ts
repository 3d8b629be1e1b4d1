import { fail, ok, type Failure, type Ok } from '../../../shared/result';
import type { AccountsFailure } from '../accounts';
import { secretAccount } from '../vault/account';
import { findClient, findDc, isFailure, type WorkbenchContext } from './context';
import { clientCredentials } from './credentials';

/**
 * Revokes a refresh token at Zoho (zoho-oauth.md, "Revoke"): it and its access tokens die. The
 * ledger records it, and the values leave the keychain. A token Zoho no longer knows is as good as
 * revoked, so that answer is recorded the same way.
 */
export async function revokeRefreshToken(
  ctx: WorkbenchContext,
  refreshTokenId: string,
): Promise<Ok<null> | Failure | AccountsFailure> {
  const rt = ctx.store.tokens.get(refreshTokenId);
  if (rt?.kind !== 'refresh')
    return fail('token_not_found', `No refresh token "${refreshTokenId}". List tokens to see their ids.`);
  const client = findClient(ctx, rt.clientRef);
  if (isFailure(client)) return client;
  const dc = findDc(ctx, rt.dcId);
  if (isFailure(dc)) return dc;
  const credentials = await clientCredentials(ctx, client);
  if (!credentials.ok) return credentials;
  const value = await ctx.vault.get(secretAccount({ kind: 'refresh-token', tokenId: rt.id }));
  if (!value.ok) return value;
  if (value.value !== null) {
    const answer = await ctx.accounts.revoke(dc, credentials.value, value.value, client.revokeEndpoint);
    const alreadyGone =
      !answer.ok && (answer.zohoError === 'invalid_token' || answer.code === 'invalid_code');
    if (!answer.ok && !alreadyGone) return answer;
  }
  const at = ctx.now();
  if (ctx.ledger.ledger.tokenAt(rt.id, at)?.status === 'active')
    ctx.ledger.record({ type: 'refresh-token-revoked', at, id: rt.id });
  await forgetValues(ctx, rt.id, rt.clientRef);
  ctx.emit('tokens:changed', { clientRef: rt.clientRef });
  return ok(null);
}

async function forgetValues(ctx: WorkbenchContext, refreshTokenId: string, clientRef: string): Promise<void> {
  await ctx.vault.delete(secretAccount({ kind: 'refresh-token', tokenId: refreshTokenId }));
  const children = ctx.store.tokens.listByClient(clientRef).filter((t) => t.kind === 'access');
  const at = ctx.now();
  const ledger = ctx.ledger.ledger;
  for (const child of children) {
    if (ledger.tokenAt(child.id, at)?.parentId === refreshTokenId) {
      await ctx.vault.delete(secretAccount({ kind: 'access-token', tokenId: child.id }));
    }
  }
}
