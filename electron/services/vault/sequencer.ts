/**
 * Runs tasks one after another per key (VS Code's SequencerByKey in secrets.ts): a set followed by a
 * delete of the same account reach the keychain in that order, even though each is async. Tasks on
 * different keys run concurrently.
 */
export class KeyedSequencer {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    // Forget the key once its queue drains, so the map does not grow with every account ever used.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

export const TIMED_OUT: unique symbol = Symbol('timed out');

/**
 * Settles with the promise, or with TIMED_OUT after `ms`. The promise itself keeps running (a native
 * keychain call cannot be cancelled); the timer is cleared as soon as either side wins.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => {
      resolve(TIMED_OUT);
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => {
    clearTimeout(timer);
  });
}
