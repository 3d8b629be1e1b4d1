import type { ChannelName } from './contract';
import type { IpcResult } from './define';

/**
 * The reads a page makes before it can show anything (loadWorkspace in
 * renderer/src/stores/workspace.ts). In browser mode the host answers them inside index.html for a
 * signed-in page (electron/web/start-answers.ts): a cold load then renders the workbench as soon as
 * its code has run, with no round trip first (bench ui-cold-load). Each answer is used once, for
 * the first call of its channel; every later read goes over the socket as usual.
 */
export const START_READS = [
  'dcs:list',
  'clients:list',
  'environments:list',
] as const satisfies readonly ChannelName[];

export type StartRead = (typeof START_READS)[number];

/** index.html's `<script type="application/json">` that carries them: data, never run. */
export const START_ANSWERS_ID = 'tokenbench-start';

export type StartAnswers = ReadonlyMap<StartRead, IpcResult<unknown>>;

const isStartRead = (name: string): name is StartRead => (START_READS as readonly string[]).includes(name);

const isResult = (value: unknown): value is IpcResult<unknown> =>
  typeof value === 'object' && value !== null && 'ok' in value && typeof value.ok === 'boolean';

/**
 * The answers in that element's text. Anything else (no element, a hand-edited or truncated page, a
 * channel that is not a start read) yields no answer for it, and the page asks over the connection.
 */
export function parseStartAnswers(text: string | null): StartAnswers {
  const answers = new Map<StartRead, IpcResult<unknown>>();
  if (text === null) return answers;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return answers;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return answers;
  for (const [channel, result] of Object.entries(parsed))
    if (isStartRead(channel) && isResult(result)) answers.set(channel, result);
  return answers;
}

/**
 * The answers as the element's text, safe inside HTML: JSON cannot end the script element or open
 * a comment once every `<` is written as `\u003c`, whatever a client or environment is named.
 */
export function startAnswersText(answers: Readonly<Partial<Record<StartRead, IpcResult<unknown>>>>): string {
  return JSON.stringify(answers).replace(/</g, '\\u003c');
}
