import type { DataCenter } from '../../../shared/dc/catalog';
import type { EventName, EventPayload } from '../../../shared/ipc/contract';
import { fail, ok, type Failure, type Ok } from '../../../shared/result';
import { createAccountsClient, type AccountsClient, type AccountsClientOptions } from '../accounts';
import { storeSink, type ExchangeSink } from '../traffic/recorder';
import { judgeExternalUrlFor } from '../external-urls';
import { visible } from '../../../shared/text/visible';
import { nodeCrypto } from '../node-crypto';
import { openWorkspaceStore, type Recovery, type WorkspaceStore } from '../store';
import { keytarInChildProcess } from '../vault/keytar-process';
import { systemClipboard } from '../system-clipboard';
import { createKeytarVault } from '../vault/keytar-vault';
import type { SecretVault } from '../vault/secret-vault';
import { startAutoRefresh, type AutoRefreshLoop } from './auto-refresh-loop';
import type { BrowserOpener, WorkbenchContext } from './context';
import { flowsOf } from './flows';
import { createHandlers, type Handlers } from './handlers';
import { LedgerBook } from './ledger-book';
import type { SandboxDemo } from './sandbox-demo';
import { moveNamedSecrets } from './move-named-secrets';
import { recoverAnswered } from './recover';
import type { ClipboardPort } from './secrets';

export interface WorkbenchOptions {
  /** The data folder (`--home`); else $TOKENBENCH_HOME, else the platform's app-data folder. */
  readonly home?: string | undefined;
  readonly vault?: SecretVault;
  /** Replaces the accounts client whole (its calls are then not recorded in the traffic console). */
  readonly accounts?: AccountsClient;
  /** Options for the default accounts client, which records every call in the traffic console. */
  readonly accountsOptions?: Omit<AccountsClientOptions, 'record' | 'wallClock'>;
  readonly now?: () => number;
  /** How this shell opens a URL in the system browser; only URLs the allow-list passes reach it. */
  readonly openBrowser: BrowserOpener;
  /** This shell's clipboard (Electron's); by default the system's clipboard tools (browser mode). */
  readonly clipboard?: ClipboardPort;
  /**
   * Runs the auto-refresh scheduler while the workbench is open (default true). The CLI says false:
   * a command lasts seconds, and a refresh it started could be cut off by the exit after Zoho issued
   * the token but before the keychain and the ledger recorded it.
   */
  readonly autoRefresh?: boolean;
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
  /** Whether auto-refresh runs in this process (not in the CLI). */
  readonly autoRefreshRuns: boolean;
  /**
   * Settles once what a crashed process left between Zoho's answer and the keychain is finished
   * (`recoverAnswered`), and plain-text secrets of an older version are in the keychain
   * (`moveNamedSecrets`). A one-shot shell waits for it; auto-refresh starts after it.
   */
  readonly ready: Promise<void>;
  /**
   * Stops the scheduler, cancels waiting sign-ins and closes the workspace: at once, or, while an
   * auto-refresh round is recording what Zoho issued, right after it (the answer says when).
   */
  close(): Promise<void>;
}

/**
 * Opens the workspace and composes, once for every shell (the Electron shell, browser mode, the
 * CLI), the services, the auto-refresh scheduler and the policies: the URL allow-list in front of the
 * shell's browser opener and the clipboard port. A shell only adds its transport.
 */
export function createWorkbench(options: WorkbenchOptions): Ok<Workbench> | Failure {
  const now = options.now ?? Date.now;
  const opened = openWorkspaceStore({ home: options.home, now });
  if (!opened.ok) return opened;
  const { store, dataDir, recovered } = opened.value;
  const ledger = loadLedger(store);
  if (!(ledger instanceof LedgerBook)) return ledger;
  let loop: AutoRefreshLoop | null = null;
  // Every shell records here, in the workspace: the app's Console shows what the CLI sent.
  const sink = storeSink(store);
  const traffic: ExchangeSink = (exchange) => {
    const id = sink(exchange);
    if (id !== null) options.emit?.('traffic:recorded', { id });
    return id;
  };
  const ctx: WorkbenchContext = {
    store,
    vault: options.vault ?? defaultVault(),
    accounts:
      options.accounts ??
      createAccountsClient({ ...options.accountsOptions, record: traffic, wallClock: now }),
    traffic,
    ledger,
    crypto: nodeCrypto,
    now,
    openBrowser: async (url) => {
      // Only consent pages of Zoho's, the user's and the running sandbox's DCs; anything else a page
      // or a redirect might ask for is refused, and the refusal is logged (external-urls.ts).
      const decision = judgeExternalUrlFor(url, ctx);
      if (decision.ok) return options.openBrowser(url);
      process.stderr.write(`tokenbench: refused to open a URL in the browser: ${visible(decision.reason)}\n`);
      return fail('url_not_allowed', 'Tokenbench opens only Zoho accounts pages and its sandbox.');
    },
    extraDcs: options.extraDcs ?? (() => []),
    emit: (event, payload) => {
      options.emit?.(event, payload);
      // A new token, a consent, a switched-on environment: the scheduler plans again at once.
      if (event === 'environments:changed' || event === 'tokens:changed') loop?.poke();
    },
    ...(options.askedAt === undefined ? {} : { askedAt: options.askedAt }),
  };
  let closing: Promise<void> | null = null;
  const ready = recoverAnswered(ctx)
    .then(() => moveNamedSecrets(ctx))
    .then(
      (move) => {
        if (move.kind === 'keychain-refused')
          process.stderr.write(
            `tokenbench: ${move.left} variables named like secrets are still in plain text in the workspace file, because the keychain refused them: ${visible(move.message)} They move to the keychain at the next start.\n`,
          );
      },
      () => undefined,
    );
  // The scheduler starts once a crashed run's answered refreshes are recorded, so it plans from them.
  const runsAutoRefresh = options.autoRefresh !== false;
  if (runsAutoRefresh)
    void ready.then(() => {
      if (closing === null) loop = startAutoRefresh(flowsOf(ctx).autoRefresh, now);
    });
  return ok({
    ctx,
    handlers: createHandlers(ctx, options.clipboard ?? systemClipboard(), options.sandboxDemo),
    dataDir,
    recovered,
    autoRefreshRuns: runsAutoRefresh,
    ready,
    close: () =>
      (closing ??= (() => {
        for (const id of flowsOf(ctx).consent.pendingFlowIds()) flowsOf(ctx).consent.cancel(id);
        for (const id of flowsOf(ctx).device.pendingFlowIds()) flowsOf(ctx).device.cancel(id);
        const round = loop?.stop() ?? null;
        if (round === null) {
          store.close();
          return Promise.resolve();
        }
        return round.finally(() => {
          store.close();
        });
      })()),
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
