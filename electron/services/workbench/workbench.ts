import type { DataCenter } from '../../../shared/dc/catalog';
import type { EventName, EventPayload } from '../../../shared/ipc/contract';
import { fail, ok, type Failure, type Ok } from '../../../shared/result';
import { createAccountsClient, type AccountsClient } from '../accounts';
import { nodeCrypto } from '../node-crypto';
import { openWorkspaceStore, type Recovery, type WorkspaceStore } from '../store';
import { keytarInChildProcess } from '../vault/keytar-process';
import { createKeytarVault } from '../vault/keytar-vault';
import type { SecretVault } from '../vault/secret-vault';
import type { BrowserOpener, WorkbenchContext } from './context';
import { flowsOf } from './flows';
import { createHandlers, type Handlers } from './handlers';
import { LedgerBook } from './ledger-book';
import type { SandboxDemo } from './sandbox-demo';
import { recoverAnswered } from './recover';
import type { ClipboardPort } from './secrets';

export interface WorkbenchOptions {
  /** The data folder (`--home`); else $TOKENBENCH_HOME, else the platform's app-data folder. */
  readonly home?: string | undefined;
  readonly vault?: SecretVault;
  readonly accounts?: AccountsClient;
  readonly now?: () => number;
  readonly openBrowser: BrowserOpener;
  readonly clipboard: ClipboardPort;
  readonly extraDcs?: () => readonly DataCenter[];
  /** The embedded sandbox's demo client, for "Try the sandbox"; null when no sandbox runs. */
  readonly sandboxDemo?: () => SandboxDemo | null;
  readonly emit?: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** A one-shot shell's moment of asking (the CLI: its process start); see WorkbenchContext.askedAt. */
  readonly askedAt?: number;
}

export interface Workbench {
  readonly ctx: WorkbenchContext;
  readonly handlers: Handlers;
  readonly dataDir: string;
  /** Set when a damaged workspace file was moved aside on open: show its message once. */
  readonly recovered: Recovery | null;
  /**
   * Settles once what a crashed process left between Zoho's answer and the keychain is finished
   * (`recoverAnswered`). A one-shot shell waits for it; the app need not.
   */
  readonly ready: Promise<void>;
  close(): void;
}

/** Opens the workspace and composes the services every shell (Electron, web host, CLI) uses. */
export function createWorkbench(options: WorkbenchOptions): Ok<Workbench> | Failure {
  const now = options.now ?? Date.now;
  const opened = openWorkspaceStore({ home: options.home, now });
  if (!opened.ok) return opened;
  const { store, dataDir, recovered } = opened.value;
  const ledger = loadLedger(store);
  if (!(ledger instanceof LedgerBook)) return ledger;
  const ctx: WorkbenchContext = {
    store,
    vault: options.vault ?? defaultVault(),
    accounts: options.accounts ?? createAccountsClient(),
    ledger,
    crypto: nodeCrypto,
    now,
    openBrowser: options.openBrowser,
    extraDcs: options.extraDcs ?? (() => []),
    emit: options.emit ?? (() => undefined),
    ...(options.askedAt === undefined ? {} : { askedAt: options.askedAt }),
  };
  const ready = recoverAnswered(ctx).then(
    () => undefined,
    () => undefined,
  );
  return ok({
    ctx,
    handlers: createHandlers(ctx, options.clipboard, options.sandboxDemo),
    dataDir,
    recovered,
    ready,
    close: () => {
      for (const id of flowsOf(ctx).consent.pendingFlowIds()) flowsOf(ctx).consent.cancel(id);
      for (const id of flowsOf(ctx).device.pendingFlowIds()) flowsOf(ctx).device.cancel(id);
      store.close();
    },
  });
}

/**
 * The OS keychain. Under plain Node (the CLI, browser mode) keytar runs in a helper process, so a
 * frozen keychain can never hold the process after it has said so; the Electron shell cannot spawn
 * Node (RunAsNode is fused off) and keeps keytar in its main process.
 */
function defaultVault(): SecretVault {
  const service = process.env.TOKENBENCH_KEYCHAIN_SERVICE ?? 'Tokenbench';
  const underElectron = typeof process.versions.electron === 'string';
  return createKeytarVault(underElectron ? { service } : { service, loadKeytar: keytarInChildProcess });
}

/**
 * Replays the ledger's history. An event the ledger refuses means the workspace holds history this
 * version cannot read; that is reported as data with the file's name, and the store is closed.
 */
function loadLedger(store: WorkspaceStore): LedgerBook | Failure {
  try {
    return new LedgerBook(store);
  } catch (error: unknown) {
    store.close();
    const name = error instanceof Error ? error.name : 'error';
    return fail(
      'workspace_ledger_unreadable',
      `The token history in ${store.file} could not be replayed (${name}). The file was left unchanged; ` +
        'update Tokenbench, or start with another folder (--home DIR or TOKENBENCH_HOME).',
    );
  }
}
