import type { IpcResult } from '../../shared/ipc/define';
import {
  START_ANSWERS_ID,
  START_READS,
  startAnswersText,
  type StartRead,
} from '../../shared/ipc/start-answers';
import { dispatch, type Handlers } from '../services/workbench/handlers';

/**
 * The start reads answered (shared/ipc/start-answers.ts), as the element a signed-in page carries
 * at the end of its body, where its module script (deferred) finds it parsed. The answers are what
 * the socket would give, through the same `dispatch`, so the contract's checks and a failed
 * workspace's error travel alike.
 */
export async function startAnswersElement(handlers: Handlers | null): Promise<string> {
  if (handlers === null) return '';
  const results = await Promise.all(START_READS.map((channel) => dispatch(handlers, channel, {})));
  const answers: Partial<Record<StartRead, IpcResult<unknown>>> = {};
  START_READS.forEach((channel, i) => {
    answers[channel] = results[i];
  });
  return `<script type="application/json" id="${START_ANSWERS_ID}">${startAnswersText(answers)}</script>`;
}
