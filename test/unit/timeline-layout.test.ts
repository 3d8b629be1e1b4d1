import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignTracks,
  clipSpan,
  laneAt,
  laneHeight,
  laneOffsets,
  LANE,
  stepZoom,
  ticks,
  timeToX,
  viewRange,
  visibleLanes,
  xToTime,
  ZOOMS,
  zoomById,
} from '../../renderer/src/features/tokens/timeline-layout';

const MINUTE = 60_000;
const NOW = Date.UTC(2025, 0, 6, 9, 30, 0);
const PLOT = { left: 232, width: 800 };

describe('time to x', () => {
  it.each(ZOOMS.map((z) => [z.id, z] as const))(
    'at zoom %s puts the range on the plot and now at 80%%',
    (_, zoom) => {
      const range = viewRange(NOW, zoom);
      expect(range.to - range.from).toBe(zoom.pastMs + zoom.futureMs);
      expect(timeToX(range.from, range, PLOT)).toBe(PLOT.left);
      expect(timeToX(range.to, range, PLOT)).toBe(PLOT.left + PLOT.width);
      expect(timeToX(NOW, range, PLOT)).toBeCloseTo(PLOT.left + 0.8 * PLOT.width, 6);
      expect(xToTime(timeToX(NOW - 7 * MINUTE, range, PLOT), range, PLOT)).toBeCloseTo(NOW - 7 * MINUTE, 3);
    },
  );

  it('scales: one minute is 64 px at 10 min, 10.67 px at 1 hour, 0.44 px at 1 day on an 800 px plot', () => {
    const px = (id: '10m' | '1h' | '1d') => {
      const range = viewRange(NOW, zoomById(id));
      return timeToX(NOW, range, PLOT) - timeToX(NOW - MINUTE, range, PLOT);
    };
    expect(px('10m')).toBeCloseTo(64, 6);
    expect(px('1h')).toBeCloseTo(800 / 75, 6);
    expect(px('1d')).toBeCloseTo(800 / 1800, 6);
  });

  it('steps zoom in and out and stays at the ends', () => {
    expect(stepZoom('1h', 1)).toBe('10m');
    expect(stepZoom('1h', -1)).toBe('1d');
    expect(stepZoom('10m', 1)).toBe('10m');
    expect(stepZoom('1d', -1)).toBe('1d');
  });

  it('puts ticks on the clock, inside the range', () => {
    for (const zoom of ZOOMS) {
      const range = viewRange(NOW + 12_345, zoom);
      const marks = ticks(range, zoom);
      expect(marks.length).toBeGreaterThan(3);
      const offset = new Date(NOW).getTimezoneOffset() * MINUTE;
      for (const t of marks) {
        expect(t).toBeGreaterThanOrEqual(range.from);
        expect(t).toBeLessThanOrEqual(range.to);
        expect((t - offset) % zoom.tickMs).toBe(0);
      }
    }
  });
});

describe('bar clipping at the edges of the range', () => {
  const range = viewRange(NOW, zoomById('10m'));

  it('keeps a bar inside the range as it is', () => {
    const clipped = clipSpan(NOW - 5 * MINUTE, NOW - MINUTE, range, PLOT);
    expect(clipped).toEqual({
      x0: timeToX(NOW - 5 * MINUTE, range, PLOT),
      x1: timeToX(NOW - MINUTE, range, PLOT),
      cutLeft: false,
      cutRight: false,
    });
  });

  it('cuts a bar that starts before the range at the left edge, and one that ends after it at the right', () => {
    const left = clipSpan(NOW - 60 * MINUTE, NOW - 5 * MINUTE, range, PLOT);
    expect(left).toMatchObject({ x0: PLOT.left, cutLeft: true, cutRight: false });
    const right = clipSpan(NOW - MINUTE, NOW + 59 * MINUTE, range, PLOT);
    expect(right).toMatchObject({ x1: PLOT.left + PLOT.width, cutLeft: false, cutRight: true });
    const both = clipSpan(NOW - 60 * MINUTE, NOW + 60 * MINUTE, range, PLOT);
    expect(both).toEqual({ x0: PLOT.left, x1: PLOT.left + PLOT.width, cutLeft: true, cutRight: true });
  });

  it('drops bars wholly outside, touching the edge only, or empty', () => {
    expect(clipSpan(NOW - 90 * MINUTE, NOW - 30 * MINUTE, range, PLOT)).toBeNull();
    expect(clipSpan(range.to, range.to + MINUTE, range, PLOT)).toBeNull();
    expect(clipSpan(range.from - MINUTE, range.from, range, PLOT)).toBeNull();
    expect(clipSpan(NOW, NOW, range, PLOT)).toBeNull();
  });

  it('never leaves the plot', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200, max: 200 }), fc.integer({ min: 1, max: 200 }), (start, length) => {
        const clipped = clipSpan(NOW + start * MINUTE, NOW + (start + length) * MINUTE, range, PLOT);
        if (clipped === null) return;
        expect(clipped.x0).toBeGreaterThanOrEqual(PLOT.left);
        expect(clipped.x1).toBeLessThanOrEqual(PLOT.left + PLOT.width);
        expect(clipped.x1).toBeGreaterThan(clipped.x0);
      }),
    );
  });
});

