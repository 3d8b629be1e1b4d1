import type { TimelineBar, TimelineLane } from '../../../../shared/ipc/timeline';
import { Badge, StatusBadge } from '../../components/Badge';
import { Countdown, formatTime } from '../../components/Countdown';
import { useNow } from '../../stores/clock';
import type { Hit } from './timeline-frame';
import { statusAt, type TimelineModel } from './timeline-model';

interface TooltipProps {
  readonly model: TimelineModel;
  readonly hit: Hit;
  /** The anchor in the timeline's own pixels, and the timeline's size to stay inside. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const TIP_WIDTH = 272;

/** The facts of the bar or lane under the pointer or the keyboard focus, with a live "expires in". */
export function TimelineTooltip({ model, hit, x, y, width, height }: TooltipProps) {
  const bar = hit.kind === 'bar' ? model.bar(hit.id)?.bar : undefined;
  const lane = hit.kind === 'lane' ? model.lane(hit.id)?.lane : undefined;
  if (bar === undefined && lane === undefined) return null;
  const flip = y > height - 170;
  const style = {
    left: Math.max(8, Math.min(width - TIP_WIDTH - 8, x - TIP_WIDTH / 2)),
    top: flip ? y - 14 : y + 16,
    transform: flip ? 'translateY(-100%)' : undefined,
  };
  return (
    <div className="tl-tooltip" role="tooltip" style={style}>
      {bar !== undefined ? (
        <BarFacts bar={bar} parent={model.lane(bar.laneId)?.lane} />
      ) : (
        lane !== undefined && <LaneFacts lane={lane} />
      )}
    </div>
  );
}

function BarFacts({ bar, parent }: { bar: TimelineBar; parent: TimelineLane | undefined }) {
  const now = useNow();
  const status = statusAt(bar, now);
  return (
    <>
      <div className="tl-tip-head">
        <span className="subtle">Access token</span>
        <code>{bar.fingerprint}</code>
        <span className="spacer" />
        {bar.nextToEvict && status === 'active' && <Badge tone="warn">next out</Badge>}
        <StatusBadge status={status} />
      </div>
      <dl className="tl-facts">
        <dt>Created</dt>
        <dd>{formatTime(bar.createdAt)}</dd>
        {status === 'active' && (
          <>
            <dt>Expires in</dt>
            <dd>
              <Countdown until={bar.expiresAt} />
            </dd>
          </>
        )}
        {status === 'expired' && (
          <>
            <dt>Expired</dt>
            <dd>{formatTime(bar.expiresAt)}</dd>
          </>
        )}
        {(status === 'evicted' || status === 'revoked') && (
          <>
            <dt>{status === 'evicted' ? 'Evicted' : 'Revoked'}</dt>
            <dd>
              {formatTime(bar.endedAt ?? bar.expiresAt)}
              {bar.endedWithParent ? ' with its refresh token' : ''}
            </dd>
          </>
        )}
        {bar.evictedBy !== null && (
          <>
            <dt>Evicted by</dt>
            <dd>
              <code>{bar.evictedBy}</code>
            </dd>
          </>
        )}
        <dt>Refresh token</dt>
        <dd>{parent?.kind === 'refresh' ? <code>{parent.fingerprint}</code> : 'none (online)'}</dd>
        {bar.environments.length > 0 && (
          <>
            <dt>Used by</dt>
            <dd>{bar.environments.join(', ')}</dd>
          </>
        )}
      </dl>
    </>
  );
}

function LaneFacts({ lane }: { lane: TimelineLane }) {
  return (
    <>
      <div className="tl-tip-head">
        <span className="subtle">{lane.kind === 'online' ? 'Online tokens' : 'Refresh token'}</span>
        {lane.fingerprint !== null && <code>{lane.fingerprint}</code>}
        <span className="spacer" />
        {lane.nextToEvict && <Badge tone="warn">next out</Badge>}
        <StatusBadge status={lane.status} />
      </div>
      <dl className="tl-facts">
        <dt>User</dt>
        <dd>{lane.userLabel ?? lane.userId}</dd>
        <dt>DC</dt>
        <dd>{lane.dcId.toUpperCase()}</dd>
        {lane.kind === 'refresh' && (
          <>
            <dt>Created</dt>
            <dd>{formatTime(lane.createdAt)}</dd>
            <dt>Live access</dt>
            <dd>
              {lane.live} / {lane.maxAlive}
            </dd>
          </>
        )}
        {lane.endedAt !== null && (
          <>
            <dt>Ended</dt>
            <dd>
              {formatTime(lane.endedAt)}
              {lane.evictedBy === null ? '' : ` by ${lane.evictedBy}`}
            </dd>
          </>
        )}
        {lane.environments.length > 0 && (
          <>
            <dt>Used by</dt>
            <dd>{lane.environments.join(', ')}</dd>
          </>
        )}
      </dl>
    </>
  );
}
