import { ok } from '../../../../shared/result';
import type { WorkbenchContext } from '../context';
import { flowsOf } from '../flows';
import type { Handlers } from './types';

type ConsentHandlers = Pick<
  Handlers,
  'consent:start' | 'consent:paste-url' | 'consent:cancel' | 'consent:active'
>;

export function consentHandlers(ctx: WorkbenchContext): ConsentHandlers {
  const { consent } = flowsOf(ctx);
  return {
    'consent:start': async (args) => {
      const started = await consent.start(args);
      if (!started.ok) return started;
      // The page follows the flow through consent:progress events; the promise stays in main.
      const { done: _done, ...view } = started.value;
      return ok(view);
    },
    'consent:paste-url': (args) => consent.pasteUrl(args.flowId, args.url),
    'consent:cancel': (args) => Promise.resolve(consent.cancel(args.flowId)),
    'consent:active': () => Promise.resolve(ok(consent.active())),
  };
}
