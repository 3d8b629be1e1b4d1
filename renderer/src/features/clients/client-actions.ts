import type { ArgsOf } from '../../../../shared/ipc/contract';
import { api, toUiError, type UiError } from '../../api';
import { openDialog, toast } from '../../stores/ui';
import { loadWorkspace, selectClient, useWorkspace } from '../../stores/workspace';

/** The client dialog's calls to the main process. Components call these, never `api` directly. */

export async function saveClient(args: ArgsOf<'clients:save'>): Promise<UiError | null> {
  const saved = await api.clients.save(args);
  if (!saved.ok) return toUiError(saved);
  await loadWorkspace();
  selectClient(saved.value.id);
  openDialog(null);
  toast('ok', args.id === undefined ? 'Client added' : 'Client saved', saved.value.name);
  return null;
}

/**
 * Removes the client (its secret leaves the keychain; its token history stays, since Zoho keeps
 * counting those tokens). Environments that followed it are detached first-hand here: the service
 * would refuse to save them later with a client that is gone.
 */
export async function removeClient(id: string): Promise<UiError | null> {
  const { clients, environments } = useWorkspace.getState();
  const name = clients.find((c) => c.id === id)?.name ?? 'the client';
  const removed = await api.clients.remove({ id });
  if (!removed.ok) return toUiError(removed);
  for (const env of environments.filter((e) => e.clientRef === id)) {
    await api.environments.save({
      id: env.id,
      name: env.name,
      clientRef: null,
      dcId: env.dcId,
      autoRefresh: env.autoRefresh,
    });
  }
  await loadWorkspace();
  openDialog(null);
  toast('ok', 'Client removed', `${name}: its secret left the keychain; its token history stays.`);
  return null;
}

export function closeClientDialog(): void {
  openDialog(null);
}
