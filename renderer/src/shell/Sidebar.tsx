import { Button } from '../components/Button';
import { openDialog } from '../stores/ui';
import { selectClient, selectEnvironment, useWorkspace } from '../stores/workspace';

/** Clients and environments, Postman-style: pick one, the main area follows. */
export function Sidebar() {
  const clients = useWorkspace((s) => s.clients);
  const environments = useWorkspace((s) => s.environments);
  const dcs = useWorkspace((s) => s.dcs);
  const selectedClientId = useWorkspace((s) => s.selectedClientId);
  const selectedEnvironmentId = useWorkspace((s) => s.selectedEnvironmentId);
  const dcName = (id: string | null) => dcs.find((d) => d.id === id)?.name ?? id ?? 'no DC';
  return (
    <aside className="sidebar" aria-label="Workspace">
      <section className="sidebar-section" aria-labelledby="clients-heading">
        <div className="sidebar-heading">
          <h2 id="clients-heading">Clients</h2>
          <Button
            size="small"
            variant="ghost"
            aria-label="Add client"
            onClick={() => {
              openDialog({ kind: 'client', clientId: null });
            }}
          >
            + Add
          </Button>
        </div>
        <ul className="sidebar-list">
          {clients.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className="sidebar-item"
                aria-current={c.id === selectedClientId}
                onClick={() => {
                  selectClient(c.id);
                }}
              >
                <span className="sidebar-item-name">{c.name}</span>
                <span className="sidebar-item-meta">
                  {c.type === 'self' ? 'Self client' : c.type === 'device' ? 'Non-browser' : 'Server'} ·{' '}
                  {dcName(c.dcId)}
                  {c.multiDc ? ' · multi-DC' : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section className="sidebar-section" aria-labelledby="envs-heading">
        <div className="sidebar-heading">
          <h2 id="envs-heading">Environments</h2>
          <Button
            size="small"
            variant="ghost"
            aria-label="Import an environment file"
            onClick={() => {
              openDialog({ kind: 'import-env' });
            }}
          >
            Import
          </Button>
        </div>
        <ul className="sidebar-list">
          {environments.map((e) => (
            <li key={e.id}>
              <button
                type="button"
                className="sidebar-item"
                aria-current={e.id === selectedEnvironmentId}
                onClick={() => {
                  selectEnvironment(e.id);
                }}
              >
                <span className="sidebar-item-name">{e.name}</span>
                <span className="sidebar-item-meta">
                  {dcName(e.dcId)}
                  {e.autoRefresh ? ' · auto-refresh' : ''}
                </span>
              </button>
            </li>
          ))}
          {environments.length === 0 && <li className="subtle sidebar-empty">No environments yet.</li>}
        </ul>
      </section>
    </aside>
  );
}
