import type { ApiEnvironment } from '../dc/catalog';
import type { TokenOrg } from '../workspace/identity';

/**
 * What an environment holds and what auto-refresh will do with it, as data (environments:status).
 * Sentences are made at the edge (the renderer, the CLI); nothing here is words.
 */

/** The tokens an environment holds, as one lineage: one user, one refresh token (or none), one DC. */
export interface LineageView {
  readonly clientRef: string;
  /** The DC that issued them: the only one whose APIs accept them. */
  readonly dcId: string;
  readonly userId: string;
  readonly userLabel: string | null;
  readonly accessTokenId: string;
  readonly accessFingerprint: string;
  readonly accessExpiresAt: number | null;
  /** Null for an access token without a refresh token (an online consent). */
  readonly refreshTokenId: string | null;
  readonly refreshFingerprint: string | null;
}

/** Why a due refresh waits, and until when (null: until something else changes). */
export type AutoRefreshWait =
  /** The limit guard: one more would exceed the access-token rate and earn Access Denied. */
  | { readonly kind: 'rate'; readonly until: number }
  /** Zoho answered Access Denied: the window must free a slot first. */
  | { readonly kind: 'blocked'; readonly until: number }
  /** One more would silently evict a live access token (the 16th evicts the 1st): waits for an expiry. */
  | { readonly kind: 'cap'; readonly until: number }
  /** The keychain is locked or unavailable; tried again at `until`. */
  | { readonly kind: 'keychain'; readonly until: number; readonly code: string; readonly failures: number }
  /** The accounts server could not be reached; tried again at `until`, backing off. */
  | { readonly kind: 'network'; readonly until: number; readonly code: string; readonly failures: number }
  /** Another Tokenbench process is refreshing this refresh token right now. */
  | { readonly kind: 'busy'; readonly until: number };

export type AutoRefreshStatus =
  | { readonly state: 'off' }
  /** Nothing to refresh: no tokens, tokens set by hand, or an access token without a refresh token. */
  | { readonly state: 'idle'; readonly reason: 'no_tokens' | 'unknown_tokens' | 'no_refresh_token' }
  /** Refreshes at `at`: `leadMs` before the access token expires. */
  | { readonly state: 'scheduled'; readonly at: number; readonly leadMs: number }
  | { readonly state: 'waiting'; readonly wait: AutoRefreshWait }
  /** Zoho's judgement (invalid_code, invalid_client, ...): retrying would not help; a consent or a fix will. */
  | {
      readonly state: 'stopped';
      readonly since: number;
      readonly error: { readonly code: string; readonly message: string };
    };

export interface EnvironmentStatus {
  readonly environmentId: string;
  /** The environment's DC (EnvironmentRecord.dcId), which its variables name. */
  readonly dcId: string | null;
  /** Its `access-token` or `refresh-token` variable holds a value. */
  readonly holdsTokens: boolean;
  /** Where those tokens come from; null when there are none, or they were set by hand or imported. */
  readonly lineage: LineageView | null;
  readonly autoRefresh: AutoRefreshStatus;
}

/**
 * An environment that follows the client but holds another lineage: the new tokens were not written
 * there, because that would mix two users' (or two refresh tokens') tokens. The user says where they go.
 */
export interface PlacementQuestion {
  readonly environmentId: string;
  readonly holds: LineageView | null;
}

/** Where an issued token set went. */
export interface TokenPlacement {
  /** Environments now holding the whole set. */
  readonly written: readonly string[];
  readonly asked: readonly PlacementQuestion[];
}

/**
 * environments:save refused a DC change (code `environment_holds_tokens`): the environment holds
 * tokens, which work only at the DC that issued them. Saving again with tokensOnDcChange 'clear'
 * moves it and empties its token variables.
 */
export interface DcMoveRefusal {
  readonly environmentId: string;
  readonly fromDcId: string | null;
  readonly toDcId: string;
  /** Where the tokens come from, when Tokenbench put them there. */
  readonly lineage: LineageView | null;
}

/**
 * The runner sent a token whose CRM org Tokenbench knows to an API domain of the token's DC: which
 * org it was issued for, and whether this request reached another one. Each API domain of a DC serves
 * an org of its own (production, developer edition, sandbox copy: the SDKs' environments), so the same
 * token sent to `sandbox.zohoapis.com` works on another org's records; and an `/org` answer names the
 * org outright.
 */
export interface TokenOrgCheck {
  readonly variable: string;
  readonly tokenOrg: TokenOrg;
  /** The origin the request went to. */
  readonly host: string;
  /** Which of the DC's API environments the org was looked up at, and the request went to. */
  readonly tokenEnvironment: ApiEnvironment | null;
  readonly hostEnvironment: ApiEnvironment | null;
  /** The org the answer itself named (an `/crm/vN/org` answer), if it named one. */
  readonly answeredOrg: { readonly id: string; readonly name: string | null } | null;
  /** True when the request reached (or the answer named) another org than the token's. */
  readonly otherOrg: boolean;
}

/** What the runner knew about a token it sent: who issued it and whose host received it. */
export interface TokenDcCheck {
  /** The placeholder that carried it: `access-token` or `refresh-token`. */
  readonly variable: string;
  readonly tokenDcId: string;
  /** Null: the host is no known DC's (a private server). */
  readonly hostDcId: string | null;
  readonly host: string;
}
