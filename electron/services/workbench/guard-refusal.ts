import type { GuardRefusal, NamedToken } from '../../../shared/ipc/views';
import type { ProposalAnswer } from '../../../shared/limits/ledger-types';
import type { TokenMeta } from '../../../shared/workspace/model';
import type { WorkbenchContext } from './context';
import { environmentHolders } from './views';

/**
 * The guard's answer as data for every shell's words (shared/words/limits.ts): the ledger's answer,
 * the tokens it names as people see them (fingerprint, and the environments that would lose them),
 * and the profile whose numbers it applied.
 */
export function guardRefusal(
  ctx: WorkbenchContext,
  answer: ProposalAnswer,
  allowedAt: number | null,
  at: number,
): GuardRefusal {
  const metas = namedIds(answer)
    .map((id) => ctx.store.tokens.get(id))
    .filter((m): m is TokenMeta => m !== undefined);
  const holders = environmentHolders(ctx.store.environments.list(), metas);
  const tokens: Record<string, NamedToken> = {};
  for (const meta of metas)
    tokens[meta.id] = { fingerprint: meta.fingerprint, environments: holders.get(meta.id) ?? [] };
  return { answer, allowedAt, at, tokens, profile: ctx.ledger.profile };
}

function namedIds(answer: ProposalAnswer): string[] {
  switch (answer.verdict) {
    case 'allowed':
      return [];
    case 'refresh-token-not-live':
      return [answer.refreshTokenId];
    case 'rate-exceeded':
    case 'allowed-with-evictions': {
      const evicted = answer.evictions.map((e) =>
        e.kind === 'access-token' ? e.accessTokenId : e.refreshTokenId,
      );
      const rated =
        answer.verdict === 'rate-exceeded'
          ? answer.rates.flatMap((r) => (r.key.rule === 'access' ? [r.key.refreshTokenId] : []))
          : [];
      return [...new Set([...evicted, ...rated])];
    }
  }
}
