import { describe, expect, it } from 'vitest';
import type { TimelineBar, TimelineLane, TimelineSlice } from '../../shared/ipc/timeline';
import {
  hitTest,
  LANES_TOP,
  makeFrame,
  rowTop,
  barBox,
} from '../../renderer/src/features/tokens/timeline-frame';
import { laneHeight, zoomById } from '../../renderer/src/features/tokens/timeline-layout';
import { barEnd, insertBy, statusAt, TimelineModel } from '../../renderer/src/features/tokens/timeline-model';
import type { TimeRange } from '../../renderer/src/features/tokens/timeline-layout';
import { moveFocus } from '../../renderer/src/features/tokens/timeline-nav';
import { summarize, summaryText } from '../../renderer/src/features/tokens/timeline-summary';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = Date.UTC(2025, 0, 6, 9, 30, 0);
const at = (minutes: number) => NOW + minutes * MINUTE;

const lane = (id: string, createdAt: number, more: Partial<TimelineLane> = {}): TimelineLane => ({
  id,
  kind: 'refresh',
  fingerprint: `…${id.slice(-4)}`,
  userId: 'u1',
  userLabel: 'ann@acme.test',
  dcId: 'us',
  createdAt,
  status: 'active',
  endedAt: null,
  evictedBy: null,
  nextToEvict: false,
  environments: [],
  live: 1,
  maxAlive: 15,
  ...more,
});

const bar = (
  id: string,
  laneId: string,
  createdAt: number,
  more: Partial<TimelineBar> = {},
): TimelineBar => ({
  id,
  laneId,
  fingerprint: `…${id.slice(-4)}`,
  createdAt,
  expiresAt: createdAt + HOUR,
  status: 'active',
  endedAt: null,
  evictedBy: null,
  endedWithParent: false,
  nextToEvict: false,
  viaCodeExchange: false,
  environments: [],
  ...more,
});

const LAST_HOUR: TimeRange = { from: NOW - HOUR, to: NOW + 15 * MINUTE };
const rowIds = (model: TimelineModel, range = LAST_HOUR) => model.rows(range).lanes.map((e) => e.lane.id);

const slice = (lanes: TimelineLane[], bars: TimelineBar[], grants: number[] = []): TimelineSlice => ({
  clientRef: 'cl_1',
  at: NOW,
  from: NOW - HOUR,
  to: NOW + 15 * MINUTE,
  lanes,
  bars,
  grants,
  denials: [],
});

function modelWith(): TimelineModel {
  const model = new TimelineModel('cl_1');
  model.merge(
    slice(
      [lane('rt_aaaa', at(-50)), lane('rt_bbbb', at(-20))],
      [
        bar('at_0001', 'rt_aaaa', at(-50)),
        bar('at_0002', 'rt_aaaa', at(-30)),
        bar('at_0003', 'rt_bbbb', at(-20)),
      ],
      [at(-50), at(-20)],
    ),
  );
  return model;
}

