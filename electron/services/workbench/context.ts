import { randomBytes } from 'node:crypto';
import { DcCatalog, type DataCenter } from '../../../shared/dc/catalog';
import type { CryptoPort } from '../../../shared/oauth/authorize';
import type { EventName, EventPayload } from '../../../shared/ipc/contract';
import { fail, type Failure } from '../../../shared/result';
import type { ClientRecord } from '../../../shared/workspace/model';
import type { AccountsClient } from '../accounts';
import type { WorkspaceStore } from '../store';
import type { ExchangeSink } from '../traffic/recorder';
import type { SecretVault } from '../vault/secret-vault';
import type { LedgerBook } from './ledger-book';

/**
 * Opens a URL in the system browser; injected so tests and the CLI decide how. A failure (xdg-open
 * found no browser) comes back as data, so a sign-in can say so and offer the address instead; an
 * opener that cannot know answers undefined, which counts as opened.
 */
export type BrowserOpener = (url: string) => Promise<BrowserNotOpened | undefined>;
export type BrowserNotOpened = Failure<'browser_not_opened' | 'url_not_allowed'>;

/** Everything the workbench services share. One per open workspace, made by `createWorkbench`. */
export interface WorkbenchContext {
  readonly store: WorkspaceStore;
  readonly vault: SecretVault;
  readonly accounts: AccountsClient;
  readonly ledger: LedgerBook;
  readonly crypto: CryptoPort;
  readonly now: () => number;
  readonly openBrowser: BrowserOpener;
  /** DCs that are not Zoho's nine nor user-defined: the embedded sandbox's, when it runs. */
  readonly extraDcs: () => readonly DataCenter[];
  /** Push events to whoever listens (the Electron shell, the web host); the CLI ignores them. */
  readonly emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /**
   * For a one-shot shell (a CLI run): when the user asked, wall clock. A refresh another process
   * finished after this moment answers this run too (it was concurrent). Absent: each call asks anew.
   */
  readonly askedAt?: number;
  /**
   * The traffic console's recorder, for requests sent outside the accounts client (the runner); the
   * accounts client records its own. Absent: nothing is recorded.
   */
  readonly traffic?: ExchangeSink;
}

/** Tokenbench's own ids: a prefix that says what it is, then 16 random bytes as hex. */
export function newId(prefix: 'cl' | 'env' | 'rt' | 'at' | 'flow' | 'res' | 'st'): string {
  return `${prefix}_${randomBytes(16).toString('hex')}`;
}

/** Zoho's nine, the sandbox's and the user's DCs, as the flows validate against them. */
export function dcCatalog(ctx: WorkbenchContext): DcCatalog {
  return new DcCatalog([...ctx.extraDcs(), ...ctx.store.dcs.list()]);
}

export function findClient(
  ctx: WorkbenchContext,
  clientRef: string,
): ClientRecord | Failure<'client_not_found'> {
  return (
    ctx.store.clients.get(clientRef) ??
    fail(
      'client_not_found',
      `No client "${clientRef}" in this workspace. List clients to see their ids and names.`,
    )
  );
}

export function findDc(ctx: WorkbenchContext, dcId: string): DataCenter | Failure<'dc_not_found'> {
  return (
    dcCatalog(ctx).byLocation(dcId) ??
    fail('dc_not_found', `The DC "${dcId}" is not in the catalog. Add it, or pick one of the listed DCs.`)
  );
}

export const isFailure = (value: unknown): value is Failure =>
  typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;
