import type { DataCenter } from '../../../shared/dc/catalog';
import type { TokenOutcome } from '../../../shared/ipc/views';
import { ok, type Failure, type Ok } from '../../../shared/result';
import type { LedgerEvent } from '../../../shared/limits/ledger-types';
import type { ClientCredentials } from '../../../shared/oauth/requests';
import { UNKNOWN_USER, type ClientRecord } from '../../../shared/workspace/model';
import type { AccountsFailure } from '../accounts';
import { forClient } from '../traffic/recorder';
import type { WorkbenchContext } from './context';
import { clientCredentials } from './credentials';
import { lookUpIdentity } from './identity';
import { recordIssuedTokens, type NotStored, type UnstoredIssue } from './issue';
import { settleFailed, settleUnknown } from './reservations';

export interface CodeExchange {
  readonly client: ClientRecord;
  /** Where the code must go: the DC the redirect named (validated), or the client's for a self client. */
  readonly dc: DataCenter;
  readonly code: string;
  readonly redirectUri: string | null;
  readonly codeVerifier: string | null;
  readonly scopes: readonly string[];
  readonly environmentId: string | null;
  readonly crossDc: boolean;
  /** The client id and secret, when the caller read them already (at the consent's start). */
  readonly credentials?: ClientCredentials;
  /**
   * What the ledger learns with Zoho's answer, whatever it is: the grant code's creation. Recorded in
   * the same transaction as the answer, so the exchange costs no commit of its own before the POST;
   * a crash before it leaves the reservation pending, which counts the code anyway.
   */
  readonly known: readonly LedgerEvent[];
}

export type ExchangeResult = Ok<TokenOutcome> | Failure | AccountsFailure | NotStored;

/**
 * Exchanges a grant code (zoho-oauth.md, "Token endpoint") and records the tokens under the caller's
 * reservation, which it settles whatever the answer. The evictions the new refresh token causes are
 * read from the ledger just before, at the same moment, under the user the tokens turn out to belong to.
 */
export async function exchangeGrantCode(
  ctx: WorkbenchContext,
  exchange: CodeExchange,
  reservationId: string,
  onUnstored: (unstored: UnstoredIssue) => void,
): Promise<ExchangeResult> {
  const { client, dc, known } = exchange;
  const credentials =
    exchange.credentials === undefined ? await clientCredentials(ctx, client) : ok(exchange.credentials);
  if (!credentials.ok) {
    settleFailed(ctx, reservationId, credentials, known);
    return credentials;
  }
  const answer = await ctx.accounts.exchangeCode(
    dc,
    credentials.value,
    exchange.code,
    exchange.redirectUri,
    exchange.codeVerifier,
  );
  if (!answer.ok) {
    const shared = { ok: false, code: answer.code, message: answer.message, zohoError: answer.zohoError };
    // Over the refresh-token rate Zoho refuses the exchange; the user is not known, so the
    // evidence is kept on the unknown bucket of this client.
    const evidence =
      answer.code === 'access_denied_limit'
        ? [
            {
              type: 'access-denied',
              at: ctx.now(),
              key: { rule: 'refresh', clientId: client.zohoClientId, userId: UNKNOWN_USER },
            } as const,
          ]
        : [];
    if (answer.code === 'timeout' || answer.code === 'network_error')
      settleUnknown(ctx, reservationId, shared);
    else settleFailed(ctx, reservationId, shared, evidence);
    return answer;
  }
  const tokens = answer.value;
  const { user, identity } = await forClient(client.id, () =>
    lookUpIdentity(
      ctx,
      dc,
      tokens.accessToken,
      tokens.scope?.split(/[,\s]+/) ?? exchange.scopes,
      tokens.apiDomain ?? dc.apiDomain,
    ),
  );
  const evicted = tokens.refreshToken === null ? [] : evictionsOfNewRefreshToken(ctx, client, user.id);
  return recordIssuedTokens(
    ctx,
    {
      client,
      dc,
      tokens,
      parentRefreshTokenId: null,
      user,
      identity,
      scopes: exchange.scopes,
      environmentId: exchange.environmentId,
      crossDc: exchange.crossDc,
      evicted,
    },
    reservationId,
    onUnstored,
    known,
  );
}

/** Tokens Zoho's caps delete when this client's user gets a new refresh token, read just before. */
export function evictionsOfNewRefreshToken(
  ctx: WorkbenchContext,
  client: ClientRecord,
  userId: string,
): string[] {
  const at = ctx.now();
  const answer = ctx.ledger.ledger.check(
    { kind: 'self-client-exchange', clientId: client.zohoClientId, userId },
    at,
  );
  if (answer.verdict !== 'allowed-with-evictions' && answer.verdict !== 'rate-exceeded') return [];
  return answer.evictions.flatMap((e) =>
    e.kind === 'refresh-token' ? [e.refreshTokenId, ...e.accessTokenIds] : [e.accessTokenId],
  );
}
