import { formatTime } from '../../components/Countdown';
import { HISTORY_SIZE, loadEntry, useRunner } from './runner-store';

const tone = (status: number | null) =>
  status === null
    ? 'danger'
    : status >= 500
      ? 'danger'
      : status >= 400
        ? 'warn'
        : status >= 300
          ? 'info'
          : 'ok';

/** The last requests, as templates: clicking one loads it back into the editor. */
export function HistoryList() {
  const history = useRunner((s) => s.history);
  return (
    <aside className="card history" aria-labelledby="history-title">
      <header className="card-header">
        <h2 id="history-title" className="card-title">
          History
        </h2>
        <span className="subtle history-cap">last {HISTORY_SIZE}</span>
      </header>
      {history.length === 0 ? (
        <p className="subtle history-empty">
          Requests you send appear here, with their variables as written, never their values.
        </p>
      ) : (
        <ul className="history-list">
          {history.map((h) => (
            <li key={h.id}>
              <button
                type="button"
                className="history-item"
                onClick={() => {
                  loadEntry(h);
                }}
                title="Load this request into the editor"
              >
                <span className="row" style={{ gap: 6 }}>
                  <span className={`method-tag method-${h.method}`}>{h.method}</span>
                  <span className={`status-dot dot-${tone(h.status)}`} aria-hidden="true" />
                  <span className="mono history-status">{h.status ?? h.errorCode}</span>
                  <span className="spacer" />
                  <span className="subtle history-time">{formatTime(h.at)}</span>
                </span>
                <span className="mono history-url">{h.url}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
