import { newToken } from './ids';
import { grantKey } from './limits';
import type { PkceChallenge, SandboxClient, SandboxUser } from './model';
import type { SandboxState } from './state';

export interface GrantRequest {
  readonly client: SandboxClient;
  readonly user: SandboxUser;
  readonly scope: readonly string[];
  readonly redirectUri: string | undefined;
  readonly offline: boolean;
  readonly forceRefresh: boolean;
  readonly challenge: PkceChallenge | undefined;
  readonly ttlMs: number;
}

export interface IssuedGrant {
  readonly code: string;
  readonly expiresAt: number;
  /** The user's home DC: its id is the redirect's `location`, its accounts URL `accounts-server`. */
  readonly dcId: string;
}

/**
 * Mints a grant code under the grant rule (10 per 10 minutes per client, Kaizen #43); `undefined`
 * when the rule denies. The code is bound to the user's home DC: only that token endpoint takes it.
 */
export function issueGrant(state: SandboxState, req: GrantRequest): IssuedGrant | undefined {
  const now = state.clock.now();
  const key = grantKey(req.client.clientId);
  if (!state.limiter.check(key, state.profile.grant, now).allowed) return undefined;
  state.limiter.record(key, now);
  state.prune(now);
  const code = newToken();
  const expiresAt = now + req.ttlMs;
  state.codes.set(code, {
    clientId: req.client.clientId,
    dcId: req.user.homeDc,
    zuid: req.user.zuid,
    scope: req.scope,
    redirectUri: req.redirectUri,
    offline: req.offline,
    forceRefresh: req.forceRefresh,
    challenge: req.challenge,
    expiresAt,
  });
  return { code, expiresAt, dcId: req.user.homeDc };
}

/**
 * Scope shape check: `Service.scope.OPERATION` (AaaServer.profile.Read, ZohoCRM.users.READ) or the
 * four-part module form (ZohoCRM.modules.leads.READ). Zoho separates scopes with commas.
 */
const SCOPE_PATTERN = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9_*-]+){2,3}$/;

export function parseScopes(raw: string): string[] | undefined {
  const scopes = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return scopes.length > 0 && scopes.every((s) => SCOPE_PATTERN.test(s)) ? scopes : undefined;
}
