import { create } from 'zustand';
import type { ArgsOf } from '../../../../shared/ipc/contract';
import type { TokenStoreRecord } from '../../../../shared/stores/model';
import type { HandOverPlan, HeldByStores, StoreRowsPage } from '../../../../shared/stores/views';
import { api, toUiError, type UiError } from '../../api';
import { toast } from '../../stores/ui';

/** Token stores (a server's Zoho SDK DBStore) and the page of rows in view. */
interface StoresState {
  readonly loaded: boolean;
  readonly stores: readonly TokenStoreRecord[];
  readonly selectedId: string | null;
  readonly page: StoreRowsPage | null;
  /** The `after` of each page before this one, for "Previous page". */
  readonly trail: readonly (string | null)[];
  readonly loading: boolean;
  /** Why the rows could not be read (unreachable, wrong table, ...); the store stays as it was. */
  readonly error: UiError | null;
  /** What the token stores add to the limits of the client in view. */
  readonly held: HeldByStores | null;
}

export const useStores = create<StoresState>(() => ({
  loaded: false,
  stores: [],
  selectedId: null,
  page: null,
  trail: [],
  loading: false,
  error: null,
  held: null,
}));

export const selectedStore = (s: StoresState): TokenStoreRecord | null =>
  s.stores.find((store) => store.id === s.selectedId) ?? null;

/** Reads the list; keeps the selection while it exists and reads its first page. */
export async function loadStores(): Promise<void> {
  const listed = await api.stores.list();
  if (!listed.ok) {
    useStores.setState({ loaded: true, error: toUiError(listed) });
    return;
  }
  const { selectedId } = useStores.getState();
  const keep = listed.value.find((s) => s.id === selectedId) ?? listed.value[0] ?? null;
  useStores.setState({ loaded: true, stores: listed.value });
  if (keep === null) useStores.setState({ selectedId: null, page: null, trail: [], error: null });
  else if (keep.id !== selectedId || useStores.getState().page === null) await selectStore(keep.id);
}

export async function selectStore(id: string): Promise<void> {
  useStores.setState({ selectedId: id, page: null, trail: [], error: null });
  await readPage(null, []);
}

async function readPage(after: string | null, trail: readonly (string | null)[]): Promise<void> {
  const id = useStores.getState().selectedId;
  if (id === null) return;
  useStores.setState({ loading: true });
  const page = await api.stores.rows({ id, ...(after === null ? {} : { after }) });
  if (useStores.getState().selectedId !== id) return;
  useStores.setState(
    page.ok
      ? { page: page.value, trail, loading: false, error: null }
      : { page: null, loading: false, error: toUiError(page) },
  );
}

export function nextPage(): Promise<void> {
  const { page, trail } = useStores.getState();
  if (page?.nextAfter == null) return Promise.resolve();
  return readPage(page.nextAfter, [...trail, page.after]);
}

export function previousPage(): Promise<void> {
  const { trail } = useStores.getState();
  return readPage(trail[trail.length - 1] ?? null, trail.slice(0, -1));
}

export function reloadPage(): Promise<void> {
  const { page, trail } = useStores.getState();
  return readPage(page?.after ?? null, trail);
}

/** Reads the store before adding it; a refusal comes back to the dialog and nothing is added. */
export async function addStore(input: ArgsOf<'stores:add'>): Promise<UiError | null> {
  const added = await api.stores.add(input);
  if (!added.ok) return toUiError(added);
  useStores.setState({ selectedId: added.value.id, page: null });
  await loadStores();
  toast(
    'ok',
    'Token store added',
    `${added.value.name} is ${added.value.writable ? 'writable' : 'read-only'}.`,
  );
  return null;
}

export async function setWritable(id: string, writable: boolean): Promise<UiError | null> {
  const changed = await api.stores.setWritable({ id, writable });
  if (!changed.ok) return toUiError(changed);
  useStores.setState((s) => ({ stores: s.stores.map((st) => (st.id === id ? changed.value : st)) }));
  return null;
}

export async function removeStore(id: string): Promise<UiError | null> {
  const removed = await api.stores.remove({ id });
  if (!removed.ok) return toUiError(removed);
  useStores.setState({ selectedId: null, page: null });
  await loadStores();
  return null;
}

export async function planHandOver(
  id: string,
  refreshTokenId: string,
): Promise<{ plan: HandOverPlan } | { error: UiError }> {
  const plan = await api.stores.planHandOver({ id, refreshTokenId });
  return plan.ok ? { plan: plan.value } : { error: toUiError(plan) };
}

/** Writes what the user confirmed; refused if the row changed since, and the page is read again. */
export async function handOver(plan: HandOverPlan): Promise<UiError | null> {
  const done = await api.stores.handOver({
    id: plan.storeId,
    refreshTokenId: plan.refreshTokenId,
    replaces:
      plan.replaces === null
        ? null
        : { rowId: plan.replaces.rowId, refreshFingerprint: plan.replaces.refreshFingerprint },
  });
  await reloadPage();
  if (!done.ok) return toUiError(done);
  toast(
    'ok',
    'Token handed over',
    `Row ${done.value.row.rowId} of ${plan.storeName} holds ${plan.refreshFingerprint} now.`,
  );
  return null;
}

/** For the Limits tab: what each user's count includes from the stores. */
export async function loadHeld(clientRef: string): Promise<void> {
  const held = await api.stores.held({ clientRef });
  useStores.setState({ held: held.ok ? held.value : null });
}
