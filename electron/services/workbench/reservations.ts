import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { LedgerEvent, Proposal, RuleKey } from '../../../shared/limits/ledger-types';
import type { TokenMeta } from '../../../shared/workspace/model';
import type { ReservationRecord } from '../store';
import { newId, type WorkbenchContext } from './context';
import { guard, type GuardFailure } from './guard';

/**
 * The guard's check-and-record and the single-flight, shared by every process of a workspace
 * (architecture.md, "One workspace, many processes, one truth"). A request that may create tokens
 * first takes a reservation in the same IMMEDIATE transaction as the guard's check; while it is in
 * flight it counts as a creation for its rule keys, so parallel processes at 9 of 10 never send the
 * 11th. It ends with Zoho's answer (the creation, or the evidence of a refusal), or, when the answer
 * never comes (a cancelled consent, a dead process, a lost response), as an unconfirmed creation.
 */

const HOST = hostname();
/** This process, as reservations name their owner: host, pid, and a nonce against pid reuse. */
export const OWNER = `${HOST}/${process.pid}/${randomBytes(4).toString('hex')}`;

/** Finished flights are kept this long for callers that asked while they ran; then forgotten. */
const KEEP_FINISHED_MS = 10 * 60_000;
/** How often a caller waiting for another process's flight looks at it. */
const POLL_MS = 15;

export interface ReserveRequest {
  /** What the guard checks; null for requests no limit applies to beforehand (a pasted code). */
  readonly proposal: Proposal | null;
  /** The rule keys a creation counts under while the request is in flight. */
  readonly keys: readonly RuleKey[];
  /** What the request does; one request per flight is in flight, later callers join it. */
  readonly flight: string;
  readonly force: boolean;
  /** After this long (wall clock) a reservation whose owner is silent is abandoned. */
  readonly lifetimeMs: number;
  /** A flight that finished after this wall-clock moment answers this caller too. */
  readonly joinFinishedSince: number | null;
}

export type Reserved =
  { readonly kind: 'owner'; readonly id: string } | { readonly kind: 'join'; readonly id: string };

export function reserve(ctx: WorkbenchContext, request: ReserveRequest): Reserved | GuardFailure {
  const wall = Date.now();
  return ctx.store.transaction(() => {
    sweepAbandoned(ctx, wall);
    const running = ctx.store.reservations.activeFlight(request.flight);
    if (running !== undefined) return { kind: 'join', id: running.id };
    if (request.joinFinishedSince !== null) {
      const finished = ctx.store.reservations.finishedFlight(request.flight, request.joinFinishedSince);
      if (finished !== undefined && !isAbandoned(finished)) return { kind: 'join', id: finished.id };
    }
    if (request.proposal !== null) {
      const refused = guard(ctx, request.proposal, request.force, pendingCounts(ctx));
      if (refused !== null) return refused;
    }
    const id = newId('res');
    ctx.store.reservations.insert({
      id,
      flight: request.flight,
      keys: request.keys,
      at: ctx.now(),
      owner: OWNER,
      takenWall: wall,
      deadlineWall: wall + request.lifetimeMs,
      state: 'pending',
    });
    return { kind: 'owner', id };
  });
}

/** Pending creations per rule key, over every process's reservations. */
export function pendingCounts(ctx: WorkbenchContext): (key: RuleKey) => number {
  const counts = new Map<string, number>();
  for (const row of ctx.store.reservations.active()) {
    if (row.state !== 'pending') continue;
    for (const key of row.keys) counts.set(keyId(key), (counts.get(keyId(key)) ?? 0) + 1);
  }
  return (key) => counts.get(keyId(key)) ?? 0;
}

const keyId = (key: RuleKey): string => JSON.stringify(Object.entries(key).sort());

/** Zoho answered with tokens: their creations enter the ledger now, the rows once the values are stored. */
export function settleAnswered(
  ctx: WorkbenchContext,
  id: string,
  events: readonly LedgerEvent[],
  prepared: unknown,
): void {
  ctx.store.transaction(() => {
    for (const event of events) ctx.ledger.record(event);
    ctx.store.reservations.answered(id, prepared);
    ctx.store.reservations.setKeys(id, []);
  });
}

/** The values are in the keychain: the rows appear, and every caller of the flight gets `result`. */
export function settleDone(
  ctx: WorkbenchContext,
  id: string,
  rows: readonly TokenMeta[],
  result: unknown,
): void {
  ctx.store.transaction(() => {
    for (const row of rows) ctx.store.tokens.upsert(row);
    ctx.store.reservations.finish(id, 'done', result, Date.now());
  });
}

