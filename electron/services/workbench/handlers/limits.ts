import { LIMIT_PROFILES, limitProfileById } from '../../../../shared/limits/profile';
import { fail, ok } from '../../../../shared/result';
import type { WorkbenchContext } from '../context';
import { inspect } from '../inspect';
import { timelineSlice } from '../timeline';
import { currentTokens, ledgerProposal, limitStatus, listTokens } from '../views';
import type { Handlers } from './types';

type LimitChannels =
  | `limits:${'status' | 'check' | 'profiles' | 'set-profile'}`
  | 'tokens:list'
  | 'tokens:current'
  | 'tokens:inspect'
  | 'tokens:timeline';

/** What the ledger says: token rows, the limit meters, the inspector and the limit profile. */
export function limitHandlers(ctx: WorkbenchContext): Pick<Handlers, LimitChannels> {
  return {
    'tokens:list': (args) => Promise.resolve(listTokens(ctx, args.clientRef)),
    'tokens:current': (args) => Promise.resolve(currentTokens(ctx, args.clientRef)),
    'tokens:inspect': (args) => inspect(ctx, args),
    'tokens:timeline': (args) => Promise.resolve(timelineSlice(ctx, args.clientRef, args.from, args.to)),
    'limits:status': (args) => Promise.resolve(limitStatus(ctx, args.clientRef)),
    'limits:check': (args) =>
      Promise.resolve(ok(ctx.ledger.ledger.check(ledgerProposal(ctx, args.proposal), ctx.now()))),
    'limits:profiles': () => Promise.resolve(ok({ active: ctx.ledger.profile.id, profiles: LIMIT_PROFILES })),
    'limits:set-profile': (args) => {
      const profile = limitProfileById(args.id);
      if (profile === undefined) {
        const known = LIMIT_PROFILES.map((p) => p.id).join(', ');
        return Promise.resolve(
          fail('unknown_profile', `No limit profile "${args.id}": pick one of ${known}.`),
        );
      }
      ctx.ledger.useProfile(profile);
      // Every state under a cap may change with the numbers, so every token list re-reads.
      ctx.emit('tokens:changed', { clientRef: null });
      return Promise.resolve(ok(profile));
    },
  };
}
