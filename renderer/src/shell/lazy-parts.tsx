import { lazy, Suspense, type ComponentType } from 'react';
import { ConsentPanel } from '../features/consent/ConsentPanel';
import { useUi, type Tab } from '../stores/ui';

/**
 * The parts a start does not show. Consent, the tab a start opens on, is in the first bundle; the
 * other tabs and the dialogs load on first use, and in the background once the app is ready
 * (prefetchLazyParts), so a cold start parses only what it shows (bench ui-cold-load).
 */
const LOADERS = {
  tokens: () => import('../features/tokens/TokensPanel').then((m) => ({ default: m.TokensPanel })),
  limits: () => import('../features/limits/LimitsPanel').then((m) => ({ default: m.LimitsPanel })),
  environment: () =>
    import('../features/environments/EnvironmentPanel').then((m) => ({ default: m.EnvironmentPanel })),
  inspector: () =>
    import('../features/inspector/InspectorPanel').then((m) => ({ default: m.InspectorPanel })),
  runner: () => import('../features/runner/RunnerPanel').then((m) => ({ default: m.RunnerPanel })),
  clientDialog: () => import('../features/clients/ClientDialog').then((m) => ({ default: m.ClientDialog })),
  importDialog: () =>
    import('../features/environments/ImportDialog').then((m) => ({ default: m.ImportDialog })),
};

const PANELS: Record<Tab, ComponentType> = {
  consent: ConsentPanel,
  tokens: lazy(LOADERS.tokens),
  limits: lazy(LOADERS.limits),
  environment: lazy(LOADERS.environment),
  inspector: lazy(LOADERS.inspector),
  runner: lazy(LOADERS.runner),
};
const ClientDialog = lazy(LOADERS.clientDialog);
const ImportDialog = lazy(LOADERS.importDialog);

export function TabPanel({ tab }: { tab: Tab }) {
  const Panel = PANELS[tab];
  return (
    <Suspense
      fallback={
        <p className="panel-loading subtle" aria-busy="true">
          <span className="spinner" aria-hidden="true" /> Loading…
        </p>
      }
    >
      <Panel />
    </Suspense>
  );
}

/** The dialog open now, if any. */
export function OpenDialog() {
  const dialog = useUi((s) => s.dialog);
  return (
    <Suspense fallback={null}>
      {dialog?.kind === 'client' && <ClientDialog clientId={dialog.clientId} />}
      {dialog?.kind === 'import-env' && <ImportDialog />}
    </Suspense>
  );
}

/** Fetches the other parts while the user reads the first, so a tab or dialog never waits. */
export function prefetchLazyParts(): void {
  const fetchAll = () => {
    for (const load of Object.values(LOADERS)) void load();
  };
  if ('requestIdleCallback' in window) requestIdleCallback(fetchAll, { timeout: 2000 });
  else setTimeout(fetchAll, 200);
}
