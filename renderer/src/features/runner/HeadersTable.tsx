import { Button } from '../../components/Button';
import { addHeader, removeHeader, updateHeader, useRunner } from './runner-store';

/** Postman's header table: each row can be switched off without losing it. */
export function HeadersTable() {
  const headers = useRunner((s) => s.draft.headers);
  return (
    <div className="stack" style={{ gap: 'var(--space-2)' }}>
      <table className="table headers-table">
        <thead>
          <tr>
            <th scope="col" className="col-on">
              <span className="visually-hidden">Send</span>
            </th>
            <th scope="col">Header</th>
            <th scope="col">Value</th>
            <th scope="col" className="col-remove">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {headers.map((h, i) => (
            <tr key={h.id} className={h.enabled ? '' : 'row-off'}>
              <td className="col-on">
                <input
                  type="checkbox"
                  checked={h.enabled}
                  aria-label={`Send header ${h.key || String(i + 1)}`}
                  onChange={(e) => {
                    updateHeader(h.id, { enabled: e.target.checked });
                  }}
                />
              </td>
              <td>
                <input
                  className="input mono cell-input"
                  value={h.key}
                  placeholder="Header"
                  aria-label={`Header ${String(i + 1)} name`}
                  spellCheck={false}
                  onChange={(e) => {
                    updateHeader(h.id, { key: e.target.value });
                  }}
                />
              </td>
              <td>
                <input
                  className="input mono cell-input"
                  value={h.value}
                  placeholder="Value, {{variables}} allowed"
                  aria-label={`Header ${h.key || String(i + 1)} value`}
                  spellCheck={false}
                  autoComplete="off"
                  onChange={(e) => {
                    updateHeader(h.id, { value: e.target.value });
                  }}
                />
              </td>
              <td className="col-remove">
                <Button
                  size="small"
                  variant="ghost"
                  aria-label={`Remove header ${h.key || String(i + 1)}`}
                  onClick={() => {
                    removeHeader(h.id);
                  }}
                >
                  ✕
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div>
        <Button size="small" onClick={addHeader}>
          + Add header
        </Button>
      </div>
    </div>
  );
}
