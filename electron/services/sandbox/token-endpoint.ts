import { pkceMatches, safeEqual } from './ids';
import { ACCESS_DENIED_BODY, accessKey, refreshKey } from './limits';
import type { GrantCode, SandboxClient } from './model';
import { jsonReply, requestParams, type Reply, type RequestContext } from './http';
import { clientCredentials } from './client-credentials';
import { createAccessToken, createRefreshToken, tokenBody } from './tokens';

/**
 * POST /oauth/v2/token. Every error is HTTP 200 with an `error` key, as Zoho answers
 * (zoho-oauth.md, "Token endpoint"): success is "the body has access_token", never "status 200".
 */
export function handleToken(ctx: RequestContext): Reply {
  const params = requestParams(ctx);
  const grantType = params.get('grant_type');
  if (grantType === 'authorization_code') return exchangeCode(ctx, params);
  if (grantType === 'refresh_token') return refresh(ctx, params);
  if (grantType === 'client_credentials') return clientCredentials(ctx, params);
  return jsonReply({ error: 'unsupported_grant_type' }, 'unsupported_grant_type');
}

export const err = (error: string, clientId?: string): Reply => jsonReply({ error }, error, 200, clientId);

/** Client id known at this DC (multi-DC or registered here), then the secret. */
export function authenticate(ctx: RequestContext, params: URLSearchParams): SandboxClient | Reply {
  const client = ctx.state.clientAt(params.get('client_id') ?? '', ctx.dc.id);
  if (!client) return err('invalid_client');
  if (!safeEqual(params.get('client_secret') ?? '', client.clientSecret)) {
    return err('invalid_client_secret', client.clientId);
  }
  return client;
}

function exchangeCode(ctx: RequestContext, params: URLSearchParams): Reply {
  const client = authenticate(ctx, params);
  if ('status' in client) return client;
  const { state } = ctx;
  const now = state.clock.now();
  const code = params.get('code') ?? '';
  const grant = state.codes.get(code);
  const problem = grantProblem(grant, client, ctx.dc.id, params, now);
  if (problem !== undefined || grant === undefined) return err(problem ?? 'invalid_code', client.clientId);
  return mintTokens(ctx, client, grant, () => state.codes.delete(code));
}

/** What a consented grant (a grant code, or an approved device code) carries to its tokens. */
export interface ConsentedGrant {
  readonly zuid: string;
  readonly dcId: string;
  readonly scope: readonly string[];
  readonly offline: boolean;
  readonly forceRefresh: boolean;
}

/**
 * The tokens of a consented grant, at the user's DC. `consume` runs only once they are minted: over
 * the refresh-token rate the answer is Access Denied and the grant stays usable until it expires.
 */
export function mintTokens(
  ctx: RequestContext,
  client: SandboxClient,
  grant: ConsentedGrant,
  consume: () => void,
): Reply {
  const { state } = ctx;
  const now = state.clock.now();
  // Zoho's rule: a refresh token only on the first consent of this user for this client, unless
  // prompt=consent was sent. Reading: "first" = the user holds no live refresh token for the client.
  const wantsRefresh =
    grant.offline && (grant.forceRefresh || state.refreshTokensOf(client.clientId, grant.zuid).length === 0);
  if (
    wantsRefresh &&
    !state.limiter.check(refreshKey(client.clientId, grant.zuid), state.profile.refresh, now).allowed
  ) {
    // Checked before the code is consumed: a denied exchange leaves the code usable until it expires.
    return jsonReply(ACCESS_DENIED_BODY, 'Access Denied', 200, client.clientId);
  }
  consume();
  const subject = { clientId: client.clientId, zuid: grant.zuid, dcId: grant.dcId, scope: grant.scope };
  const [refreshValue, refreshRecord] = wantsRefresh
    ? createRefreshToken(state, subject, now)
    : [undefined, undefined];
  const counted = state.profile.exchangeAccessTokenCounts;
  const access = createAccessToken(state, subject, refreshRecord, counted, now);
  const body = tokenBody(state, client, ctx.dc, access, refreshValue, grant.scope);
  return jsonReply(
    body,
    refreshValue ? 'success (access + refresh)' : 'success (access)',
    200,
    client.clientId,
  );
}

/**
 * Why a presented code cannot be exchanged here. A code issued for another DC answers invalid_client
 * (the client id is at the wrong accounts server for that grant); expired, used and unknown codes
 * answer invalid_code; a PKCE mismatch also answers invalid_code (RFC 6749's invalid_grant, which
 * Zoho names invalid_code).
 */
function grantProblem(
  grant: GrantCode | undefined,
  client: SandboxClient,
  dcId: string,
  params: URLSearchParams,
  now: number,
): string | undefined {
  if (!grant || grant.expiresAt <= now) return 'invalid_code';
  if (grant.dcId !== dcId) return 'invalid_client';
  if (grant.clientId !== client.clientId) return 'invalid_code';
  if (grant.redirectUri !== undefined && params.get('redirect_uri') !== grant.redirectUri)
    return 'invalid_redirect_uri';
  if (grant.challenge) {
    const verifier = params.get('code_verifier') ?? '';
    if (!pkceMatches(verifier, grant.challenge.value, grant.challenge.method)) return 'invalid_code';
  }
  return undefined;
}

/**
 * grant_type=refresh_token. No rotation: the same refresh token stays valid (zoho-oauth.md). A refresh
 * token presented at another DC's server is unknown there (tokens live in their DC): invalid_code.
 */
function refresh(ctx: RequestContext, params: URLSearchParams): Reply {
  const client = authenticate(ctx, params);
  if ('status' in client) return client;
  const { state } = ctx;
  const now = state.clock.now();
  const record = state.refreshTokens.get(params.get('refresh_token') ?? '');
  if (!record || record.clientId !== client.clientId || record.dcId !== ctx.dc.id) {
    return err('invalid_code', client.clientId);
  }
  if (!state.limiter.check(accessKey(record.id), state.profile.access, now).allowed) {
    return jsonReply(ACCESS_DENIED_BODY, 'Access Denied', 200, client.clientId);
  }
  const subject = { clientId: record.clientId, zuid: record.zuid, dcId: record.dcId, scope: record.scope };
  const access = createAccessToken(state, subject, record, true, now);
  return jsonReply(
    tokenBody(state, client, ctx.dc, access, undefined, record.scope),
    'success (refresh)',
    200,
    client.clientId,
  );
}
