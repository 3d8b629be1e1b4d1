/**
 * The vocabulary of the limit ledger: what happened (events), what is asked (queries, proposals) and
 * what is answered. Times are epoch milliseconds; ids are the app's own ids for tokens, never secrets.
 * The rules are those of Kaizen #43 (zoho-oauth.md, "Token limits"), with numbers from a LimitProfile.
 */

/** Each rule of Kaizen #43 with the key it is counted per. */
export type RuleKey =
  | { readonly rule: 'grant'; readonly clientId: string }
  | { readonly rule: 'refresh'; readonly clientId: string; readonly userId: string }
  | { readonly rule: 'access'; readonly refreshTokenId: string };

export type RuleName = RuleKey['rule'];

export interface GrantCodeIssued {
  readonly type: 'grant-code-issued';
  readonly at: number;
  readonly clientId: string;
}

export interface RefreshTokenCreated {
  readonly type: 'refresh-token-created';
  readonly at: number;
  readonly id: string;
  readonly clientId: string;
  readonly userId: string;
  readonly dc: string;
}

export interface AccessTokenCreated {
  readonly type: 'access-token-created';
  readonly at: number;
  readonly id: string;
  /** null for an online token (access_type=online), which has no refresh token and no per-token rule. */
  readonly refreshTokenId: string | null;
  readonly clientId: string;
  readonly userId: string;
  readonly dc: string;
  readonly expiresAt: number;
  /** Issued together with its refresh token by a code exchange (see `exchangeAccessTokenCounts`). */
  readonly viaCodeExchange?: boolean;
}

export interface RefreshTokenRevoked {
  readonly type: 'refresh-token-revoked';
  readonly at: number;
  readonly id: string;
}

export interface AccessTokenRevoked {
  readonly type: 'access-token-revoked';
  readonly at: number;
  readonly id: string;
}

/**
 * Zoho answered `Access Denied` ("too many requests continuously") for this rule and key: proof that
 * its window was full then, whatever the ledger saw (see `inferred` in RuleUsage).
 */
export interface AccessDenied {
  readonly type: 'access-denied';
  readonly at: number;
  readonly key: RuleKey;
}

/**
 * A creation Tokenbench may have caused without ever learning the outcome: a consent whose redirect
 * never came back (the user may still have pressed Accept, and Zoho counts the code), a request whose
 * answer was lost, a process that died while it waited. It counts toward the rate like a creation.
 */
export interface UnconfirmedCreation {
  readonly type: 'unconfirmed-creation';
  readonly at: number;
  readonly key: RuleKey;
}

export type LedgerEvent =
  | GrantCodeIssued
  | RefreshTokenCreated
  | AccessTokenCreated
  | RefreshTokenRevoked
  | AccessTokenRevoked
  | AccessDenied
  | UnconfirmedCreation;

export type LedgerAppendError =
  | 'invalid_time'
  | 'duplicate_token_id'
  | 'unknown_refresh_token'
  | 'parent_mismatch'
  | 'created_before_parent'
  | 'unknown_token'
  | 'revoked_before_created';

/**
 * One rule's use for one key at a moment. A creation at `c` is counted while `c <= at < c + windowMs`,
 * i.e. the window is (at - windowMs, at]: the 11th is allowed exactly ten minutes after the 1st.
 */
export interface RuleUsage {
  readonly key: RuleKey;
  readonly at: number;
  readonly used: number;
  readonly allowed: number;
  readonly windowMs: number;
  /** When the oldest counted creation leaves the window so one more fits; null while a slot is free. */
  readonly nextSlotAt: number | null;
  /** End of the wait after an Access Denied answer; null when not blocked. */
  readonly blockedUntil: number | null;
  /** The first moment one more creation is allowed (slot free and not blocked); null if allowed now. */
  readonly allowedAt: number | null;
  /**
   * What `used` is made of besides the creations Tokenbench saw confirmed: creations Access Denied
   * proved but the ledger never saw (tokens made elsewhere), creations Tokenbench may have caused
   * without learning the outcome, and requests in flight right now from any process of this workspace.
   */
  readonly inferred: number;
  readonly unconfirmed: number;
  readonly pending: number;
}

/** Requests in flight per rule key (reservations of any process), counted as creations made now. */
export type PendingCreations = (key: RuleKey) => number;

/** Live tokens under one cap (access tokens of a refresh token, or refresh tokens of a user and client). */
export interface LiveTokens {
  readonly at: number;
  readonly live: number;
  readonly maxAlive: number;
  /** Oldest first. */
  readonly liveIds: readonly string[];
  /** The token the cap evicts first: the oldest live one. */
  readonly oldestLiveId: string | null;
  /** True when the cap is full, so the next creation evicts `oldestLiveId`. */
  readonly wouldEvictOnNext: boolean;
}

export type TokenStatus = 'active' | 'expired' | 'evicted' | 'revoked';

export interface TokenView {
  readonly id: string;
  readonly kind: 'access' | 'refresh';
  readonly clientId: string;
  readonly userId: string;
  readonly dc: string;
  readonly createdAt: number;
  /** Access tokens only; refresh tokens do not expire. */
  readonly expiresAt: number | null;
  /** The refresh token of an access token; null for refresh tokens and online access tokens. */
  readonly parentId: string | null;
  /** Whether it counts toward its refresh token's rate and cap (see `exchangeAccessTokenCounts`). */
  readonly countsTowardLimits: boolean;
  readonly status: TokenStatus;
  /** When it stopped being live (expiry, revocation or eviction); null while active. */
  readonly endedAt: number | null;
  /** The token whose creation evicted it, or evicted its refresh token. */
  readonly evictedBy: string | null;
  /** It ended because its refresh token was revoked or evicted. */
  readonly endedWithParent: boolean;
}

export type Proposal =
  /** A new grant code and its exchange. The user may be unknown until they pick an account on Zoho's page. */
  | {
      readonly kind: 'consent';
      readonly clientId: string;
      readonly userId?: string;
      readonly accessType: 'offline' | 'online';
    }
  | { readonly kind: 'refresh'; readonly refreshTokenId: string }
  /** The grant code exists already (made in the API console), so no grant rule applies. */
  | { readonly kind: 'self-client-exchange'; readonly clientId: string; readonly userId: string };

export type Eviction =
  | {
      readonly kind: 'refresh-token';
      readonly refreshTokenId: string;
      readonly accessTokenIds: readonly string[];
    }
  | { readonly kind: 'access-token'; readonly accessTokenId: string; readonly refreshTokenId: string };

/** A rule the answer could not check, and why. */
export interface NotChecked {
  readonly rule: RuleName;
  readonly reason: 'user-unknown';
}

export type ProposalAnswer =
  | { readonly verdict: 'allowed'; readonly notChecked: readonly NotChecked[] }
  | {
      readonly verdict: 'allowed-with-evictions';
      readonly evictions: readonly Eviction[];
      readonly notChecked: readonly NotChecked[];
    }
  | {
      readonly verdict: 'rate-exceeded';
      /** The first moment every exceeded rule allows it again. */
      readonly allowedAt: number;
      readonly rates: readonly RuleUsage[];
      /** What it would evict if it ran now. */
      readonly evictions: readonly Eviction[];
      readonly notChecked: readonly NotChecked[];
    }
  /** A refresh with a refresh token that is unknown, not yet created, revoked or evicted at that moment. */
  | {
      readonly verdict: 'refresh-token-not-live';
      readonly refreshTokenId: string;
      readonly status: 'revoked' | 'evicted' | 'unknown';
    };
