import { useEffect, useLayoutEffect } from 'react';
import { api } from './api';
import { Button } from './components/Button';
import { Toasts } from './components/Toasts';
import { markConsentsAdrift, onConsentProgress, syncActiveConsents } from './features/consent/consent-store';
import { onDeviceProgress, syncActiveDevices } from './features/device/device-store';
import { ConnectionNotice } from './shell/ConnectionNotice';
import { SignInNeeded } from './shell/SignInNeeded';
import { WorkspaceUnavailable } from './shell/WorkspaceUnavailable';
import { useConnection } from './stores/connection';
import { DcInView } from './shell/DcSwitcher';
import { DcWarnings } from './shell/DcWarnings';
import { FirstRun } from './shell/FirstRun';
import { OpenDialog, prefetchLazyParts, TabPanel } from './shell/lazy-parts';
import { Sidebar } from './shell/Sidebar';
import { StartupWait } from './shell/StartupWait';
import { TABS, Tabs } from './shell/Tabs';
import { typingIn } from './shell/shortcuts';
import { TopBar } from './shell/TopBar';
import { useTheme } from './shell/use-theme';
import { followEnvStatus } from './stores/env-status';
import { loadTokens } from './stores/tokens';
import { openDialog, setTab, useUi } from './stores/ui';
import { loadWorkspace, selectedClient, useWorkspace } from './stores/workspace';

/** Follows the main process's events, and marks the app ready once the workspace is on screen. */
function useWorkbenchSync(): void {
  const clientRef = useWorkspace((s) => s.selectedClientId);
  const loaded = useWorkspace((s) => s.loaded);
  // Listening before the ready mark below (layout effects run in order): a sign-in started the
  // moment the workbench shows must have its progress heard.
  useLayoutEffect(() => {
    // A reloaded page finds the sign-in it was showing still running, and shows it again.
    void syncActiveConsents();
    const offs = [
      api.on('environments:changed', () => void loadWorkspace()),
      api.on('consent:progress', onConsentProgress),
      api.on('device:progress', onDeviceProgress),
      useConnection.subscribe((now, before) => {
        if (before.state === 'open' && now.state !== 'open') markConsentsAdrift();
        if (before.state !== 'open' && now.state === 'open') {
          void syncActiveConsents();
          void syncActiveDevices();
        }
      }),
    ];
    // A device sign-in polls in main whatever the page does: after a reload it is shown again.
    void syncActiveDevices();
    return () => {
      for (const off of offs) off();
    };
  }, []);
  useLayoutEffect(() => {
    if (!loaded) return;
    // At the commit that puts the workspace in the document (boot.ts began loading it): what tests
    // and the bench ui-cold-load wait for is the workbench a user sees, not the data on its way to
    // it. A layout effect, so the mark does not depend on whether React ran this commit's effects
    // before or after the browser's next frame; the bench's reference page marks the same moment.
    document.documentElement.dataset.appState = 'ready';
  }, [loaded]);
  useEffect(() => {
    if (!loaded) return;
    prefetchLazyParts();
    followEnvStatus();
  }, [loaded]);
  useEffect(() => {
    // Nothing to show before a client is selected; loading every client's tokens at start-up was
    // the slowest part of a cold load (bench ui-cold-load).
    if (clientRef === null) return;
    void loadTokens(clientRef);
    return api.on('tokens:changed', () => void loadTokens(clientRef));
  }, [clientRef]);
}

/**
 * Ctrl/⌘+1…8 switch tabs; `?` lists every shortcut (shell/shortcuts.ts); N adds a client. Single
 * keys act only outside text fields and dialogs. Not Ctrl+Shift+N: in browser mode that is the
 * browser's own (a private window) and never reaches the page.
 */
function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey) return;
      if (e.ctrlKey || e.metaKey) {
        const tab = TABS.find((t) => t.key === e.key);
        if (tab === undefined || e.shiftKey) return;
        e.preventDefault();
        setTab(tab.id);
        return;
      }
      if (typingIn(e.target) || useUi.getState().dialog !== null) return;
      if (e.key === '?') openDialog({ kind: 'shortcuts' });
      else if (e.key === 'n' || e.key === 'N') openDialog({ kind: 'client', clientId: null });
      else return;
      e.preventDefault();
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
  const error = useWorkspace((s) => s.error);
  // Browser mode without a valid key: say how to get in, never an empty workspace that is not theirs.
  const signInNeeded = useConnection((s) => s.state === 'signed-out' && !s.everOpen);
  if (signInNeeded) return <SignInNeeded />;
  if (!loaded) return <StartupWait />;
  return (
    <div className="app">
      <ConnectionNotice />
      <TopBar />
      {empty && error !== null ? (
        <WorkspaceUnavailable error={error} />
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
              <TabPanel tab={tab} />
            </section>
          </main>
        </div>
      )}
      <OpenDialog />
      <Toasts />
    </div>
  );
}
