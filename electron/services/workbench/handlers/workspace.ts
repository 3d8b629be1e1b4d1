import { ok } from '../../../../shared/result';
import { removeClient, saveClient } from '../clients';
import type { WorkbenchContext } from '../context';
import { addDc, listDcs, removeDc } from '../dcs';
import { importEnvironmentFile } from '../environment-import';
import { exportPostman, importPostman } from '../environment-postman';
import { exportFileStore } from '../filestore-export';
import { removeEnvironment, saveEnvironment, setVariable } from '../environments';
import { copySecret, revealSecret, type ClipboardPort } from '../secrets';
import type { Handlers } from './types';

type WorkspaceChannels =
  | `dcs:${'list' | 'add' | 'remove'}`
  | `clients:${'list' | 'save' | 'remove'}`
  | `environments:${'list' | 'save' | 'set-variable' | 'remove' | 'import-postman' | 'export-postman'}`
  | `environments:${'import-file' | 'export-filestore'}`
  | `secrets:${'reveal' | 'copy'}`;

/** The workspace's own records: DCs, clients, environments, and explicit secret reads. */
export function workspaceHandlers(
  ctx: WorkbenchContext,
  clipboard: ClipboardPort,
): Pick<Handlers, WorkspaceChannels> {
  return {
    'dcs:list': () => Promise.resolve(listDcs(ctx)),
    'dcs:add': (args) => Promise.resolve(addDc(ctx, args)),
    'dcs:remove': (args) => Promise.resolve(removeDc(ctx, args.id)),
    'clients:list': () => Promise.resolve(ok(ctx.store.clients.list())),
    'clients:save': (args) => saveClient(ctx, args),
    'clients:remove': (args) => removeClient(ctx, args.id),
    'environments:list': () => Promise.resolve(ok(ctx.store.environments.list())),
    'environments:save': (args) => saveEnvironment(ctx, args),
    'environments:set-variable': (args) => setVariable(ctx, args),
    'environments:remove': (args) => removeEnvironment(ctx, args.id),
    'environments:import-postman': (args) => importPostman(ctx, args),
    'environments:export-postman': (args) => exportPostman(ctx, args),
    'environments:import-file': (args) => importEnvironmentFile(ctx, args),
    'environments:export-filestore': (args) => exportFileStore(ctx, args),
    'secrets:reveal': (args) => revealSecret(ctx, args.ref),
    'secrets:copy': (args) => copySecret(ctx, clipboard, args.ref),
  };
}
