import { create } from 'zustand';
import type { LimitStatus, TokenRow } from '../../../shared/ipc/views';
import { api, firstFailure, type UiError } from '../api';

interface TokensState {
  readonly rows: readonly TokenRow[];
  readonly limits: LimitStatus | null;
  readonly error: UiError | null;
  readonly loadedFor: string | null;
}

export const useTokens = create<TokensState>(() => ({
  rows: [],
  limits: null,
  error: null,
  loadedFor: null,
}));

/** Token rows and limit use for one client (or all), re-read on every tokens:changed. */
export async function loadTokens(clientRef: string | null): Promise<void> {
  const args = clientRef === null ? {} : { clientRef };
  const [rows, limits] = await Promise.all([api.tokens.list(args), api.limits.status(args)]);
  if (!rows.ok || !limits.ok) {
    useTokens.setState({ error: firstFailure(rows, limits) });
    return;
  }
  useTokens.setState({ rows: rows.value, limits: limits.value, error: null, loadedFor: clientRef });
}
