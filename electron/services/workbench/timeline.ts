import {
  accessLaneId,
  laneKindOf,
  type TimelineBar,
  type TimelineDenial,
  type TimelineLane,
  type TimelineSlice,
} from '../../../shared/ipc/timeline';
import type { LedgerEvent, LimitLedger, TokenView } from '../../../shared/limits/ledger';
import { fail, ok, type Failure, type Ok } from '../../../shared/result';
import type { TokenMeta } from '../../../shared/workspace/model';
import { creationCertainty } from '../../../shared/workspace/token-origin';
import type { LedgerEventsTable } from '../store/ledger-events';
import type { WorkbenchContext } from './context';
import { environmentHolders } from './views';

/**
 * Zoho's access tokens live an hour (zoho-oauth.md, "Token endpoint"); one created this long before
 * a range cannot reach into it. Tokens live at the range's start are also asked of the ledger, so a
 * longer-lived one is not lost either.
 */
const LOOK_BACK_MS = 2 * 60 * 60 * 1000;

/**
 * The token timeline's range of one client: lanes (refresh tokens), bars (access tokens), grant codes
 * and Access Denied answers. It reads the ledger's events from the range's start only, found by a
 * binary search over their sequence numbers, so its cost follows the range, not the history.
 */
export function timelineSlice(
  ctx: WorkbenchContext,
  clientRef: string,
  from: number,
  to: number,
): Ok<TimelineSlice> | Failure {
  const client = ctx.store.clients.get(clientRef, { includeRemoved: true });
  if (client === undefined) return fail('client_not_found', `No client "${clientRef}" in this workspace.`);
  const at = ctx.now();
  const ledger = ctx.ledger.ledger;
  const seen = scan(ctx.store.ledger, ledger, client.zohoClientId, from, to);
  for (const userId of seen.users) {
    for (const moment of [from, at]) {
      for (const id of ledger.liveRefreshTokens(client.zohoClientId, userId, moment).liveIds)
        seen.lanes.add(id);
    }
  }
  for (const rt of seen.lanes)
    for (const id of ledger.liveAccessTokens(rt, from).liveIds) seen.access.add(id);

  const metas = new Map<string, TokenMeta>();
  const metaOf = (id: string): TokenMeta | undefined => {
    const known = metas.get(id);
    if (known !== undefined) return known;
    const meta = ctx.store.tokens.get(id);
    if (meta?.clientRef === clientRef) metas.set(id, meta);
    return meta?.clientRef === clientRef ? meta : undefined;
  };
  const accessViews = [...seen.access]
    .map((id) => ledger.tokenAt(id, at))
    .filter(
      (view): view is TokenView =>
        view !== undefined && overlaps(view, from, to) && metaOf(view.id) !== undefined,
    )
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const withBars = new Set(accessViews.map((view) => view.parentId));
  const laneViews = [...seen.lanes]
    .map((id) => ledger.tokenAt(id, at))
    .filter((view): view is TokenView => view !== undefined && metaOf(view.id) !== undefined)
    .filter((view) => withBars.has(view.id) || overlaps(view, from, to));
  const holders = environmentHolders(ctx.store.environments.list(), [...metas.values()]);
  const build = new SliceBuilder(ctx, ledger, client.zohoClientId, at, metaOf, holders, seen.exchanged);
  const bars = accessViews.map((view) => build.bar(view));
  const lanes = [...laneViews.map((view) => build.lane(view)), ...build.onlineLanes(bars)];
  return ok({ clientRef, at, from, to, lanes, bars, grants: seen.grants, denials: seen.denials });
}

const overlaps = (view: TokenView, from: number, to: number): boolean =>
  view.createdAt < to && (view.endedAt ?? view.expiresAt ?? Number.POSITIVE_INFINITY) > from;

interface Seen {
  readonly lanes: Set<string>;
  readonly access: Set<string>;
  readonly users: Set<string>;
  readonly exchanged: Set<string>;
  readonly grants: number[];
  readonly denials: TimelineDenial[];
}

