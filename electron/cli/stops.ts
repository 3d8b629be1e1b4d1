import { fail, type Failure } from '../../shared/result';
import { formatSpan } from './output';

/** Ctrl+C, listened for before the flow starts, so it never kills the process with the port open. */
export function listenForInterrupt(): { interrupted: Promise<Failure>; dispose(): void } {
  let dispose = (): void => undefined;
  const interrupted = new Promise<Failure>((resolve) => {
    const onInterrupt = () => {
      resolve(fail('interrupted', 'Stopped with Ctrl+C; the sign-in was cancelled.'));
    };
    process.once('SIGINT', onInterrupt);
    dispose = () => {
      process.off('SIGINT', onInterrupt);
    };
  });
  return { interrupted, dispose };
}

/** The `--timeout` of authorize, as a failure that says what to do. */
export function timeoutAfter(ms: number): { timedOut: Promise<Failure>; clear(): void } {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<Failure>((resolve) => {
    timer = setTimeout(() => {
      const wait = formatSpan(ms);
      resolve(
        fail(
          'timeout',
          `No redirect came within ${wait}. Run authorize again and finish the consent in the browser in time (or raise --timeout).`,
        ),
      );
    }, ms);
  });
  return {
    timedOut,
    clear: () => {
      clearTimeout(timer);
    },
  };
}
