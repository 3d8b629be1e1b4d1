import {
  laneKindOf,
  type TimelineBar,
  type TimelineDenial,
  type TimelineLane,
  type TimelineSlice,
} from '../../../../shared/ipc/timeline';
import type { TokenStatus } from '../../../../shared/limits/ledger-types';
import { assignTracks, laneHeight, laneOffsets, type TimeRange } from './timeline-layout';

/**
 * The token timeline's data: a mutable store keyed by token id. Slices from `tokens:timeline` are
 * merged in place: a new token is appended to its lane's array (or inserted, if it is older than
 * the lane's last), a changed one is updated inside the entry it already has, and nothing else is
 * touched, so a refresh costs O(what changed), never a copy of the history (architecture.md,
 * "Renderer"). Readers follow `version`.
 */
export interface BarEntry {
  bar: TimelineBar;
  /** The track inside its lane, set by the lane's packing. */
  track: number;
}

export interface LaneEntry {
  lane: TimelineLane;
  /** In creation order. */
  readonly bars: BarEntry[];
  /** From the first bar's creation to the latest expiry among them: when the lane has bars to show. */
  barsFrom: number;
  barsTo: number;
  trackCount: number;
  /** The packing is stale (a bar came). */
  dirty: boolean;
}

/** The lanes a time range shows, newest first, with their tops: what the canvas and the list draw. */
export interface RowSet {
  readonly lanes: readonly LaneEntry[];
  /** Row tops, then the total height (see laneOffsets). */
  readonly offsets: readonly number[];
  readonly index: ReadonlyMap<string, number>;
}

export class TimelineModel {
  /** Oldest lane first, so new lanes append; the view shows them newest first. */
  readonly lanes: LaneEntry[] = [];
  readonly grants: number[] = [];
  readonly denials: TimelineDenial[] = [];
  /** The moment of the latest slice's states. */
  at = 0;
  /** Bumped by every merge that changed something. */
  version = 0;
  /** The ranges merged so far, as one span (they always touch: each is a view of now or a zoom of it). */
  covered: TimeRange | null = null;
  private readonly laneById = new Map<string, LaneEntry>();
  private readonly barById = new Map<string, BarEntry>();
  private readonly denialKeys = new Set<string>();
  private rowsKey = '';
  private rowsCache: RowSet = { lanes: [], offsets: [0], index: new Map() };

  constructor(readonly clientRef: string) {}

  get barCount(): number {
    return this.barById.size;
  }

  lane(id: string): LaneEntry | undefined {
    return this.laneById.get(id);
  }

  bar(id: string): BarEntry | undefined {
    return this.barById.get(id);
  }

  /** Folds a slice in; answers whether anything changed. */
  merge(slice: TimelineSlice): boolean {
    let changed = false;
    for (const lane of slice.lanes) changed = this.mergeLane(lane) || changed;
    for (const bar of slice.bars) changed = this.mergeBar(bar) || changed;
    for (const at of slice.grants) changed = mergeTime(this.grants, at) || changed;
    for (const denial of slice.denials) {
      const key = `${denial.at}|${denial.rule}|${denial.laneId ?? ''}`;
      if (this.denialKeys.has(key)) continue;
      this.denialKeys.add(key);
      this.denials.push(denial);
      changed = true;
    }
    this.at = Math.max(this.at, slice.at);
    this.covered =
      this.covered === null
        ? { from: slice.from, to: slice.to }
        : { from: Math.min(this.covered.from, slice.from), to: Math.max(this.covered.to, slice.to) };
    if (changed) this.version += 1;
    return changed;
  }

  /**
   * The lanes with something in `range` (the refresh token's life, or a bar), newest first, packed and
   * measured. Cached per version, range length and minute, so a repaint costs nothing and a lane that
   * ends leaves the view within a minute.
   */
  rows(range: TimeRange): RowSet {
    const key = `${this.version}|${range.to - range.from}|${Math.floor(range.from / 60_000)}`;
    if (key === this.rowsKey) return this.rowsCache;
    const lanes: LaneEntry[] = [];
    for (let i = this.lanes.length - 1; i >= 0; i -= 1) {
      const entry = this.lanes[i] as LaneEntry;
      if (!shows(entry, range)) continue;
      if (entry.dirty) pack(entry);
      lanes.push(entry);
    }
    this.rowsCache = {
      lanes,
      offsets: laneOffsets(lanes.map((e) => laneHeight(e.trackCount))),
      index: new Map(lanes.map((e, i) => [e.lane.id, i])),
    };
    this.rowsKey = key;
    return this.rowsCache;
  }

  private mergeLane(lane: TimelineLane): boolean {
    const entry = this.laneById.get(lane.id);
    if (entry === undefined) {
      const created: LaneEntry = {
        lane,
        bars: [],
        barsFrom: Number.POSITIVE_INFINITY,
        barsTo: Number.NEGATIVE_INFINITY,
        trackCount: 1,
        dirty: false,
      };
      this.laneById.set(lane.id, created);
      insertBy(this.lanes, created, (e) => e.lane.createdAt);
      return true;
    }
    if (sameLane(entry.lane, lane)) return false;
    // An online lane's start is its first token seen; keep the earliest.
    entry.lane = { ...lane, createdAt: Math.min(entry.lane.createdAt, lane.createdAt) };
    return true;
  }