/** What the client's events from `from - LOOK_BACK_MS` on name: tokens, users, grants, denials. */
function scan(
  events: LedgerEventsTable,
  ledger: LimitLedger,
  clientId: string,
  from: number,
  to: number,
): Seen {
  const seen: Seen = {
    lanes: new Set(),
    access: new Set(),
    users: new Set(),
    exchanged: new Set(),
    grants: [],
    denials: [],
  };
  const ours = (tokenId: string) => ledger.tokenAt(tokenId, Number.MAX_SAFE_INTEGER)?.clientId === clientId;
  const inRange = (at: number) => at >= from && at <= to;
  for (const { event } of events.after(seqBefore(events, from - LOOK_BACK_MS))) {
    // Events are appended in time order; a late one is at most a little late, so read a margin past `to`.
    if (event.at > to + LOOK_BACK_MS) break;
    visit(event, seen, clientId, ours, inRange);
  }
  return seen;
}

function visit(
  event: LedgerEvent,
  seen: Seen,
  clientId: string,
  ours: (tokenId: string) => boolean,
  inRange: (at: number) => boolean,
): void {
  switch (event.type) {
    case 'grant-code-issued':
      if (event.clientId === clientId && inRange(event.at)) seen.grants.push(event.at);
      return;
    case 'refresh-token-created':
      if (event.clientId !== clientId) return;
      seen.lanes.add(event.id);
      seen.users.add(event.userId);
      return;
    case 'access-token-created':
      if (event.clientId !== clientId) return;
      seen.access.add(event.id);
      seen.users.add(event.userId);
      if (event.refreshTokenId !== null) seen.lanes.add(event.refreshTokenId);
      if (event.viaCodeExchange === true) seen.exchanged.add(event.id);
      return;
    case 'refresh-token-revoked':
    case 'access-token-revoked':
      if (ours(event.id)) (event.type === 'refresh-token-revoked' ? seen.lanes : seen.access).add(event.id);
      return;
    case 'access-denied': {
      const key = event.key;
      const mine = key.rule === 'access' ? ours(key.refreshTokenId) : key.clientId === clientId;
      if (mine && inRange(event.at)) {
        const laneId = key.rule === 'access' ? key.refreshTokenId : null;
        seen.denials.push({ at: event.at, rule: key.rule, laneId });
      }
      return;
    }
  }
}

/**
 * The largest sequence number whose event is before `at` (0 if none), by binary search: the ledger
 * table is append-only and appended in time order, and reading the first event after a number costs
 * one small query.
 */
function seqBefore(events: LedgerEventsTable, at: number): number {
  let lo = 0;
  let hi = events.lastSeq();
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const cursor = events.after(mid);
    const next = cursor.next();
    cursor.return(undefined);
    if (next.done === true || next.value.event.at >= at) hi = mid;
    else lo = next.value.seq;
  }
  return lo;
}

/** Turns ledger views and metadata into the slice's lanes and bars, asking each cap once. */
class SliceBuilder {
  private readonly caps = new Map<string, { oldest: string | null; full: boolean; live: number }>();

  constructor(
    private readonly ctx: WorkbenchContext,
    private readonly ledger: LimitLedger,
    private readonly clientId: string,
    private readonly at: number,
    private readonly metaOf: (id: string) => TokenMeta | undefined,
    private readonly holders: Map<string, string[]>,
    private readonly exchanged: ReadonlySet<string>,
  ) {}

