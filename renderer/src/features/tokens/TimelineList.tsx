import { useState } from 'react';
import { laneTitle, type TimelineBar, type TimelineLane } from '../../../../shared/ipc/timeline';
import { Badge, StatusBadge } from '../../components/Badge';
import { formatRemaining, formatTime } from '../../components/Countdown';
import { useNow } from '../../stores/clock';
import { clipSpan, viewRange, zoomById } from './timeline-layout';
import { barEnd, statusAt } from './timeline-model';
import { select, timelineModel, useTimeline, type Selection } from './timeline-store';
import { createdLabel } from './created-label';
import { laneWho } from '../../../../shared/words/identity';

const LANES_PER_PAGE = 20;
const BARS_PER_LANE = 30;

/**
 * The timeline as a table, for screen readers and for anyone who prefers rows: the same lanes in the
 * same order, each refresh token followed by its access tokens in the zoomed range, newest first.
 */
export function TimelineList() {
  useTimeline((s) => s.version);
  const zoom = zoomById(useTimeline((s) => s.zoom));
  const selected = useTimeline((s) => s.selected);
  const now = useNow();
  const [pages, setPages] = useState(1);
  const model = timelineModel();
  const range = viewRange(now, zoom);
  const inRange = (bar: TimelineBar) =>
    clipSpan(bar.createdAt, barEnd(bar), range, { left: 0, width: 1 }) !== null;
  const lanes = model.rows(range).lanes;
  const rows = Math.min(lanes.length, pages * LANES_PER_PAGE);
  const body = [];
  for (let row = 0; row < rows; row += 1) {
    const entry = lanes[row];
    if (entry === undefined) continue;
    const bars = entry.bars.filter((b) => inRange(b.bar)).reverse();
    body.push(<LaneRow key={entry.lane.id} lane={entry.lane} selected={selected} />);
    for (const { bar } of bars.slice(0, BARS_PER_LANE)) {
      body.push(<BarRow key={bar.id} bar={bar} now={now} selected={selected} />);
    }
    if (bars.length > BARS_PER_LANE) {
      body.push(
        <tr key={`${entry.lane.id}-more`} className="tl-list-more">
          <td colSpan={7} className="subtle">
            {bars.length - BARS_PER_LANE} earlier access tokens in this range; zoom in to list them.
          </td>
        </tr>,
      );
    }
  }
  return (
    <div className="tl-list">
      <table className="table">
        <caption className="visually-hidden">
          Tokens of this client in the last {zoom.label}, by refresh token
        </caption>
        <thead>
          <tr>
            <th scope="col">Token</th>
            <th scope="col">User · DC</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
            <th scope="col">Expires or ended</th>
            <th scope="col">Evicted by</th>
            <th scope="col">Used by</th>
          </tr>
        </thead>
        <tbody>{body}</tbody>
      </table>
      {lanes.length > rows && (
        <button
          type="button"
          className="btn btn-small tl-list-page"
          onClick={() => {
            setPages((p) => p + 1);
          }}
        >
          Show {Math.min(LANES_PER_PAGE, lanes.length - rows)} more refresh tokens
        </button>
      )}
    </div>
  );
}

function Pick({
  hit,
  selected,
  children,
}: {
  hit: Selection;
  selected: Selection | null;
  children: React.ReactNode;
}) {
  const pressed = selected?.id === hit.id;
  return (
    <button
      type="button"
      className="tl-list-pick"
      aria-pressed={pressed}
      onClick={() => {
        select(pressed ? null : hit);
      }}
    >
      {children}
    </button>
  );
}

function LaneRow({ lane, selected }: { lane: TimelineLane; selected: Selection | null }) {
  return (
    <tr className="tl-list-lane">
      <th scope="row">
        <Pick hit={{ kind: 'lane', id: lane.id }} selected={selected}>
          <span className="subtle">{lane.kind === 'refresh' ? 'Refresh' : laneTitle(lane)}</span>{' '}
          <code>{lane.fingerprint ?? ''}</code>
        </Pick>
      </th>
      <td>{laneWho(lane)}</td>
      <td>
        <span className="row">
          <StatusBadge status={lane.status} />
          {lane.nextToEvict && <Badge tone="warn">next out</Badge>}
        </span>
      </td>
      <td>{lane.kind === 'refresh' ? createdLabel(lane, true) : ''}</td>
      <td>
        {lane.endedAt === null
          ? lane.kind === 'refresh'
            ? `${lane.live} / ${lane.maxAlive} live`
            : ''
          : formatTime(lane.endedAt)}
      </td>
      <td>{lane.evictedBy ?? ''}</td>
      <td>{lane.environments.join(', ')}</td>
    </tr>
  );
}

function BarRow({ bar, now, selected }: { bar: TimelineBar; now: number; selected: Selection | null }) {
  const status = statusAt(bar, now);
  const end = status === 'active' ? `in ${formatRemaining(bar.expiresAt - now)}` : formatTime(barEnd(bar));
  return (
    <tr>
      <th scope="row" className="tl-list-child">
        <Pick hit={{ kind: 'bar', id: bar.id }} selected={selected}>
          <span className="subtle">Access</span> <code>{bar.fingerprint}</code>
        </Pick>
      </th>
      <td />
      <td>
        <span className="row">
          <StatusBadge status={status} />
          {bar.nextToEvict && status === 'active' && <Badge tone="warn">next out</Badge>}
        </span>
      </td>
      <td>{createdLabel(bar, true)}</td>
      <td>{end}</td>
      <td>{bar.evictedBy ?? ''}</td>
      <td>{bar.environments.join(', ')}</td>
    </tr>
  );
}
