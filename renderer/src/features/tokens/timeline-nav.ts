import { laneTitle } from '../../../../shared/ipc/timeline';
import { barsInRange, laneAtRow, rowOf, type Frame, type Hit } from './timeline-frame';
import { formatTime } from '../../components/Countdown';
import { statusAt, type TimelineModel } from './timeline-model';
import { laneWho } from '../../../../shared/words/identity';

/**
 * Keyboard paths through the canvas, as a pure function: in a lane, the lane itself comes first and
 * its bars in the range follow (Left/Right, Home/End); Up/Down go to the next lane, to the bar
 * nearest in time. Answers null when the key is not one of these.
 */
export function moveFocus(model: TimelineModel, frame: Frame, focused: Hit | null, key: string): Hit | null {
  const rows = frame.rows.lanes.length;
  if (rows === 0) return null;
  const current = focused ?? { kind: 'lane', id: laneAtRow(frame, 0)?.lane.id ?? '' };
  const laneId = current.kind === 'lane' ? current.id : (model.bar(current.id)?.bar.laneId ?? '');
  const row = Math.max(0, rowOf(frame, laneId));
  const items = itemsOf(frame, row);
  const index = Math.max(
    0,
    items.findIndex((h) => h.id === current.id),
  );
  switch (key) {
    case 'ArrowRight':
      return items[Math.min(items.length - 1, index + 1)] ?? current;
    case 'ArrowLeft':
      return items[Math.max(0, index - 1)] ?? current;
    case 'Home':
      return items[0] ?? current;
    case 'End':
      return items.at(-1) ?? current;
    case 'ArrowDown':
    case 'ArrowUp': {
      const next = Math.min(rows - 1, Math.max(0, row + (key === 'ArrowDown' ? 1 : -1)));
      if (next === row) return current;
      if (current.kind === 'lane') return itemsOf(frame, next)[0] ?? current;
      return nearestInTime(frame, next, model.bar(current.id)?.bar.createdAt ?? frame.now);
    }
    default:
      return null;
  }
}

function itemsOf(frame: Frame, row: number): Hit[] {
  const entry = laneAtRow(frame, row);
  if (entry === undefined) return [];
  const bars = barsInRange(frame, entry).map((b): Hit => ({ kind: 'bar', id: b.bar.id }));
  return [{ kind: 'lane', id: entry.lane.id }, ...bars];
}

function nearestInTime(frame: Frame, row: number, at: number): Hit {
  const entry = laneAtRow(frame, row);
  const bars = entry === undefined ? [] : barsInRange(frame, entry);
  let best = bars[0];
  for (const b of bars) {
    if (Math.abs(b.bar.createdAt - at) < Math.abs((best?.bar.createdAt ?? 0) - at)) best = b;
  }
  return best === undefined ? { kind: 'lane', id: entry?.lane.id ?? '' } : { kind: 'bar', id: best.bar.id };
}

/** A sentence for the live region and the list: what the focused thing is. */
export function describeHit(model: TimelineModel, hit: Hit, now: number): string {
  if (hit.kind === 'lane') {
    const lane = model.lane(hit.id)?.lane;
    if (lane === undefined) return '';
    const who = laneWho(lane);
    const name =
      lane.kind === 'online'
        ? `Online access tokens of ${who}`
        : lane.kind === 'client-credentials'
          ? `${laneTitle(lane)} tokens`
          : `Refresh token ${lane.fingerprint ?? ''} of ${who}`;
    const live =
      lane.kind === 'refresh' && lane.status === 'active'
        ? `, ${lane.live} of ${lane.maxAlive} access tokens live`
        : '';
    return `${name}, ${lane.status}${live}${lane.nextToEvict ? ', next to be evicted' : ''}.`;
  }
  const bar = model.bar(hit.id)?.bar;
  if (bar === undefined) return '';
  const status = statusAt(bar, now);
  const when =
    status === 'active'
      ? `expires in ${Math.max(0, Math.ceil((bar.expiresAt - now) / 60_000))} min`
      : `${status}${bar.evictedBy === null ? '' : ` by ${bar.evictedBy}`}`;
  return `Access token ${bar.fingerprint}, created ${formatTime(bar.createdAt)}, ${when}${bar.nextToEvict ? ', next to be evicted' : ''}.`;
}
