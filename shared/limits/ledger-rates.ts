import type { RuleKey, RuleUsage } from './ledger-types';
import type { RateRule } from './profile';

/**
 * The creation times counted against one rule key, and the moments Zoho answered Access Denied for it.
 * `creations` holds every counted creation, confirmed or not; `unconfirmed` repeats the ones Tokenbench
 * may have caused without ever hearing the answer, so the meters can say how many there are.
 */
export interface RateTrack {
  /** Ascending; equal times keep their append order. */
  readonly creations: number[];
  readonly unconfirmed: number[];
  readonly denials: number[];
  /** Creations each denial proves the ledger did not see, in the order of `denials`; null when stale. */
  inferred: number[] | null;
}

export const newRateTrack = (): RateTrack => ({ creations: [], unconfirmed: [], denials: [], inferred: [] });

export function addCreation(track: RateTrack, at: number, confirmed: boolean): void {
  insertSorted(track.creations, at);
  if (!confirmed) insertSorted(track.unconfirmed, at);
  track.inferred = null;
}

export function addDenial(track: RateTrack, at: number): void {
  insertSorted(track.denials, at);
  track.inferred = null;
}

/**
 * How many entries of the ascending `times` are <= `t`. Gallops back from the end before the binary
 * search, so a query near the latest entries (a check at "now") costs O(log distance-from-end), not
 * O(log length): checks stay as fast on a year of history as on an hour of it.
 */
export function countUpTo(times: readonly number[], t: number): number {
  let above = times.length; // every index >= above holds a time > t
  let step = 1;
  let probe = above - step;
  while (probe >= 0 && (times[probe] ?? t) > t) {
    above = probe;
    step *= 2;
    probe = above - step;
  }
  let low = Math.max(probe + 1, 0);
  while (low < above) {
    const mid = (low + above) >>> 1;
    if ((times[mid] ?? t) > t) above = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * Adds `t` after every entry <= t. In time order that is a push (amortised O(1)); a late arrival is
 * spliced into place, which shifts the later entries but copies nothing else.
 */
export function insertSorted(times: number[], t: number): void {
  const last = times[times.length - 1];
  if (last === undefined || last <= t) times.push(t);
  else times.splice(countUpTo(times, t), 0, t);
}

/**
 * Access Denied is evidence (architecture.md, "One workspace, many processes, one truth"). Zoho
 * denies only while its window is full (sandbox README, "Rate windows and lock-out"), so a denial at
 * `d` proves `perWindow` creations in (d - W, d]. Those the ledger did not see (made by another
 * machine, newman, an SDK) are inferred, placed at `d`: the latest they can have been, so they are
 * counted no shorter than Zoho counts them. A denial the ledger can explain adds nothing, and a retry
 * during the lock-out is explained by the first denial's inferred creations, so it extends nothing.
 */
function inferredPerDenial(track: RateTrack, rule: RateRule): number[] {
  if (track.inferred !== null) return track.inferred;
  const inferred: number[] = [];
  let first = 0; // the oldest earlier denial still inside the current denial's window
  let inWindow = 0; // inferred creations of denials first..i-1
  track.denials.forEach((d, i) => {
    while (first < i && (track.denials[first] ?? d) <= d - rule.windowMs) {
      inWindow -= inferred[first] ?? 0;
      first += 1;
    }
    const seen = countUpTo(track.creations, d) - countUpTo(track.creations, d - rule.windowMs);
    const missing = Math.max(0, rule.perWindow - seen - inWindow);
    inferred.push(missing);
    inWindow += missing;
  });
  track.inferred = inferred;
  return inferred;
}

/** The `n`-th most recent (1-based) of the creations and inferred creations at or before `t`. */
function nthMostRecent(
  creations: readonly number[],
  phantoms: readonly Phantoms[],
  t: number,
  n: number,
): number | undefined {
  let c = countUpTo(creations, t) - 1;
  let p = phantoms.length - 1;
  while (p >= 0 && (phantoms[p]?.at ?? t) > t) p -= 1;
  let left = n;
  for (;;) {
    const creation = creations[c];
    const phantom = phantoms[p];
    if (creation === undefined && phantom === undefined) return undefined;
    // Equal times: either order gives the same moment.
    if (phantom !== undefined && (creation === undefined || phantom.at >= creation)) {
      if (left <= phantom.count) return phantom.at;
      left -= phantom.count;
      p -= 1;
    } else if (creation !== undefined) {
      left -= 1;
      if (left === 0) return creation;
      c -= 1;
    }
  }
}

/**
 * The rule's use at `at` over the window (at - windowMs, at]. Only what happened by `at` counts, so a
 * query about the past answers as the ledger would have answered then. `pending` creations (requests
 * in flight from any process sharing the workspace) count as made at `at`.
 */
export function measureRule(
  key: RuleKey,
  rule: RateRule,
  track: RateTrack | undefined,
  at: number,
  pending = 0,
): RuleUsage {
  const creations = track?.creations ?? [];
  const denials = track?.denials ?? [];
  const inferred = track === undefined ? [] : inferredPerDenial(track, rule);
  const since = at - rule.windowMs;
  const phantoms = phantomsIn(denials, inferred, since, at);
  const seen = countUpTo(creations, at) - countUpTo(creations, since);
  const inferredCount = phantoms.reduce((sum, p) => sum + p.count, 0);
  const used = seen + inferredCount + pending;
  const nextSlotAt =
    used < rule.perWindow
      ? null
      : pending >= rule.perWindow
        ? at + rule.windowMs
        : (nthMostRecent(creations, phantoms, at, rule.perWindow - pending) ?? at) + rule.windowMs;
  const blockedUntil = lockOut(creations, denials, inferred, rule, at);
  const unconfirmed = track?.unconfirmed ?? [];
  return {
    key,
    at,
    used,
    allowed: rule.perWindow,
    windowMs: rule.windowMs,
    nextSlotAt,
    blockedUntil,
    allowedAt:
      nextSlotAt === null && blockedUntil === null ? null : Math.max(nextSlotAt ?? at, blockedUntil ?? at),
    inferred: inferredCount,
    unconfirmed: countUpTo(unconfirmed, at) - countUpTo(unconfirmed, since),
    pending,
  };
}

interface Phantoms {
  readonly at: number;
  readonly count: number;
}

/** The inferred creations of the denials in (from, to], oldest first. */
function phantomsIn(
  denials: readonly number[],
  inferred: readonly number[],
  from: number,
  to: number,
): Phantoms[] {
  const phantoms: Phantoms[] = [];
  for (let i = countUpTo(denials, from); i < countUpTo(denials, to); i++) {
    const count = inferred[i] ?? 0;
    if (count > 0) phantoms.push({ at: denials[i] ?? to, count });
  }
  return phantoms;
}

/**
 * After the latest Access Denied in the window: the moment Zoho frees a slot again, i.e. when the
 * oldest of the `perWindow` creations that filled its window at the denial leaves it. The same moment
 * as `nextSlotAt`, since nothing is created while denied; null once it has passed.
 */
function lockOut(
  creations: readonly number[],
  denials: readonly number[],
  inferred: readonly number[],
  rule: RateRule,
  at: number,
): number | null {
  const latest = denials[countUpTo(denials, at) - 1];
  if (latest === undefined || latest <= at - rule.windowMs) return null;
  const phantoms = phantomsIn(denials, inferred, latest - rule.windowMs, latest);
  const oldest = nthMostRecent(creations, phantoms, latest, rule.perWindow);
  const until = (oldest ?? latest) + rule.windowMs;
  return until > at ? until : null;
}
