import { ok, type Result } from '../result';
import {
  addToFamily,
  familyLatestAt,
  isLiveAt,
  newFamily,
  problemWith,
  revokeOnlineAccess,
  type AccessRecord,
  type Caps,
  type Family,
  type RefreshRecord,
  type TokenRecord,
} from './ledger-lifecycle';
import { addCreation, addDenial, measureRule, newRateTrack, type RateTrack } from './ledger-rates';
import type {
  AccessTokenCreated,
  Eviction,
  LedgerAppendError,
  LedgerEvent,
  LiveTokens,
  NotChecked,
  PendingCreations,
  Proposal,
  ProposalAnswer,
  RefreshTokenCreated,
  RuleKey,
  RuleName,
  RuleUsage,
  TokenView,
} from './ledger-types';
import type { LimitProfile } from './profile';

export type * from './ledger-types';

const familyKey = (clientId: string, userId: string): string => JSON.stringify([clientId, userId]);

function keyString(key: RuleKey): string {
  if (key.rule === 'grant') return key.clientId;
  if (key.rule === 'refresh') return familyKey(key.clientId, key.userId);
  return key.refreshTokenId;
}

/**
 * The limit ledger: from the token history, each rule's use in its rolling window, live tokens under
 * each cap, token states, and what a proposed action would do (Kaizen #43, zoho-oauth.md "Token limits").
 *
 * Every query takes a moment and answers from the events up to it. At or after the latest event of the
 * keys involved, a query costs O(maxAlive + log window); earlier moments are answered by scanning that
 * key's tokens. Nothing ever scans the whole history.
 */
export class LimitLedger {
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly families = new Map<string, Family>();
  /** Users with a refresh token of each client, so per-user views need not scan the history. */
  private readonly usersByClient = new Map<string, Set<string>>();
  private readonly rates: Record<RuleName, Map<string, RateTrack>> = {
    grant: new Map(),
    refresh: new Map(),
    access: new Map(),
  };
  private readonly caps: Caps;
  private latest: number | null = null;

  constructor(readonly profile: LimitProfile) {
    this.caps = { maxAliveRefresh: profile.refresh.maxAlive, maxAliveAccess: profile.access.maxAlive };
  }

  /** The time of the latest event, or null for an empty ledger. */
  get latestAt(): number | null {
    return this.latest;
  }

  /** Records an event. Late events are put in time order; equal times keep their append order. */
  append(event: LedgerEvent): Result<void, LedgerAppendError> {
    const problem = problemWith(event, this.tokens);
    if (problem !== null) return problem;
    this.record(event);
    this.latest = Math.max(this.latest ?? event.at, event.at);
    return ok(undefined);
  }

  /** `pending`: creations in flight for this key, counted as made at `at`. */
  usage(key: RuleKey, at: number, pending = 0): RuleUsage {
    return measureRule(key, this.profile[key.rule], this.rates[key.rule].get(keyString(key)), at, pending);
  }

  /** Live access tokens of a refresh token that count toward its cap ("the 16th deletes the 1st"). */
  liveAccessTokens(refreshTokenId: string, at: number): LiveTokens {
    const live = this.liveChildren(refreshTokenId, at).filter((child) => child.counted);
    return liveTokens(live, this.profile.access.maxAlive, at);
  }

  /** Live refresh tokens of a user and client ("the 21st deletes the 1st and its access tokens"). */
  liveRefreshTokens(clientId: string, userId: string, at: number): LiveTokens {
    return liveTokens(this.liveRefresh(clientId, userId, at), this.profile.refresh.maxAlive, at);
  }

  /** Users who have had a refresh token of this client, in the order the ledger first saw them. */
  usersOf(clientId: string): string[] {
    return [...(this.usersByClient.get(clientId) ?? [])];
  }

  /** The token as it stood at `at`; undefined if unknown or not yet created then. */
  tokenAt(id: string, at: number): TokenView | undefined {
    const token = this.tokens.get(id);
    return token === undefined || token.createdAt > at ? undefined : viewOf(token, at);
  }

