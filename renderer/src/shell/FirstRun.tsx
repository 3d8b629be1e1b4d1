import { useState } from 'react';
import { api, toUiError } from '../api';
import { Button } from '../components/Button';
import { openDialog, setTab, toastError } from '../stores/ui';
import { loadWorkspace, selectClient } from '../stores/workspace';
import { openSandboxConsole, startConsent } from '../features/consent/consent-store';

/** The default scopes of the sandbox tour: who am I, in which CRM org, and a CRM module. */
export const SANDBOX_SCOPES = [
  'AaaServer.profile.Read',
  'ZohoCRM.org.READ',
  'ZohoCRM.users.READ',
  'ZohoCRM.modules.ALL',
];

/** An empty workspace: rehearse on the sandbox in one click, or bring a real Zoho client. */
export function FirstRun() {
  const [busy, setBusy] = useState(false);
  const trySandbox = async () => {
    setBusy(true);
    const made = await api.sandbox.try();
    if (!made.ok) {
      setBusy(false);
      toastError(toUiError(made));
      return;
    }
    await loadWorkspace();
    selectClient(made.value.client.id);
    setTab('consent');
    await startConsent({
      clientRef: made.value.client.id,
      scopes: SANDBOX_SCOPES,
      accessType: 'offline',
      promptConsent: true,
      environmentId: made.value.environment.id,
    });
    setBusy(false);
  };
  const [selfBusy, setSelfBusy] = useState(false);
  const trySelfClient = async () => {
    setSelfBusy(true);
    const made = await openSandboxConsole();
    setSelfBusy(false);
    if (made === null) return;
    await loadWorkspace();
    selectClient(made);
    setTab('consent');
  };
  return (
    <main className="first-run" aria-labelledby="welcome">
      <div className="first-run-intro">
        <h1 id="welcome">Welcome to Tokenbench</h1>
        <p className="muted">
          A workbench for Zoho OAuth tokens: consent flows, nine data centers, and the limits that lock teams
          out — shown before they bite.
        </p>
      </div>
      <div className="first-run-cards">
        <section className="card first-run-card" aria-labelledby="try-sandbox">
          <span className="badge badge-accent">No Zoho account needed</span>
          <h2 id="try-sandbox">Try the sandbox</h2>
          <p className="muted">
            A Zoho-compatible server runs inside Tokenbench with US and EU data centers and Zoho&apos;s real
            limits. One click makes a client and an environment and opens the consent page; or rehearse a self
            client with the sandbox&apos;s API console.
          </p>
          <div className="row">
            <Button variant="primary" busy={busy} onClick={() => void trySandbox()}>
              Try the sandbox
            </Button>
            <Button
              busy={selfBusy}
              title="Register the sandbox's Self Client and open its API console to generate a code"
              onClick={() => void trySelfClient()}
            >
              Rehearse a self client
            </Button>
          </div>
        </section>
        <section className="card first-run-card" aria-labelledby="add-client">
          <span className="badge">Your API console</span>
          <h2 id="add-client">Add your Zoho client</h2>
          <p className="muted">
            Paste the client id and secret from api-console.zoho.com. The secret goes to your system keychain;
            Tokenbench keeps only its last characters.
          </p>
          <Button
            onClick={() => {
              openDialog({ kind: 'client', clientId: null });
            }}
          >
            Add your Zoho client
          </Button>
        </section>
      </div>
      <p className="muted first-run-import">
        Tokens already live elsewhere? Bring a Postman environment or your Zoho SDK’s token file (FileStore).{' '}
        <Button
          size="small"
          variant="ghost"
          aria-label="Import an environment file"
          onClick={() => {
            openDialog({ kind: 'import-env' });
          }}
        >
          Import a file…
        </Button>
      </p>
    </main>
  );
}
