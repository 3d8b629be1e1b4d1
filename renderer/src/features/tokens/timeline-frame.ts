import { KAIZEN_43 } from '../../../../shared/limits/profile';
import {
  clipSpan,
  LANE,
  laneAt,
  trackY,
  viewRange,
  visibleLanes,
  type Plot,
  type TimeRange,
  type Zoom,
} from './timeline-layout';
import { barEnd, type BarEntry, type LaneEntry, type RowSet, type TimelineModel } from './timeline-model';

/** Everything one paint of the timeline needs to place things, in CSS pixels. Pure data. */
export interface Frame {
  readonly width: number;
  readonly height: number;
  readonly plot: Plot;
  readonly range: TimeRange;
  readonly now: number;
  readonly zoom: Zoom;
  readonly scrollTop: number;
  /** The rolling window Zoho counts creations in, from the limit profile in force. */
  readonly windowMs: number;
  /** The lanes the range shows, newest first. */
  readonly rows: RowSet;
  /** Row tops in display order, then the total (rows.offsets). */
  readonly offsets: readonly number[];
}

/** The time axis (tick labels, then the now pill), then the client's grant-code track; lanes scroll below. */
export const HEADER = { axis: 44, grants: 30 } as const;
export const LANES_TOP = HEADER.axis + HEADER.grants;
const RIGHT_PAD = 16;

export function gutterWidth(width: number): number {
  return width < 720 ? 168 : 232;
}

export function makeFrame(
  model: TimelineModel,
  size: { width: number; height: number },
  now: number,
  zoom: Zoom,
  scrollTop: number,
  windowMs: number = KAIZEN_43.access.windowMs,
): Frame {
  const left = gutterWidth(size.width);
  const range = viewRange(now, zoom);
  const rows = model.rows(range);
  return {
    width: size.width,
    height: size.height,
    plot: { left, width: Math.max(1, size.width - left - RIGHT_PAD) },
    range,
    now,
    zoom,
    scrollTop,
    windowMs,
    rows,
    offsets: rows.offsets,
  };
}

/** Height of everything the scroll container scrolls over. */
export function contentHeight(offsets: readonly number[]): number {
  return LANES_TOP + (offsets.at(-1) ?? 0);
}

/** The rows that meet the viewport, in display order. */
export function rowsInView(frame: Frame): { start: number; end: number } {
  return visibleLanes(frame.offsets, frame.scrollTop, Math.max(0, frame.height - LANES_TOP), 1);
}

export function laneAtRow(frame: Frame, row: number): LaneEntry | undefined {
  return frame.rows.lanes[row];
}

/** The row of a lane in view, or -1. */
export function rowOf(frame: Frame, laneId: string): number {
  return frame.rows.index.get(laneId) ?? -1;
}

/** Top of a row on the canvas (it may be above the lanes' area when scrolled). */
export function rowTop(frame: Frame, row: number): number {
  return LANES_TOP + (frame.offsets[row] ?? 0) - frame.scrollTop;
}

export interface BarBox {
  readonly x0: number;
  readonly x1: number;
  readonly y: number;
  readonly cutLeft: boolean;
  readonly cutRight: boolean;
}

/** Where a bar is drawn, or null when it lies outside the time range. Bars are at least 3 px wide. */
export function barBox(frame: Frame, top: number, entry: BarEntry): BarBox | null {
  const clipped = clipSpan(entry.bar.createdAt, barEnd(entry.bar), frame.range, frame.plot);
  if (clipped === null) return null;
  const x1 = Math.max(clipped.x1, clipped.x0 + 3);
  return { ...clipped, x1, y: top + trackY(entry.track) };
}

export type Hit = { readonly kind: 'bar' | 'lane'; readonly id: string };

/** What is under (x, y): a bar (the last drawn wins), else the lane, else nothing. */
export function hitTest(frame: Frame, x: number, y: number): Hit | null {
  if (y < LANES_TOP || frame.rows.lanes.length === 0) return null;
  const contentY = y - LANES_TOP + frame.scrollTop;
  if (contentY >= (frame.offsets.at(-1) ?? 0)) return null;
  const row = laneAt(frame.offsets, contentY);
  const entry = laneAtRow(frame, row);
  if (entry === undefined) return null;
  if (x >= frame.plot.left) {
    const top = rowTop(frame, row);
    for (let i = entry.bars.length - 1; i >= 0; i -= 1) {
      const bar = entry.bars[i] as BarEntry;
      const box = barBox(frame, top, bar);
      if (box === null) continue;
      const inX = x >= box.x0 - 2 && x <= box.x1 + 2;
      const inY = y >= box.y - 2 && y <= box.y + LANE.barHeight + 2;
      if (inX && inY) return { kind: 'bar', id: bar.bar.id };
    }
  }
  return { kind: 'lane', id: entry.lane.id };
}

/** Bars of a lane that show in the range, in creation order: the keyboard walks these. */
export function barsInRange(frame: Frame, entry: LaneEntry): BarEntry[] {
  return entry.bars.filter((b) => clipSpan(b.bar.createdAt, barEnd(b.bar), frame.range, frame.plot) !== null);
}
