import { ok } from '../../../../shared/result';
import type { WorkbenchContext } from '../context';
import { handOver, planHandOver } from '../hand-over';
import { heldByStores } from '../store-held';
import { addStore, removeStore, setWritable, storeRows } from '../token-stores';
import type { Handlers } from './types';

type StoreChannels =
  `stores:${'list' | 'add' | 'set-writable' | 'remove' | 'rows' | 'plan-hand-over' | 'hand-over' | 'held'}`;

/** Token stores: a server's Zoho SDK DBStore read beside the workspace's tokens. */
export function storeHandlers(ctx: WorkbenchContext): Pick<Handlers, StoreChannels> {
  return {
    'stores:list': () => Promise.resolve(ok(ctx.store.tokenStores.list())),
    'stores:add': (args) => addStore(ctx, args),
    'stores:set-writable': (args) => Promise.resolve(setWritable(ctx, args.id, args.writable)),
    'stores:remove': (args) => removeStore(ctx, args.id),
    'stores:rows': (args) => storeRows(ctx, args),
    'stores:plan-hand-over': (args) => planHandOver(ctx, args),
    'stores:hand-over': (args) => handOver(ctx, args),
    'stores:held': (args) => heldByStores(ctx, args.clientRef),
  };
}