describe('the timeline model', () => {
  it('groups bars into their lanes and shows the newest lane first', () => {
    const model = modelWith();
    expect(model.lanes.map((l) => l.lane.id)).toEqual(['rt_aaaa', 'rt_bbbb']);
    expect(rowIds(model)).toEqual(['rt_bbbb', 'rt_aaaa']);
    expect(model.rows(LAST_HOUR).index.get('rt_aaaa')).toBe(1);
    expect(model.lane('rt_aaaa')?.bars.map((b) => b.bar.id)).toEqual(['at_0001', 'at_0002']);
    expect(model.barCount).toBe(3);
    expect(model.grants).toEqual([at(-50), at(-20)]);
  });

  it('appends a new token in place: same arrays, same entries for the earlier rows', () => {
    const model = modelWith();
    const lanes = model.lanes;
    const entryA = model.lane('rt_aaaa');
    const barsA = entryA?.bars;
    const earlier = barsA?.slice();
    const grants = model.grants;
    const before = model.version;
    const changed = model.merge(
      slice([lane('rt_aaaa', at(-50), { live: 2 })], [bar('at_0004', 'rt_aaaa', at(-1))], [at(-50)]),
    );
    expect(changed).toBe(true);
    expect(model.version).toBe(before + 1);
    expect(model.lanes).toBe(lanes);
    expect(model.lane('rt_aaaa')).toBe(entryA);
    expect(model.lane('rt_aaaa')?.bars).toBe(barsA);
    expect(barsA?.slice(0, 2).every((entry, i) => entry === earlier?.[i])).toBe(true);
    expect(barsA?.map((b) => b.bar.id)).toEqual(['at_0001', 'at_0002', 'at_0004']);
    expect(model.grants).toBe(grants);
    expect(grants).toEqual([at(-50), at(-20)]);
  });

  it('a new lane is appended to the same array and shows on top', () => {
    const model = modelWith();
    const lanes = model.lanes;
    const first = lanes[0];
    model.merge(slice([lane('rt_cccc', at(-2))], [bar('at_0005', 'rt_cccc', at(-2))]));
    expect(model.lanes).toBe(lanes);
    expect(lanes[0]).toBe(first);
    expect(rowIds(model)[0]).toBe('rt_cccc');
  });

  it('updates a changed token inside the entry it already has', () => {
    const model = modelWith();
    const entry = model.bar('at_0001');
    model.merge(
      slice(
        [],
        [bar('at_0001', 'rt_aaaa', at(-50), { status: 'evicted', endedAt: at(-5), evictedBy: '…0009' })],
      ),
    );
    expect(model.bar('at_0001')).toBe(entry);
    expect(entry?.bar.status).toBe('evicted');
    expect(entry === undefined ? null : barEnd(entry.bar)).toBe(at(-5));
  });

  it('answers "nothing changed" to the same slice again, and keeps its version', () => {
    const model = modelWith();
    const version = model.version;
    expect(
      model.merge(
        slice(
          [lane('rt_aaaa', at(-50)), lane('rt_bbbb', at(-20))],
          [bar('at_0001', 'rt_aaaa', at(-50)), bar('at_0003', 'rt_bbbb', at(-20))],
          [at(-20)],
        ),
      ),
    ).toBe(false);
    expect(model.version).toBe(version);
  });

  it('puts an older token (a zoom out) in time order rather than at the end', () => {
    const model = modelWith();
    model.merge(slice([], [bar('at_0000', 'rt_aaaa', at(-55))], [at(-55)]));
    expect(model.lane('rt_aaaa')?.bars.map((b) => b.bar.id)).toEqual(['at_0000', 'at_0001', 'at_0002']);
    expect(model.grants).toEqual([at(-55), at(-50), at(-20)]);
  });

  it('packs overlapping bars into tracks and sizes lanes by them', () => {
    const model = modelWith();
    const rows = model.rows(LAST_HOUR);
    expect(rows.offsets).toEqual([0, laneHeight(1), laneHeight(1) + laneHeight(2)]);
    expect(model.lane('rt_aaaa')?.bars.map((b) => b.track)).toEqual([0, 1]);
    expect(model.rows(LAST_HOUR)).toBe(rows);
  });

  it('shows only the lanes with something in the range: a live life line, or a bar', () => {
    const model = modelWith();
    model.merge(
      slice(
        [
          lane('rt_old1', at(-300), { status: 'revoked', endedAt: at(-200) }),
          lane('rt_idle', at(-300)),
          { ...lane('online:u1', at(-240)), kind: 'online', fingerprint: null },
        ],
        [bar('at_old1', 'rt_old1', at(-290)), bar('at_onl1', 'online:u1', at(-240))],
      ),
    );
    expect(rowIds(model)).toEqual(['rt_bbbb', 'rt_aaaa', 'rt_idle']);
    const day = { from: NOW - 24 * HOUR, to: NOW + 6 * HOUR };
    expect(rowIds(model, day)).toEqual(['rt_bbbb', 'rt_aaaa', 'online:u1', 'rt_idle', 'rt_old1']);
    expect(model.lanes.map((e) => e.lane.id)).toEqual([
      'rt_old1',
      'rt_idle',
      'online:u1',
      'rt_aaaa',
      'rt_bbbb',
    ]);
  });

  it('counts an active token past its expiry as expired', () => {
    const b = bar('at_1', 'rt_1', at(-90));
    expect(statusAt(b, NOW)).toBe('expired');
    expect(statusAt(b, at(-31))).toBe('active');
    expect(statusAt({ ...b, status: 'revoked' }, NOW)).toBe('revoked');
  });

  it('insertBy appends in O(1) when in order', () => {
    const items = [1, 3, 5];
    insertBy(items, 7, (x) => x);
    insertBy(items, 4, (x) => x);
    insertBy(items, 0, (x) => x);
    expect(items).toEqual([0, 1, 3, 4, 5, 7]);
  });

  it('summarises for the canvas accessible name', () => {
    const model = modelWith();
    model.merge(
      slice(
        [lane('rt_bbbb', at(-20), { nextToEvict: true })],
        [bar('at_0003', 'rt_bbbb', at(-20), { nextToEvict: true })],
      ),
    );
    const summary = summarize(model.rows(LAST_HOUR).lanes, NOW);
    expect(summary).toEqual({
      refreshTokens: 2,
      liveRefreshTokens: 2,
      liveAccessTokens: 3,
      nextEviction: '…bbbb',
    });
    expect(summaryText(summary)).toBe('2 refresh tokens, 3 live access tokens; next eviction: …bbbb');
  });
});

describe('hit testing and keyboard paths', () => {
  const model = modelWith();
  const frame = makeFrame(model, { width: 1032, height: 400 }, NOW, zoomById('1h'), 0);

  it('finds the bar under the pointer, the lane in the gutter, nothing in the header', () => {
    const entry = model.bar('at_0003');
    const box = entry === undefined ? null : barBox(frame, rowTop(frame, 0), entry);
    if (box === null) throw new Error('the bar should be in the range');
    expect(hitTest(frame, (box.x0 + box.x1) / 2, box.y + 3)).toEqual({ kind: 'bar', id: 'at_0003' });
    expect(hitTest(frame, 40, LANES_TOP + 10)).toEqual({ kind: 'lane', id: 'rt_bbbb' });
    expect(hitTest(frame, 600, 10)).toBeNull();
    expect(hitTest(frame, 600, 399)).toBeNull();
  });

  it('walks lanes and bars with the arrow keys', () => {
    const start = moveFocus(model, frame, null, 'Home');
    expect(start).toEqual({ kind: 'lane', id: 'rt_bbbb' });
    expect(moveFocus(model, frame, start, 'ArrowRight')).toEqual({ kind: 'bar', id: 'at_0003' });
    expect(moveFocus(model, frame, { kind: 'bar', id: 'at_0003' }, 'ArrowDown')).toEqual({
      kind: 'bar',
      id: 'at_0002',
    });
    expect(moveFocus(model, frame, { kind: 'bar', id: 'at_0002' }, 'ArrowLeft')).toEqual({
      kind: 'bar',
      id: 'at_0001',
    });
    expect(moveFocus(model, frame, start, 'ArrowUp')).toEqual(start);
    expect(moveFocus(model, frame, start, 'x')).toBeNull();
  });
});
