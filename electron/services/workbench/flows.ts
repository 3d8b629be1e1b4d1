import { AutoRefresher } from './auto-refresh';
import { ConsentFlows } from './consent';
import type { WorkbenchContext } from './context';
import { DeviceFlows } from './device';
import { Refresher } from './refresh';

export interface TokenFlows {
  readonly consent: ConsentFlows;
  readonly device: DeviceFlows;
  readonly refresher: Refresher;
  readonly autoRefresh: AutoRefresher;
}

const byContext = new WeakMap<WorkbenchContext, TokenFlows>();

/**
 * The stateful flows of one workbench: one per context, so the UI's handlers, auto-refresh and
 * the CLI share the same in-flight refreshes and consent attempts.
 */
export function flowsOf(ctx: WorkbenchContext): TokenFlows {
  let flows = byContext.get(ctx);
  if (flows === undefined) {
    const refresher = new Refresher(ctx);
    flows = {
      consent: new ConsentFlows(ctx),
      device: new DeviceFlows(ctx),
      refresher,
      autoRefresh: new AutoRefresher(ctx, refresher),
    };
    byContext.set(ctx, flows);
  }
  return flows;
}
