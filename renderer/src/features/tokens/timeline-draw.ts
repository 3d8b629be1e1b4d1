import { laneTitle, type TimelineLane } from '../../../../shared/ipc/timeline';
import { formatTime } from '../../components/Countdown';
import { HEADER, laneAtRow, LANES_TOP, rowsInView, rowTop, type Frame } from './timeline-frame';
import { drawFlag, drawLaneBackground, drawLaneContent, roundRect, type Marks } from './timeline-draw-lanes';
import { ticks, timeToX } from './timeline-layout';
import type { TimelineModel } from './timeline-model';
import { alpha, type Palette } from './timeline-palette';
import { clockMinute } from './time-format';
import { orgName, userShort } from '../../../../shared/words/identity';

/**
 * Paints the timeline: only the lanes in view (virtualised), the profile's rolling window shaded
 * behind now, the grant-code track, the time axis and the now-line. Colours come from the palette
 * read off the CSS variables at this moment, so both themes paint right.
 */
export function drawTimeline(
  ctx: CanvasRenderingContext2D,
  model: TimelineModel,
  frame: Frame,
  p: Palette,
  marks: Marks,
  dpr: number,
): AxisPainted {
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = p.surface;
  ctx.fillRect(0, 0, frame.width, frame.height);
  const { start, end } = rowsInView(frame);
  const highlighted = marks.selected?.kind === 'lane' ? marks.selected.id : null;

  ctx.save();
  ctx.beginPath();
  ctx.rect(0, LANES_TOP, frame.width, frame.height - LANES_TOP);
  ctx.clip();
  for (let row = start; row < end; row += 1) {
    drawLaneBackground(ctx, frame, row, p, laneAtRow(frame, row)?.lane.id === highlighted);
  }
  drawGrid(ctx, frame, p);
  drawWindow(ctx, frame, p);
  for (let row = start; row < end; row += 1) drawLaneContent(ctx, model, frame, row, p, marks);
  ctx.restore();

  drawGrantTrack(ctx, model, frame, p);
  drawGutter(ctx, frame, p, start, end, marks);
  const labels = drawAxis(ctx, frame, p);
  return { labels, now: drawNow(ctx, frame, p) };
}

/** A box on the canvas, in CSS pixels. */
export interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** What the axis shows, for the canvas's `data-axis` (a canvas has no text a test could read). */
export interface AxisPainted {
  readonly labels: readonly (Box & { readonly text: string })[];
  readonly now: Box & { readonly text: string };
}

/** The axis has two rows: tick labels above, the now pill below them, so it never hides one. */
const TICK_BASELINE = 16;
const PILL = { top: 24, height: 17 } as const;

function drawGrid(ctx: CanvasRenderingContext2D, frame: Frame, p: Palette): void {
  ctx.fillStyle = alpha(p.border, 0.9);
  for (const t of ticks(frame.range, frame.zoom)) {
    ctx.fillRect(Math.round(timeToX(t, frame.range, frame.plot)), HEADER.axis, 1, frame.height);
  }
}

/** The rolling window Zoho counts creations in: (now - window, now], the profile's window. */
function drawWindow(ctx: CanvasRenderingContext2D, frame: Frame, p: Palette): void {
  const x0 = Math.max(frame.plot.left, timeToX(frame.now - frame.windowMs, frame.range, frame.plot));
  const x1 = timeToX(frame.now, frame.range, frame.plot);
  ctx.fillStyle = alpha(p.accent, 0.07);
  ctx.fillRect(x0, HEADER.axis, x1 - x0, frame.height - HEADER.axis);
}

function drawGrantTrack(ctx: CanvasRenderingContext2D, model: TimelineModel, frame: Frame, p: Palette): void {
  const top = HEADER.axis;
  ctx.fillStyle = p.surface2;
  ctx.fillRect(0, top, frame.width, HEADER.grants);
  drawWindowBand(ctx, frame, p, top, HEADER.grants);
  ctx.fillStyle = p.border;
  ctx.fillRect(0, LANES_TOP - 1, frame.width, 1);
  const y = top + HEADER.grants / 2;
  const left = frame.plot.left;
  const right = left + frame.plot.width;
  for (const at of model.grants) {
    const x = timeToX(at, frame.range, frame.plot);
    if (x < left || x > right) continue;
    ctx.fillStyle = p.info;
    ctx.beginPath();
    ctx.moveTo(x, y - 5);
    ctx.lineTo(x + 5, y);
    ctx.lineTo(x, y + 5);
    ctx.lineTo(x - 5, y);
    ctx.closePath();
    ctx.fill();
  }
  for (const denial of model.denials) {
    const x = timeToX(denial.at, frame.range, frame.plot);
    if (denial.laneId === null && x >= left && x <= right) drawFlag(ctx, x, top + 3, p.danger);
  }
  ctx.fillStyle = p.text2;
  ctx.font = `600 11px ${p.fontUi}`;
  ctx.fillText('Grant codes', 12, y + 4);
}

