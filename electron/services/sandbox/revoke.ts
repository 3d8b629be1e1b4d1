import { safeEqual } from './ids';
import { jsonReply, requestParams, type Reply, type RequestContext } from './http';
import type { SandboxClient } from './model';

/**
 * Revocation, both of Zoho's endpoints (zoho-oauth.md, "Revoke"). A refresh token takes its access
 * tokens with it; an access token alone can be revoked too. Readings documented:
 * - An unknown, already revoked, or other-DC token answers HTTP 200
 *   `{"status":"failure","error":"invalid_token"}` (errors at 200, like the token endpoint).
 * - The newer endpoint needs HTTP Basic client authentication; missing or wrong credentials, or a
 *   client unknown at this DC, answer HTTP 200 `{"error":"invalid_client"}`; a token of another
 *   client is treated as unknown.
 */
const INVALID_TOKEN = { status: 'failure', error: 'invalid_token' } as const;

/** POST /oauth/v2/token/revoke?token=… (the form the SDKs use; no client authentication). */
export function handleLegacyRevoke(ctx: RequestContext): Reply {
  const token = requestParams(ctx).get('token') ?? '';
  return revokeToken(ctx, token, undefined);
}

/** POST /oauth/v2/revoke/token with form `token`, `token_type` and HTTP Basic client auth. */
export function handleRevoke(ctx: RequestContext): Reply {
  const client = basicClient(ctx);
  if (!client) return jsonReply({ error: 'invalid_client' }, 'invalid_client');
  const params = requestParams(ctx);
  return revokeToken(ctx, params.get('token') ?? '', client);
}

function revokeToken(ctx: RequestContext, token: string, client: SandboxClient | undefined): Reply {
  const { state } = ctx;
  const owned = (rec: { clientId: string; dcId: string } | undefined): boolean =>
    rec !== undefined && rec.dcId === ctx.dc.id && (client === undefined || rec.clientId === client.clientId);
  const refresh = state.refreshTokens.get(token);
  if (owned(refresh) && refresh) {
    state.deleteRefreshToken(token);
    return jsonReply({ status: 'success' }, 'success (refresh token revoked)', 200, refresh.clientId);
  }
  const access = state.accessTokens.get(token);
  if (owned(access) && access && access.expiresAt > state.clock.now()) {
    state.accessTokens.delete(token);
    return jsonReply({ status: 'success' }, 'success (access token revoked)', 200, access.clientId);
  }
  return jsonReply(INVALID_TOKEN, 'invalid_token', 200, client?.clientId);
}

/** RFC 6749 2.3.1: client_id:client_secret, each form-urlencoded, in a Basic credential. */
function basicClient(ctx: RequestContext): SandboxClient | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(ctx.headers.authorization ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const id = safeDecode(decoded.slice(0, colon));
  const secret = safeDecode(decoded.slice(colon + 1));
  const client = ctx.state.clientAt(id, ctx.dc.id);
  return client && safeEqual(secret, client.clientSecret) ? client : undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return text;
  }
}
