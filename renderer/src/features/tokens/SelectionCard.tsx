import { useState } from 'react';
import type { TimelineBar, TimelineLane } from '../../../../shared/ipc/timeline';
import { Badge, StatusBadge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Countdown, formatTime } from '../../components/Countdown';
import { GuardWarning } from '../../components/GuardWarning';
import { ZohoError } from '../../components/ZohoError';
import { useNow } from '../../stores/clock';
import { setTab } from '../../stores/ui';
import { inspectToken } from '../inspector/inspector-store';
import { statusAt } from './timeline-model';
import { refreshLane, revokeLane, timelineModel, useTimeline } from './timeline-store';
import { RevokeConfirm } from '../../components/RevokeConfirm';
import { createdLabel } from './created-label';
import { orgWords, userWords } from '../../../../shared/words/identity';

/** The selected access token or refresh token: its facts, and refresh, revoke and inspect. */
export function SelectionCard() {
  useTimeline((s) => s.version);
  const selected = useTimeline((s) => s.selected);
  const action = useTimeline((s) => s.action);
  const [confirming, setConfirming] = useState(false);
  const model = timelineModel();
  if (selected === null) {
    return (
      <p className="tl-hint subtle">
        Select a bar or a refresh token (click, or arrow keys and Enter) to refresh, revoke or inspect it.
      </p>
    );
  }
  const bar = selected.kind === 'bar' ? model.bar(selected.id)?.bar : undefined;
  const lane = model.lane(bar?.laneId ?? selected.id)?.lane;
  if (lane === undefined) return null;
  const usable = lane.kind === 'refresh' && lane.status === 'active';
  const mine = action !== null && action.laneId === lane.id ? action : null;
  const title =
    bar !== undefined
      ? lane.kind === 'client-credentials'
        ? 'Access token (client credentials)'
        : 'Access token'
      : lane.kind === 'online'
        ? 'Online access tokens'
        : lane.kind === 'client-credentials'
          ? 'Client-credentials tokens'
          : 'Refresh token';
  return (
    <section className="card tl-selection" aria-labelledby="tl-selection-title">
      <header className="card-header">
        <h3 id="tl-selection-title" className="tl-selection-title">
          {title} <code>{bar?.fingerprint ?? lane.fingerprint ?? ''}</code>
        </h3>
        <span className="spacer" />
        <Button
          variant="primary"
          size="small"
          disabled={!usable}
          busy={mine?.kind === 'refresh' && mine.busy}
          onClick={() => void refreshLane(lane.id)}
          title={
            usable ? 'A new access token from this refresh token' : 'Only a live refresh token can refresh'
          }
        >
          Refresh this refresh token
        </Button>
        <Button
          size="small"
          variant="danger"
          disabled={!usable}
          busy={mine?.kind === 'revoke' && mine.busy}
          onClick={() => {
            setConfirming(true);
          }}
        >
          Revoke…
        </Button>
        <Button
          size="small"
          onClick={() => {
            void inspectToken(bar?.id ?? lane.id);
            setTab('inspector');
          }}
          disabled={lane.kind !== 'refresh' && bar === undefined}
        >
          Inspect
        </Button>
      </header>
      <div className="card-body stack">
        {bar !== undefined ? <BarFacts bar={bar} lane={lane} /> : <LaneFacts lane={lane} />}
        {mine?.error != null &&
          (mine.error.code === 'limit_guard' ? (
            <GuardWarning error={mine.error} onForce={() => void refreshLane(lane.id, true)} />
          ) : (
            <ZohoError error={mine.error} />
          ))}
      </div>
      {confirming && (
        <RevokeConfirm
          fingerprint={lane.fingerprint ?? ''}
          liveAccessTokens={lane.live}
          environments={lane.environments}
          onCancel={() => {
            setConfirming(false);
          }}
          onConfirm={() => {
            setConfirming(false);
            void revokeLane(lane.id);
          }}
        />
      )}
    </section>
  );
}

function BarFacts({ bar, lane }: { bar: TimelineBar; lane: TimelineLane }) {
  const now = useNow();
  const status = statusAt(bar, now);
  return (
    <dl className="tl-facts tl-facts-wide">
      <dt>Status</dt>
      <dd className="row">
        <StatusBadge status={status} />
        {bar.nextToEvict && status === 'active' && <Badge tone="warn">next to be evicted</Badge>}
      </dd>
      <dt>Created</dt>
      <dd>{createdLabel(bar)}</dd>
      <dt>{status === 'active' ? 'Expires in' : status === 'expired' ? 'Expired' : 'Ended'}</dt>
      <dd>
        {status === 'active' ? (
          <Countdown until={bar.expiresAt} label="Expires in" />
        ) : (
          formatTime(bar.endedAt ?? bar.expiresAt)
        )}
      </dd>
      <dt>Refresh token</dt>
      <dd>{lane.kind === 'refresh' ? <code>{lane.fingerprint}</code> : noRefreshToken(lane)}</dd>
      {bar.evictedBy !== null && (
        <>
          <dt>Evicted by</dt>
          <dd>
            <code>{bar.evictedBy}</code>
          </dd>
        </>
      )}
      <dt>Used by</dt>
      <dd>
        {bar.environments.length > 0 ? (
          bar.environments.join(', ')
        ) : (
          <span className="subtle">no environment</span>
        )}
      </dd>
    </dl>
  );
}

function LaneFacts({ lane }: { lane: TimelineLane }) {
  return (
    <dl className="tl-facts tl-facts-wide">
      <dt>Status</dt>
      <dd className="row">
        <StatusBadge status={lane.status} />
        {lane.nextToEvict && <Badge tone="warn">next consent evicts it</Badge>}
      </dd>
      <dt>User</dt>
      <dd>
        {userWords(lane)} · {lane.dcId.toUpperCase()}
      </dd>
      <dt>CRM org</dt>
      <dd>{orgWords(lane.identity)}</dd>
      {lane.kind === 'refresh' && (
        <>
          <dt>Created</dt>
          <dd>{createdLabel(lane)}</dd>
          <dt>Live access tokens</dt>
          <dd>
            {lane.live} of {lane.maxAlive}
          </dd>
        </>
      )}
      {lane.endedAt !== null && (
        <>
          <dt>Ended</dt>
          <dd>
            {formatTime(lane.endedAt)}
            {lane.evictedBy === null ? '' : `, evicted by ${lane.evictedBy}`}
          </dd>
        </>
      )}
      <dt>Used by</dt>
      <dd>
        {lane.environments.length > 0 ? (
          lane.environments.join(', ')
        ) : (
          <span className="subtle">no environment</span>
        )}
      </dd>
    </dl>
  );
}

/** Why an access token has no refresh token: an online consent, or client credentials (never one). */
function noRefreshToken(lane: TimelineLane): string {
  if (lane.kind !== 'client-credentials') return 'none: an online token';
  return `none: client credentials${lane.soid ? ` in ${lane.soid}` : ''}`;
}
