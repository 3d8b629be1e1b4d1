import type { Eviction, LimitLedger, PendingCreations, Proposal } from '../../../shared/limits/ledger';
import type { GuardRefusal } from '../../../shared/ipc/views';
import type { Failure } from '../../../shared/result';
import type { HeldRefreshToken } from '../../../shared/stores/held';
import { guardMessage } from '../../../shared/words/limits';
import type { WorkbenchContext } from './context';
import { guardRefusal } from './guard-refusal';
import { heldEvictions, withHeld } from './guard-stores';

export type GuardFailure = Failure<'limit_guard'> & { readonly detail: GuardRefusal };

/**
 * The limit guard (Kaizen #43): before any exchange or refresh, ask the ledger. An action that
 * would exceed a rate, and so earn `Access Denied` and a lock-out, or that would silently evict a
 * token, is refused with what would happen and when it will be allowed, unless the caller forces it.
 * `held`: refresh tokens of the proposal's client that token stores hold (store-held.ts), which
 * count toward their user's 20 like the ledger's own.
 */
export function guard(
  ctx: WorkbenchContext,
  proposal: Proposal,
  force: boolean,
  pending?: PendingCreations,
  held: readonly HeldRefreshToken[] = [],
): GuardFailure | null {
  const at = ctx.now();
  const fromStores = heldEvictions(ctx, proposal, held, at);
  const answer = withHeld(ctx.ledger.ledger.check(proposal, at, pending), fromStores);
  if (answer.verdict === 'allowed' || force) return null;
  const allowedAt =
    answer.verdict === 'rate-exceeded'
      ? answer.allowedAt
      : answer.verdict === 'allowed-with-evictions' && fromStores.length === 0
        ? noEvictionAt(ctx.ledger.ledger, answer.evictions, at)
        : null;
  const refusal = guardRefusal(ctx, answer, allowedAt, at);
  const detail = fromStores.length > 0 ? { ...refusal, held: fromStores } : refusal;
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
