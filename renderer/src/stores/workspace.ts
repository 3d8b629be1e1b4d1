import { create } from 'zustand';
import type { DataCenter } from '../../../shared/dc/catalog';
import type { DcMoveRefusal } from '../../../shared/ipc/env-status';
import type { ClientRecord, EnvironmentRecord } from '../../../shared/workspace/model';
import { api, firstFailure, toUiError, type UiError } from '../api';

interface WorkspaceState {
  readonly loaded: boolean;
  readonly error: UiError | null;
  readonly dcs: readonly DataCenter[];
  readonly clients: readonly ClientRecord[];
  readonly environments: readonly EnvironmentRecord[];
  readonly selectedClientId: string | null;
  /** Always one that follows the selected client, or follows none: what is in view belongs together. */
  readonly selectedEnvironmentId: string | null;
  /**
   * The DC the user picked while no environment is in view. With one in view the header names that
   * environment's DC instead (`dcInView` below), so the header, the environment card and its
   * variables never disagree.
   */
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

/**
 * Reads everything the sidebar and switcher show; keeps selections that still exist. The first
 * load starts in boot.ts, before the rest of the page is evaluated.
 */
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
      environments.value.find((e) => e.id === s.selectedEnvironmentId && belongsTo(e, client?.id)) ??
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

/** An environment belongs with a client when it follows it, or follows no client at all. */
const belongsTo = (env: EnvironmentRecord, clientId: string | undefined): boolean =>
  env.clientRef === null || env.clientRef === clientId;

/** Selects a client and, with it, its environment (or one that follows no client), never another's. */
export function selectClient(id: string): void {
  useWorkspace.setState((s) => {
    const client = s.clients.find((c) => c.id === id);
    const current = s.environments.find((e) => e.id === s.selectedEnvironmentId);
    const env =
      (current !== undefined && belongsTo(current, id) ? current : undefined) ??
      s.environments.find((e) => e.clientRef === id);
    return {
      selectedClientId: id,
      selectedEnvironmentId: env?.id ?? null,
      dcInView: env?.dcId ?? client?.dcId ?? s.dcInView,
    };
  });
}

/** Selects an environment and the client it follows, so what is in view belongs together. */
export function selectEnvironment(id: string | null): void {
  useWorkspace.setState((s) => {
    const env = s.environments.find((e) => e.id === id);
    const follows = s.clients.some((c) => c.id === env?.clientRef) ? (env?.clientRef ?? null) : null;
    return {
      selectedEnvironmentId: id,
      selectedClientId: follows ?? s.selectedClientId,
      dcInView: env?.dcId ?? s.dcInView,
    };
  });
}

/** What a DC click did: switched, or found tokens in the way and asks whether to clear them. */
export type DcSwitch =
  | { readonly kind: 'done' }
  | { readonly kind: 'failed'; readonly error: UiError }
  | {
      readonly kind: 'ask';
      readonly env: EnvironmentRecord;
      readonly dcId: string;
      readonly refusal: DcMoveRefusal;
    };

/**
 * One click acts on what is in view: the environment in view moves to the DC (its accounts-url and
 * api-domain follow), or, with none in view, only the DC in view changes. An environment holding
 * tokens is not moved silently: the service refuses, and the caller asks the user (moveAndClear).
 */
export async function switchDc(dcId: string): Promise<DcSwitch> {
  const env = selectedEnvironment(useWorkspace.getState());
  if (env === null) {
    useWorkspace.setState({ dcInView: dcId });
    return { kind: 'done' };
  }
  if (env.dcId === dcId) return { kind: 'done' };
  const saved = await saveDc(env, dcId, 'refuse');
  if (saved.ok) return { kind: 'done' };
  if (saved.code === 'environment_holds_tokens' && saved.detail !== undefined)
    return { kind: 'ask', env, dcId, refusal: saved.detail as DcMoveRefusal };
  return { kind: 'failed', error: saved };
}

/** The user said yes: move the environment and clear its tokens (they stay in the Tokens tab). */
export async function moveAndClear(env: EnvironmentRecord, dcId: string): Promise<UiError | null> {
  const saved = await saveDc(env, dcId, 'clear');
  return saved.ok ? null : saved;
}

async function saveDc(
  env: EnvironmentRecord,
  dcId: string,
  tokensOnDcChange: 'refuse' | 'clear',
): Promise<{ ok: true } | ({ ok: false } & UiError)> {
  const saved = await api.environments.save({
    id: env.id,
    name: env.name,
    clientRef: env.clientRef,
    dcId,
    autoRefresh: env.autoRefresh,
    tokensOnDcChange,
  });
  if (!saved.ok) return { ok: false, ...toUiError(saved) };
  useWorkspace.setState({ dcInView: dcId });
  await loadWorkspace();
  return { ok: true };
}

export const selectedClient = (s: WorkspaceState): ClientRecord | null =>
  s.clients.find((c) => c.id === s.selectedClientId) ?? null;
export const selectedEnvironment = (s: WorkspaceState): EnvironmentRecord | null =>
  s.environments.find((e) => e.id === s.selectedEnvironmentId) ?? null;
export const dcById = (s: WorkspaceState, id: string | null): DataCenter | null =>
  s.dcs.find((d) => d.id === id) ?? null;
/** The DC the header names: the environment in view's when it has one, else the one picked. */
export const dcInViewOf = (s: WorkspaceState): string => selectedEnvironment(s)?.dcId ?? s.dcInView;
