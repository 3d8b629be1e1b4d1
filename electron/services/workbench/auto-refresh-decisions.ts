import { z } from 'zod';
import type { AutoRefreshWait } from '../../../shared/ipc/env-status';
import type { GuardRefusal } from '../../../shared/ipc/views';
import type { StoredDecision } from '../store';
import type { WorkbenchContext } from './context';
import type { RefreshResult } from './refresh';

/** What auto-refresh decided about one access token of an environment, as kept in SQLite. */
export type Decision =
  | { readonly kind: 'claimed'; readonly dueAt: number }
  | { readonly kind: 'waiting'; readonly wait: AutoRefreshWait }
  | {
      readonly kind: 'stopped';
      readonly since: number;
      readonly error: { readonly code: string; readonly message: string };
    };

const until = z.number().int();
const DECISION = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('claimed'), dueAt: z.number().int() }),
  z.strictObject({
    kind: z.literal('waiting'),
    wait: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.enum(['rate', 'blocked', 'cap', 'busy']), until }),
      z.strictObject({
        kind: z.enum(['keychain', 'network']),
        until,
        code: z.string(),
        failures: z.number().int().positive(),
      }),
    ]),
  }),
  z.strictObject({
    kind: z.literal('stopped'),
    since: z.number().int(),
    error: z.strictObject({ code: z.string(), message: z.string() }),
  }),
]);

/**
 * The decision about this access token, if one was recorded; one about an older token, or one
 * written by another version that this one cannot read, does not apply.
 */
export function readDecision(stored: StoredDecision | undefined, accessTokenId: string): Decision | null {
  if (stored?.accessTokenId !== accessTokenId) return null;
  const parsed = DECISION.safeParse(stored.decision);
  return parsed.success ? parsed.data : null;
}

/** The network, not Zoho's judgement: worth trying again later. */
const TRANSIENT = new Set(['timeout', 'network_error', 'http_error', 'malformed_response']);
const KEYCHAIN = new Set(['keychain_unavailable']);
/** Another process holds the refresh token's single-flight (core's cross-process refresh). */
const BUSY = /(^|_)(in_flight|busy)$/;
const BUSY_RETRY_MS = 2_000;

export interface Backoff {
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  readonly refreshTokenId: string | null;
}

/** What a failed (or unplaced) refresh means for the schedule: wait until when, or stop and say why. */
export function decisionAfter(
  ctx: WorkbenchContext,
  result: RefreshResult,
  previous: Decision | null,
  backoff: Backoff,
): Decision {
  const now = ctx.now();
  if (result.ok) {
    // Zoho issued a token but the environment could not take it (the keychain refused): retry.
    return backingOff('keychain', 'keychain_unavailable', now, previous, backoff);
  }
  const { code } = result;
  if (code === 'limit_guard') return guardDecision(result, now);
  if (code === 'access_denied_limit') {
    const allowedAt = blockedUntil(ctx, backoff.refreshTokenId, now);
    return { kind: 'waiting', wait: { kind: 'blocked', until: allowedAt } };
  }
  if (KEYCHAIN.has(code)) return backingOff('keychain', code, now, previous, backoff);
  if (TRANSIENT.has(code)) return backingOff('network', code, now, previous, backoff);
  if (BUSY.test(code)) return { kind: 'waiting', wait: { kind: 'busy', until: now + BUSY_RETRY_MS } };
  return { kind: 'stopped', since: now, error: { code, message: result.message } };
}

function backingOff(
  kind: 'keychain' | 'network',
  code: string,
  now: number,
  previous: Decision | null,
  { backoffMs, maxBackoffMs }: Backoff,
): Decision {
  const before = previous?.kind === 'waiting' && previous.wait.kind === kind ? previous.wait.failures : 0;
  const failures = before + 1;
  const wait = Math.min(maxBackoffMs, backoffMs * 2 ** (failures - 1));
  return { kind: 'waiting', wait: { kind, until: now + wait, code, failures } };
}

/**
 * The guard says when it is allowed: a rate's next slot (or the end of an Access Denied block), or
 * when a full access-token cap frees a place by expiry, so auto-refresh never evicts a token another
 * environment may hold. A refusal with no such moment (a revoked refresh token) stops it.
 */
function guardDecision(result: Extract<RefreshResult, { ok: false }>, now: number): Decision {
  const detail = (result as { detail?: Partial<GuardRefusal> }).detail;
  const answer = detail?.answer;
  const allowedAt = detail?.allowedAt ?? null;
  if (answer !== undefined && allowedAt !== null && allowedAt > now) {
    if (answer.verdict === 'allowed-with-evictions')
      return { kind: 'waiting', wait: { kind: 'cap', until: allowedAt } };
    if (answer.verdict === 'rate-exceeded') {
      const blocked = answer.rates.some((r) => r.blockedUntil !== null && r.blockedUntil > now);
      return { kind: 'waiting', wait: { kind: blocked ? 'blocked' : 'rate', until: allowedAt } };
    }
  }
  return { kind: 'stopped', since: now, error: { code: result.code, message: result.message } };
}

/** After Access Denied the ledger holds the block; its end is when a refresh is allowed again. */
function blockedUntil(ctx: WorkbenchContext, refreshTokenId: string | null, now: number): number {
  const fallback = now + ctx.ledger.profile.access.windowMs;
  if (refreshTokenId === null) return fallback;
  const answer = ctx.ledger.ledger.check({ kind: 'refresh', refreshTokenId }, now);
  return answer.verdict === 'rate-exceeded' ? answer.allowedAt : fallback;
}
