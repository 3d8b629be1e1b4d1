import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import { fingerprint, type ClientRecord } from '../../shared/workspace/model';
import { createAccountsClient } from '../../electron/services/accounts';
import { storeSink } from '../../electron/services/traffic/recorder';
import { nodeCrypto } from '../../electron/services/node-crypto';
import type { SandboxHandle } from '../../electron/services/sandbox';
import { openWorkspaceStore } from '../../electron/services/store';
import { secretAccount } from '../../electron/services/vault/account';
import { createKeytarVault } from '../../electron/services/vault/keytar-vault';
import type { SecretVault } from '../../electron/services/vault/secret-vault';
import { newId, type BrowserOpener, type WorkbenchContext } from '../../electron/services/workbench/context';
import { LedgerBook } from '../../electron/services/workbench/ledger-book';

export interface Fixture {
  readonly ctx: WorkbenchContext;
  readonly dataDir: string;
  readonly events: { event: EventName; payload: unknown }[];
  close(): Promise<void>;
}

/**
 * A workbench over real parts: a SQLite workspace in a fresh folder, the real keychain (a keytar
 * service of its own, emptied on close), real HTTP, and the sandbox's clock as the workbench's, so
 * the guard and the sandbox see the same ten-minute windows.
 */
export function workbenchFixture(
  sandbox: SandboxHandle,
  openBrowser: BrowserOpener,
  vault?: SecretVault,
): Fixture {
  const dataDir = testDataDir('wb');
  const opened = openWorkspaceStore({ home: dataDir, now: () => sandbox.clock.now() });
  if (!opened.ok) throw new Error(opened.message);
  const { store } = opened.value;
  const service = `Tokenbench-test-${newId('flow')}`;
  const keychain = vault ?? createKeytarVault({ service });
  const events: Fixture['events'] = [];
  const ctx: WorkbenchContext = {
    store,
    vault: keychain,
    accounts: createAccountsClient({
      timeoutMs: 5_000,
      record: storeSink(store),
      wallClock: () => sandbox.clock.now(),
    }),
    traffic: storeSink(store),
    ledger: new LedgerBook(store),
    crypto: nodeCrypto,
    now: () => sandbox.clock.now(),
    openBrowser,
    extraDcs: () => sandbox.dcs,
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) => {
      events.push({ event, payload });
    },
  };
  const close = async () => {
    await sweepKeychain(ctx);
    store.close();
    releaseTestDataDir(dataDir);
  };
  return { ctx, dataDir, events, close };
}

/**
 * A fresh data folder. During a full run it lives under the leak scan's folder and is kept until
 * the scan at the end has searched it (test/support/leak-scan.ts); otherwise it is a temp folder.
 */
export function testDataDir(label: string): string {
  const root = process.env.TOKENBENCH_TEST_DATA_ROOT;
  return mkdtempSync(join(root !== undefined && root !== '' ? root : tmpdir(), `tokenbench-${label}-`));
}

export function releaseTestDataDir(dir: string): void {
  if (process.env.TOKENBENCH_TEST_DATA_ROOT === undefined) rmSync(dir, { recursive: true, force: true });
}

/** Registers one of the sandbox's clients in the workbench, its secret in the keychain. */
export async function addSandboxClient(
  ctx: WorkbenchContext,
  sandbox: SandboxHandle,
  key: 'demo' | 'singleDc' | 'legacy' | 'self' = 'demo',
): Promise<ClientRecord> {
  const registered = sandbox.clients[key];
  const record: ClientRecord = {
    id: newId('cl'),
    name: registered.name,
    dcId: 'sandbox-us',
    zohoClientId: registered.clientId,
    type: key === 'self' ? 'self' : 'server',
    redirectUri: key === 'self' ? null : (registered.redirectUri ?? null),
    multiDc: key === 'demo',
    pkce: false,
    revokeEndpoint: 'sdk',
    secretFingerprint: fingerprint(registered.clientSecret),
    createdAt: ctx.now(),
  };
  const saved = await ctx.vault.set(
    secretAccount({ kind: 'client-secret', clientRef: record.id }),
    registered.clientSecret,
  );
  if (!saved.ok) throw new Error(saved.message);
  ctx.store.clients.upsert(record);
  return record;
}

async function sweepKeychain(ctx: WorkbenchContext): Promise<void> {
  for (const client of ctx.store.clients.list()) {
    await ctx.vault.delete(secretAccount({ kind: 'client-secret', clientRef: client.id }));
    for (const token of ctx.store.tokens.listByClient(client.id)) {
      const kind = token.kind === 'access' ? 'access-token' : 'refresh-token';
      await ctx.vault.delete(secretAccount({ kind, tokenId: token.id }));
    }
  }
  for (const env of ctx.store.environments.list()) {
    for (const v of env.variables)
      if (v.secret)
        await ctx.vault.delete(secretAccount({ kind: 'env-variable', environmentId: env.id, key: v.key }));
  }
}
