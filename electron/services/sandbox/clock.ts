/**
 * The sandbox's own clock: a base time source plus an offset that only moves forward, so tests and
 * rehearsals can jump past a 2-minute grant code or a 10-minute rate window without waiting.
 */
export interface SandboxClock {
  now(): number;
  /** Moves the clock forward by `ms` (never backward) and answers the new time. */
  advance(ms: number): number;
  /** Drops the accumulated offset (used by a sandbox reset). */
  reset(): void;
}

export function createClock(base: () => number = Date.now): SandboxClock {
  let offset = 0;
  return {
    now: () => base() + offset,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('The sandbox clock only moves forward.');
      offset += ms;
      return base() + offset;
    },
    reset() {
      offset = 0;
    },
  };
}