  /**
   * What the proposed action would do at `at`: rates it would exceed first, then tokens it would evict.
   * `pending` counts the requests other callers have in flight (reservations), so parallel callers
   * at 9 of 10 cannot both be allowed.
   */
  check(proposal: Proposal, at: number, pending: PendingCreations = () => 0): ProposalAnswer {
    if (proposal.kind === 'refresh') return this.checkRefresh(proposal.refreshTokenId, at, pending);
    const { clientId, userId } = proposal;
    const rates: RuleUsage[] = [];
    const evictions: Eviction[] = [];
    const notChecked: NotChecked[] = [];
    const measure = (key: RuleKey) => this.usage(key, at, pending(key));
    if (proposal.kind === 'consent') rates.push(measure({ rule: 'grant', clientId }));
    const issuesRefreshToken = proposal.kind === 'self-client-exchange' || proposal.accessType === 'offline';
    if (issuesRefreshToken && userId !== undefined) {
      rates.push(measure({ rule: 'refresh', clientId, userId }));
      const eviction = this.refreshEviction(clientId, userId, at);
      if (eviction !== null) evictions.push(eviction);
    } else if (issuesRefreshToken) {
      // Zoho's consent page picks the account, so the per-user rule can only be checked afterwards.
      notChecked.push({ rule: 'refresh', reason: 'user-unknown' });
    }
    // The access token of the exchange is the first under a brand-new refresh token (or an online token,
    // which has no per-token rule), so the access rule cannot refuse it.
    return answer(rates, evictions, notChecked);
  }

  private checkRefresh(refreshTokenId: string, at: number, pending: PendingCreations): ProposalAnswer {
    const view = this.tokenAt(refreshTokenId, at);
    const status = view?.kind === 'refresh' ? view.status : 'unknown';
    if (status !== 'active') {
      return {
        verdict: 'refresh-token-not-live',
        refreshTokenId,
        status: status === 'expired' ? 'unknown' : status,
      };
    }
    const key: RuleKey = { rule: 'access', refreshTokenId };
    const rates = [this.usage(key, at, pending(key))];
    const live = this.liveAccessTokens(refreshTokenId, at);
    const evictions: Eviction[] =
      live.wouldEvictOnNext && live.oldestLiveId !== null
        ? [{ kind: 'access-token', accessTokenId: live.oldestLiveId, refreshTokenId }]
        : [];
    return answer(rates, evictions, []);
  }

  private refreshEviction(clientId: string, userId: string, at: number): Eviction | null {
    const live = this.liveRefresh(clientId, userId, at);
    const oldest = live[0];
    if (oldest === undefined || live.length < this.profile.refresh.maxAlive) return null;
    const accessTokenIds = this.liveChildren(oldest.id, at).map((child) => child.id);
    return { kind: 'refresh-token', refreshTokenId: oldest.id, accessTokenIds };
  }

  /** After the family's latest event the maintained live list is exact; before it, scan the family. */
  private liveRefresh(clientId: string, userId: string, at: number): RefreshRecord[] {
    const family = this.families.get(familyKey(clientId, userId));
    if (family === undefined) return [];
    const candidates = at >= familyLatestAt(family) ? family.liveRefresh : family.refreshTokens;
    return candidates.filter((token) => isLiveAt(token, at));
  }

  private liveChildren(refreshTokenId: string, at: number): AccessRecord[] {
    const parent = this.tokens.get(refreshTokenId);
    if (parent?.kind !== 'refresh') return [];
    const candidates = at >= familyLatestAt(parent.family) ? parent.liveChildren : parent.children;
    return candidates.filter((child) => isLiveAt(child, at));
  }

  private record(event: LedgerEvent): void {
    switch (event.type) {
      case 'grant-code-issued': {
        addCreation(this.track({ rule: 'grant', clientId: event.clientId }), event.at, true);
        return;
      }
      case 'access-denied': {
        addDenial(this.track(event.key), event.at);
        return;
      }
      case 'unconfirmed-creation': {
        addCreation(this.track(event.key), event.at, false);
        return;
      }
      case 'refresh-token-created': {
        this.createRefresh(event);
        return;
      }
      case 'access-token-created': {
        this.createAccess(event);
        return;
      }
      case 'refresh-token-revoked':
      case 'access-token-revoked': {
        this.revoke(event);
        return;
      }
    }
  }

