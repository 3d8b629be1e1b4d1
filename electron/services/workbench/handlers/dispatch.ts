import type { z } from 'zod';
import { CONTRACT, type ChannelName } from '../../../../shared/ipc/contract';
import type { IpcResult } from '../../../../shared/ipc/define';
import type { Failure } from '../../../../shared/result';
import type { Handlers } from './types';

type ZodIssue = z.ZodError['issues'][number];

const isChannel = (name: string): name is ChannelName => Object.hasOwn(CONTRACT, name);

/** One refused field, for forms that place the message next to it. */
export interface ArgumentIssue {
  /** Dotted path (`ref.clientRef`); empty for the arguments as a whole. */
  readonly field: string;
  readonly message: string;
}

export type InvalidArguments = Failure<'invalid_arguments'> & { readonly detail: readonly ArgumentIssue[] };

/**
 * Every shell (Electron, the web host, the CLI, tests) comes through here: the arguments are
 * parsed against the contract before any service runs, and whatever happens the answer is data.
 */
export async function dispatch(
  handlers: Handlers,
  channel: string,
  rawArgs: unknown,
): Promise<IpcResult<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, code: 'unknown_channel', message: `There is no "${channel}" in the contract.` };
  }
  const parsed = CONTRACT[channel].args.safeParse(rawArgs ?? {});
  if (!parsed.success) return invalidArguments(channel, parsed.error.issues);
  const handler = handlers[channel] as (args: unknown) => Promise<IpcResult<unknown>>;
  try {
    return await handler(parsed.data);
  } catch (error: unknown) {
    logWithoutValues(channel, error);
    return {
      ok: false,
      code: 'internal_error',
      message: `Tokenbench hit an internal error on ${channel}. Nothing was changed that you were not told about; please report it.`,
    };
  }
}

/**
 * zod's messages name the expected type or size, never the value received, so they are safe to
 * show; the page gets every issue in `detail` and the first one in words.
 */
function invalidArguments(channel: ChannelName, issues: readonly ZodIssue[]): InvalidArguments {
  const detail = issues.map((issue) => ({
    field: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const first = detail[0];
  const where = first === undefined || first.field === '' ? 'the arguments' : first.field;
  const what = first?.message.toLowerCase() ?? 'are invalid';
  return { ok: false, code: 'invalid_arguments', message: `${channel}: ${where} ${what}.`, detail };
}

/**
 * A thrown error is a bug. Its message may quote a value (a token in a URL, a secret in a parse
 * error), so the log gets the error's name and stack frames only, never its message.
 */
function logWithoutValues(channel: string, error: unknown): void {
  const name = error instanceof Error ? error.name : typeof error;
  const frames =
    error instanceof Error
      ? (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '))
      : [];
  console.error(`tokenbench: ${channel} failed unexpectedly (${name})\n${frames.join('\n')}`);
}
