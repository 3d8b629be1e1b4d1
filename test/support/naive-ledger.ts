/**
 * A deliberately dumb reference model of the limit ledger: it keeps the accepted events in a list and
 * answers every query by replaying them up to the asked moment with linear scans. Slow and obviously
 * right, it is what the property tests hold `LimitLedger` to. It shares only the types, no code.
 */
import type {
  Eviction,
  LedgerAppendError,
  LedgerEvent,
  LiveTokens,
  NotChecked,
  PendingCreations,
  Proposal,
  ProposalAnswer,
  RuleKey,
  RuleUsage,
  TokenView,
} from '../../shared/limits/ledger';
import type { LimitProfile } from '../../shared/limits/profile';
import { fail, ok, type Result } from '../../shared/result';

interface NaiveEnd {
  at: number;
  cause: 'revoked' | 'evicted';
  evictedBy: string | null;
  withParent: boolean;
}

interface NaiveToken {
  id: string;
  kind: 'access' | 'refresh';
  clientId: string;
  userId: string;
  dc: string;
  createdAt: number;
  expiresAt: number | null;
  parentId: string | null;
  counted: boolean;
  end: NaiveEnd | null;
}

export class NaiveLedger {
  private readonly events: LedgerEvent[] = [];
  private lastReplay: { at: number; eventCount: number; tokens: NaiveToken[] } | null = null;

  constructor(readonly profile: LimitProfile) {}

  get latestAt(): number | null {
    return this.events.length === 0 ? null : Math.max(...this.events.map((e) => e.at));
  }

  append(event: LedgerEvent): Result<void, LedgerAppendError> {
    const code = this.rejection(event);
    if (code !== null) return fail(code, code);
    this.events.push(event);
    return ok(undefined);
  }

  /**
   * A denial at d proves perWindow creations in (d - W, d]; those the history lacks are assumed at d.
   * Replayed from the first denial on every call: slow, and plainly what the rule says.
   */
  usage(key: RuleKey, at: number, pending = 0): RuleUsage {
    const rule = this.profile[key.rule];
    const seen = this.countedCreations(key);
    const phantoms: number[] = [];
    const denials = this.events
      .filter((e) => e.type === 'access-denied' && sameKey(e.key, key))
      .map((e) => e.at)
      .sort((a, b) => a - b);
    for (const d of denials) {
      const known = [...seen, ...phantoms].filter((c) => c <= d && c > d - rule.windowMs).length;
      for (let i = known; i < rule.perWindow; i++) phantoms.push(d);
    }
    const made = [...seen, ...phantoms];
    const times = [...made, ...Array.from({ length: pending }, () => at)].filter((c) => c <= at);
    const count = (list: readonly number[], moment: number, upTo: number) =>
      list.filter((c) => c <= upTo && c > moment - rule.windowMs).length;
    const used = count(times, at, at);
    const freeAfter = (list: readonly number[], upTo: number) => {
      // Try every moment a creation leaves the window, earliest first, until one leaves a free slot.
      const leaves = list.filter((c) => c <= upTo).map((c) => c + rule.windowMs);
      return (
        leaves.sort((a, b) => a - b).find((m) => m > upTo && count(list, m, upTo) < rule.perWindow) ?? null
      );
    };
    const nextSlotAt = used >= rule.perWindow ? freeAfter(times, at) : null;
    const latestDenial = denials.filter((d) => d <= at).pop();
    const lockEnd = latestDenial === undefined ? null : freeAfter(made, latestDenial);
    const blockedUntil = lockEnd !== null && lockEnd > at ? lockEnd : null;
    const waits = [nextSlotAt, blockedUntil].filter((m): m is number => m !== null);
    const inRange = (list: readonly number[]) => list.filter((c) => c <= at && c > at - rule.windowMs).length;
    return {
      key,
      at,
      used,
      allowed: rule.perWindow,
      windowMs: rule.windowMs,
      nextSlotAt,
      blockedUntil,
      allowedAt: waits.length === 0 ? null : Math.max(...waits),
      inferred: inRange(phantoms),
      unconfirmed: inRange(this.unconfirmedCreations(key)),
      pending,
    };
  }

  liveAccessTokens(refreshTokenId: string, at: number): LiveTokens {
    const live = this.replay(at).filter((t) => t.parentId === refreshTokenId && t.counted && liveAt(t, at));
    return summary(live, this.profile.access.maxAlive, at);
  }

  liveRefreshTokens(clientId: string, userId: string, at: number): LiveTokens {
    const live = this.replay(at).filter(
      (t) => t.kind === 'refresh' && t.clientId === clientId && t.userId === userId && liveAt(t, at),
    );
    return summary(live, this.profile.refresh.maxAlive, at);
  }

  tokenAt(id: string, at: number): TokenView | undefined {
    const token = this.replay(at).find((t) => t.id === id);
    return token === undefined ? undefined : view(token, at);
  }

