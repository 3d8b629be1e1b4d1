import { useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useNow } from '../../stores/clock';
import { useTokens } from '../../stores/tokens';
import { TimelineTooltip } from './TimelineTooltip';
import { drawTimeline } from './timeline-draw';
import {
  barBox,
  contentHeight,
  hitTest,
  LANES_TOP,
  makeFrame,
  rowOf,
  rowTop,
  type Frame,
  type Hit,
} from './timeline-frame';
import { zoomById } from './timeline-layout';
import type { TimelineModel } from './timeline-model';
import { describeHit, moveFocus } from './timeline-nav';
import { readPalette } from './timeline-palette';
import { select, timelineModel, useTimeline } from './timeline-store';
import { useElementSize, useThemeVersion } from './use-canvas-env';

interface Pointed {
  readonly hit: Hit;
  readonly x: number;
  readonly y: number;
}

/**
 * The timeline on a canvas: a scroll container over a spacer as tall as all lanes, with a sticky
 * canvas that paints only the lanes in view. Pointer: hover shows a tooltip, click selects. Keyboard:
 * arrows walk lanes and bars, Enter selects, Escape clears; a live region says what has focus.
 */
export function TimelineView({ summary }: { summary: string }) {
  useTimeline((s) => s.version);
  const zoom = zoomById(useTimeline((s) => s.zoom));
  const selected = useTimeline((s) => s.selected);
  const status = useTimeline((s) => s.status);
  const now = useNow();
  useThemeVersion();
  const rootRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const size = useElementSize(scrollRef);
  const [scrollTop, setScrollTop] = useState(0);
  const [hover, setHover] = useState<Pointed | null>(null);
  const [focused, setFocused] = useState<Hit | null>(null);
  const [hasFocus, setHasFocus] = useState(false);
  const model = timelineModel();
  const windowMs = useTokens((s) => s.limits?.profile.access.windowMs);
  const frame = makeFrame(model, size, now, zoom, scrollTop, windowMs);
  const marks = { hovered: hover?.hit ?? null, selected, focused: hasFocus ? focused : null };

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (canvas == null || ctx == null || frame.width === 0) return;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(frame.width * dpr);
    const h = Math.round(frame.height * dpr);
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    const axis = drawTimeline(ctx, model, frame, readPalette(canvas), marks, dpr);
    // What the axis shows, where: a canvas has no text for a test or a screen reader to read.
    canvas.dataset.axis = JSON.stringify(axis);
    // The marker tests and benchmarks wait on: set once a frame with data has been painted.
    if (rootRef.current !== null && status === 'ready') rootRef.current.dataset.timelineState = 'ready';
  });

  const pointAt = (e: MouseEvent<HTMLElement>): Pointed | null => {
    const rect = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - rect.left;
    const y = e.clientY - rect.top;
    const hit = hitTest(frame, x, y);
    return hit === null ? null : { hit, x, y };
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Enter' || e.key === ' ') {
      if (focused !== null) select(focused);
    } else if (e.key === 'Escape') {
      select(null);
    } else {
      const next = moveFocus(model, frame, focused, e.key);
      if (next === null) return;
      setFocused(next);
      reveal(scrollRef.current, model, frame, next);
    }
    e.preventDefault();
  };
  const shown = hover ?? (hasFocus && focused !== null ? anchorOf(model, frame, focused) : null);
  const described = hasFocus && focused !== null ? describeHit(model, focused, now) : '';

  return (
    <div ref={rootRef} className="tl-root" data-timeline-state={status === 'ready' ? undefined : status}>
      <div
        ref={scrollRef}
        className={`tl-scroll ${hover === null ? '' : 'tl-pointing'}`}
        tabIndex={0}
        role="group"
        aria-label="Token timeline. Arrow keys move between refresh tokens and access tokens, Enter selects."
        onScroll={(e) => {
          setScrollTop(e.currentTarget.scrollTop);
        }}
        onPointerMove={(e) => {
          const next = pointAt(e);
          if (
            next?.hit.id !== hover?.hit.id ||
            (next !== null && hover !== null && Math.abs(next.x - hover.x) > 24)
          )
            setHover(next);
        }}
        onPointerLeave={() => {
          setHover(null);
        }}
        onClick={(e) => {
          const hit = pointAt(e)?.hit ?? null;
          select(hit !== null && selected?.id === hit.id ? null : hit);
          if (hit !== null) setFocused(hit);
        }}
        onFocus={() => {
          setHasFocus(true);
          if (focused === null) setFocused(moveFocus(model, frame, null, 'Home'));
        }}
        onBlur={() => {
          setHasFocus(false);
        }}
        onKeyDown={onKeyDown}
      >
        <div className="tl-content" style={{ height: contentHeight(frame.offsets) }}>
          {/* Sticky and pulled out of the flow: the container is as tall as its lanes, up to a cap. */}
          <canvas
            ref={canvasRef}
            className="tl-canvas"
            role="img"
            aria-label={`Token timeline: ${summary}`}
            style={{ height: size.height, marginBottom: -size.height }}
          />
        </div>
      </div>
      {shown !== null && (
        <TimelineTooltip model={model} hit={shown.hit} x={shown.x} y={shown.y} over={scrollRef} />
      )}
      <p className="visually-hidden" aria-live="polite">
        {described}
      </p>
    </div>
  );
}

/** Where the tooltip of a keyboard-focused item goes: under its bar, or beside its lane's label. */
function anchorOf(model: TimelineModel, frame: Frame, hit: Hit): Pointed | null {
  const laneId = hit.kind === 'lane' ? hit.id : model.bar(hit.id)?.bar.laneId;
  const row = laneId === undefined ? -1 : rowOf(frame, laneId);
  if (row < 0) return null;
  const top = rowTop(frame, row);
  if (hit.kind === 'lane') return { hit, x: frame.plot.left - 12, y: top + 38 };
  const entry = model.bar(hit.id);
  const box = entry === undefined ? null : barBox(frame, top, entry);
  return box === null ? null : { hit, x: (box.x0 + box.x1) / 2, y: box.y + 8 };
}

/** Scrolls the focused lane into view. */
function reveal(scroller: HTMLDivElement | null, model: TimelineModel, frame: Frame, hit: Hit): void {
  const laneId = hit.kind === 'lane' ? hit.id : model.bar(hit.id)?.bar.laneId;
  const row = laneId === undefined ? -1 : rowOf(frame, laneId);
  if (scroller === null || row < 0) return;
  const top = frame.offsets[row] ?? 0;
  const bottom = frame.offsets[row + 1] ?? top;
  const viewport = frame.height - LANES_TOP;
  if (top < scroller.scrollTop) scroller.scrollTop = top;
  else if (bottom > scroller.scrollTop + viewport) scroller.scrollTop = bottom - viewport;
}
