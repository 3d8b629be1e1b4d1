import type {
  Eviction,
  LimitLedger,
  Proposal,
  ProposalAnswer,
  RuleUsage,
} from '../../../shared/limits/ledger';
import type { GuardRefusal } from '../../../shared/ipc/views';
import type { Failure } from '../../../shared/result';
import type { WorkbenchContext } from './context';
import { environmentHolders } from './views';

export type GuardFailure = Failure<'limit_guard'> & { readonly detail: GuardRefusal };

/**
 * The limit guard (Kaizen #43): before any exchange or refresh, ask the ledger. An action that
 * would exceed a rate, and so earn `Access Denied` and a lock-out, or that would silently evict a
 * token, is refused with what would happen and when it will be allowed, unless the caller forces it.
 */
export function guard(ctx: WorkbenchContext, proposal: Proposal, force: boolean): GuardFailure | null {
  const at = ctx.now();
  const answer = ctx.ledger.ledger.check(proposal, at);
  if (answer.verdict === 'allowed' || force) return null;
  const allowedAt =
    answer.verdict === 'rate-exceeded'
      ? answer.allowedAt
      : answer.verdict === 'allowed-with-evictions'
        ? noEvictionAt(ctx.ledger.ledger, answer.evictions, at)
        : null;
  return {
    ok: false,
    code: 'limit_guard',
    message: `${describeAnswer(ctx, answer, at)} Run it anyway with force.`,
    detail: { answer, allowedAt },
  };
}

/**
 * When the same action would evict nothing: a full access-token cap frees a place when its first
 * live token expires (an hour after creation, zoho-oauth.md "Token endpoint"). Refresh tokens never
 * expire, so a full refresh-token cap stays full until one is revoked: null.
 */
function noEvictionAt(ledger: LimitLedger, evictions: readonly Eviction[], at: number): number | null {
  let latest: number | null = null;
  for (const eviction of evictions) {
    if (eviction.kind === 'refresh-token') return null;
    const expiries = ledger
      .liveAccessTokens(eviction.refreshTokenId, at)
      .liveIds.map((id) => ledger.tokenAt(id, at)?.expiresAt ?? Number.POSITIVE_INFINITY);
    const freedAt = Math.min(...expiries);
    if (!Number.isFinite(freedAt)) return null;
    latest = Math.max(latest ?? freedAt, freedAt);
  }
  return latest;
}

/** One or two sentences a support engineer can read aloud. */
export function describeAnswer(ctx: WorkbenchContext, answer: ProposalAnswer, at: number): string {
  switch (answer.verdict) {
    case 'allowed':
      return 'Allowed: no limit would be exceeded and no token evicted.';
    case 'refresh-token-not-live':
      return `Refresh token ${label(ctx, answer.refreshTokenId)} is ${answer.status}: run a new consent.`;
    case 'rate-exceeded': {
      const rates = answer.rates.filter((r) => r.allowedAt !== null).map(describeRate);
      return `Zoho would answer Access Denied: ${rates.join('; ')}. Allowed again at ${clock(answer.allowedAt)} (in ${span(answer.allowedAt - at)}).`;
    }
    case 'allowed-with-evictions':
      return `Zoho would silently delete ${answer.evictions.map((e) => describeEviction(ctx, e)).join(' and ')}.`;
  }
}

function describeRate(rate: RuleUsage): string {
  const what = {
    grant: 'grant codes for this client',
    refresh: 'refresh tokens for this user and client',
    access: 'access tokens for this refresh token',
  }[rate.key.rule];
  if (rate.blockedUntil !== null && rate.used < rate.allowed)
    return `Zoho refused ${what} with Access Denied and blocks them for the rest of the window`;
  return `${rate.used} of ${rate.allowed} ${what} were made in the last ${rate.windowMs / 60_000} minutes`;
}

function describeEviction(ctx: WorkbenchContext, eviction: Eviction): string {
  if (eviction.kind === 'access-token') {
    return `access token ${label(ctx, eviction.accessTokenId)}${usedBy(ctx, eviction.accessTokenId)} (the 16th live access token evicts the oldest)`;
  }
  const children = eviction.accessTokenIds.length;
  return `refresh token ${label(ctx, eviction.refreshTokenId)}${usedBy(ctx, eviction.refreshTokenId)} with its ${children} live access token${children === 1 ? '' : 's'} (the 21st refresh token evicts the oldest; refresh tokens never expire, so revoke one you no longer use to make room)`;
}

/** A token as people see it: its fingerprint, never its value. */
export function label(ctx: WorkbenchContext, tokenId: string): string {
  return ctx.store.tokens.get(tokenId)?.fingerprint ?? tokenId;
}

function usedBy(ctx: WorkbenchContext, tokenId: string): string {
  const meta = ctx.store.tokens.get(tokenId);
  if (meta === undefined) return '';
  const names = environmentHolders(ctx.store.environments.list(), [meta]).get(tokenId) ?? [];
  return names.length > 0 ? `, used by environment ${names.join(', ')}` : '';
}

export function clock(ms: number): string {
  return new Date(ms).toLocaleTimeString('en-GB', { hour12: false });
}

export function span(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${seconds % 60} s` : `${seconds} s`;
}
