import { create } from 'zustand';
import type { ArgsOf } from '../../../../shared/ipc/contract';
import type { TokenOutcome } from '../../../../shared/ipc/views';
import { api, toUiError, type UiError } from '../../api';

/** The self client's client-credentials request, as the panel shows it: fingerprints only, never a value. */
interface ClientCredentialsState {
  readonly busy: boolean;
  readonly outcome: TokenOutcome | null;
  readonly error: UiError | null;
}

export const useClientCredentials = create<ClientCredentialsState>(() => ({
  busy: false,
  outcome: null,
  error: null,
}));

export async function getClientCredentialsToken(args: ArgsOf<'tokens:client-credentials'>): Promise<void> {
  useClientCredentials.setState({ busy: true, outcome: null, error: null });
  const result = await api.tokens.clientCredentials(args);
  useClientCredentials.setState({
    busy: false,
    outcome: result.ok ? result.value : null,
    error: result.ok ? null : toUiError(result),
  });
}