  check(proposal: Proposal, at: number, pending: PendingCreations = () => 0): ProposalAnswer {
    const rates: RuleUsage[] = [];
    const measure = (key: RuleKey) => this.usage(key, at, pending(key));
    const evictions: Eviction[] = [];
    if (proposal.kind === 'refresh') {
      const rt = this.tokenAt(proposal.refreshTokenId, at);
      if (rt?.kind !== 'refresh' || rt.status !== 'active') {
        const status =
          rt?.kind === 'refresh' && (rt.status === 'revoked' || rt.status === 'evicted')
            ? rt.status
            : 'unknown';
        return { verdict: 'refresh-token-not-live', refreshTokenId: proposal.refreshTokenId, status };
      }
      rates.push(measure({ rule: 'access', refreshTokenId: rt.id }));
      const live = this.liveAccessTokens(rt.id, at);
      const oldest = live.liveIds[0];
      if (live.live >= live.maxAlive && oldest !== undefined) {
        evictions.push({ kind: 'access-token', accessTokenId: oldest, refreshTokenId: rt.id });
      }
      return verdict(rates, evictions, []);
    }
    if (proposal.kind === 'consent') rates.push(measure({ rule: 'grant', clientId: proposal.clientId }));
    if (proposal.kind === 'consent' && proposal.accessType === 'online') return verdict(rates, evictions, []);
    if (proposal.userId === undefined)
      return verdict(rates, evictions, [{ rule: 'refresh', reason: 'user-unknown' }]);
    const { clientId, userId } = proposal;
    rates.push(measure({ rule: 'refresh', clientId, userId }));
    const live = this.liveRefreshTokens(clientId, userId, at);
    const oldest = live.liveIds[0];
    if (live.live >= live.maxAlive && oldest !== undefined) {
      const children = this.replay(at).filter((t) => t.parentId === oldest && liveAt(t, at));
      evictions.push({
        kind: 'refresh-token',
        refreshTokenId: oldest,
        accessTokenIds: children.map((t) => t.id),
      });
    }
    return verdict(rates, evictions, []);
  }

  private unconfirmedCreations(key: RuleKey): number[] {
    return this.events
      .filter((e) => e.type === 'unconfirmed-creation' && sameKey(e.key, key))
      .map((e) => e.at);
  }

  private countedCreations(key: RuleKey): number[] {
    const times: number[] = [...this.unconfirmedCreations(key)];
    for (const e of this.events) {
      if (key.rule === 'grant' && e.type === 'grant-code-issued' && e.clientId === key.clientId)
        times.push(e.at);
      if (key.rule === 'refresh' && e.type === 'refresh-token-created') {
        if (e.clientId === key.clientId && e.userId === key.userId) times.push(e.at);
      }
      if (
        key.rule === 'access' &&
        e.type === 'access-token-created' &&
        e.refreshTokenId === key.refreshTokenId
      ) {
        if (this.counts(e)) times.push(e.at);
      }
    }
    return times;
  }

  private counts(e: Extract<LedgerEvent, { type: 'access-token-created' }>): boolean {
    return (
      e.refreshTokenId !== null && (e.viaCodeExchange !== true || this.profile.exchangeAccessTokenCounts)
    );
  }

  /** Every token created by `at`, with its fate as of `at`, from a replay of the events in time order. */
  private replay(at: number): NaiveToken[] {
    // Remembering the last replay only saves time: nothing mutates tokens after a replay.
    const memo = this.lastReplay;
    if (memo !== null && memo.at === at && memo.eventCount === this.events.length) return memo.tokens;
    const ordered = this.events
      .map((event, index) => ({ event, index }))
      .sort((a, b) => a.event.at - b.event.at || a.index - b.index)
      .map(({ event }) => event)
      .filter((event) => event.at <= at);
    const tokens: NaiveToken[] = [];
    for (const e of ordered) this.step(tokens, e);
    this.lastReplay = { at, eventCount: this.events.length, tokens };
    return tokens;
  }

