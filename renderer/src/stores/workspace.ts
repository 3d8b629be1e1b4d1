import { create } from 'zustand';
import type { DataCenter } from '../../../shared/dc/catalog';
import type { ClientRecord, EnvironmentRecord } from '../../../shared/workspace/model';
import { api, firstFailure, toUiError, type UiError } from '../api';

interface WorkspaceState {
  readonly loaded: boolean;
  readonly error: UiError | null;
  readonly dcs: readonly DataCenter[];
  readonly clients: readonly ClientRecord[];
  readonly environments: readonly EnvironmentRecord[];
  readonly selectedClientId: string | null;
  readonly selectedEnvironmentId: string | null;
  /** The DC the user is looking at; the selected environment follows it. */
  readonly dcInView: string;
}

export const useWorkspace = create<WorkspaceState>(() => ({
  loaded: false,
  error: null,
  dcs: [],
  clients: [],
  environments: [],
  selectedClientId: null,
  selectedEnvironmentId: null,
  dcInView: 'us',
}));

/** Reads everything the sidebar and switcher show; keeps selections that still exist. */
let firstLoad: Promise<void> | null = null;

/**
 * The start-up load, begun once and early (main.tsx, before React's first render), so its requests
 * leave the moment the socket opens instead of after the first paint (bench ui-cold-load).
 */
export function loadWorkspaceAtStart(): Promise<void> {
  return (firstLoad ??= loadWorkspace());
}

export async function loadWorkspace(): Promise<void> {
  const [dcs, clients, environments] = await Promise.all([
    api.dcs.list(),
    api.clients.list(),
    api.environments.list(),
  ]);
  if (!dcs.ok || !clients.ok || !environments.ok) {
    useWorkspace.setState({ loaded: true, error: firstFailure(dcs, clients, environments) });
    return;
  }
  useWorkspace.setState((s) => {
    const client = clients.value.find((c) => c.id === s.selectedClientId) ?? clients.value[0] ?? null;
    const env =
      environments.value.find((e) => e.id === s.selectedEnvironmentId) ??
      environments.value.find((e) => e.clientRef === client?.id) ??
      null;
    return {
      loaded: true,
      error: null,
      dcs: dcs.value,
      clients: clients.value,
      environments: environments.value,
      selectedClientId: client?.id ?? null,
      selectedEnvironmentId: env?.id ?? null,
      dcInView: s.loaded ? s.dcInView : (env?.dcId ?? client?.dcId ?? s.dcInView),
    };
  });
}

export function selectClient(id: string): void {
  useWorkspace.setState((s) => {
    const client = s.clients.find((c) => c.id === id);
    const env = s.environments.find((e) => e.clientRef === id);
    return {
      selectedClientId: id,
      selectedEnvironmentId: env?.id ?? s.selectedEnvironmentId,
      dcInView: env?.dcId ?? client?.dcId ?? s.dcInView,
    };
  });
}

export function selectEnvironment(id: string | null): void {
  useWorkspace.setState((s) => ({
    selectedEnvironmentId: id,
    dcInView: s.environments.find((e) => e.id === id)?.dcId ?? s.dcInView,
  }));
}

/** One click: the DC in view changes, and the selected environment follows it. */
export async function switchDc(dcId: string): Promise<UiError | null> {
  useWorkspace.setState({ dcInView: dcId });
  const { environments, selectedEnvironmentId } = useWorkspace.getState();
  const env = environments.find((e) => e.id === selectedEnvironmentId);
  if (env === undefined || env.dcId === dcId) return null;
  const saved = await api.environments.save({
    id: env.id,
    name: env.name,
    clientRef: env.clientRef,
    dcId,
    autoRefresh: env.autoRefresh,
  });
  if (!saved.ok) return toUiError(saved);
  await loadWorkspace();
  return null;
}

export const selectedClient = (s: WorkspaceState): ClientRecord | null =>
  s.clients.find((c) => c.id === s.selectedClientId) ?? null;
export const selectedEnvironment = (s: WorkspaceState): EnvironmentRecord | null =>
  s.environments.find((e) => e.id === s.selectedEnvironmentId) ?? null;
export const dcById = (s: WorkspaceState, id: string | null): DataCenter | null =>
  s.dcs.find((d) => d.id === id) ?? null;
