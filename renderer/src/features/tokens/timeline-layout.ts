/**
 * The token timeline's geometry as pure functions: time ↔ x at each zoom, bars packed into tracks
 * within a lane, lane offsets, which lanes a scroll position shows, bars clipped at the range's edges,
 * and hit testing. The canvas code only paints what these answer; the unit tests pin them down.
 */

export type ZoomId = '10m' | '1h' | '1d';

export interface Zoom {
  readonly id: ZoomId;
  readonly label: string;
  /** How far back from now the view reaches. */
  readonly pastMs: number;
  /** How far past now: fresh tokens' expiries and the next slot to free. */
  readonly futureMs: number;
  /** Axis ticks every this many ms, aligned to the clock. */
  readonly tickMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const ZOOMS: readonly Zoom[] = [
  { id: '10m', label: '10 min', pastMs: 10 * MINUTE, futureMs: 2.5 * MINUTE, tickMs: MINUTE },
  { id: '1h', label: '1 hour', pastMs: HOUR, futureMs: 15 * MINUTE, tickMs: 10 * MINUTE },
  { id: '1d', label: '1 day', pastMs: 24 * HOUR, futureMs: 6 * HOUR, tickMs: 2 * HOUR },
];

export function zoomById(id: ZoomId): Zoom {
  return ZOOMS.find((z) => z.id === id) ?? (ZOOMS[1] as Zoom);
}

/** One step in (+1) or out (-1), staying at the ends. */
export function stepZoom(id: ZoomId, direction: 1 | -1): ZoomId {
  const index = ZOOMS.findIndex((z) => z.id === id);
  const next = Math.min(ZOOMS.length - 1, Math.max(0, index - direction));
  return ZOOMS[next]?.id ?? id;
}

export interface TimeRange {
  readonly from: number;
  readonly to: number;
}

export function viewRange(now: number, zoom: Zoom): TimeRange {
  return { from: now - zoom.pastMs, to: now + zoom.futureMs };
}

/** The plot area in CSS pixels: left of it are the lane labels. */
export interface Plot {
  readonly left: number;
  readonly width: number;
}

export function timeToX(t: number, range: TimeRange, plot: Plot): number {
  return plot.left + ((t - range.from) / (range.to - range.from)) * plot.width;
}

export function xToTime(x: number, range: TimeRange, plot: Plot): number {
  return range.from + ((x - plot.left) / plot.width) * (range.to - range.from);
}

export interface Clipped {
  readonly x0: number;
  readonly x1: number;
  /** The bar goes on past the left or right edge. */
  readonly cutLeft: boolean;
  readonly cutRight: boolean;
}

/** A span [start, end) as pixels inside the plot, or null when it is wholly outside the range. */
export function clipSpan(start: number, end: number, range: TimeRange, plot: Plot): Clipped | null {
  if (end <= range.from || start >= range.to || end <= start) return null;
  const cutLeft = start < range.from;
  const cutRight = end > range.to;
  return {
    x0: timeToX(cutLeft ? range.from : start, range, plot),
    x1: timeToX(cutRight ? range.to : end, range, plot),
    cutLeft,
    cutRight,
  };
}

/** Clock-aligned ticks inside the range. */
export function ticks(range: TimeRange, zoom: Zoom): number[] {
  const offset = new Date(range.from).getTimezoneOffset() * MINUTE;
  const first = Math.ceil((range.from - offset) / zoom.tickMs) * zoom.tickMs + offset;
  const out: number[] = [];
  for (let t = first; t <= range.to; t += zoom.tickMs) out.push(t);
  return out;
}

export interface Span {
  readonly createdAt: number;
  /** Where the bar ends: its eviction or revocation, else its expiry. */
  readonly end: number;
}

/**
 * First-fit tracks for overlapping bars, given in creation order: each bar takes the lowest track
 * free by its start. Appending a later bar never moves an earlier one.
 */
export function assignTracks(spans: readonly Span[]): { tracks: number[]; count: number } {
  const trackEnds: number[] = [];
  const tracks = spans.map((span) => {
    let track = trackEnds.findIndex((end) => end <= span.createdAt);
    if (track === -1) track = trackEnds.length;
    trackEnds[track] = span.end;
    return track;
  });
  return { tracks, count: Math.max(1, trackEnds.length) };
}

/** Lane geometry in CSS pixels. */
/** A lane's label has three lines: the token and its status, who, and the CRM org it acts in. */
export const LANE = { minHeight: 56, padding: 9, track: 8, barHeight: 6 } as const;

export function laneHeight(trackCount: number): number {
  return Math.max(LANE.minHeight, LANE.padding * 2 + trackCount * LANE.track);
}

/** Top of each lane and, last, the total height: offsets[i]..offsets[i + 1] is lane i. */
export function laneOffsets(heights: readonly number[]): number[] {
  const offsets = [0];
  let y = 0;
  for (const h of heights) offsets.push((y += h));
  return offsets;
}

/** The lanes [start, end) that meet the viewport [top, top + height), plus `overscan` either side. */
export function visibleLanes(
  offsets: readonly number[],
  top: number,
  height: number,
  overscan = 2,
): { start: number; end: number } {
  const count = offsets.length - 1;
  if (count <= 0) return { start: 0, end: 0 };
  const first = laneAt(offsets, top);
  const last = laneAt(offsets, top + height - 1);
  return { start: Math.max(0, first - overscan), end: Math.min(count, last + 1 + overscan) };
}

/** The lane containing y (clamped), by binary search over the offsets. */
export function laneAt(offsets: readonly number[], y: number): number {
  const count = offsets.length - 1;
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((offsets[mid] ?? 0) <= y) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

/** The y of a track's bar inside its lane (top of the bar). */
export function trackY(track: number): number {
  return LANE.padding + track * LANE.track + (LANE.track - LANE.barHeight) / 2;
}
