import { useState } from 'react';
import type { ClientRecord } from '../../../../shared/workspace/model';
import { Button } from '../../components/Button';
import { openDialog } from '../../stores/ui';
import { selectedClient, useWorkspace } from '../../stores/workspace';
import { DevicePanel } from '../device/DevicePanel';
import { ClientCredentialsCard } from './ClientCredentialsCard';
import { ConsentForm } from './ConsentForm';
import { FlowCard } from './FlowCard';
import { openSandboxConsole } from './consent-store';
import { SelfClientForm } from './SelfClientForm';
import './panel-kit.css';
import './consent.css';
import './flow.css';

/**
 * The Consent tab: for a server client, the authorization request and the live sign-in side by
 * side, with a pasted-code path under a disclosure; for a self client, the pasted-code path and
 * client credentials;
 * for a Non-browser client, the device sign-in.
 */
export function ConsentPanel() {
  const client = useWorkspace(selectedClient);
  if (client === null) return <NoClient />;
  // Keyed by client: what one client's forms hold (a pasted address, a grant code) never shows
  // under another's.
  if (client.type === 'device') return <DevicePanel key={client.id} client={client} />;
  if (client.type === 'self')
    return (
      <div className="consent" key={client.id}>
        <div className="consent-grid">
          <SelfClientPanel client={client} />
          <ClientCredentialsCard client={client} />
        </div>
      </div>
    );
  if (client.redirectUri === null) return <SelfClientPanel key={client.id} client={client} />;
  return (
    <div className="consent" key={client.id}>
      <div className="consent-grid">
        <ConsentForm client={client} />
        <FlowCard client={client} />
      </div>
      <PasteCodeDisclosure client={client} />
    </div>
  );
}

/**
 * Closed, it is only its summary: the form inside is built on first opening (a start renders what
 * it shows, bench ui-cold-load) and kept after, so closing it loses nothing typed.
 */
function PasteCodeDisclosure({ client }: { client: ClientRecord }) {
  const [opened, setOpened] = useState(false);
  return (
    <details
      className="card disclosure"
      onToggle={(e) => {
        if (e.currentTarget.open) setOpened(true);
      }}
    >
      <summary>
        <span className="disclosure-title">Paste a grant code</span>
        <span className="subtle">Made elsewhere (the API console, another tool)? Exchange it here.</span>
      </summary>
      {opened && (
        <div className="card-body">
          <SelfClientForm client={client} primary={false} />
        </div>
      )}
    </details>
  );
}

function SelfClientPanel({ client }: { client: ClientRecord }) {
  return (
    <section className="card self-client-card" aria-labelledby="self-client-title">
      <header className="card-header">
        <h2 id="self-client-title" className="card-title">
          Self client: exchange a grant code
        </h2>
        <span className="badge">no consent page</span>
      </header>
      <div className="card-body stack">
        {client.dcId.startsWith('sandbox-') && (
          <p className="subtle">
            No code yet? The sandbox has an API console like Zoho&apos;s.{' '}
            <Button size="small" onClick={() => void openSandboxConsole()}>
              Open the sandbox&apos;s API console
            </Button>
          </p>
        )}
        <SelfClientForm client={client} primary />
      </div>
    </section>
  );
}

function NoClient() {
  return (
    <div className="empty">
      <p className="empty-title">No client selected</p>
      <p className="subtle">
        Consent needs a client: its id, secret and redirect URI from the Zoho API console.
      </p>
      <Button
        variant="primary"
        onClick={() => {
          openDialog({ kind: 'client', clientId: null });
        }}
      >
        Add a client
      </Button>
    </div>
  );
}
