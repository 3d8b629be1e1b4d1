import { ok } from '../../../../shared/result';
import type { WorkbenchContext } from '../context';
import { flowsOf } from '../flows';
import type { Handlers } from './types';

type DeviceHandlers = Pick<Handlers, 'device:start' | 'device:cancel' | 'device:active'>;

export function deviceHandlers(ctx: WorkbenchContext): DeviceHandlers {
  const { device } = flowsOf(ctx);
  return {
    'device:start': async (args) => {
      const started = await device.start(args);
      if (!started.ok) return started;
      // The page follows the polls through device:progress events; the promise stays in main.
      const { done: _done, ...view } = started.value;
      return ok(view);
    },
    'device:cancel': (args) => Promise.resolve(device.cancel(args.flowId)),
    'device:active': () => Promise.resolve(ok(device.active())),
  };
}
