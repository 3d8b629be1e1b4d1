import { createElement, useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { ConsentPanel } from '../features/consent/ConsentPanel';
import { useUi, type Tab } from '../stores/ui';

/**
 * The parts a start does not show. Consent, the tab a start opens on, is in the first bundle; the
 * other tabs and the dialogs load on first use, and in the background once the app is ready
 * (prefetchLazyParts), so a cold start parses only what it shows (bench ui-cold-load).
 *
 * Not React.lazy: React 19 keeps a Suspense fallback up for at least 300 ms once shown, which
 * would hold a tab opened right after the start behind a spinner long after its code arrived.
 */
function part<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | undefined;
  const prefetch = async (): Promise<ComponentType<P>> => (loaded ??= await load());
  function Part({ placeholder = null, ...props }: P & { readonly placeholder?: ReactNode }) {
    const [type, setType] = useState(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (type !== undefined) return;
      prefetch().then(
        (t) => {
          setType(() => t);
        },
        () => {
          setFailed(true);
        },
      );
    }, [type]);
    if (failed) {
      return (
        <p role="alert" className="panel-loading">
          This part of Tokenbench could not be loaded. Reload the window (Ctrl+R); if it happens again,
          reinstall Tokenbench.
        </p>
      );
    }
    return type === undefined ? placeholder : createElement(type, props as P);
  }
  return { Part, prefetch };
}

const tokens = part(() => import('../features/tokens/TokensPanel').then((m) => m.TokensPanel));
const limits = part(() => import('../features/limits/LimitsPanel').then((m) => m.LimitsPanel));
const environment = part(() =>
  import('../features/environments/EnvironmentPanel').then((m) => m.EnvironmentPanel),
);
const inspector = part(() => import('../features/inspector/InspectorPanel').then((m) => m.InspectorPanel));
const runner = part(() => import('../features/runner/RunnerPanel').then((m) => m.RunnerPanel));
const stores = part(() => import('../features/stores/StoresPanel').then((m) => m.StoresPanel));
const trafficConsole = part(() => import('../features/console/ConsolePanel').then((m) => m.ConsolePanel));
const clientDialog = part(() => import('../features/clients/ClientDialog').then((m) => m.ClientDialog));
const importDialog = part(() => import('../features/environments/ImportDialog').then((m) => m.ImportDialog));
const shortcutsDialog = part(() => import('./ShortcutsDialog').then((m) => m.ShortcutsDialog));
const addStoreDialog = part(() => import('../features/stores/AddStoreDialog').then((m) => m.AddStoreDialog));
const LAZY_PARTS = [
  tokens,
  limits,
  environment,
  inspector,
  runner,
  trafficConsole,
  clientDialog,
  importDialog,
  shortcutsDialog,
  stores,
  addStoreDialog,
];

const PANELS: Record<Tab, ComponentType<{ placeholder?: ReactNode }>> = {
  consent: ConsentPanel,
  tokens: tokens.Part,
  limits: limits.Part,
  environment: environment.Part,
  inspector: inspector.Part,
  runner: runner.Part,
  stores: stores.Part,
  console: trafficConsole.Part,
};
const ClientDialog = clientDialog.Part;
const ImportDialog = importDialog.Part;
const ShortcutsDialog = shortcutsDialog.Part;
const AddStoreDialog = addStoreDialog.Part;

const PANEL_LOADING = (
  <p className="panel-loading subtle" aria-busy="true">
    <span className="spinner" aria-hidden="true" /> Loading…
  </p>
);

export function TabPanel({ tab }: { tab: Tab }) {
  const Panel = PANELS[tab];
  return <Panel placeholder={PANEL_LOADING} />;
}

/** The dialog open now, if any. */
export function OpenDialog() {
  const dialog = useUi((s) => s.dialog);
  if (dialog?.kind === 'client') return <ClientDialog clientId={dialog.clientId} />;
  if (dialog?.kind === 'import-env') return <ImportDialog />;
  if (dialog?.kind === 'shortcuts') return <ShortcutsDialog />;
  if (dialog?.kind === 'add-store') return <AddStoreDialog />;
  return null;
}

/**
 * Fetches the other parts right after the first paint of the workbench (a frame, then a task), so
 * the start is not slowed, and a tab clicked in the first moments finds its code on the way or there.
 */
export function prefetchLazyParts(): void {
  requestAnimationFrame(() => {
    setTimeout(() => {
      // A failure shows where the part is used; here it is only an early fetch.
      for (const { prefetch } of LAZY_PARTS) prefetch().catch(() => undefined);
    });
  });
}
