import { fail } from '../../shared/result';
import type { Handlers } from '../services/workbench/handlers';
import type { Workbench } from '../services/workbench/workbench';
import { ClipboardUnavailableError, CLIPBOARD_UNAVAILABLE_MESSAGE } from './system-clipboard';

/**
 * `secrets:copy` with the system clipboard can fail for reasons the page should hear as data
 * (`clipboard_unavailable`), not as the internal error `dispatch` makes of anything thrown.
 */
export function guardCopy(workbench: Workbench): Workbench {
  const copy = workbench.handlers['secrets:copy'];
  const guarded: Handlers['secrets:copy'] = async (args) => {
    try {
      return await copy(args);
    } catch (error: unknown) {
      if (error instanceof ClipboardUnavailableError) {
        return fail('clipboard_unavailable', CLIPBOARD_UNAVAILABLE_MESSAGE);
      }
      throw error;
    }
  };
  return { ...workbench, handlers: { ...workbench.handlers, 'secrets:copy': guarded } };
}
