import { create } from 'zustand';
import type { Inspection, TokenOutcome, TokenRow, WhoAmICheck } from '../../../../shared/ipc/views';
import { api, toUiError, type UiError } from '../../api';
import { toast } from '../../stores/ui';

/**
 * The inspector's subject and what was learnt about it. A pasted value is sent once and never kept:
 * after a match the subject is the token's id, after a miss only the "not found" answer remains.
 */
interface InspectorState {
  readonly tokenId: string | null;
  readonly inspection: Inspection | null;
  readonly busy: boolean;
  readonly error: UiError | null;
  readonly check: WhoAmICheck | null;
  readonly checking: boolean;
  readonly action: ActionState;
}

interface ActionState {
  readonly kind: 'refresh' | 'revoke' | null;
  readonly busy: boolean;
  readonly error: UiError | null;
  readonly refreshed: TokenOutcome | null;
}

const IDLE: ActionState = { kind: null, busy: false, error: null, refreshed: null };

export const useInspector = create<InspectorState>(() => ({
  tokenId: null,
  inspection: null,
  busy: false,
  error: null,
  check: null,
  checking: false,
  action: IDLE,
}));

export async function inspectToken(tokenId: string): Promise<void> {
  const same = useInspector.getState().tokenId === tokenId;
  useInspector.setState(
    same ? { busy: true } : { tokenId, busy: true, error: null, check: null, action: IDLE },
  );
  const result = await api.tokens.inspect({ tokenId });
  if (useInspector.getState().tokenId !== tokenId) return;
  useInspector.setState(
    result.ok
      ? { busy: false, inspection: result.value, error: null }
      : { busy: false, error: toUiError(result) },
  );
}

export async function inspectPasted(pasted: string): Promise<void> {
  useInspector.setState({
    tokenId: null,
    busy: true,
    error: null,
    check: null,
    action: IDLE,
    inspection: null,
  });
  const result = await api.tokens.inspect({ pasted });
  if (result.ok)
    useInspector.setState({ busy: false, inspection: result.value, tokenId: result.value.token?.id ?? null });
  else useInspector.setState({ busy: false, error: toUiError(result) });
}

/** Re-read after any token change (a check, a refresh elsewhere, an eviction). */
function reinspect(): void {
  const { tokenId, busy } = useInspector.getState();
  if (tokenId !== null && !busy) void inspectToken(tokenId);
}
api.on('tokens:changed', reinspect);

export async function checkNow(tokenId: string): Promise<void> {
  useInspector.setState({ checking: true, check: null });
  const result = await api.tokens.check({ tokenId });
  if (result.ok) useInspector.setState({ checking: false, check: result.value });
  else
    useInspector.setState({
      checking: false,
      check: { tokenId, at: Date.now(), who: null, error: toUiError(result) },
    });
}

export async function refreshWith(token: TokenRow, force = false): Promise<void> {
  useInspector.setState({ action: { kind: 'refresh', busy: true, error: null, refreshed: null } });
  const result = await api.tokens.refresh({ clientRef: token.clientRef, refreshTokenId: token.id, force });
  useInspector.setState({
    action: {
      kind: 'refresh',
      busy: false,
      error: result.ok ? null : toUiError(result),
      refreshed: result.ok ? result.value : null,
    },
  });
}

export async function revoke(token: TokenRow): Promise<void> {
  useInspector.setState({ action: { kind: 'revoke', busy: true, error: null, refreshed: null } });
  const result = await api.tokens.revoke({ refreshTokenId: token.id });
  useInspector.setState({
    action: { kind: 'revoke', busy: false, error: result.ok ? null : toUiError(result), refreshed: null },
  });
  if (result.ok)
    toast('ok', 'Refresh token revoked', `${token.fingerprint} and its access tokens no longer work.`);
  reinspect();
}
