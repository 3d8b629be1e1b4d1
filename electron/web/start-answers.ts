import type { IpcResult } from '../../shared/ipc/define';
import {
  START_ANSWERS_ID,
  START_READS,
  startAnswersText,
  type StartRead,
} from '../../shared/ipc/start-answers';
import { dispatch, type Handlers } from '../services/workbench/handlers';

/**
 * index.html with the start reads answered inside it (shared/ipc/start-answers.ts), for a page that
 * is signed in: the answers are what the socket would give, through the same `dispatch`, so the
 * contract's checks and a failed workspace's error travel alike. The element goes at the end of
 * the body, where the page's module script (deferred) finds it parsed.
 */
export async function withStartAnswers(html: string, handlers: Handlers | null): Promise<string> {
  if (handlers === null) return html;
  const results = await Promise.all(START_READS.map((channel) => dispatch(handlers, channel, {})));
  const answers: Partial<Record<StartRead, IpcResult<unknown>>> = {};
  START_READS.forEach((channel, i) => {
    answers[channel] = results[i];
  });
  const element = `<script type="application/json" id="${START_ANSWERS_ID}">${startAnswersText(answers)}</script>`;
  const end = html.lastIndexOf('</body>');
  return end === -1 ? `${html}${element}` : `${html.slice(0, end)}${element}${html.slice(end)}`;
}
