import { create } from 'zustand';
import type { ExchangeDetail, ExchangeFilter, ExchangeSummary } from '../../../../shared/traffic/exchange';
import { api, toUiError, type UiError } from '../../api';
import { download } from '../../download';
import { toast, useUi } from '../../stores/ui';

/** Rows read per query: the list pages in as it scrolls, never the whole traffic at once. */
export const PAGE_SIZE = 100;

interface ConsoleState {
  readonly filter: ExchangeFilter;
  /** The rows read so far, newest first. */
  readonly rows: readonly ExchangeSummary[];
  readonly total: number;
  /** Cursor for the next (older) page; null when every row is read. */
  readonly next: number | null;
  readonly loading: boolean;
  readonly loaded: boolean;
  readonly selectedId: number | null;
  readonly detail: ExchangeDetail | null;
  readonly detailError: UiError | null;
  readonly error: UiError | null;
  readonly exporting: boolean;
}

export const useConsole = create<ConsoleState>(() => ({
  filter: {},
  rows: [],
  total: 0,
  next: null,
  loading: false,
  loaded: false,
  selectedId: null,
  detail: null,
  detailError: null,
  error: null,
  exporting: false,
}));

/** Each read carries a number; an answer to an older read (a filter changed meanwhile) is dropped. */
let generation = 0;

/** The first page under the current filter. */
export async function loadConsole(): Promise<void> {
  const mine = ++generation;
  useConsole.setState({ loading: true });
  const result = await api.traffic.list({ ...useConsole.getState().filter, limit: PAGE_SIZE });
  if (mine !== generation) return;
  useConsole.setState(
    result.ok
      ? {
          rows: result.value.rows,
          total: result.value.total,
          next: result.value.next,
          loading: false,
          loaded: true,
          error: null,
        }
      : { loading: false, loaded: true, error: toUiError(result) },
  );
}

/** The next older page, when the list scrolls near its end. */
export async function loadMore(): Promise<void> {
  const { next, loading } = useConsole.getState();
  if (next === null || loading) return;
  const mine = generation;
  useConsole.setState({ loading: true });
  const result = await api.traffic.list({ ...useConsole.getState().filter, before: next, limit: PAGE_SIZE });
  if (mine !== generation) return;
  if (!result.ok) {
    useConsole.setState({ loading: false, error: toUiError(result) });
    return;
  }
  useConsole.setState((s) => ({
    rows: [...s.rows, ...result.value.rows],
    total: result.value.total,
    next: result.value.next,
    loading: false,
  }));
}

/** New exchanges arrived (this process said so): the newest page is read again and prepended. */
export async function followNewExchanges(): Promise<void> {
  const { loaded, filter } = useConsole.getState();
  if (!loaded) return;
  const mine = generation;
  const result = await api.traffic.list({ ...filter, limit: PAGE_SIZE });
  if (mine !== generation || !result.ok) return;
  useConsole.setState((s) => {
    const newest = s.rows[0]?.id ?? 0;
    const fresh = result.value.rows.filter((r) => r.id > newest);
    return fresh.length === 0
      ? { total: result.value.total }
      : { rows: [...fresh, ...s.rows], total: result.value.total };
  });
}

export function setFilter(patch: Partial<ExchangeFilter>): void {
  useConsole.setState((s) => ({ filter: { ...s.filter, ...patch } }));
  void loadConsole();
}

export async function openExchange(id: number): Promise<void> {
  useConsole.setState({ selectedId: id, detailError: null });
  const result = await api.traffic.get({ id });
  if (useConsole.getState().selectedId !== id) return;
  useConsole.setState(
    result.ok
      ? { detail: result.value, detailError: null }
      : { detail: null, detailError: toUiError(result) },
  );
}

/**
 * "Export HAR": the exchanges the filter shows, as HTTP Archive 1.2, saved by the browser's own
 * download (in Electron and in browser mode alike). The text is redacted in the main process.
 */
export async function exportHar(): Promise<void> {
  useConsole.setState({ exporting: true });
  const result = await api.traffic.har({ ...useConsole.getState().filter });
  useConsole.setState({ exporting: false });
  if (!result.ok) {
    useConsole.setState({ error: toUiError(result) });
    return;
  }
  const { fileName, text, count, cappedAt } = result.value;
  download(fileName, text, 'application/json');
  const capped =
    cappedAt === null ? '' : ` (the newest ${String(cappedAt)}; narrow the filter for older ones)`;
  toast(
    'ok',
    'HAR exported',
    `${String(count)} exchanges in ${fileName}${capped}. Secrets show only their last four characters.`,
  );
}

api.on('traffic:recorded', () => void followNewExchanges());

// An error card's "Show the exchange" (stores/ui showExchange): asked before this module loaded, or since.
const pending = useUi.getState().exchangeToShow;
if (pending !== null) void openExchange(pending);
useUi.subscribe((state, previous) => {
  if (state.exchangeToShow !== null && state.exchangeToShow !== previous.exchangeToShow)
    void openExchange(state.exchangeToShow);
});
