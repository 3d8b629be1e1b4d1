import { useState } from 'react';
import type { EnvironmentRecord } from '../../../../shared/workspace/model';
import { Button } from '../../components/Button';
import { openDialog, toastError } from '../../stores/ui';
import { selectedClient, selectedEnvironment, useWorkspace } from '../../stores/workspace';
import { createEnvironment } from './env-actions';
import { EnvHeader } from './EnvHeader';
import { ExportBar } from './ExportBar';
import { VariableTable } from './VariableTable';
import './environments.css';
import './env-table.css';

/** The Environment tab: the selected environment's settings and its Postman-style variables. */
export function EnvironmentPanel() {
  const env = useWorkspace(selectedEnvironment);
  if (env === null) return <NoEnvironment />;
  // Keyed by id: switching environments drops every revealed value and open editor with it.
  return <EnvironmentView key={env.id} env={env} />;
}

function EnvironmentView({ env }: { env: EnvironmentRecord }) {
  return (
    <div className="env">
      <EnvHeader env={env} />
      <section className="card env-variables" aria-labelledby="env-variables-title">
        <ExportBar env={env} />
        <VariableTable env={env} />
      </section>
    </div>
  );
}

function NoEnvironment() {
  const client = useWorkspace(selectedClient);
  const others = useWorkspace((s) => s.environments.length);
  const [busy, setBusy] = useState(false);
  const create = async () => {
    setBusy(true);
    const error = await createEnvironment();
    setBusy(false);
    if (error !== null) toastError(error);
  };
  return (
    <div className="card env-empty">
      <div className="env-empty-icon" aria-hidden="true">
        {'{ }'}
      </div>
      <h2>{others > 0 ? 'No environment selected' : 'No environment yet'}</h2>
      <p className="muted">
        An environment holds the variables of Zoho’s Postman collections — <code>client-id</code>,{' '}
        <code>access-token</code>, <code>api-domain</code> and the rest. Tokenbench fills them after every
        consent and refresh, and keeps the secret ones in the system keychain.
      </p>
      {others > 0 && <p className="subtle">Pick one in the sidebar, or make a new one.</p>}
      <div className="row env-empty-actions">
        <Button variant="primary" busy={busy} onClick={() => void create()}>
          New environment
        </Button>
        <Button
          onClick={() => {
            openDialog({ kind: 'import-env' });
          }}
        >
          Import Postman or SDK file…
        </Button>
      </div>
      {client !== null && (
        <p className="subtle env-empty-note">
          It will follow <strong className="env-truncate-inline">{client.name}</strong> in the DC in view.
        </p>
      )}
    </div>
  );
}
