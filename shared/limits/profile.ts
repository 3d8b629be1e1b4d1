/**
 * Zoho's token limits, as data with their source, because Zoho's own pages disagree
 * (zoho-oauth.md, "Token limits"): the user sees which profile is in force and may pick a stricter one.
 */
export interface RateRule {
  /** How many may be created in any rolling window. */
  readonly perWindow: number;
  readonly windowMs: number;
}

export interface LimitProfile {
  readonly id: string;
  readonly name: string;
  /** Where the numbers come from, shown in the UI next to every meter. */
  readonly source: string;
  /** Grant codes per client. */
  readonly grant: RateRule;
  /** Access tokens per refresh token; `maxAlive`+1-th evicts the oldest live one. */
  readonly access: RateRule & { readonly maxAlive: number };
  /** Refresh tokens per user and client; `maxAlive`+1-th evicts the oldest with its access tokens. */
  readonly refresh: RateRule & { readonly maxAlive: number };
  /**
   * Whether the access token issued with a code exchange counts toward its refresh token's
   * access-token rate and alive cap. Kaizen #43 is silent; counting it is the conservative reading.
   */
  readonly exchangeAccessTokenCounts: boolean;
  /** Lifetimes Zoho states: grant code 2 minutes (web flow), access token one hour. */
  readonly grantCodeTtlMs: number;
  readonly accessTokenTtlMs: number;
}

export const TEN_MINUTES_MS = 10 * 60 * 1000;

/** The default: Kaizen #43 - Tokens and Limitations (seed 000). */
export const KAIZEN_43: LimitProfile = {
  id: 'kaizen-43',
  name: 'Kaizen #43 (default)',
  source: 'Zoho CRM Kaizen #43 "Tokens and Limitations"',
  grant: { perWindow: 10, windowMs: TEN_MINUTES_MS },
  access: { perWindow: 10, windowMs: TEN_MINUTES_MS, maxAlive: 15 },
  refresh: { perWindow: 10, windowMs: TEN_MINUTES_MS, maxAlive: 20 },
  exchangeAccessTokenCounts: true,
  grantCodeTtlMs: 2 * 60 * 1000,
  accessTokenTtlMs: 60 * 60 * 1000,
};

/** Stricter reading: other Zoho pages allow only 10 live access tokens per refresh token. */
export const TEN_ALIVE: LimitProfile = {
  ...KAIZEN_43,
  id: 'ten-alive',
  name: '10 live access tokens',
  source: 'Zoho API docs stating 10 active access tokens per refresh token',
  access: { ...KAIZEN_43.access, maxAlive: 10 },
};

export const LIMIT_PROFILES: readonly LimitProfile[] = [KAIZEN_43, TEN_ALIVE];

export function limitProfileById(id: string): LimitProfile | undefined {
  return LIMIT_PROFILES.find((p) => p.id === id);
}
