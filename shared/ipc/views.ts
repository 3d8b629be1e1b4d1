import type { LiveTokens, ProposalAnswer, RuleUsage, TokenStatus } from '../limits/ledger-types';
import type { LimitProfile } from '../limits/profile';
import type { StoreEviction } from '../stores/held';
import type { WhoAmI } from '../oauth/other-responses';
import type { FailureFacts } from '../result';
import type { TokenMeta } from '../workspace/model';
import type { TokenPlacement } from './env-status';

/** What the services answer through the contract. Token values never appear in any of these. */

/** A token as the UI lists it: metadata joined with its ledger state. */
export interface TokenRow extends TokenMeta {
  readonly status: TokenStatus;
  readonly endedAt: number | null;
  readonly parentId: string | null;
  readonly evictedBy: string | null;
  /** The next creation under its cap would evict this one (the oldest live). */
  readonly nextToEvict: boolean;
  /** Names of the environments whose variables hold this token. */
  readonly environments: readonly string[];
}

/**
 * One client's tokens that matter now (tokens:current): the live ones and those that ended in the
 * last day, the timeline's widest zoom. Older ones stay reachable by pasting a value into the
 * inspector and through tokens:list (the CLI's status), and are only counted here, so the
 * workbench's start-up and every token change cost the same in a workspace used for a year as in
 * one used for a week.
 */
export interface CurrentTokens {
  readonly clientRef: string;
  /** Tokens that ended before this moment are left out. */
  readonly since: number;
  /** Newest first. */
  readonly rows: readonly TokenRow[];
  /** How many of the client's tokens ended before `since`. */
  readonly older: number;
}

/** What an exchange or refresh produced. */
export interface TokenOutcome {
  readonly clientRef: string;
  readonly dcId: string;
  readonly apiDomain: string | null;
  readonly accessToken: TokenRow;
  readonly refreshToken: TokenRow | null;
  /** Tokens that Zoho's caps removed by this action (the 16th access token, the 21st refresh token). */
  readonly evicted: readonly string[];
  /** The first environment that now holds these tokens (placement.written[0]), if any. */
  readonly environmentId: string | null;
  /** Which environments got the whole set, and which hold another lineage and were asked about. */
  readonly placement: TokenPlacement;
  /** A multi-DC user: the code was exchanged at the user's DC, not the client's. */
  readonly crossDc: boolean;
}

/** A token a guard answer names, as people see it (never its value). */
export interface NamedToken {
  readonly fingerprint: string;
  /** The environments whose variables hold it: who gets 401 INVALID_TOKEN once Zoho deletes it. */
  readonly environments: readonly string[];
}

/**
 * The guard's refusal travels as a failure with code `limit_guard` and this detail: everything the
 * words in every shell are made from (shared/words/limits.ts), so none of them reads the message.
 */
export interface GuardRefusal {
  readonly answer: ProposalAnswer;
  /** The first moment it is allowed: a rate's next slot, or when no token would be evicted any more. */
  readonly allowedAt: number | null;
  /** When the ledger was asked. */
  readonly at: number;
  /** Every token the answer names, by id. */
  readonly tokens: Readonly<Record<string, NamedToken>>;
  /** The profile whose numbers the answer applied (caps, windows, and their source). */
  readonly profile: LimitProfile;
  /** Refresh tokens held in token stores (a server's SDK DBStore) that Zoho would delete. */
  readonly held?: readonly StoreEviction[];
}

/** The refusal of a `limit_guard` failure, when the failure is one. */
export function guardRefusalOf(failure: {
  readonly code: string;
  readonly detail?: unknown;
}): GuardRefusal | null {
  if (failure.code !== 'limit_guard' || typeof failure.detail !== 'object' || failure.detail === null)
    return null;
  const detail = failure.detail as Partial<GuardRefusal>;
  return detail.answer !== undefined && detail.profile !== undefined && detail.tokens !== undefined
    ? (detail as GuardRefusal)
    : null;
}

export interface ConsentStarted {
  readonly flowId: string;
  /** The client it signs in to: a page shows a sign-in under its own client only. */
  readonly clientRef: string;
  readonly authorizationUrl: string;
  /** The loopback address it waits on; null in manual mode (paste the redirected URL). */
  readonly listeningOn: string | null;
  /** Why the listener could not start (port in use, redirect URI not loopback), in plain words. */
  readonly manualReason: string | null;
  /** Why the system browser could not be opened (no browser found), or null once it was asked to. */
  readonly browserProblem: string | null;
  readonly startedAt: number;
  /** The grant code lives this long after the user accepts (2 minutes, web flow). */
  readonly grantCodeTtlMs: number;
}

