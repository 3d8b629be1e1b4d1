import { AutoRefresher } from './auto-refresh';
import { ConsentFlows } from './consent';
import type { WorkbenchContext } from './context';
import { DeviceFlows } from './device';
import { Refresher } from './refresh';
import { UnstoredTokens } from './unstored';

export interface TokenFlows {
  readonly consent: ConsentFlows;
  readonly device: DeviceFlows;
  readonly refresher: Refresher;
  readonly autoRefresh: AutoRefresher;
  /** Tokens Zoho issued that the keychain refused, held until stored or discarded. */
  readonly unstored: UnstoredTokens;
}

const byContext = new WeakMap<WorkbenchContext, TokenFlows>();

/**
 * The stateful flows of one workbench: one per context, so the UI's handlers, auto-refresh and
 * the CLI share the same in-flight refreshes and consent attempts.
 */
export function flowsOf(ctx: WorkbenchContext): TokenFlows {
  let flows = byContext.get(ctx);
  if (flows === undefined) {
    const unstored = new UnstoredTokens(ctx);
    const refresher = new Refresher(ctx, unstored);
    flows = {
      consent: new ConsentFlows(ctx, unstored),
      device: new DeviceFlows(ctx, unstored),
      refresher,
      autoRefresh: new AutoRefresher(ctx, refresher),
      unstored,
    };
    byContext.set(ctx, flows);
  }
  return flows;
}
