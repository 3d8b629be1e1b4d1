import type { TokenOutcome } from '../../../shared/ipc/views';
import { parseSoid } from '../../../shared/oauth/requests';
import { fail, type Failure, type Ok } from '../../../shared/result';
import type { ClientRecord } from '../../../shared/workspace/model';
import type { AccountsFailure } from '../accounts';
import { findClient, findDc, isFailure, newId, type WorkbenchContext } from './context';
import { clientCredentials, keychainReady } from './credentials';
import { lookUpIdentity } from './identity';
import { recordIssuedTokens, type NotStored, type UnstoredIssue } from './issue';
import { release, reserve, settleFailed, settleUnknown } from './reservations';

export interface ClientCredentialsRequest {
  readonly clientRef: string;
  readonly scopes: readonly string[];
  /** `{service}.{zsoid}`, e.g. `ZohoCRM.600123434`; null for a product with one organization. */
  readonly soid: string | null;
  readonly environmentId?: string | undefined;
  readonly force: boolean;
}

export type ClientCredentialsResult = Ok<TokenOutcome> | Failure | AccountsFailure | NotStored;

/**
 * Client credentials (Zoho, "Self Client - Client credentials flow"): one access token for a Self
 * Client, an hour, no refresh token. Zoho's pages say nothing of its limits; Tokenbench reads it as
 * a grant and its token in one request (sandbox README, "Client credentials"): the guard checks the
 * client's grant rule, and the ledger records a grant and an access token without a refresh token,
 * so the token counts toward no refresh token's rule or cap.
 */
export async function getClientCredentialsToken(
  ctx: WorkbenchContext,
  request: ClientCredentialsRequest,
  onUnstored: (unstored: UnstoredIssue) => void,
): Promise<ClientCredentialsResult> {
  const client = selfClient(ctx, request.clientRef);
  if (isFailure(client)) return client;
  const soid = request.soid === null ? null : parseSoid(request.soid);
  if (request.soid !== null && soid === null) return badSoid(request.soid);
  const dc = findDc(ctx, client.dcId);
  if (isFailure(dc)) return dc;
  const grantKey = { rule: 'grant', clientId: client.zohoClientId } as const;
  const reserved = reserve(ctx, {
    // No user and no refresh token: the grant rule is the one a consent without offline access meets.
    proposal: { kind: 'consent', clientId: client.zohoClientId, accessType: 'online' },
    keys: [grantKey],
    flight: `client-credentials:${newId('flow')}`,
    force: request.force,
    lifetimeMs: 60_000,
    joinFinishedSince: null,
  });
  if (isFailure(reserved)) return reserved;
  const credentials = (await keychainReady(ctx)) ?? (await clientCredentials(ctx, client));
  if (!credentials.ok) {
    release(ctx, reserved.id);
    return credentials;
  }
  const answer = await ctx.accounts.clientCredentials(dc, credentials.value, request.scopes, soid);
  const at = ctx.now();
  if (!answer.ok) {
    const shared = { ok: false, code: answer.code, message: answer.message, zohoError: answer.zohoError };
    if (answer.code === 'timeout' || answer.code === 'network_error') settleUnknown(ctx, reserved.id, shared);
    else if (answer.code === 'access_denied_limit')
      settleFailed(ctx, reserved.id, shared, [{ type: 'access-denied', at, key: grantKey }]);
    else settleFailed(ctx, reserved.id, shared);
    return answer;
  }
  const tokens = answer.value;
  const scopes = tokens.scope?.split(/[,\s]+/).filter(Boolean) ?? request.scopes;
  const { user, identity } = await lookUpIdentity(
    ctx,
    dc,
    tokens.accessToken,
    scopes,
    tokens.apiDomain ?? dc.apiDomain,
  );
  return recordIssuedTokens(
    ctx,
    {
      client,
      dc,
      // Zoho sends no refresh token here; one that came anyway is not kept as this flow's.
      tokens: { ...tokens, refreshToken: null },
      parentRefreshTokenId: null,
      user,
      identity,
      scopes: request.scopes,
      environmentId: request.environmentId ?? null,
      crossDc: false,
      evicted: [],
      grant: { type: 'client-credentials', soid },
    },
    reserved.id,
    onUnstored,
    [{ type: 'grant-code-issued', at, clientId: client.zohoClientId }],
  );
}

function selfClient(ctx: WorkbenchContext, clientRef: string): ClientRecord | Failure {
  const client = findClient(ctx, clientRef);
  if (isFailure(client) || client.type === 'self') return client;
  return fail(
    'wrong_client_type',
    `"${client.name}" is not a Self Client. Zoho's client credentials are for Self Clients only: add the Self Client of the API console, with its id and secret.`,
  );
}

const badSoid = (typed: string): Failure<'invalid_soid'> =>
  fail(
    'invalid_soid',
    `"${typed}" is not an organization id: write soid as {service}.{zsoid}, e.g. ZohoCRM.600123434.`,
  );
