import type { TimelineLane } from '../../../../shared/ipc/timeline';
import type { TokenStatus } from '../../../../shared/limits/ledger-types';
import { barBox, laneAtRow, rowTop, type Frame, type Hit } from './timeline-frame';
import { clipSpan, LANE, timeToX, trackY } from './timeline-layout';
import { statusAt, type BarEntry, type TimelineModel } from './timeline-model';
import { alpha, type Palette } from './timeline-palette';

/** The bars, lane lines and markers of one lane; labels are drawn separately, over the gutter. */
export interface Marks {
  readonly hovered: Hit | null;
  readonly selected: Hit | null;
  readonly focused: Hit | null;
}

const is = (hit: Hit | null, id: string) => hit !== null && hit.id === id;

export function barColor(p: Palette, status: TokenStatus, nextToEvict: boolean): string {
  if (status === 'active') return nextToEvict ? p.warn : p.accent;
  if (status === 'evicted') return p.evicted;
  if (status === 'revoked') return p.danger;
  return alpha(p.text3, 0.45);
}

function laneColor(p: Palette, lane: TimelineLane): string {
  if (lane.status === 'evicted') return p.evicted;
  if (lane.status === 'revoked') return p.danger;
  return p.accent;
}

export function drawLaneBackground(
  ctx: CanvasRenderingContext2D,
  frame: Frame,
  row: number,
  p: Palette,
  highlighted: boolean,
): void {
  const top = rowTop(frame, row);
  const height = (frame.offsets[row + 1] ?? 0) - (frame.offsets[row] ?? 0);
  if (highlighted) {
    ctx.fillStyle = alpha(p.accent, 0.08);
    ctx.fillRect(0, top, frame.width, height);
  } else if (row % 2 === 1) {
    ctx.fillStyle = alpha(p.surface2, 0.7);
    ctx.fillRect(0, top, frame.width, height);
  }
  ctx.fillStyle = p.border;
  ctx.fillRect(0, Math.round(top + height) - 1, frame.width, 1);
}

export function drawLaneContent(
  ctx: CanvasRenderingContext2D,
  model: TimelineModel,
  frame: Frame,
  row: number,
  p: Palette,
  marks: Marks,
): void {
  const entry = laneAtRow(frame, row);
  if (entry === undefined) return;
  const top = rowTop(frame, row);
  if (entry.lane.kind === 'refresh') drawLifeLine(ctx, frame, top, entry.lane, p);
  for (const bar of entry.bars) drawBar(ctx, frame, top, bar, p, marks);
  for (const denial of model.denials) {
    if (denial.laneId !== entry.lane.id) continue;
    const x = timeToX(denial.at, frame.range, frame.plot);
    if (x >= frame.plot.left && x <= frame.plot.left + frame.plot.width) drawFlag(ctx, x, top + 1, p.danger);
  }
}

/** The refresh token's own life: a thin line from creation to its end, a dot at birth, a cross at death. */
function drawLifeLine(
  ctx: CanvasRenderingContext2D,
  frame: Frame,
  top: number,
  lane: TimelineLane,
  p: Palette,
): void {
  const end = lane.endedAt ?? frame.range.to;
  const span = clipSpan(lane.createdAt, Math.max(end, lane.createdAt + 1), frame.range, frame.plot);
  if (span === null) return;
  const color = laneColor(p, lane);
  const y = top + 4;
  ctx.fillStyle = alpha(color, lane.status === 'active' ? 0.35 : 0.55);
  ctx.fillRect(span.x0, y, Math.max(1, span.x1 - span.x0), 2);
  if (!span.cutLeft) {
    ctx.beginPath();
    ctx.arc(span.x0, y + 1, 3.5, 0, Math.PI * 2);
    ctx.fillStyle = color;
    ctx.fill();
  }
  if (lane.endedAt !== null && !span.cutRight) drawCross(ctx, span.x1, y + 1, color, 4);
}

function drawBar(
  ctx: CanvasRenderingContext2D,
  frame: Frame,
  top: number,
  entry: BarEntry,
  p: Palette,
  marks: Marks,
): void {
  const box = barBox(frame, top, entry);
  if (box === null) return;
  const { bar } = entry;
  const status = statusAt(bar, frame.now);
  const color = barColor(p, status, bar.nextToEvict);
  const ended = status === 'evicted' || status === 'revoked';
  if (ended) drawGhost(ctx, frame, top, entry, color);
  ctx.fillStyle = color;
  roundRect(ctx, box.x0, box.y, box.x1 - box.x0, LANE.barHeight, box.cutLeft, box.cutRight);
  ctx.fill();
  if (ended && !box.cutRight) drawCross(ctx, box.x1, box.y + LANE.barHeight / 2, color, 3.5);
  const focused = is(marks.focused, bar.id);
  const selected = is(marks.selected, bar.id);
  if (focused || selected || is(marks.hovered, bar.id)) {
    ctx.strokeStyle = focused ? p.accent : selected ? p.text : alpha(p.text2, 0.8);
    ctx.lineWidth = focused || selected ? 2 : 1;
    roundRect(ctx, box.x0 - 2.5, box.y - 2.5, box.x1 - box.x0 + 5, LANE.barHeight + 5, false, false);
    ctx.stroke();
  }
}

/** What an evicted or revoked token lost: a dashed outline from its end to its would-be expiry. */
function drawGhost(
  ctx: CanvasRenderingContext2D,
  frame: Frame,
  top: number,
  entry: BarEntry,
  color: string,
): void {
  const { bar } = entry;
  if (bar.endedAt === null || bar.endedAt >= bar.expiresAt) return;
  const span = clipSpan(bar.endedAt, bar.expiresAt, frame.range, frame.plot);
  if (span === null) return;
  const y = top + trackY(entry.track);
  ctx.save();
  ctx.setLineDash([3, 3]);
  ctx.strokeStyle = alpha(color, 0.55);
  ctx.lineWidth = 1;
  ctx.strokeRect(
    Math.round(span.x0) + 0.5,
    Math.round(y) + 0.5,
    Math.max(1, span.x1 - span.x0 - 1),
    LANE.barHeight - 1,
  );
  ctx.restore();
}

export function drawCross(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  color: string,
  r: number,
): void {
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.75;
  ctx.beginPath();
  ctx.moveTo(x - r, y - r);
  ctx.lineTo(x + r, y + r);
  ctx.moveTo(x + r, y - r);
  ctx.lineTo(x - r, y + r);
  ctx.stroke();
}

/** Access Denied: a small downward flag. */
export function drawFlag(ctx: CanvasRenderingContext2D, x: number, y: number, color: string): void {
  ctx.fillStyle = color;
  ctx.beginPath();
  ctx.moveTo(x - 4.5, y);
  ctx.lineTo(x + 4.5, y);
  ctx.lineTo(x, y + 7);
  ctx.closePath();
  ctx.fill();
}

/** A rounded rectangle path, square on a side cut by the range's edge. */
export function roundRect(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  w: number,
  h: number,
  squareLeft: boolean,
  squareRight: boolean,
): void {
  const r = Math.min(3, h / 2, w / 2);
  const left = squareLeft ? 0 : r;
  const right = squareRight ? 0 : r;
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, [left, right, right, left]);
}
