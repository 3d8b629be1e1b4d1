import type { AutoRefreshStatus } from '../../../shared/ipc/env-status';
import type { EnvTokenLineage, EnvironmentRecord, TokenMeta } from '../../../shared/workspace/model';
import type { WorkbenchContext } from './context';
import { decisionAfter, readDecision, type Decision } from './auto-refresh-decisions';
import { currentLineage, holdsTokens } from './lineage';
import type { Refresher } from './refresh';

export interface AutoRefreshOptions {
  /** Refresh this long before the access token expires (at most a quarter of its life). Zoho's SDKs
   * wait until 5 s remain; a desktop app may sleep through that, so a few minutes is safer. */
  readonly leadMs?: number;
  /** First retry after a network or keychain failure; doubles each time up to `maxBackoffMs`. */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
  /** A claim older than this is taken over: the process that made it may have died mid-refresh. */
  readonly claimStaleMs?: number;
}

export interface EnvironmentRun {
  readonly environmentId: string;
  readonly status: AutoRefreshStatus;
}

/**
 * Keeps the access tokens of environments that opt in fresh, each with its own lineage's refresh
 * token. Every decision is a function of the workspace (the environment's access token, its expiry,
 * the ledger and the decisions recorded in SQLite), never of this process's memory, so it survives a
 * restart and two processes sharing a workspace decide alike; a claim in SQLite keeps them from both
 * refreshing the same token. It never refreshes into Zoho's judgement: the limit guard's refusals and
 * Access Denied wait until allowed, network and keychain failures back off, and invalid_* stops it.
 */
export class AutoRefresher {
  private readonly leadMs: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly claimStaleMs: number;

  constructor(
    private readonly ctx: WorkbenchContext,
    private readonly refresher: Refresher,
    options: AutoRefreshOptions = {},
  ) {
    this.leadMs = options.leadMs ?? 5 * 60_000;
    this.backoffMs = options.backoffMs ?? 5_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 5 * 60_000;
    this.claimStaleMs = options.claimStaleMs ?? 60_000;
  }

  /** What auto-refresh will do for this environment, read from the workspace; changes nothing. */
  statusOf(env: EnvironmentRecord): AutoRefreshStatus {
    return this.plan(env).status;
  }

  /** Refreshes every environment that is due now; answers the statuses after. */
  async runDue(): Promise<readonly EnvironmentRun[]> {
    const runs: EnvironmentRun[] = [];
    for (const env of this.ctx.store.environments.list()) {
      if (!env.autoRefresh) continue;
      const plan = this.plan(env);
      if (plan.due === null) {
        runs.push({ environmentId: env.id, status: plan.status });
        continue;
      }
      await this.refreshNow(env, plan.due);
      const after = this.ctx.store.environments.get(env.id);
      if (after !== undefined) runs.push({ environmentId: env.id, status: this.statusOf(after) });
    }
    return runs;
  }

  /** The earliest moment a status may change by itself: a refresh falling due or a wait ending. */
  nextWakeAt(): number | null {
    let next: number | null = null;
    for (const env of this.ctx.store.environments.list()) {
      if (!env.autoRefresh) continue;
      const { status } = this.plan(env);
      const at =
        status.state === 'scheduled' ? status.at : status.state === 'waiting' ? status.wait.until : null;
      if (at !== null) next = next === null ? at : Math.min(next, at);
    }
    return next;
  }

  private plan(env: EnvironmentRecord): { status: AutoRefreshStatus; due: Due | null } {
    if (!env.autoRefresh) return idle({ state: 'off' });
    const lineage = currentLineage(this.ctx, env);
    if (lineage === null)
      return idle({ state: 'idle', reason: holdsTokens(env) ? 'unknown_tokens' : 'no_tokens' });
    const access = this.ctx.store.tokens.get(lineage.accessTokenId);
    if (lineage.refreshTokenId === null || access === undefined)
      return idle({ state: 'idle', reason: 'no_refresh_token' });
    const now = this.ctx.now();
    const decision = readDecision(this.ctx.store.envTokens.decision(env.id), lineage.accessTokenId);
    if (decision?.kind === 'stopped')
      return idle({ state: 'stopped', since: decision.since, error: decision.error });
    if (decision?.kind === 'waiting' && decision.wait.until > now)
      return idle({ state: 'waiting', wait: decision.wait });
    const leadMs = this.leadFor(access);
    const at = (access.expiresAt ?? now) - leadMs;
    const status: AutoRefreshStatus = { state: 'scheduled', at, leadMs };
    if (at > now) return { status, due: null };
    return { status, due: { lineage, dueAt: at, previous: decision } };
  }

  /** A quarter of the token's life at most, so a short-lived sandbox token is not refreshed at birth. */
  private leadFor(access: TokenMeta): number {
    if (access.expiresAt === null) return this.leadMs;
    return Math.min(this.leadMs, Math.floor((access.expiresAt - access.createdAt) / 4));
  }

  private async refreshNow(env: EnvironmentRecord, due: Due): Promise<void> {
    const { ctx } = this;
    const { lineage } = due;
    const claim = { kind: 'claimed', dueAt: due.dueAt } as const;
    if (!ctx.store.envTokens.claim(env.id, lineage.accessTokenId, claim, ctx.now() - this.claimStaleMs))
      return;
    const result = await this.refresher.refresh({
      clientRef: lineage.clientRef,
      refreshTokenId: lineage.refreshTokenId ?? undefined,
      environmentId: env.id,
      force: false,
    });
    // On success the environment holds a new access token, and the claim went with the old one.
    if (result.ok && result.value.placement.written.includes(env.id)) return;
    const decision = decisionAfter(ctx, result, due.previous, {
      backoffMs: this.backoffMs,
      maxBackoffMs: this.maxBackoffMs,
      refreshTokenId: lineage.refreshTokenId,
    });
    if (ctx.store.envTokens.decide(env.id, lineage.accessTokenId, decision))
      ctx.emit('environments:status-changed', { environmentId: env.id });
  }
}

interface Due {
  readonly lineage: EnvTokenLineage;
  readonly dueAt: number;
  /** What was decided last about the same access token (a failure count to back off from). */
  readonly previous: Decision | null;
}

const idle = (status: AutoRefreshStatus) => ({ status, due: null });