/** A sign-in still running in the host, with its steps so far: what a reloaded page re-attaches to. */
export interface ActiveConsent extends ConsentStarted {
  readonly steps: readonly ConsentProgress[];
}

export type ConsentStep =
  'waiting-for-browser' | 'redirect-received' | 'exchanging' | 'done' | 'failed' | 'cancelled' | 'timeout';

export interface ConsentProgress {
  readonly flowId: string;
  readonly step: ConsentStep;
  readonly at: number;
  readonly outcome?: TokenOutcome;
  readonly error?: FailureFacts;
}

export interface WhoAmICheck {
  readonly tokenId: string;
  readonly at: number;
  readonly who: WhoAmI | null;
  readonly error: FailureFacts | null;
}

export interface Inspection {
  /** How the pasted text or id was matched: by id, or by the value's fingerprint. */
  readonly matchedBy: 'id' | 'fingerprint' | null;
  /**
   * The match is certain: by id, or the pasted text equals the value in the keychain. False when
   * only the fingerprint (the last characters) matched and the keychain could not confirm it.
   */
  readonly confirmed: boolean;
  readonly token: TokenRow | null;
  readonly children: readonly TokenRow[];
  /** One paragraph in plain words: what this token is and what state it is in. */
  readonly summary: string;
}

export interface RefreshTokenLimits {
  readonly refreshTokenId: string;
  readonly access: RuleUsage;
  readonly live: LiveTokens;
}

export interface UserLimits {
  readonly userId: string;
  readonly refresh: RuleUsage;
  readonly live: LiveTokens;
}

export interface ClientLimits {
  readonly clientRef: string;
  readonly grant: RuleUsage;
  readonly users: readonly UserLimits[];
  readonly refreshTokens: readonly RefreshTokenLimits[];
}

export interface LimitStatus {
  readonly at: number;
  readonly profile: LimitProfile;
  readonly clients: readonly ClientLimits[];
}

/** A QR code's modules: `size` squares a side, the dark ones as one SVG path in module units. */
export interface QrMatrix {
  readonly size: number;
  readonly path: string;
}

/** A device sign-in as it started (Zoho, "Non-browser applications"). The device code never leaves main. */
export interface DeviceStarted {
  readonly flowId: string;
  readonly clientRef: string;
  /** What the user types on the verification page: shown large. Not a secret. */
  readonly userCode: string;
  readonly verificationUrl: string;
  /** The verification URL as a QR code, for a phone. */
  readonly qr: QrMatrix;
  /** The DC that issued the codes (the client's). */
  readonly dcId: string;
  readonly startedAt: number;
  /** The user code's end ("Validity: 5 minutes"). */
  readonly expiresAt: number;
  /** The interval Zoho asked for; polls are at least this far apart. */
  readonly intervalMs: number;
  readonly firstPollAt: number;
}

/** What a poll heard: Zoho's word (`authorization_pending`, `slow_down`, `other_dc`, `tokens`, an error). */
export interface DevicePoll {
  readonly n: number;
  readonly at: number;
  /** The DC polled: the client's, or the user's after other_dc. */
  readonly dcId: string;
  readonly answer: string;
  /** For other_dc: the user's location as Zoho named it; for a failure, its message. */
  readonly detail: string | null;
}

export type DeviceStep = 'polling' | 'done' | 'failed' | 'cancelled' | 'expired';

export interface DeviceProgress {
  readonly flowId: string;
  readonly step: DeviceStep;
  readonly at: number;
  /** The DC the next poll goes to. */
  readonly dcId: string;
  readonly intervalMs: number;
  /** When the next poll leaves; null once the flow is over. */
  readonly nextPollAt: number | null;
  /** The poll that caused this event, if any. */
  readonly poll?: DevicePoll;
  readonly outcome?: TokenOutcome;
  readonly error?: { readonly code: string; readonly message: string };
}

/** A running device sign-in, for a page that (re)opens while it polls (device:active). */
export interface ActiveDevice extends DeviceStarted {
  readonly polls: readonly DevicePoll[];
  readonly progress: DeviceProgress;
}
