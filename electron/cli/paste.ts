import { fail, type Failure } from '../../shared/result';
import { dispatch } from '../services/workbench/handlers';
import type { Workbench } from '../services/workbench/workbench';
import { failureLine } from './exit';
import type { Io } from './output';
import { lineReader } from './stdin';

/** A pasted URL of another attempt or for another address is refused, and the flow keeps waiting. */
const TRY_AGAIN = new Set(['state_mismatch', 'callback_wrong_target', 'invalid_arguments']);

/**
 * Manual mode (the redirect URI's port is taken, or it is not loopback): the user pastes the URL the
 * browser landed on, through the same `consent:paste-url` channel the UI uses. `ended` settles
 * only if standard input ends first; an accepted paste settles the flow's own `done`.
 */
export function pasteRedirects(
  wb: Workbench,
  flowId: string,
  io: Io,
): { ended: Promise<Failure>; stop(): void } {
  const reader = lineReader(io);
  const ended = (async (): Promise<Failure> => {
    for (;;) {
      const line = await reader.next();
      if (line === null)
        return fail(
          'no_redirect_url',
          'Standard input ended before the redirected URL was pasted. Run authorize again and paste the URL the browser shows after the consent.',
        );
      if (line.trim() === '') continue;
      const result = await dispatch(wb.handlers, 'consent:paste-url', { flowId, url: line.trim() });
      if (result.ok || !TRY_AGAIN.has(result.code)) return new Promise<Failure>(() => undefined);
      io.err(failureLine(result, 'tokenbench authorize'));
    }
  })();
  return {
    ended,
    stop: () => {
      reader.close();
    },
  };
}
