import type { AutoRefresher } from './auto-refresh';

export interface AutoRefreshLoop {
  /** Look again soon: an environment or its tokens changed. */
  poke(): void;
  /**
   * No new round starts. Answers the round still in progress (to wait for before the workspace
   * closes under it), or null when none is.
   */
  stop(): Promise<void> | null;
}

/** How often it looks even when nothing is due: a laptop that slept, a clock that jumped, another process. */
const MAX_SLEEP_MS = 60_000;
const MIN_SLEEP_MS = 250;

/**
 * The timer around `runDue`: wakes at the earliest due time or wait's end, at least every minute,
 * and at once when poked. One round at a time; the timer is unref'd, so it never keeps a process
 * alive by itself. The rounds' errors are swallowed (each round starts from the workspace again).
 */
export function startAutoRefresh(auto: AutoRefresher, now: () => number): AutoRefreshLoop {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const schedule = (ms: number): void => {
    if (stopped) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(round, ms);
    timer.unref();
  };
  const sleepAfterRound = (): number => {
    const next = auto.nextWakeAt();
    if (next === null) return MAX_SLEEP_MS;
    return Math.min(MAX_SLEEP_MS, Math.max(MIN_SLEEP_MS, next - now()));
  };
  function round(): void {
    timer = undefined;
    if (stopped) return;
    if (running !== null) {
      again = true;
      return;
    }
    running = auto
      .runDue()
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        running = null;
        if (stopped) return;
        let sleep: number;
        try {
          sleep = again ? 0 : sleepAfterRound();
        } catch {
          sleep = MAX_SLEEP_MS;
        }
        again = false;
        schedule(sleep);
      });
  }

  schedule(0);
  return {
    poke: () => {
      if (running !== null) again = true;
      else schedule(0);
    },
    stop: () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      return running;
    },
  };
}
