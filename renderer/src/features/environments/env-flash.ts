import { create } from 'zustand';
import { useWorkspace } from '../../stores/workspace';
import { changedKeys } from './env-variables';

/**
 * Which variable rows changed a moment ago, per environment, so the table can flash them for 1.5 s
 * after a consent, a refresh or a DC switch. Keys only — never values. It follows the workspace
 * store by subscription, so no component needs an effect to notice a change.
 */
interface FlashState {
  readonly byEnv: Readonly<Record<string, readonly string[]>>;
}

export const FLASH_MS = 1500;

export const useFlash = create<FlashState>(() => ({ byEnv: {} }));

const timers = new Map<string, ReturnType<typeof setTimeout>>();

function flash(environmentId: string, keys: readonly string[]): void {
  useFlash.setState((s) => {
    const merged = new Set([...(s.byEnv[environmentId] ?? []), ...keys]);
    return { byEnv: { ...s.byEnv, [environmentId]: [...merged] } };
  });
  clearTimeout(timers.get(environmentId));
  timers.set(
    environmentId,
    setTimeout(() => {
      timers.delete(environmentId);
      useFlash.setState((s) => ({
        byEnv: Object.fromEntries(Object.entries(s.byEnv).filter(([id]) => id !== environmentId)),
      }));
    }, FLASH_MS),
  );
}

useWorkspace.subscribe((next, prev) => {
  // The first load is not a change; neither is a re-read that returned the same arrays.
  if (!prev.loaded || next.environments === prev.environments) return;
  const before = new Map(prev.environments.map((e) => [e.id, e]));
  for (const env of next.environments) {
    const old = before.get(env.id);
    if (old === undefined || old.variables === env.variables) continue;
    const keys = changedKeys(old.variables, env.variables);
    if (keys.length > 0) flash(env.id, keys);
  }
});

const NONE: readonly string[] = [];

/** The keys of this environment that changed in the last 1.5 s. */
export const flashedKeys =
  (environmentId: string) =>
  (s: FlashState): readonly string[] =>
    s.byEnv[environmentId] ?? NONE;
