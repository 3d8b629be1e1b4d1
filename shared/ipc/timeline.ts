import type { RuleName, TokenStatus } from '../limits/ledger-types';
import type { TokenGrant } from '../workspace/model';
import type { TokenIdentity } from '../workspace/identity';

/**
 * What `tokens:timeline` answers: one client's tokens in a time range, as the token timeline draws
 * them. A window, never the whole history, so the page's cost follows what is on screen and not how
 * long the workspace has been used (architecture.md, "Renderer"). Token values never appear.
 */

/**
 * A lane: one refresh token, the client's online access tokens (access_type=online) of a user, or its
 * client-credentials tokens in one organization (no user's consent, no refresh token).
 */
export interface TimelineLane {
  /**
   * The refresh token's id; `online:<userId>` for online access tokens, which have no refresh token;
   * `credentials:<soid>` for client-credentials tokens (`credentials:` when no soid was sent).
   */
  readonly id: string;
  readonly kind: LaneKind;
  /** A client-credentials lane's organization, as sent; absent for the other kinds. */
  readonly soid?: string | null;
  /** The refresh token's fingerprint; null for an online lane. */
  readonly fingerprint: string | null;
  readonly userId: string;
  readonly userLabel: string | null;
  /** Who the lane's tokens act for (user, CRM org), when Tokenbench looked it up at issue. */
  readonly identity?: TokenIdentity;
  readonly dcId: string;
  /** Creation of the refresh token; for an online lane, its first token in the range. */
  readonly createdAt: number;
  /** Absent when exact; an imported token's creation is estimated or unknown (TokenOrigin). */
  readonly createdCertainty?: 'estimated' | 'unknown';
  readonly status: TokenStatus;
  readonly endedAt: number | null;
  /** The token whose creation evicted this refresh token (the 21st), by fingerprint. */
  readonly evictedBy: string | null;
  /** The next consent of this user would evict it (the cap of live refresh tokens is full). */
  readonly nextToEvict: boolean;
  /** Environments whose variables hold this refresh token. */
  readonly environments: readonly string[];
  /** Live access tokens under its cap, and the cap, at `at`. */
  readonly live: number;
  readonly maxAlive: number;
}

/** An access token: a bar from creation to expiry, or to its eviction or revocation. */
export interface TimelineBar {
  readonly id: string;
  readonly laneId: string;
  readonly fingerprint: string;
  readonly createdAt: number;
  /** Absent when exact; an imported token's creation is estimated or unknown (TokenOrigin). */
  readonly createdCertainty?: 'estimated' | 'unknown';
  readonly expiresAt: number;
  readonly status: TokenStatus;
  /** When it stopped being live early (eviction, revocation) or expired; null while active. */
  readonly endedAt: number | null;
  /** The token whose creation evicted it (the 16th), by fingerprint. */
  readonly evictedBy: string | null;
  /** It ended because its refresh token was revoked or evicted. */
  readonly endedWithParent: boolean;
  readonly nextToEvict: boolean;
  /** Issued with its refresh token by a code exchange (right after a grant code). */
  readonly viaCodeExchange: boolean;
  readonly environments: readonly string[];
}

/** Zoho answered `Access Denied` for this rule; the lane is the refresh token's for the access rule. */
export interface TimelineDenial {
  readonly at: number;
  readonly rule: RuleName;
  readonly laneId: string | null;
}

export interface TimelineSlice {
  readonly clientRef: string;
  /** The moment the states are as of. */
  readonly at: number;
  readonly from: number;
  readonly to: number;
  /**
   * Lanes with something in the range, and the refresh tokens live at its start or now of the users
   * active from two hours before it (an idle user's refresh tokens show on a wider zoom).
   */
  readonly lanes: readonly TimelineLane[];
  /** Access tokens alive at some moment of the range, oldest first. */
  readonly bars: readonly TimelineBar[];
  /** Grant codes issued for the client in the range (Zoho counts them per client). */
  readonly grants: readonly number[];
  readonly denials: readonly TimelineDenial[];
}

export type LaneKind = 'refresh' | 'online' | 'client-credentials';

const CREDENTIALS_LANE = 'credentials:';

/** The lane of an access token: its refresh token's, else its user's online lane or its organization's. */
export function accessLaneId(parentId: string | null, userId: string, grant: TokenGrant | undefined): string {
  if (parentId !== null) return parentId;
  if (grant?.type === 'client-credentials') return `${CREDENTIALS_LANE}${grant.soid ?? ''}`;
  return `online:${userId}`;
}

/** What kind of lane an id names (lane ids are made by accessLaneId and refresh token ids). */
export function laneKindOf(laneId: string): LaneKind {
  if (laneId.startsWith(CREDENTIALS_LANE)) return 'client-credentials';
  return laneId.startsWith('online:') ? 'online' : 'refresh';
}

/** A lane's name as people read it: a refresh token's fingerprint, or what gathers the tokens. */
export function laneTitle(lane: Pick<TimelineLane, 'kind' | 'fingerprint' | 'soid'>): string {
  if (lane.kind === 'online') return 'Online tokens';
  if (lane.kind === 'client-credentials')
    return lane.soid ? `Client credentials · ${lane.soid}` : 'Client credentials';
  return lane.fingerprint ?? '…';
}