/** Zoho refused: what it proved is recorded, and every caller of the flight gets the same failure. */
export function settleFailed(
  ctx: WorkbenchContext,
  id: string,
  failure: unknown,
  evidence: readonly LedgerEvent[] = [],
): void {
  ctx.store.transaction(() => {
    for (const event of evidence) ctx.ledger.record(event);
    ctx.store.reservations.finish(id, 'failed', failure, Date.now());
  });
}

/**
 * No answer, so Zoho may have made the token anyway: it counts, unconfirmed, from now, under the
 * reservation's keys (or `keys`, when the caller knows better). `known` events are recorded as well.
 */
export function settleUnknown(
  ctx: WorkbenchContext,
  id: string,
  failure: unknown,
  known: readonly LedgerEvent[] = [],
  keys?: readonly RuleKey[],
): void {
  ctx.store.transaction(() => {
    const row = ctx.store.reservations.get(id);
    if (row === undefined) return;
    const at = ctx.now();
    for (const event of known) ctx.ledger.record(event);
    for (const key of keys ?? row.keys) ctx.ledger.record({ type: 'unconfirmed-creation', at, key });
    ctx.store.reservations.finish(id, 'failed', failure, Date.now());
  });
}

/** Zoho answered without tokens yet (a device code): what it made enters the ledger, nothing else. */
export function settleKnown(ctx: WorkbenchContext, id: string, known: readonly LedgerEvent[]): void {
  ctx.store.transaction(() => {
    for (const event of known) ctx.ledger.record(event);
    ctx.store.reservations.finish(id, 'done', null, Date.now());
  });
}

/** Nothing was sent (the keychain or the client's secret failed first): the slot is free again. */
export function release(ctx: WorkbenchContext, id: string): void {
  ctx.store.reservations.remove(id);
}

/**
 * Waits for another caller's flight to end. 'abandoned' when it ended without an answer to share
 * (released before sending, or its process died): the caller then tries for itself.
 */
export async function awaitFlight(
  ctx: WorkbenchContext,
  id: string,
): Promise<ReservationRecord | 'abandoned'> {
  for (;;) {
    const row = ctx.store.reservations.get(id);
    if (row === undefined || isAbandoned(row)) return 'abandoned';
    if (row.state === 'done' || row.state === 'failed') return row;
    if (isStale(row, Date.now())) {
      ctx.store.transaction(() => {
        sweepAbandoned(ctx, Date.now());
      });
      return 'abandoned';
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export const ABANDONED = 'abandoned';

const isAbandoned = (row: ReservationRecord): boolean =>
  row.state === 'failed' &&
  typeof row.result === 'object' &&
  row.result !== null &&
  (row.result as { code?: unknown }).code === ABANDONED;

/**
 * A reservation is abandoned when its process is gone (same host: the pid no longer runs) or, for a
 * process elsewhere, when its deadline passed. An answered one whose process still runs is never
 * abandoned: that process holds token values the keychain refused, until stored or discarded.
 */
export function isStale(row: ReservationRecord, wall: number): boolean {
  if (row.owner === OWNER || (row.state !== 'pending' && row.state !== 'answered')) return false;
  const [host, pid] = row.owner.split('/');
  if (host === HOST && !processRuns(Number(pid))) return true;
  if (row.state === 'answered' && host === HOST) return false;
  return wall > row.deadlineWall;
}

function processRuns(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    // EPERM: it runs, as another user.
    return (error as { code?: unknown }).code === 'EPERM';
  }
}

/**
 * Ends what dead processes left pending: each counts, unconfirmed, as made at its deadline or now,
 * whichever came first (the latest moment its request can have reached Zoho). Answered ones are left
 * for `recoverAnswered` (their values may be in the keychain). Runs inside reserve's transaction.
 */
function sweepAbandoned(ctx: WorkbenchContext, wall: number): void {
  for (const row of ctx.store.reservations.active()) {
    if (row.state !== 'pending' || !isStale(row, wall)) continue;
    const at = Math.min(ctx.now(), row.at + (row.deadlineWall - row.takenWall));
    for (const key of row.keys) ctx.ledger.record({ type: 'unconfirmed-creation', at, key });
    ctx.store.reservations.finish(row.id, 'failed', { code: ABANDONED }, wall);
  }
  ctx.store.reservations.forgetFinishedBefore(wall - KEEP_FINISHED_MS);
}