  private step(tokens: NaiveToken[], e: LedgerEvent): void {
    const base = { end: null, createdAt: e.at };
    if (e.type === 'refresh-token-created') {
      const family = tokens.filter(
        (t) => t.kind === 'refresh' && t.clientId === e.clientId && t.userId === e.userId && liveAt(t, e.at),
      );
      const oldest = family[0];
      if (family.length >= this.profile.refresh.maxAlive && oldest !== undefined) {
        end(tokens, oldest, { at: e.at, cause: 'evicted', evictedBy: e.id, withParent: false });
      }
      const { id, clientId, userId, dc } = e;
      tokens.push({
        ...base,
        id,
        clientId,
        userId,
        dc,
        kind: 'refresh',
        expiresAt: null,
        parentId: null,
        counted: true,
      });
    } else if (e.type === 'access-token-created') {
      const { id, clientId, userId, dc, expiresAt, refreshTokenId: parentId } = e;
      const token: NaiveToken = {
        ...base,
        id,
        clientId,
        userId,
        dc,
        kind: 'access',
        expiresAt,
        parentId,
        counted: this.counts(e),
      };
      const parent = tokens.find((t) => t.id === parentId);
      if (parent !== undefined && parent.end !== null && !liveAt(parent, e.at)) {
        token.end = { ...parent.end, at: e.at, withParent: true };
      } else if (parent !== undefined && token.counted) {
        const siblings = tokens.filter((t) => t.parentId === parent.id && t.counted && liveAt(t, e.at));
        const oldest = siblings[0];
        if (siblings.length >= this.profile.access.maxAlive && oldest !== undefined) {
          end(tokens, oldest, { at: e.at, cause: 'evicted', evictedBy: e.id, withParent: false });
        }
      }
      tokens.push(token);
    } else if (e.type === 'refresh-token-revoked' || e.type === 'access-token-revoked') {
      const token = tokens.find((t) => t.id === e.id);
      if (token !== undefined && liveAt(token, e.at)) {
        end(tokens, token, { at: e.at, cause: 'revoked', evictedBy: null, withParent: false });
      }
    }
  }

  private rejection(e: LedgerEvent): LedgerAppendError | null {
    if (!Number.isFinite(e.at)) return 'invalid_time';
    const created = (id: string) =>
      this.events.find(
        (x) => (x.type === 'refresh-token-created' || x.type === 'access-token-created') && x.id === id,
      );
    if (e.type === 'refresh-token-created') return created(e.id) ? 'duplicate_token_id' : null;
    if (e.type === 'access-token-created') {
      if (!Number.isFinite(e.expiresAt) || e.expiresAt <= e.at) return 'invalid_time';
      if (created(e.id)) return 'duplicate_token_id';
      if (e.refreshTokenId === null) return null;
      const parent = created(e.refreshTokenId);
      if (parent?.type !== 'refresh-token-created') return 'unknown_refresh_token';
      if (parent.clientId !== e.clientId || parent.userId !== e.userId) return 'parent_mismatch';
      return e.at < parent.at ? 'created_before_parent' : null;
    }
    if (e.type === 'refresh-token-revoked' || e.type === 'access-token-revoked') {
      const wanted = e.type === 'refresh-token-revoked' ? 'refresh-token-created' : 'access-token-created';
      const token = created(e.id);
      if (token?.type !== wanted) return 'unknown_token';
      return e.at < token.at ? 'revoked_before_created' : null;
    }
    return null;
  }
}

function liveAt(t: NaiveToken, at: number): boolean {
  const ended = t.end !== null && t.end.at <= at;
  const expired = t.expiresAt !== null && t.expiresAt <= at;
  return t.createdAt <= at && !ended && !expired;
}

/** Ends a token; a refresh token takes its live access tokens with it. */
function end(tokens: NaiveToken[], token: NaiveToken, how: NaiveEnd): void {
  token.end = how;
  if (token.kind !== 'refresh') return;
  for (const child of tokens) {
    if (child.parentId === token.id && liveAt(child, how.at)) child.end = { ...how, withParent: true };
  }
}

function sameKey(a: RuleKey, b: RuleKey): boolean {
  return JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
}

function summary(live: NaiveToken[], maxAlive: number, at: number): LiveTokens {
  const liveIds = live.map((t) => t.id);
  return {
    at,
    live: live.length,
    maxAlive,
    liveIds,
    oldestLiveId: liveIds[0] ?? null,
    wouldEvictOnNext: live.length >= maxAlive,
  };
}

function view(t: NaiveToken, at: number): TokenView {
  const ended = t.end !== null && t.end.at <= at ? t.end : null;
  const expired = ended === null && t.expiresAt !== null && t.expiresAt <= at;
  const status = ended !== null ? ended.cause : expired ? 'expired' : 'active';
  const endedAt = ended !== null ? ended.at : expired ? t.expiresAt : null;
  return {
    id: t.id,
    kind: t.kind,
    clientId: t.clientId,
    userId: t.userId,
    dc: t.dc,
    createdAt: t.createdAt,
    expiresAt: t.expiresAt,
    parentId: t.parentId,
    countsTowardLimits: t.counted,
    status,
    endedAt,
    evictedBy: ended?.evictedBy ?? null,
    endedWithParent: ended?.withParent ?? false,
  };
}

function verdict(rates: RuleUsage[], evictions: Eviction[], notChecked: NotChecked[]): ProposalAnswer {
  const refused = rates.filter((r) => r.allowedAt !== null);
  if (refused.length > 0) {
    const allowedAt = Math.max(...refused.map((r) => r.allowedAt ?? 0));
    return { verdict: 'rate-exceeded', allowedAt, rates: refused, evictions, notChecked };
  }
  if (evictions.length > 0) return { verdict: 'allowed-with-evictions', evictions, notChecked };
  return { verdict: 'allowed', notChecked };
}
