import type { RuleKey, RuleUsage } from './ledger-types';
import type { RateRule } from './profile';

/** The creation times counted against one rule key, and the moments Zoho answered Access Denied for it. */
export interface RateTrack {
  /** Ascending; equal times keep their append order. */
  readonly creations: number[];
  readonly denials: number[];
}

export const newRateTrack = (): RateTrack => ({ creations: [], denials: [] });

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
 * Zoho says only that after `Access Denied` "further generation is blocked for a while" (zoho-oauth.md,
 * "Token limits"). Our reading: the key is blocked for one whole window from the denial, because Zoho's
 * own advice is to wait until the 10-minute window frees a slot. A denial at `d` blocks `d <= t < d + W`.
 */
function blockedUntil(denials: readonly number[], windowMs: number, at: number): number | null {
  const latest = denials[countUpTo(denials, at) - 1];
  if (latest === undefined) return null;
  const until = latest + windowMs;
  return until > at ? until : null;
}

/**
 * The rule's use at `at` over the window (at - windowMs, at]. Only what happened by `at` counts, so a
 * query about the past answers as the ledger would have answered then.
 */
export function measureRule(
  key: RuleKey,
  rule: RateRule,
  track: RateTrack | undefined,
  at: number,
): RuleUsage {
  const creations = track?.creations ?? [];
  const upTo = countUpTo(creations, at);
  const used = upTo - countUpTo(creations, at - rule.windowMs);
  const blocker = creations[upTo - rule.perWindow];
  const nextSlotAt = used >= rule.perWindow && blocker !== undefined ? blocker + rule.windowMs : null;
  const blocked = blockedUntil(track?.denials ?? [], rule.windowMs, at);
  const allowedAt =
    nextSlotAt === null && blocked === null ? null : Math.max(nextSlotAt ?? at, blocked ?? at);
  return {
    key,
    at,
    used,
    allowed: rule.perWindow,
    windowMs: rule.windowMs,
    nextSlotAt,
    blockedUntil: blocked,
    allowedAt,
  };
}
