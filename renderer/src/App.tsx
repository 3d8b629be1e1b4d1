import { useEffect } from 'react';
import { api } from './api';
import { Button } from './components/Button';
import { Toasts } from './components/Toasts';
import { ClientDialog } from './features/clients/ClientDialog';
import { onConsentProgress } from './features/consent/consent-store';
import { ConsentPanel } from './features/consent/ConsentPanel';
import { EnvironmentPanel } from './features/environments/EnvironmentPanel';
import { ImportDialog } from './features/environments/ImportDialog';
import { InspectorPanel } from './features/inspector/InspectorPanel';
import { LimitsPanel } from './features/limits/LimitsPanel';
import { RunnerPanel } from './features/runner/RunnerPanel';
import { TokensPanel } from './features/tokens/TokensPanel';
import { DcInView } from './shell/DcSwitcher';
import { DcWarnings } from './shell/DcWarnings';
import { FirstRun } from './shell/FirstRun';
import { Sidebar } from './shell/Sidebar';
import { TABS, Tabs } from './shell/Tabs';
import { TopBar } from './shell/TopBar';
import { useTheme } from './shell/use-theme';
import { loadTokens } from './stores/tokens';
import { openDialog, setTab, useUi, type Tab } from './stores/ui';
import { loadWorkspace, selectedClient, useWorkspace } from './stores/workspace';

const PANELS: Record<Tab, () => React.JSX.Element> = {
  consent: ConsentPanel,
  tokens: TokensPanel,
  limits: LimitsPanel,
  environment: EnvironmentPanel,
  inspector: InspectorPanel,
  runner: RunnerPanel,
};

/** Loads the workspace, follows the main process's events, and marks the app ready for tests. */
function useWorkbenchSync(): void {
  const clientRef = useWorkspace((s) => s.selectedClientId);
  useEffect(() => {
    void loadWorkspace().then(() => {
      document.documentElement.dataset.appState = 'ready';
    });
    const offs = [
      api.on('environments:changed', () => void loadWorkspace()),
      api.on('consent:progress', onConsentProgress),
    ];
    return () => {
      for (const off of offs) off();
    };
  }, []);
  useEffect(() => {
    // Nothing to show before a client is selected; loading every client's tokens at start-up was
    // the slowest part of a cold load (bench ui-cold-load).
    if (clientRef === null) return;
    void loadTokens(clientRef);
    return api.on('tokens:changed', () => void loadTokens(clientRef));
  }, [clientRef]);
}

/** Ctrl/⌘+1…6 switch tabs; Ctrl/⌘+N adds a client. */
function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const tab = TABS.find((t) => t.key === e.key);
      if (tab !== undefined) {
        e.preventDefault();
        setTab(tab.id);
      } else if (e.key.toLowerCase() === 'n' && e.shiftKey) {
        e.preventDefault();
        openDialog({ kind: 'client', clientId: null });
      }
    };
    addEventListener('keydown', onKey);
    return () => {
      removeEventListener('keydown', onKey);
    };
  }, []);
}

export function App() {
  useWorkbenchSync();
  useTheme();
  useShortcuts();
  const loaded = useWorkspace((s) => s.loaded);
  // First run only when nothing exists: environments without a client stay reachable.
  const empty = useWorkspace((s) => s.clients.length === 0 && s.environments.length === 0);
  const client = useWorkspace(selectedClient);
  const tab = useUi((s) => s.tab);
  const dialog = useUi((s) => s.dialog);
  const Panel = PANELS[tab];
  return (
    <div className="app">
      <TopBar />
      {!loaded ? (
        <main className="loading" aria-busy="true">
          <span className="spinner" aria-hidden="true" /> Opening the workspace…
        </main>
      ) : empty ? (
        <FirstRun />
      ) : (
        <div className="workbench">
          <Sidebar />
          <main className="main">
            <div className="main-header">
              <div className="stack" style={{ gap: 2 }}>
                <div className="row">
                  <h1 className="main-title">{client?.name ?? 'No client selected'}</h1>
                  {client !== null && (
                    <Button
                      size="small"
                      variant="ghost"
                      onClick={() => {
                        openDialog({ kind: 'client', clientId: client.id });
                      }}
                    >
                      Edit client
                    </Button>
                  )}
                </div>
                <DcInView />
              </div>
            </div>
            <DcWarnings />
            <Tabs />
            <section id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`} className="panel">
              <Panel />
            </section>
          </main>
        </div>
      )}
      {dialog?.kind === 'client' && <ClientDialog clientId={dialog.clientId} />}
      {dialog?.kind === 'import-env' && <ImportDialog />}
      <Toasts />
    </div>
  );
}
