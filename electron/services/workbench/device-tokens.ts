import type { DataCenter } from '../../../shared/dc/catalog';
import type { TokenSet } from '../../../shared/oauth/token-response';
import { UNKNOWN_USER, type ClientRecord } from '../../../shared/workspace/model';
import { isFailure, newId, type WorkbenchContext } from './context';
import { forClient } from '../traffic/recorder';
import { lookUpIdentity } from './identity';
import { evictionsOfNewRefreshToken, type ExchangeResult } from './exchange';
import { recordIssuedTokens, type UnstoredIssue } from './issue';
import { reserve } from './reservations';

export interface DeviceTokens {
  readonly client: ClientRecord;
  /** The DC that answered the tokens: the user's, after other_dc. */
  readonly dc: DataCenter;
  readonly tokens: TokenSet;
  readonly scopes: readonly string[];
  readonly environmentId: string | null;
  readonly crossDc: boolean;
}

/**
 * Records the tokens a poll brought through the same path as a code exchange (keychain, ledger,
 * store, environments), so the ledger, the guard and the timeline know them like any other.
 */
export async function recordDeviceTokens(
  ctx: WorkbenchContext,
  issued: DeviceTokens,
  onUnstored: (unstored: UnstoredIssue) => void,
): Promise<ExchangeResult> {
  const { client, dc, tokens } = issued;
  const scopes = tokens.scope?.split(/[,\s]+/) ?? issued.scopes;
  const { user, identity } = await forClient(client.id, () =>
    lookUpIdentity(ctx, dc, tokens.accessToken, scopes, tokens.apiDomain ?? dc.apiDomain),
  );
  const evicted = tokens.refreshToken === null ? [] : evictionsOfNewRefreshToken(ctx, client, user.id);
  // Zoho answered already: the reservation only carries the crash-safe order of recordIssuedTokens.
  const reserved = reserve(ctx, {
    proposal: null,
    keys: [],
    flight: `device-tokens:${newId('flow')}`,
    force: true,
    lifetimeMs: 60_000,
    joinFinishedSince: null,
  });
  if (isFailure(reserved)) return reserved;
  return recordIssuedTokens(
    ctx,
    {
      client,
      dc,
      tokens,
      parentRefreshTokenId: null,
      user,
      identity,
      scopes: issued.scopes,
      environmentId: issued.environmentId,
      crossDc: issued.crossDc,
      evicted,
    },
    reserved.id,
    onUnstored,
  );
}

/**
 * A poll answered Access Denied: minting the tokens would have passed the refresh-token rate. The
 * user is not known yet, so the evidence goes to the client's unknown bucket, as for an exchange.
 */
export function recordDeviceRefusal(ctx: WorkbenchContext, client: ClientRecord): void {
  ctx.ledger.record({
    type: 'access-denied',
    at: ctx.now(),
    key: { rule: 'refresh', clientId: client.zohoClientId, userId: UNKNOWN_USER },
  });
}