  bar(view: TokenView): TimelineBar {
    const meta = this.metaOf(view.id);
    const cap = view.parentId === null ? null : this.accessCap(view.parentId);
    return {
      id: view.id,
      laneId: accessLaneId(view.parentId, view.userId, meta?.grant),
      fingerprint: meta?.fingerprint ?? view.id,
      createdAt: view.createdAt,
      ...certaintyOf(meta),
      expiresAt: view.expiresAt ?? meta?.expiresAt ?? view.createdAt,
      status: view.status,
      endedAt: view.endedAt,
      evictedBy: this.fingerprintOf(view.evictedBy),
      endedWithParent: view.endedWithParent,
      nextToEvict: view.status === 'active' && cap !== null && cap.full && cap.oldest === view.id,
      viaCodeExchange:
        this.exchanged.has(view.id) ||
        (view.parentId !== null && this.ledger.tokenAt(view.parentId, this.at)?.createdAt === view.createdAt),
      environments: this.holders.get(view.id) ?? [],
    };
  }

  lane(view: TokenView): TimelineLane {
    const meta = this.metaOf(view.id);
    const family = this.ledger.liveRefreshTokens(this.clientId, view.userId, this.at);
    const cap = this.accessCap(view.id);
    return {
      id: view.id,
      kind: 'refresh',
      fingerprint: meta?.fingerprint ?? null,
      userId: view.userId,
      userLabel: meta?.userLabel ?? null,
      ...(meta?.identity === undefined ? {} : { identity: meta.identity }),
      dcId: meta?.dcId ?? view.dc,
      createdAt: view.createdAt,
      ...certaintyOf(meta),
      status: view.status,
      endedAt: view.endedAt,
      evictedBy: this.fingerprintOf(view.evictedBy),
      nextToEvict: view.status === 'active' && family.wouldEvictOnNext && family.oldestLiveId === view.id,
      environments: this.holders.get(view.id) ?? [],
      live: view.status === 'active' ? cap.live : 0,
      maxAlive: this.ledger.profile.access.maxAlive,
    };
  }

  /**
   * Online access tokens have no refresh token: one lane per user gathers them. Client-credentials
   * tokens have neither a refresh token nor a consenting user: one lane per organization.
   */
  onlineLanes(bars: readonly TimelineBar[]): TimelineLane[] {
    const lanes = new Map<string, TimelineLane>();
    for (const bar of bars) {
      const kind = laneKindOf(bar.laneId);
      if (kind === 'refresh' || lanes.has(bar.laneId)) continue;
      const meta = this.metaOf(bar.id);
      const own = bars.filter((b) => b.laneId === bar.laneId);
      const live = own.filter((b) => b.status === 'active' && b.expiresAt > this.at).length;
      lanes.set(bar.laneId, {
        id: bar.laneId,
        kind,
        ...(kind === 'client-credentials' ? { soid: meta?.grant?.soid ?? null } : {}),
        fingerprint: null,
        userId: meta?.userId ?? bar.laneId.slice(bar.laneId.indexOf(':') + 1),
        userLabel: meta?.userLabel ?? null,
        ...(meta?.identity === undefined ? {} : { identity: meta.identity }),
        dcId: meta?.dcId ?? '',
        createdAt: bar.createdAt,
        status: live > 0 ? 'active' : 'expired',
        endedAt: null,
        evictedBy: null,
        nextToEvict: false,
        environments: [],
        live,
        maxAlive: 0,
      });
    }
    return [...lanes.values()];
  }

  private accessCap(refreshTokenId: string) {
    const known = this.caps.get(refreshTokenId);
    if (known !== undefined) return known;
    const live = this.ledger.liveAccessTokens(refreshTokenId, this.at);
    const cap = { oldest: live.oldestLiveId, full: live.wouldEvictOnNext, live: live.live };
    this.caps.set(refreshTokenId, cap);
    return cap;
  }

  private fingerprintOf(id: string | null): string | null {
    if (id === null) return null;
    return this.metaOf(id)?.fingerprint ?? this.ctx.store.tokens.get(id)?.fingerprint ?? null;
  }
}

/** Only an imported token carries a certainty: the field stays absent for the exact ones. */
function certaintyOf(meta: TokenMeta | undefined): { createdCertainty?: 'estimated' | 'unknown' } {
  const certainty = meta === undefined ? 'exact' : creationCertainty(meta);
  return certainty === 'exact' ? {} : { createdCertainty: certainty };
}
