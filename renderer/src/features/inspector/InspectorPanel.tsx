import { ZohoError } from '../../components/ZohoError';
import { TokenDetails } from './TokenDetails';
import { TokenPicker } from './TokenPicker';
import { useInspector } from './inspector-store';
import '../consent/panel-kit.css';
import './inspector.css';

/** The Inspector tab, for support staff: pick or paste a token, see what Tokenbench knows, act on it. */
export function InspectorPanel() {
  const { inspection, error, busy } = useInspector();
  return (
    <div className="inspector split-panel">
      <TokenPicker />
      <div className="split-main" aria-busy={busy}>
        {error !== null && <ZohoError error={error} />}
        {inspection === null && error === null && <Empty busy={busy} />}
        {inspection !== null && <TokenDetails inspection={inspection} />}
      </div>
    </div>
  );
}

function Empty({ busy }: { busy: boolean }) {
  return (
    <div className="card">
      <div className="empty inspector-empty">
        {busy ? (
          <p className="row muted" role="status">
            <span className="spinner" aria-hidden="true" /> Looking it up…
          </p>
        ) : (
          <>
            <svg width="56" height="56" viewBox="0 0 56 56" aria-hidden="true" className="empty-art">
              <circle cx="24" cy="24" r="14" />
              <path d="M34 34l12 12" />
              <path d="M18 24h12M24 18v12" />
            </svg>
            <p className="empty-title">Pick a token, or paste one</p>
            <p className="subtle" style={{ maxWidth: 420 }}>
              See its kind, user, data center, scopes, expiry, parent and children, which environments use it,
              and the last error explained. Then check it against Zoho, refresh or revoke it.
            </p>
          </>
        )}
      </div>
    </div>
  );
}
