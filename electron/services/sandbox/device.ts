import { grantKey, ACCESS_DENIED_BODY } from './limits';
import { parseScopes } from './grants';
import { newToken, newUserCode } from './ids';
import type { DeviceGrant } from './model';
import { jsonReply, requestParams, type Reply, type RequestContext } from './http';
import { authenticate, err, mintTokens } from './token-endpoint';

/** "Validity: 5 minutes" (Zoho, Initiation request: user_code). */
export const DEVICE_CODE_TTL_MS = 5 * 60_000;

export const VERIFICATION_PATH = '/oauth/v3/device';

/**
 * POST /oauth/v3/device/code (Zoho, "Non-browser applications", Initiation request): `client_id`,
 * `grant_type=device_request`, `scope`, `access_type`, `prompt`, from the query or the body. Readings
 * (README): every answer is HTTP 200 like the token endpoint; `expires_in` and `interval` in seconds;
 * only a Non-browser client may start it; a device code counts as a grant code toward the client's
 * 10 per 10 minutes, counted when it is issued.
 */
export function handleDeviceCode(ctx: RequestContext): Reply {
  const params = requestParams(ctx);
  const { state } = ctx;
  const client = state.clientAt(params.get('client_id') ?? '', ctx.dc.id);
  if (!client) return err('invalid_client');
  if (client.type !== 'device') {
    const body = {
      error: 'invalid_client',
      error_description: 'This client is not registered as a Non-browser application.',
    };
    return jsonReply(body, 'invalid_client (not a non-browser client)', 200, client.clientId);
  }
  if (params.get('grant_type') !== 'device_request') return err('unsupported_grant_type', client.clientId);
  const scope = parseScopes(params.get('scope') ?? '');
  if (!scope) return err('invalid_scope', client.clientId);
  const now = state.clock.now();
  const key = grantKey(client.clientId);
  if (!state.limiter.check(key, state.profile.grant, now).allowed)
    return jsonReply(ACCESS_DENIED_BODY, 'Access Denied', 200, client.clientId);
  state.limiter.record(key, now);
  state.prune(now);
  const deviceCode = newToken('1004');
  const grant: DeviceGrant = {
    clientId: client.clientId,
    userCode: uniqueUserCode(ctx),
    dcId: ctx.dc.id,
    scope,
    offline: params.get('access_type') === 'offline',
    forceRefresh: params.get('prompt') === 'consent',
    expiresAt: now + DEVICE_CODE_TTL_MS,
    lastPollAt: null,
    decision: { kind: 'pending' },
  };
  state.deviceGrants.set(deviceCode, grant);
  const body = {
    user_code: grant.userCode,
    device_code: deviceCode,
    verification_url: `${ctx.dc.accountsUrl}${VERIFICATION_PATH}`,
    expires_in: Math.round(DEVICE_CODE_TTL_MS / 1000),
    interval: Math.round(state.deviceIntervalMs / 1000),
  };
  return jsonReply(body, 'device code', 200, client.clientId);
}

/** A user code no live grant of this DC holds (a clash is unlikely at 20^8, and never served). */
function uniqueUserCode(ctx: RequestContext): string {
  for (;;) {
    const code = newUserCode();
    if (ctx.state.deviceGrantByUserCode(code, ctx.dc.id) === undefined) return code;
  }
}

/**
 * POST /oauth/v3/device/token (Zoho, Polling request): `client_id`, `client_secret`,
 * `grant_type=device_token`, `code`. Answers, in this order: the client's errors, an unknown code
 * (invalid_code), `expired`, `slow_down` (this poll came within the interval of the code's last one,
 * at any DC; the poll still counts, so a device that keeps polling fast keeps hearing it), then
 * `authorization_pending`, `access_denied`, `other_dc` with `user_location`, or the tokens at the
 * user's DC, once (the code is then spent).
 */
export function handleDeviceToken(ctx: RequestContext): Reply {
  const params = requestParams(ctx);
  const client = authenticate(ctx, params);
  if ('status' in client) return client;
  if (params.get('grant_type') !== 'device_token') return err('unsupported_grant_type', client.clientId);
  const { state } = ctx;
  const now = state.clock.now();
  const code = params.get('code') ?? '';
  const grant = state.deviceGrants.get(code);
  if (!grant || grant.clientId !== client.clientId || !pollableHere(grant, ctx.dc.id))
    return err('invalid_code', client.clientId);
  if (now >= grant.expiresAt) return err('expired', client.clientId);
  const last = grant.lastPollAt;
  grant.lastPollAt = now;
  if (last !== null && now - last < state.deviceIntervalMs) return err('slow_down', client.clientId);
  const { decision } = grant;
  if (decision.kind === 'pending') return err('authorization_pending', client.clientId);
  if (decision.kind === 'denied') return err('access_denied', client.clientId);
  if (decision.homeDc !== ctx.dc.id) {
    const body = { error: 'other_dc', user_location: decision.homeDc };
    return jsonReply(body, `other_dc (${decision.homeDc})`, 200, client.clientId);
  }
  return mintTokens(ctx, client, { ...grant, zuid: decision.zuid, dcId: decision.homeDc }, () =>
    state.deviceGrants.delete(code),
  );
}

/** A device code is known where it was issued and, once a user approved it, at that user's DC. */
function pollableHere(grant: DeviceGrant, dcId: string): boolean {
  return grant.dcId === dcId || (grant.decision.kind === 'approved' && grant.decision.homeDc === dcId);
}
