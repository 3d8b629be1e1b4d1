import { useEffect } from 'react';
import { create } from 'zustand';

/**
 * One shared ticking clock for every live countdown, so a screen of fifty countdowns runs one
 * timer, not fifty. Components subscribe through `useNow`.
 */
interface ClockState {
  readonly now: number;
  readonly subscribers: number;
}

const useClockStore = create<ClockState>(() => ({ now: Date.now(), subscribers: 0 }));
let timer: ReturnType<typeof setInterval> | undefined;

function retain(): () => void {
  // While nobody listened the clock stood still: a countdown that appears now must not start from then.
  if (timer === undefined) useClockStore.setState({ now: Date.now() });
  useClockStore.setState((s) => ({ subscribers: s.subscribers + 1 }));
  timer ??= setInterval(() => {
    useClockStore.setState({ now: Date.now() });
  }, 1000);
  return () => {
    const left = useClockStore.getState().subscribers - 1;
    useClockStore.setState({ subscribers: left });
    if (left === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The current time, updated every second while a component uses it. */
export function useNow(): number {
  useEffect(retain, []);
  return useClockStore((s) => s.now);
}
