import type { DataCenter } from '../../../shared/dc/catalog';
import { newToken } from './ids';
import { accessKey, refreshKey } from './limits';
import type { RefreshToken, SandboxClient } from './model';
import type { SandboxState } from './state';

export interface Subject {
  readonly clientId: string;
  readonly zuid: string;
  readonly dcId: string;
  readonly scope: readonly string[];
}

/**
 * Creates a refresh token; the caller has checked the refresh rate. At the alive cap the oldest live
 * refresh token of this user and client goes, with its access tokens (Kaizen #43: "Creation of 21th
 * token deletes the first. The access token created from the first refresh token gets deleted as well").
 */
export function createRefreshToken(
  state: SandboxState,
  subject: Subject,
  now: number,
): [string, RefreshToken] {
  const { maxAlive } = state.profile.refresh;
  const live = state.refreshTokensOf(subject.clientId, subject.zuid);
  for (const [value] of live.slice(0, Math.max(0, live.length - maxAlive + 1)))
    state.deleteRefreshToken(value);
  const value = newToken();
  const record: RefreshToken = { ...subject, id: state.newRefreshId(), createdAt: now };
  state.refreshTokens.set(value, record);
  state.limiter.record(refreshKey(subject.clientId, subject.zuid), now);
  return [value, record];
}

/**
 * Creates an access token. A counted one (refresh grant, or the exchange token when
 * profile.exchangeAccessTokenCounts) takes a slot in its refresh token's rate and alive cap; at the
 * cap the oldest live one is silently deleted (Kaizen #43: "Creation of the 16th token deletes the first").
 */
export function createAccessToken(
  state: SandboxState,
  subject: Subject,
  refresh: RefreshToken | undefined,
  counted: boolean,
  now: number,
  /** The organization of a client-credentials token (client-credentials.ts). */
  soid?: string,
): string {
  const countsHere = counted && refresh !== undefined;
  if (countsHere) {
    const { maxAlive } = state.profile.access;
    const live = state.countedAccessTokensOf(refresh.id, now);
    for (const [value] of live.slice(0, Math.max(0, live.length - maxAlive + 1)))
      state.accessTokens.delete(value);
    state.limiter.record(accessKey(refresh.id), now);
  }
  const value = newToken();
  state.accessTokens.set(value, {
    ...subject,
    refreshId: refresh?.id,
    counted: countsHere,
    createdAt: now,
    expiresAt: now + state.profile.accessTokenTtlMs,
    ...(soid === undefined ? {} : { soid }),
  });
  return value;
}

/**
 * The success body of /oauth/v2/token. `expires_in` is seconds; a `legacy` client answers it in
 * milliseconds plus `expires_in_sec`, as Zoho's older responses did (zoho-oauth.md, "Token endpoint").
 */
export function tokenBody(
  state: SandboxState,
  client: SandboxClient,
  dc: DataCenter,
  access: string,
  refresh: string | undefined,
  scope: readonly string[],
): Record<string, string | number> {
  const seconds = Math.round(state.profile.accessTokenTtlMs / 1000);
  return {
    access_token: access,
    ...(refresh === undefined ? {} : { refresh_token: refresh }),
    scope: scope.join(','),
    api_domain: dc.apiDomain,
    token_type: 'Bearer',
    ...(client.legacy ? { expires_in: seconds * 1000, expires_in_sec: seconds } : { expires_in: seconds }),
  };
}