  private createRefresh(event: RefreshTokenCreated): void {
    const { clientId, userId } = event;
    const family = this.families.get(familyKey(clientId, userId)) ?? newFamily();
    this.families.set(familyKey(clientId, userId), family);
    const users = this.usersByClient.get(clientId) ?? new Set<string>();
    this.usersByClient.set(clientId, users.add(userId));
    const token: RefreshRecord = {
      kind: 'refresh',
      ...identity(event),
      family,
      children: [],
      liveChildren: [],
    };
    this.tokens.set(token.id, token);
    addCreation(this.track({ rule: 'refresh', clientId, userId }), event.at, true);
    addToFamily(family, token, this.caps);
  }

  private createAccess(event: AccessTokenCreated): void {
    const found = event.refreshTokenId === null ? undefined : this.tokens.get(event.refreshTokenId);
    const parent = found?.kind === 'refresh' ? found : null;
    // Kaizen #43 is silent on the exchange's access token; the profile says whether it counts.
    const counted =
      parent !== null && (event.viaCodeExchange !== true || this.profile.exchangeAccessTokenCounts);
    const token: AccessRecord = {
      kind: 'access',
      ...identity(event),
      expiresAt: event.expiresAt,
      parent,
      counted,
    };
    this.tokens.set(token.id, token);
    if (parent === null) return;
    if (counted) addCreation(this.track({ rule: 'access', refreshTokenId: parent.id }), event.at, true);
    addToFamily(parent.family, token, this.caps);
  }

  private revoke(
    event: Extract<LedgerEvent, { type: 'refresh-token-revoked' | 'access-token-revoked' }>,
  ): void {
    const token = this.tokens.get(event.id);
    if (token === undefined) return;
    const family = token.kind === 'refresh' ? token.family : token.parent?.family;
    if (family !== undefined) addToFamily(family, { revoked: token, at: event.at }, this.caps);
    else if (token.kind === 'access') revokeOnlineAccess(token, event.at);
  }

  private track(key: RuleKey): RateTrack {
    const tracks = this.rates[key.rule];
    const id = keyString(key);
    const found = tracks.get(id);
    if (found !== undefined) return found;
    const created = newRateTrack();
    tracks.set(id, created);
    return created;
  }
}

const identity = (event: RefreshTokenCreated | AccessTokenCreated) => ({
  id: event.id,
  clientId: event.clientId,
  userId: event.userId,
  dc: event.dc,
  createdAt: event.at,
  end: null,
});

function answer(rates: RuleUsage[], evictions: Eviction[], notChecked: NotChecked[]): ProposalAnswer {
  const exceeded = rates.filter((usage) => usage.allowedAt !== null);
  if (exceeded.length > 0) {
    const allowedAt = Math.max(...exceeded.map((usage) => usage.allowedAt ?? usage.at));
    return { verdict: 'rate-exceeded', allowedAt, rates: exceeded, evictions, notChecked };
  }
  if (evictions.length > 0) return { verdict: 'allowed-with-evictions', evictions, notChecked };
  return { verdict: 'allowed', notChecked };
}

function liveTokens(live: readonly TokenRecord[], maxAlive: number, at: number): LiveTokens {
  const oldestLiveId = live[0]?.id ?? null;
  const liveIds = live.map((token) => token.id);
  return {
    at,
    live: live.length,
    maxAlive,
    liveIds,
    oldestLiveId,
    wouldEvictOnNext: live.length >= maxAlive,
  };
}

function viewOf(token: TokenRecord, at: number): TokenView {
  const end = token.end !== null && token.end.at <= at ? token.end : null;
  const expiresAt = token.kind === 'access' ? token.expiresAt : null;
  const expired = end === null && expiresAt !== null && expiresAt <= at;
  return {
    id: token.id,
    kind: token.kind,
    clientId: token.clientId,
    userId: token.userId,
    dc: token.dc,
    createdAt: token.createdAt,
    expiresAt,
    parentId: token.kind === 'access' ? (token.parent?.id ?? null) : null,
    countsTowardLimits: token.kind === 'refresh' || token.counted,
    status: end?.cause ?? (expired ? 'expired' : 'active'),
    endedAt: end?.at ?? (expired ? expiresAt : null),
    evictedBy: end?.evictedBy ?? null,
    endedWithParent: end?.withParent ?? false,
  };
}
