import { useEffect, useId } from 'react';
import {
  EXCHANGE_KINDS,
  EXCHANGE_OUTCOMES,
  KIND_LABELS,
  OUTCOME_LABELS,
  type ExchangeKind,
  type ExchangeOutcome,
} from '../../../../shared/traffic/exchange';
import { Button } from '../../components/Button';
import { ZohoError } from '../../components/ZohoError';
import { useWorkspace } from '../../stores/workspace';
import { exportHar, loadConsole, setFilter, useConsole } from './console-store';
import { ExchangeList } from './ExchangeList';
import { ExchangeView } from './ExchangeView';
import '../consent/panel-kit.css';
import './console.css';

/**
 * The Console tab (issue 10 part 5): every request Tokenbench sent to Zoho, from any shell of this
 * workspace, filtered by client, kind and outcome, each shown raw; "Export HAR" saves the selection.
 */
export function ConsolePanel() {
  const filter = useConsole((s) => s.filter);
  const total = useConsole((s) => s.total);
  const loaded = useConsole((s) => s.loaded);
  const error = useConsole((s) => s.error);
  const exporting = useConsole((s) => s.exporting);
  const rows = useConsole((s) => s.rows.length);
  const clients = useWorkspace((s) => s.clients);
  const id = useId();
  useEffect(() => {
    void loadConsole();
  }, []);
  return (
    <div className="console split-panel" data-console-state={loaded ? 'ready' : 'loading'}>
      <div className="split-main">
        <div className="row console-filters" role="group" aria-label="Filter exchanges">
          <div className="console-filter">
            <label htmlFor={`${id}-client`}>Client</label>
            <select
              id={`${id}-client`}
              className="input"
              value={filter.clientRef ?? ''}
              onChange={(e) => {
                setFilter({ clientRef: e.target.value === '' ? undefined : e.target.value });
              }}
            >
              <option value="">All clients</option>
              {clients.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div className="console-filter">
            <label htmlFor={`${id}-kind`}>Kind</label>
            <select
              id={`${id}-kind`}
              className="input"
              value={filter.kind ?? ''}
              onChange={(e) => {
                setFilter({ kind: e.target.value === '' ? undefined : (e.target.value as ExchangeKind) });
              }}
            >
              <option value="">All kinds</option>
              {EXCHANGE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </div>
          <div className="console-filter">
            <label htmlFor={`${id}-outcome`}>Outcome</label>
            <select
              id={`${id}-outcome`}
              className="input"
              value={filter.outcome ?? ''}
              onChange={(e) => {
                setFilter({
                  outcome: e.target.value === '' ? undefined : (e.target.value as ExchangeOutcome),
                });
              }}
            >
              <option value="">All outcomes</option>
              {EXCHANGE_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {OUTCOME_LABELS[o]}
                </option>
              ))}
            </select>
          </div>
          <span className="spacer" />
          <span className="subtle console-count" role="status">
            {loaded ? `${total.toLocaleString('en-US')} exchange${total === 1 ? '' : 's'}` : 'Reading…'}
          </span>
          <Button size="small" busy={exporting} disabled={total === 0} onClick={() => void exportHar()}>
            Export HAR
          </Button>
        </div>
        {error !== null && <ZohoError error={error} />}
        {loaded && rows === 0 ? (
          <p className="empty">
            {total === 0 &&
            filter.clientRef === undefined &&
            filter.kind === undefined &&
            filter.outcome === undefined
              ? 'Nothing sent to Zoho yet. Every consent exchange, refresh, revoke, check and request will show here, from the app and the tokenbench CLI alike.'
              : 'No exchange matches these filters.'}
          </p>
        ) : (
          <ExchangeList />
        )}
      </div>
      <div className="console-detail">
        <ExchangeView />
      </div>
    </div>
  );
}
