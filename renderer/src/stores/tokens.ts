import { create } from 'zustand';
import type { LimitStatus, TokenRow } from '../../../shared/ipc/views';
import { api, firstFailure, type UiError } from '../api';

interface TokensState {
  /** The selected client's live tokens and those ended in the last day, newest first (tokens:current). */
  readonly rows: readonly TokenRow[];
  /** Its tokens that ended before that, not in `rows`: a pasted value and the CLI still reach them. */
  readonly older: number;
  readonly limits: LimitStatus | null;
  readonly error: UiError | null;
  readonly loadedFor: string | null;
}

export const useTokens = create<TokensState>(() => ({
  rows: [],
  older: 0,
  limits: null,
  error: null,
  loadedFor: null,
}));

/** One client's current tokens and limit use, re-read on every tokens:changed. */
export async function loadTokens(clientRef: string): Promise<void> {
  const [current, limits] = await Promise.all([
    api.tokens.current({ clientRef }),
    api.limits.status({ clientRef }),
  ]);
  if (!current.ok || !limits.ok) {
    useTokens.setState({ error: firstFailure(current, limits) });
    return;
  }
  const { rows, older } = current.value;
  useTokens.setState({ rows, older, limits: limits.value, error: null, loadedFor: clientRef });
}
