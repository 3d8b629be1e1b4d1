import type { EnvironmentRecord } from '../../../shared/workspace/model';
import type { WorkbenchContext } from './context';
import type { Refresher, RefreshResult } from './refresh';

export interface AutoRefreshOptions {
  /** Refresh this long before the access token expires. Zoho's SDKs wait until 5 s remain; a
   * desktop app may sleep through that, so a few minutes is safer. */
  readonly leadMs?: number;
  /** First retry after a network failure; doubles each time up to `maxBackoffMs`. */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
}

export interface AutoRefreshState {
  readonly environmentId: string;
  /** When it will next refresh; null once it stopped. */
  readonly nextAt: number | null;
  readonly failures: number;
  /** Why it stopped, in plain words; null while it runs. */
  readonly stoppedBecause: string | null;
}

/** Failures worth trying again: the network, not Zoho's judgement. */
const TRANSIENT = new Set(['timeout', 'network_error', 'http_error', 'malformed_response']);

/**
 * Keeps the access tokens of environments that opt in fresh. It never re-tries into Zoho's
 * judgement: Access Denied and invalid_* stop it (with the reason kept for the UI), a guard refusal
 * for a rate waits until the guard says it is allowed, and only network failures back off and retry.
 */
export class AutoRefresher {
  private readonly states = new Map<string, AutoRefreshState>();
  private readonly leadMs: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;

  constructor(
    private readonly ctx: WorkbenchContext,
    private readonly refresher: Refresher,
    options: AutoRefreshOptions = {},
  ) {
    this.leadMs = options.leadMs ?? 5 * 60_000;
    this.backoffMs = options.backoffMs ?? 5_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 5 * 60_000;
  }

  /** Plans every opted-in environment from its current access token; call after changes. */
  plan(): readonly AutoRefreshState[] {
    const opted = this.ctx.store.environments
      .list()
      .filter((env) => env.autoRefresh && env.clientRef !== null);
    for (const id of this.states.keys()) if (!opted.some((env) => env.id === id)) this.states.delete(id);
    for (const env of opted) {
      const known = this.states.get(env.id);
      if (known?.stoppedBecause != null || (known?.failures ?? 0) > 0) continue;
      this.states.set(env.id, {
        environmentId: env.id,
        nextAt: this.dueAt(env),
        failures: 0,
        stoppedBecause: null,
      });
    }
    return [...this.states.values()];
  }

  /** Refreshes every environment that is due now; returns what it did. */
  async runDue(): Promise<readonly AutoRefreshState[]> {
    const now = this.ctx.now();
    const due = this.plan().filter((s) => s.nextAt !== null && s.nextAt <= now);
    for (const state of due) {
      const env = this.ctx.store.environments.get(state.environmentId);
      if (env?.clientRef == null) continue;
      const result = await this.refresher.refresh({
        clientRef: env.clientRef,
        environmentId: env.id,
        force: false,
      });
      this.states.set(env.id, this.after(env, state, result));
    }
    return [...this.states.values()];
  }

  /** The earliest planned refresh, for the timer loop. */
  nextDueAt(): number | null {
    const times = this.plan().flatMap((s) => (s.nextAt === null ? [] : [s.nextAt]));
    return times.length === 0 ? null : Math.min(...times);
  }

  /** Lets a stopped environment run again (the user fixed the cause). */
  resume(environmentId: string): void {
    this.states.delete(environmentId);
  }

  private dueAt(env: EnvironmentRecord): number | null {
    const expiry = env.variables.find((v) => v.key === 'expiry-time')?.value;
    // No access token yet: nothing to keep fresh until a consent fills the environment.
    return typeof expiry === 'number' ? expiry - this.leadMs : null;
  }

  private after(env: EnvironmentRecord, state: AutoRefreshState, result: RefreshResult): AutoRefreshState {
    if (result.ok)
      return {
        environmentId: env.id,
        nextAt: (result.value.accessToken.expiresAt ?? this.ctx.now()) - this.leadMs,
        failures: 0,
        stoppedBecause: null,
      };
    const failures = state.failures + 1;
    if (TRANSIENT.has(result.code)) {
      const wait = Math.min(this.maxBackoffMs, this.backoffMs * 2 ** (failures - 1));
      return { ...state, nextAt: this.ctx.now() + wait, failures };
    }
    const allowedAt = guardAllowedAt(result);
    if (allowedAt !== null) return { ...state, nextAt: allowedAt, failures };
    return { ...state, nextAt: null, failures, stoppedBecause: `Auto-refresh stopped: ${result.message}` };
  }
}

/**
 * A guard refusal says when the refresh is allowed: a rate's next slot, or when a full access-token
 * cap frees a place by expiry, so auto-refresh never evicts a token another environment may hold.
 */
function guardAllowedAt(result: Extract<RefreshResult, { ok: false }>): number | null {
  if (result.code !== 'limit_guard' || !('detail' in result)) return null;
  const detail = result.detail as { allowedAt?: unknown } | undefined;
  return typeof detail?.allowedAt === 'number' ? detail.allowedAt : null;
}

/**
 * The timer loop around `runDue`: wakes at the earliest due time, but at least every minute, so a
 * laptop that slept or a clock that jumped is noticed. Returns a stop function.
 */
export function startAutoRefresh(auto: AutoRefresher, now: () => number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const loop = async (): Promise<void> => {
    await auto.runDue().catch(() => undefined);
    if (stopped) return;
    const next = auto.nextDueAt();
    const wait = next === null ? 60_000 : Math.min(60_000, Math.max(1_000, next - now()));
    timer = setTimeout(() => void loop(), wait);
    timer.unref();
  };
  void loop();
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
  };
}