describe('track assignment inside a lane', () => {
  const span = (start: number, end: number) => ({ createdAt: NOW + start * MINUTE, end: NOW + end * MINUTE });

  it('keeps bars that do not overlap on one track, and stacks those that do', () => {
    expect(assignTracks([span(0, 10), span(10, 20), span(25, 30)])).toEqual({ tracks: [0, 0, 0], count: 1 });
    expect(assignTracks([span(0, 60), span(5, 65), span(10, 70)])).toEqual({ tracks: [0, 1, 2], count: 3 });
  });

  it('reuses the lowest track freed by an evicted or expired bar', () => {
    expect(assignTracks([span(0, 60), span(5, 12), span(15, 75), span(20, 80)])).toEqual({
      tracks: [0, 1, 1, 2],
      count: 3,
    });
  });

  it('an empty lane has one track', () => {
    expect(assignTracks([])).toEqual({ tracks: [], count: 1 });
  });

  it('appending a later bar never moves an earlier one', () => {
    const spans = fc.array(fc.tuple(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 1, max: 90 })), {
      maxLength: 60,
    });
    fc.assert(
      fc.property(spans, (raw) => {
        const sorted = raw.map(([s, len]) => span(s, s + len)).sort((a, b) => a.createdAt - b.createdAt);
        const whole = assignTracks(sorted).tracks;
        for (let n = 0; n < sorted.length; n += 1) {
          expect(assignTracks(sorted.slice(0, n)).tracks).toEqual(whole.slice(0, n));
        }
      }),
    );
  });
});

describe('lane windowing', () => {
  const heights = Array.from({ length: 10_000 }, (_, i) => laneHeight(1 + (i % 4)));
  const offsets = laneOffsets(heights);

  it('gives each lane its top and the total last', () => {
    expect(laneOffsets([44, 60, 44])).toEqual([0, 44, 104, 148]);
    expect(laneHeight(1)).toBe(LANE.minHeight);
    expect(laneHeight(15)).toBe(LANE.padding * 2 + 15 * LANE.track);
    expect(offsets.at(-1)).toBe(heights.reduce((a, b) => a + b, 0));
  });

  it('finds the lane under y by binary search', () => {
    expect(laneAt([0, 44, 104, 148], 0)).toBe(0);
    expect(laneAt([0, 44, 104, 148], 43.9)).toBe(0);
    expect(laneAt([0, 44, 104, 148], 44)).toBe(1);
    expect(laneAt([0, 44, 104, 148], 147)).toBe(2);
    expect(laneAt([0, 44, 104, 148], 9_999)).toBe(2);
  });

  it('shows only the lanes that meet the viewport, plus the overscan', () => {
    const uniform = laneOffsets(Array.from({ length: 1000 }, () => 44));
    expect(visibleLanes(uniform, 0, 440, 0)).toEqual({ start: 0, end: 10 });
    expect(visibleLanes(uniform, 440, 220, 0)).toEqual({ start: 10, end: 15 });
    expect(visibleLanes(uniform, 450, 220, 2)).toEqual({ start: 8, end: 18 });
    expect(visibleLanes(uniform, 44_000 - 100, 440, 2)).toEqual({ start: 995, end: 1000 });
    expect(visibleLanes([0], 0, 440)).toEqual({ start: 0, end: 0 });
  });

  it('keeps the window small whatever the number of lanes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: (offsets.at(-1) ?? 0) - 1 }), (top) => {
        const { start, end } = visibleLanes(offsets, top, 600, 2);
        expect(end - start).toBeLessThanOrEqual(Math.ceil(600 / LANE.minHeight) + 5);
        expect(offsets[start] ?? 0).toBeLessThanOrEqual(top);
        expect(offsets[end] ?? Infinity).toBeGreaterThanOrEqual(Math.min(top + 600, offsets.at(-1) ?? 0));
      }),
    );
  });
});
