import type { Proposal, ProposalAnswer } from '../../../shared/limits/ledger-types';
import { storeEvictions, type HeldRefreshToken, type StoreEviction } from '../../../shared/stores/held';
import type { WorkbenchContext } from './context';
import { userLabel } from './store-held';

/**
 * The limit guard's input from token stores, kept apart from guard.ts: refresh tokens a server holds
 * count toward their user's 20 (Kaizen #43), and a creation that would delete one must say so by name.
 * Refreshes make access tokens, which stores do not change, so only creations of refresh tokens ask.
 */
export function heldEvictions(
  ctx: WorkbenchContext,
  proposal: Proposal,
  held: readonly HeldRefreshToken[],
  at: number,
): StoreEviction[] {
  if (proposal.kind === 'refresh' || held.length === 0) return [];
  if (proposal.kind === 'consent' && proposal.accessType === 'online') return [];
  const ledger = ctx.ledger.ledger;
  return storeEvictions(
    { clientId: proposal.clientId, userId: proposal.userId },
    held.filter((h) => h.userId !== null),
    (clientId, userId) => ledger.liveRefreshTokens(clientId, userId, at),
    (userId) => userLabel(ctx, proposal.clientId, userId),
  );
}

/**
 * The answer as the refusal carries it: an answer the ledger alone allowed becomes one with evictions
 * (the store-held ones travel beside it, in the refusal's `held`).
 */
export function withHeld(answer: ProposalAnswer, held: readonly StoreEviction[]): ProposalAnswer {
  if (held.length === 0 || answer.verdict !== 'allowed') return answer;
  return { verdict: 'allowed-with-evictions', evictions: [], notChecked: answer.notChecked };
}