function drawWindowBand(
  ctx: CanvasRenderingContext2D,
  frame: Frame,
  p: Palette,
  top: number,
  height: number,
): void {
  const x0 = Math.max(frame.plot.left, timeToX(frame.now - frame.windowMs, frame.range, frame.plot));
  const x1 = timeToX(frame.now, frame.range, frame.plot);
  ctx.fillStyle = alpha(p.accent, 0.1);
  ctx.fillRect(x0, top, x1 - x0, height);
}

function drawGutter(
  ctx: CanvasRenderingContext2D,
  frame: Frame,
  p: Palette,
  start: number,
  end: number,
  marks: Marks,
): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, LANES_TOP, frame.plot.left, frame.height - LANES_TOP);
  ctx.clip();
  for (let row = start; row < end; row += 1) {
    const entry = laneAtRow(frame, row);
    if (entry !== undefined) drawLabel(ctx, frame, row, entry.lane, p, marks);
  }
  ctx.restore();
  ctx.fillStyle = p.border;
  ctx.fillRect(frame.plot.left - 8, HEADER.axis, 1, frame.height - HEADER.axis);
}

const STATUS_CHIP: Record<string, (p: Palette) => [string, string]> = {
  active: (p) => [p.okSoft, p.ok],
  expired: (p) => [p.surface3, p.text2],
  evicted: (p) => [alpha(p.evicted, 0.16), p.evicted],
  revoked: (p) => [p.dangerSoft, p.danger],
};

function drawLabel(
  ctx: CanvasRenderingContext2D,
  frame: Frame,
  row: number,
  lane: TimelineLane,
  p: Palette,
  marks: Marks,
): void {
  const top = rowTop(frame, row);
  const x = 12;
  const maxX = frame.plot.left - 18;
  // A client-credentials lane names its organization on the second line: the first has no room for both.
  const credentials = lane.kind === 'client-credentials';
  const title = credentials ? 'Client credentials' : laneTitle(lane);
  ctx.font = lane.kind === 'refresh' ? `600 12px ${p.fontMono}` : `600 12px ${p.fontUi}`;
  ctx.fillStyle = p.text;
  ctx.fillText(title, x, top + 18);
  let chipX = x + ctx.measureText(title).width + 8;
  const [bg, fg] = (STATUS_CHIP[lane.status] ?? STATUS_CHIP.expired)?.(p) ?? [p.surface3, p.text2];
  chipX = chip(ctx, chipX, top + 7, lane.status, bg, fg, p) + 4;
  if (lane.nextToEvict) chip(ctx, chipX, top + 7, 'next out', p.warnSoft, p.warn, p);
  ctx.font = `11px ${p.fontUi}`;
  ctx.fillStyle = p.text3;
  const live =
    lane.kind === 'refresh' && lane.status === 'active' ? `${lane.live}/${lane.maxAlive} live` : '';
  const liveWidth = live === '' ? 0 : ctx.measureText(live).width + 8;
  const who = credentials
    ? `${lane.soid ?? 'no soid'} · ${lane.dcId.toUpperCase()}`
    : `${userShort(lane)} · ${lane.dcId.toUpperCase()}`;
  ctx.fillText(ellipsize(ctx, who, maxX - x - liveWidth), x, top + 35);
  const org = lane.identity?.org;
  if (org?.state === 'known') ctx.fillText(ellipsize(ctx, orgName(org.value), maxX - x), x, top + 50);
  if (live !== '') {
    ctx.fillStyle = lane.live >= lane.maxAlive ? p.warn : p.text2;
    ctx.fillText(live, maxX - liveWidth + 8, top + 35);
  }
  if (marks.focused?.kind === 'lane' && marks.focused.id === lane.id) {
    ctx.strokeStyle = p.accent;
    ctx.lineWidth = 2;
    const height = (frame.offsets[row + 1] ?? 0) - (frame.offsets[row] ?? 0);
    roundRect(ctx, 3, top + 3, frame.plot.left - 14, height - 7, false, false);
    ctx.stroke();
  }
}

