import type { Eviction, LimitLedger, PendingCreations, Proposal } from '../../../shared/limits/ledger';
import type { GuardRefusal } from '../../../shared/ipc/views';
import type { Failure } from '../../../shared/result';
import { guardMessage } from '../../../shared/words/limits';
import type { WorkbenchContext } from './context';
import { guardRefusal } from './guard-refusal';

export type GuardFailure = Failure<'limit_guard'> & { readonly detail: GuardRefusal };

/**
 * The limit guard (Kaizen #43): before any exchange or refresh, ask the ledger. An action that
 * would exceed a rate, and so earn `Access Denied` and a lock-out, or that would silently evict a
 * token, is refused with what would happen and when it will be allowed, unless the caller forces it.
 */
export function guard(
  ctx: WorkbenchContext,
  proposal: Proposal,
  force: boolean,
  pending?: PendingCreations,
): GuardFailure | null {
  const at = ctx.now();
  const answer = ctx.ledger.ledger.check(proposal, at, pending);
  if (answer.verdict === 'allowed' || force) return null;
  const allowedAt =
    answer.verdict === 'rate-exceeded'
      ? answer.allowedAt
      : answer.verdict === 'allowed-with-evictions'
        ? noEvictionAt(ctx.ledger.ledger, answer.evictions, at)
        : null;
  const detail = guardRefusal(ctx, answer, allowedAt, at);
  return { ok: false, code: 'limit_guard', message: guardMessage(detail, 'api'), detail };
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
