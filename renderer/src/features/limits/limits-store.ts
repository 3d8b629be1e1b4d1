import { create } from 'zustand';
import type { ClientLimits, TokenRow } from '../../../../shared/ipc/views';
import type { LimitProfile } from '../../../../shared/limits/profile';
import { api, toUiError, type UiError } from '../../api';
import { loadTokens } from '../../stores/tokens';
import { toast } from '../../stores/ui';

/** The limit profiles Tokenbench knows (Zoho's pages disagree) and switching between them. */
interface ProfilesState {
  readonly profiles: readonly LimitProfile[];
  readonly busy: boolean;
  readonly error: UiError | null;
}

export const useProfiles = create<ProfilesState>(() => ({ profiles: [], busy: false, error: null }));

export async function loadProfiles(): Promise<void> {
  if (useProfiles.getState().profiles.length > 0) return;
  const result = await api.limits.profiles();
  useProfiles.setState(
    result.ok ? { profiles: result.value.profiles, error: null } : { error: toUiError(result) },
  );
}

/** The main process recomputes every cap under the new numbers and says tokens:changed. */
export async function chooseProfile(id: string): Promise<void> {
  useProfiles.setState({ busy: true, error: null });
  const result = await api.limits.setProfile({ id });
  useProfiles.setState({ busy: false, error: result.ok ? null : toUiError(result) });
  if (result.ok) toast('ok', 'Limit profile changed', `${result.value.name} is in force.`);
}

/**
 * The meters are a snapshot; they change by themselves when a slot frees, a block ends or a token
 * expires. This re-reads at the earliest such moment while the Limits tab is open.
 */
export function reloadAtNextChange(
  clientRef: string,
  limits: ClientLimits,
  rows: readonly TokenRow[],
): () => void {
  const now = Date.now();
  const rates = [
    limits.grant,
    ...limits.users.map((u) => u.refresh),
    ...limits.refreshTokens.map((r) => r.access),
  ];
  const live = new Set(limits.refreshTokens.flatMap((r) => r.live.liveIds));
  const moments = [
    ...rates.flatMap((r) => [r.nextSlotAt, r.blockedUntil]),
    ...rows.filter((row) => live.has(row.id)).map((row) => row.expiresAt),
  ].filter((t): t is number => t !== null && t > now);
  if (moments.length === 0) return () => undefined;
  const delay = Math.min(2 ** 31 - 1, Math.min(...moments) - now + 250);
  const timer = setTimeout(() => void loadTokens(clientRef), delay);
  return () => {
    clearTimeout(timer);
  };
}
