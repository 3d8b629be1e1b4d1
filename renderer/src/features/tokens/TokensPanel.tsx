import { useEffect, type KeyboardEvent } from 'react';
import { KAIZEN_43 } from '../../../../shared/limits/profile';
import { Button } from '../../components/Button';
import { ZohoError } from '../../components/ZohoError';
import { useNow } from '../../stores/clock';
import { useTokens } from '../../stores/tokens';
import { setTab } from '../../stores/ui';
import { useWorkspace } from '../../stores/workspace';
import { SelectionCard } from './SelectionCard';
import { TimelineList } from './TimelineList';
import { TimelineView } from './TimelineView';
import { viewRange, ZOOMS, zoomById } from './timeline-layout';
import {
  followTimeline,
  setView,
  setZoom,
  showClient,
  timelineModel,
  useTimeline,
  zoomBy,
} from './timeline-store';
import { summarize, summaryText } from './timeline-summary';
import './tokens.css';

/**
 * The Tokens tab: the client's token history as a picture (lanes per refresh token, bars per access
 * token, grant codes, evictions and revocations, now and the rolling ten-minute window), a table view
 * of the same facts, and the selected token's actions.
 */
export function TokensPanel() {
  const clientRef = useWorkspace((s) => s.selectedClientId);
  useEffect(() => (clientRef === null ? undefined : followTimeline(clientRef)), [clientRef]);
  useTimeline((s) => s.version);
  const view = useTimeline((s) => s.view);
  const now = useNow();
  const zoom = zoomById(useTimeline((s) => s.zoom));
  const lanes = timelineModel().rows(viewRange(now, zoom)).lanes;
  const summary = summaryText(summarize(lanes, now));
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (
      e.ctrlKey ||
      e.metaKey ||
      e.altKey ||
      (e.target as HTMLElement).closest('input, select, textarea') !== null
    )
      return;
    if (e.key === '+' || e.key === '=') zoomBy(1);
    else if (e.key === '-' || e.key === '_') zoomBy(-1);
    else return;
    e.preventDefault();
  };
  return (
    <div className="tokens-panel" onKeyDown={onKeyDown}>
      <div className="tl-toolbar">
        <div className="stack tl-heading">
          <h2 className="tl-title">Token timeline</h2>
          <p className="subtle tl-summary">{lanes.length > 0 ? summary : ''}</p>
        </div>
        <span className="spacer" />
        <ZoomButtons />
        <div className="tl-seg" role="group" aria-label="Show as">
          {(['timeline', 'list'] as const).map((v) => (
            <button
              key={v}
              type="button"
              className="tl-seg-btn"
              aria-pressed={view === v}
              onClick={() => {
                setView(v);
              }}
            >
              {v === 'timeline' ? 'Timeline' : 'List'}
            </button>
          ))}
        </div>
      </div>
      <TimelineBody clientRef={clientRef} summary={summary} />
      {lanes.length > 0 && (
        <>
          <Legend />
          <SelectionCard />
        </>
      )}
    </div>
  );
}

function ZoomButtons() {
  const zoom = useTimeline((s) => s.zoom);
  return (
    <div className="tl-seg" role="group" aria-label="Zoom">
      {ZOOMS.map((z) => (
        <button
          key={z.id}
          type="button"
          className="tl-seg-btn"
          aria-pressed={zoom === z.id}
          title={`Show the last ${z.label} (+ and − zoom)`}
          onClick={() => {
            setZoom(z.id);
          }}
        >
          {z.label}
        </button>
      ))}
    </div>
  );
}

function TimelineBody({ clientRef, summary }: { clientRef: string | null; summary: string }) {
  const status = useTimeline((s) => s.status);
  const error = useTimeline((s) => s.error);
  const view = useTimeline((s) => s.view);
  const zoom = zoomById(useTimeline((s) => s.zoom));
  const neverIssued = useTokens((s) => s.loadedFor === clientRef && s.rows.length + s.older === 0);
  const now = useNow();
  const empty = timelineModel().rows(viewRange(now, zoom)).lanes.length === 0;
  if (clientRef === null)
    return <Placeholder state="empty" title="No client selected" body="Pick a client in the sidebar." />;
  if (status === 'error' && error !== null) {
    return (
      <div className="tl-placeholder" data-timeline-state="error">
        <ZohoError
          error={error}
          actions={
            <Button
              onClick={() => {
                showClient(clientRef);
              }}
            >
              Try again
            </Button>
          }
        />
      </div>
    );
  }
  if (status === 'loading' && empty) {
    return (
      <div className="tl-placeholder tl-loading" data-timeline-state="loading" aria-busy="true">
        <span className="spinner" aria-hidden="true" /> Loading the timeline…
      </div>
    );
  }
  if (empty) {
    return neverIssued ? (
      <Placeholder
        state="empty"
        title="No tokens yet — run a consent"
        body="Tokens you get by consent, refresh or a pasted code appear here as they are made."
      >
        <Button
          variant="primary"
          onClick={() => {
            setTab('consent');
          }}
        >
          Go to Consent
        </Button>
      </Placeholder>
    ) : (
      <Placeholder
        state="empty"
        title={`Nothing in the last ${zoom.label}`}
        body="No token of this client was alive in this range."
      >
        {zoom.id !== '1d' && (
          <Button
            onClick={() => {
              setZoom('1d');
            }}
          >
            Show the last day
          </Button>
        )}
      </Placeholder>
    );
  }
  return view === 'timeline' ? <TimelineView summary={summary} /> : <TimelineList />;
}

function Placeholder({
  state,
  title,
  body,
  children,
}: {
  state: string;
  title: string;
  body: string;
  children?: React.ReactNode;
}) {
  return (
    <div className="tl-placeholder empty" data-timeline-state={state}>
      <svg className="tl-empty-art" viewBox="0 0 120 48" aria-hidden="true">
        <rect x="4" y="8" width="56" height="6" rx="3" />
        <rect x="30" y="22" width="70" height="6" rx="3" />
        <rect x="52" y="36" width="64" height="6" rx="3" />
      </svg>
      <h3>{title}</h3>
      <p>{body}</p>
      {children}
    </div>
  );
}

const LEGEND = [
  ['active', 'Live access token'],
  ['next', 'Next to be evicted'],
  ['expired', 'Expired'],
  ['evicted', 'Evicted (cap reached)'],
  ['revoked', 'Revoked'],
  ['grant', 'Grant code'],
  ['denied', 'Access Denied'],
] as const;

function Legend() {
  const windowMs = useTokens((s) => s.limits?.profile.access.windowMs) ?? KAIZEN_43.access.windowMs;
  const entries = [...LEGEND, ['window', `Rolling ${String(Math.round(windowMs / 60_000))}-minute window`]];
  return (
    <ul className="tl-legend" aria-label="Legend">
      {entries.map(([key, label]) => (
        <li key={key}>
          <span className={`tl-swatch tl-swatch-${key}`} aria-hidden="true" />
          {label}
        </li>
      ))}
    </ul>
  );
}