/** A small pill; answers its right edge. */
function chip(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  text: string,
  bg: string,
  fg: string,
  p: Palette,
): number {
  ctx.font = `600 10px ${p.fontUi}`;
  const w = ctx.measureText(text).width + 12;
  ctx.fillStyle = bg;
  roundRect(ctx, x, y, w, 16, false, false);
  ctx.fill();
  ctx.fillStyle = fg;
  ctx.fillText(text, x + 6, y + 11.5);
  return x + w;
}

function ellipsize(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let cut = text.length;
  while (cut > 1 && ctx.measureText(`${text.slice(0, cut)}…`).width > width) cut -= 1;
  return `${text.slice(0, cut)}…`;
}

function drawAxis(ctx: CanvasRenderingContext2D, frame: Frame, p: Palette): AxisPainted['labels'] {
  ctx.fillStyle = p.surface;
  ctx.fillRect(0, 0, frame.width, HEADER.axis);
  drawWindowBand(ctx, frame, p, 0, HEADER.axis);
  ctx.fillStyle = p.border;
  ctx.fillRect(0, HEADER.axis - 1, frame.width, 1);
  ctx.font = `11px ${p.fontUi}`;
  const days = frame.zoom.id === '1d';
  const painted: (Box & { text: string })[] = [];
  let lastRight = frame.plot.left - 4;
  for (const t of ticks(frame.range, frame.zoom)) {
    const x = Math.round(timeToX(t, frame.range, frame.plot));
    ctx.fillStyle = p.text3;
    ctx.fillRect(x, HEADER.axis - 5, 1, 5);
    const label = axisLabel(t, days);
    const w = ctx.measureText(label).width;
    // Labels only give way to each other (a narrow window); the now pill has its own row.
    if (x - w / 2 > lastRight + 6) {
      ctx.fillText(label, x - w / 2, TICK_BASELINE);
      lastRight = x + w / 2;
      painted.push({
        text: label,
        left: x - w / 2,
        right: x + w / 2,
        top: TICK_BASELINE - 11,
        bottom: TICK_BASELINE + 2,
      });
    }
  }
  ctx.font = `600 11px ${p.fontUi}`;
  ctx.fillStyle = p.text2;
  ctx.fillText('Refresh tokens', 12, TICK_BASELINE);
  return painted;
}

/** "14:00"; at a day's first tick on the day zoom, the weekday instead ("Tue"). */
function axisLabel(t: number, withDay: boolean): string {
  const d = new Date(t);
  return withDay && d.getHours() < 2 ? d.toLocaleDateString([], { weekday: 'short' }) : clockMinute(t);
}

function nowPill(ctx: CanvasRenderingContext2D, frame: Frame, p: Palette): { left: number; width: number } {
  ctx.font = `600 11px ${p.fontUi}`;
  const label = `Now ${formatTime(frame.now)}`;
  const width = ctx.measureText(label).width + 14;
  const x = timeToX(frame.now, frame.range, frame.plot);
  return { left: Math.max(frame.plot.left, Math.min(frame.width - width - 2, x - width / 2)), width };
}

/** The now-line through every lane, from its pill in the axis's second row. */
function drawNow(ctx: CanvasRenderingContext2D, frame: Frame, p: Palette): AxisPainted['now'] {
  const x = Math.round(timeToX(frame.now, frame.range, frame.plot));
  const bottom = PILL.top + PILL.height;
  ctx.fillStyle = p.text;
  ctx.fillRect(x - 0.75, bottom, 1.5, frame.height);
  const pill = nowPill(ctx, frame, p);
  roundRect(ctx, pill.left, PILL.top, pill.width, PILL.height, false, false);
  ctx.fill();
  ctx.fillStyle = p.surface;
  const text = `Now ${formatTime(frame.now)}`;
  ctx.fillText(text, pill.left + 7, PILL.top + 12.5);
  return { text, left: pill.left, right: pill.left + pill.width, top: PILL.top, bottom };
}
