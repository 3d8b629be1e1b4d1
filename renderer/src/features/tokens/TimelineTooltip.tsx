import { useLayoutEffect, useRef, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { laneTitle, type TimelineBar, type TimelineLane } from '../../../../shared/ipc/timeline';
import { Badge, StatusBadge } from '../../components/Badge';
import { Countdown, formatTime } from '../../components/Countdown';
import { useNow } from '../../stores/clock';
import type { Hit } from './timeline-frame';
import { statusAt, type TimelineModel } from './timeline-model';
import { createdLabel } from './created-label';
import { orgShort, userShort } from '../../../../shared/words/identity';

interface TooltipProps {
  readonly model: TimelineModel;
  readonly hit: Hit;
  /** The anchor, in the pixels of `over` (the timeline's scroll area). */
  readonly x: number;
  readonly y: number;
  readonly over: RefObject<HTMLElement | null>;
}

const MARGIN = 8;

/**
 * The facts of the bar or lane under the pointer or the keyboard focus, with a live "expires in".
 * It lives in <body>, placed against the window: the timeline clips what overflows its rounded
 * card, and a short timeline is shorter than a tooltip. Below the anchor when it fits, else above,
 * always inside the window.
 */
export function TimelineTooltip({ model, hit, x, y, over }: TooltipProps) {
  const ref = useRef<HTMLDivElement>(null);
  // Measured and placed before the browser paints, on every render (its size follows its facts).
  useLayoutEffect(() => {
    const tip = ref.current;
    const area = over.current?.getBoundingClientRect();
    if (tip === null || area === undefined) return;
    const { offsetWidth: w, offsetHeight: h } = tip;
    const ax = area.left + x;
    const ay = area.top + y;
    const below = ay + 16;
    const top = below + h <= innerHeight - MARGIN ? below : Math.max(MARGIN, ay - 14 - h);
    tip.style.left = `${String(Math.max(MARGIN, Math.min(innerWidth - w - MARGIN, ax - w / 2)))}px`;
    tip.style.top = `${String(top)}px`;
    tip.style.visibility = 'visible';
  });
  const bar = hit.kind === 'bar' ? model.bar(hit.id)?.bar : undefined;
  const lane = hit.kind === 'lane' ? model.lane(hit.id)?.lane : undefined;
  if (bar === undefined && lane === undefined) return null;
  return createPortal(
    <div ref={ref} className="tl-tooltip" role="tooltip">
      {bar !== undefined ? (
        <BarFacts bar={bar} parent={model.lane(bar.laneId)?.lane} />
      ) : (
        lane !== undefined && <LaneFacts lane={lane} />
      )}
    </div>,
    document.body,
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
        <dd>{createdLabel(bar)}</dd>
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
        <dd>
          {parent?.kind === 'refresh' ? (
            <code>{parent.fingerprint}</code>
          ) : parent?.kind === 'client-credentials' ? (
            'none (client credentials)'
          ) : (
            'none (online)'
          )}
        </dd>
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
        <span className="subtle">{lane.kind === 'refresh' ? 'Refresh token' : laneTitle(lane)}</span>
        {lane.fingerprint !== null && <code>{lane.fingerprint}</code>}
        <span className="spacer" />
        {lane.nextToEvict && <Badge tone="warn">next out</Badge>}
        <StatusBadge status={lane.status} />
      </div>
      <dl className="tl-facts">
        <dt>User</dt>
        <dd>{userShort(lane)}</dd>
        {orgShort(lane.identity) !== null && (
          <>
            <dt>CRM org</dt>
            <dd>{orgShort(lane.identity)}</dd>
          </>
        )}
        <dt>DC</dt>
        <dd>{lane.dcId.toUpperCase()}</dd>
        {lane.kind === 'refresh' && (
          <>
            <dt>Created</dt>
            <dd>{createdLabel(lane)}</dd>
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
