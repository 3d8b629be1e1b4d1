import type { ArgsOf } from '../../shared/ipc/contract';
import type { TokenOutcome } from '../../shared/ipc/views';
import { fail } from '../../shared/result';
import { flowsOf } from '../services/workbench/flows';
import type { Workbench } from '../services/workbench/workbench';
import { CommandFailure, oneLine } from './exit';
import type { Io } from './output';
import { call } from './session';

/** How often a refused keychain is tried again while the tokens wait in memory. */
export const RETRY_MS = 5_000;

type TokenChannel = 'tokens:refresh' | 'tokens:exchange-code' | 'tokens:client-credentials';

/**
 * `call` for the channels that record new tokens. When the keychain refuses the values after Zoho
 * issued them, they are not given up: this run keeps them in memory and tries the keychain again
 * every few seconds until it takes them (the user unlocks it), or Ctrl+C discards them.
 */
export async function callKeepingTokens<C extends TokenChannel>(
  wb: Workbench,
  channel: C,
  args: ArgsOf<C>,
  io: Io,
): Promise<TokenOutcome> {
  try {
    return await call(wb, channel, args);
  } catch (error: unknown) {
    const held = heldId(error);
    if (held === null || !(error instanceof CommandFailure)) throw error;
    return keepUntilStored(wb, held, io, error.failure.message);
  }
}

/** For authorize, whose result comes from the flow rather than a channel. */
export async function keepUntilStored(
  wb: Workbench,
  reservationId: string,
  io: Io,
  message: string,
): Promise<TokenOutcome> {
  const unstored = flowsOf(wb.ctx).unstored;
  let stop: (signal: string) => void = () => undefined;
  const stopped = new Promise<string>((resolve) => (stop = resolve));
  const onSignal = (signal: string) => {
    stop(signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // Said once Ctrl+C is listened for, so a Ctrl+C right after the line discards, as the line says.
  io.err(
    `tokenbench: tokens_not_stored: ${oneLine(message)} Trying the keychain again every ${RETRY_MS / 1000} s; Ctrl+C discards them.`,
  );
  try {
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      const waited = await Promise.race([
        stopped,
        new Promise<null>(
          (resolve) =>
            (timer = setTimeout(() => {
              resolve(null);
            }, RETRY_MS)),
        ),
      ]);
      clearTimeout(timer);
      if (waited !== null) {
        unstored.discard(reservationId);
        throw new CommandFailure(
          fail(
            'interrupted',
            'Stopped; the tokens the keychain refused were discarded (Zoho still counts them toward its limits).',
          ),
        );
      }
      const result = await unstored.store(reservationId);
      if (result.ok) return result.value;
      if (result.code !== 'tokens_not_stored') throw new CommandFailure(result);
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** The reservation of tokens a failure says are held in memory, or null. */
export function heldId(error: unknown): string | null {
  const failure = error instanceof CommandFailure ? error.failure : error;
  if (typeof failure !== 'object' || failure === null) return null;
  const { code, detail } = failure as { code?: unknown; detail?: unknown };
  if (code !== 'tokens_not_stored' || typeof detail !== 'object' || detail === null) return null;
  const id = (detail as { reservationId?: unknown }).reservationId;
  return typeof id === 'string' ? id : null;
}
