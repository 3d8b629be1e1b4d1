import { create } from 'zustand';
import type { EnvironmentStatus } from '../../../shared/ipc/env-status';
import { api } from '../api';

/**
 * Each environment's DC, the lineage of its tokens and what auto-refresh will do with them, as the
 * main process plans it (environments:status). Re-read whenever an environment, its tokens or its
 * auto-refresh state change; the words are made where they are shown (env-words.ts).
 */
interface EnvStatusState {
  readonly byId: Readonly<Record<string, EnvironmentStatus>>;
}

export const useEnvStatus = create<EnvStatusState>(() => ({ byId: {} }));

let loading: Promise<void> | null = null;
let stale = false;

/** One read at a time; a change during a read reads once more after it. */
export function loadEnvStatus(): Promise<void> {
  if (loading !== null) {
    stale = true;
    return loading;
  }
  const readOnce = async (): Promise<void> => {
    stale = false;
    const result = await api.environments.status();
    if (result.ok)
      useEnvStatus.setState({ byId: Object.fromEntries(result.value.map((s) => [s.environmentId, s])) });
  };
  const changedMeanwhile = (): boolean => stale;
  loading = (async () => {
    await readOnce();
    while (changedMeanwhile()) await readOnce();
  })().finally(() => {
    loading = null;
  });
  return loading;
}

let following = false;

/** Starts following the main process's events; called once, when the workbench starts. */
export function followEnvStatus(): void {
  if (following) return;
  following = true;
  void loadEnvStatus();
  for (const event of ['environments:changed', 'environments:status-changed', 'tokens:changed'] as const)
    api.on(event, () => void loadEnvStatus());
}

export const statusOf =
  (environmentId: string | null) =>
  (s: EnvStatusState): EnvironmentStatus | null =>
    environmentId === null ? null : (s.byId[environmentId] ?? null);