  private mergeBar(bar: TimelineBar): boolean {
    const known = this.barById.get(bar.id);
    if (known !== undefined) {
      if (sameBar(known.bar, bar)) return false;
      const moved = known.bar.expiresAt !== bar.expiresAt;
      known.bar = bar;
      const lane = this.laneById.get(bar.laneId);
      if (lane !== undefined && moved) lane.dirty = true;
      return true;
    }
    const lane = this.laneById.get(bar.laneId) ?? this.orphanLane(bar);
    const entry: BarEntry = { bar, track: 0 };
    this.barById.set(bar.id, entry);
    insertBy(lane.bars, entry, (e) => e.bar.createdAt);
    lane.barsFrom = Math.min(lane.barsFrom, bar.createdAt);
    lane.barsTo = Math.max(lane.barsTo, bar.expiresAt);
    lane.dirty = true;
    return true;
  }

  /** A bar whose lane the slice did not carry (never expected; drawn rather than lost). */
  private orphanLane(bar: TimelineBar): LaneEntry {
    this.mergeLane({
      id: bar.laneId,
      kind: laneKindOf(bar.laneId),
      fingerprint: null,
      userId: '',
      userLabel: null,
      dcId: '',
      createdAt: bar.createdAt,
      status: 'active',
      endedAt: null,
      evictedBy: null,
      nextToEvict: false,
      environments: [],
      live: 0,
      maxAlive: 0,
    });
    return this.laneById.get(bar.laneId) as LaneEntry;
  }
}

/** A refresh token's life meets the range, or one of its bars (with the dashed rest of an ended one) does. */
function shows(entry: LaneEntry, range: TimeRange): boolean {
  if (entry.barsFrom < range.to && entry.barsTo > range.from) return true;
  const { lane } = entry;
  return (
    lane.kind === 'refresh' &&
    lane.createdAt < range.to &&
    (lane.endedAt ?? Number.POSITIVE_INFINITY) > range.from
  );
}

/** Where a bar stops: its eviction or revocation, else its expiry. */
export function barEnd(bar: TimelineBar): number {
  return (bar.status === 'evicted' || bar.status === 'revoked') && bar.endedAt !== null
    ? bar.endedAt
    : bar.expiresAt;
}

/** The state now: an active token past its expiry is expired, whatever the slice said then. */
export function statusAt(bar: Pick<TimelineBar, 'status' | 'expiresAt'>, now: number): TokenStatus {
  return bar.status === 'active' && bar.expiresAt <= now ? 'expired' : bar.status;
}

/**
 * Tracks are packed by each token's planned life (to its expiry), so an evicted or revoked token keeps
 * its track for the dashed rest of its life and the next token never looks like its continuation; it
 * also means an eviction never moves other bars.
 */
function pack(entry: LaneEntry): void {
  const { tracks, count } = assignTracks(
    entry.bars.map((e) => ({ createdAt: e.bar.createdAt, end: e.bar.expiresAt })),
  );
  entry.bars.forEach((e, i) => {
    e.track = tracks[i] ?? 0;
  });
  entry.trackCount = count;
  entry.dirty = false;
}

/** Appends when `item` sorts last (the usual case: a new token), else inserts in order. */
export function insertBy<T>(items: T[], item: T, key: (t: T) => number): void {
  const k = key(item);
  const last = items.at(-1);
  if (last === undefined || key(last) <= k) {
    items.push(item);
    return;
  }
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid] as T) <= k) lo = mid + 1;
    else hi = mid;
  }
  items.splice(lo, 0, item);
}

function mergeTime(times: number[], at: number): boolean {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] ?? 0) < at) lo = mid + 1;
    else hi = mid;
  }
  if (times[lo] === at) return false;
  times.splice(lo, 0, at);
  return true;
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

function sameBar(a: TimelineBar, b: TimelineBar): boolean {
  return (
    a.status === b.status &&
    a.endedAt === b.endedAt &&
    a.expiresAt === b.expiresAt &&
    a.evictedBy === b.evictedBy &&
    a.nextToEvict === b.nextToEvict &&
    a.endedWithParent === b.endedWithParent &&
    sameList(a.environments, b.environments)
  );
}

function sameLane(a: TimelineLane, b: TimelineLane): boolean {
  return (
    a.status === b.status &&
    a.endedAt === b.endedAt &&
    a.evictedBy === b.evictedBy &&
    a.nextToEvict === b.nextToEvict &&
    a.live === b.live &&
    a.maxAlive === b.maxAlive &&
    a.userLabel === b.userLabel &&
    a.identity?.at === b.identity?.at &&
    a.createdAt <= b.createdAt &&
    sameList(a.environments, b.environments)
  );
}
