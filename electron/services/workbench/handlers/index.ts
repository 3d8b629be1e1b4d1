import type { WorkbenchContext } from '../context';
import type { SandboxDemo } from '../sandbox-demo';
import { trySandbox, trySandboxSelfClient } from '../sandbox-demo';
import type { ClipboardPort } from '../secrets';
import { sendRequest } from '../runner';
import { environmentStatuses, placeTokensByHand } from '../env-status';
import { trafficExchange, trafficHar, trafficPage } from '../traffic';
import { consentHandlers } from './consent';
import { deviceHandlers } from './device';
import { limitHandlers } from './limits';
import { storeHandlers } from './stores';
import { tokenHandlers } from './tokens';
import type { Handlers } from './types';
import { workspaceHandlers } from './workspace';

export { dispatch } from './dispatch';
export type { Handlers } from './types';

/** The whole handler table: every channel of the contract, once (the type makes a gap an error). */
export function createHandlers(
  ctx: WorkbenchContext,
  clipboard: ClipboardPort,
  sandboxDemo: () => SandboxDemo | null = () => null,
): Handlers {
  return {
    'sandbox:try': () => trySandbox(ctx, sandboxDemo()),
    'sandbox:self-client': () => trySandboxSelfClient(ctx, sandboxDemo()),
    'requests:send': (args) => sendRequest(ctx, args),
    'environments:status': () => Promise.resolve(environmentStatuses(ctx)),
    'environments:place-tokens': (args) => placeTokensByHand(ctx, args.environmentId, args.accessTokenId),
    'traffic:list': (args) => Promise.resolve(trafficPage(ctx, args)),
    'traffic:get': (args) => Promise.resolve(trafficExchange(ctx, args.id)),
    'traffic:har': (args) => Promise.resolve(trafficHar(ctx, args)),
    ...workspaceHandlers(ctx, clipboard),
    ...limitHandlers(ctx),
    ...tokenHandlers(ctx),
    ...consentHandlers(ctx),
    ...deviceHandlers(ctx),
    ...storeHandlers(ctx),
  };
}
