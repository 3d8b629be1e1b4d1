import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../electron/services/sandbox';
import { secretAccount } from '../../electron/services/vault/account';
import { createKeytarVault } from '../../electron/services/vault/keytar-vault';
import { createMemoryVault } from '../../electron/services/vault/memory-vault';
import type { SecretVault } from '../../electron/services/vault/secret-vault';
import { flowsOf } from '../../electron/services/workbench/flows';
import { dispatch } from '../../electron/services/workbench/handlers';
import { createWorkbench, type Workbench } from '../../electron/services/workbench/workbench';
import type { ArgsOf, ChannelName, ValueOf } from '../../shared/ipc/contract';
import { CliWorkspace } from '../support/cli-harness';
import { ADA, selfClientCode, tokenEndpointCalls, withSandbox } from '../support/sandbox-helpers';
import { freeRedirectUri } from '../support/ports';

/**
 * Auto-refresh decides from the workspace: what it decided survives a restart, two workbenches on
 * one workspace (as two processes are) refresh a due environment once, and a locked keychain or the
 * limit guard makes it wait, saying until when. The CLI reads what the app decided.
 */
let sandbox: SandboxHandle;
let cli: CliWorkspace;
let open: Workbench[];

beforeEach(async () => {
  sandbox = await withSandbox({ redirectUri: await freeRedirectUri() });
  cli = new CliWorkspace();
  open = [];
});

afterEach(async () => {
  for (const wb of open) await wb.close();
  await cli.close();
  await sandbox.close();
});

/** A workbench on the CLI's workspace and keychain; its scheduler is driven by hand (runDue). */
function workbench(vault: SecretVault = createKeytarVault({ service: cli.service })): Workbench {
  const opened = createWorkbench({
    home: cli.home,
    vault,
    now: () => sandbox.clock.now(),
    extraDcs: () => sandbox.dcs,
    openBrowser: () => Promise.resolve(undefined),
    clipboard: { writeText: () => undefined },
    autoRefresh: false,
  });
  if (!opened.ok) throw new Error(opened.message);
  open.push(opened.value);
  return opened.value;
}

async function call<C extends ChannelName>(wb: Workbench, channel: C, args: ArgsOf<C>): Promise<ValueOf<C>> {
  const result = await dispatch(wb.handlers, channel, args);
  if (!result.ok) throw new Error(`${channel}: ${result.code}: ${result.message}`);
  return result.value as ValueOf<C>;
}

/** Ada's tokens through the self client, in "Auto" with auto-refresh on. */
async function signedIn(wb: Workbench) {
  const self = sandbox.clients.self;
  const client = await call(wb, 'clients:save', {
    name: 'Self',
    dcId: 'sandbox-us',
    zohoClientId: self.clientId,
    clientSecret: self.clientSecret,
    type: 'self',
    redirectUri: null,
    multiDc: false,
    pkce: false,
    revokeEndpoint: 'sdk',
  });
  const env = await call(wb, 'environments:save', {
    name: 'Auto',
    clientRef: client.id,
    dcId: 'sandbox-us',
    autoRefresh: true,
  });
  const { code } = await selfClientCode(sandbox, { userZuid: ADA });
  const outcome = await call(wb, 'tokens:exchange-code', {
    clientRef: client.id,
    code,
    environmentId: env.id,
  });
  return { client, env, outcome };
}

const statusIn = async (wb: Workbench, environmentId: string) =>
  (await call(wb, 'environments:status', {})).find((s) => s.environmentId === environmentId)?.autoRefresh;
const dueAt = (expiresAt: number | null) => (expiresAt ?? 0) - 5 * 60_000;

describe('auto-refresh across restarts and processes', () => {
  it('keeps a stop after a restart: no retry into invalid_code, and the CLI says so', async () => {
    const first = workbench();
    const { env, outcome } = await signedIn(first);
    const value = await first.ctx.vault.get(
      secretAccount({ kind: 'refresh-token', tokenId: outcome.refreshToken?.id ?? '' }),
    );
    await fetch(`${sandbox.url}/oauth/v2/token/revoke`, {
      method: 'POST',
      body: new URLSearchParams({ token: value.ok ? (value.value ?? '') : '' }),
    });
    sandbox.clock.advance(dueAt(outcome.accessToken.expiresAt) - sandbox.clock.now());
    await flowsOf(first.ctx).autoRefresh.runDue();
    const stopped = await statusIn(first, env.id);
    expect(stopped).toMatchObject({ state: 'stopped', error: { code: 'invalid_code' } });
    await first.close();

    const calls = await tokenEndpointCalls(sandbox);
    const second = workbench();
    sandbox.clock.advance(60_000);
    await flowsOf(second.ctx).autoRefresh.runDue();
    expect(await statusIn(second, env.id)).toEqual(stopped);
    expect(await tokenEndpointCalls(sandbox)).toBe(calls);
    await second.close();

    const listed = await cli.run(['env', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(
      /Auto .*ada\.lovelace@sandbox-us\.example, …\w{4}, sandbox-us +on, stopped \(invalid_code\)/,
    );
  });

  it('plans again after a restart and refreshes when due, with the same refresh token', async () => {
    const first = workbench();
    const { env, outcome } = await signedIn(first);
    expect(await statusIn(first, env.id)).toEqual({
      state: 'scheduled',
      at: dueAt(outcome.accessToken.expiresAt),
      leadMs: 5 * 60_000,
    });
    await first.close();
    const second = workbench();
    sandbox.clock.advance(dueAt(outcome.accessToken.expiresAt) - sandbox.clock.now());
    await flowsOf(second.ctx).autoRefresh.runDue();
    const [status] = (await call(second, 'environments:status', {})).filter(
      (s) => s.environmentId === env.id,
    );
    expect(status?.lineage?.refreshTokenId).toBe(outcome.refreshToken?.id);
    expect(status?.lineage?.accessTokenId).not.toBe(outcome.accessToken.id);
    expect(status?.autoRefresh.state).toBe('scheduled');
  });

  it('two workbenches on one workspace, both due at once, refresh it once', async () => {
    const one = workbench();
    const two = workbench();
    const { env, outcome } = await signedIn(one);
    sandbox.clock.advance(dueAt(outcome.accessToken.expiresAt) - sandbox.clock.now());
    const before = await tokenEndpointCalls(sandbox);
    await Promise.all([flowsOf(one.ctx).autoRefresh.runDue(), flowsOf(two.ctx).autoRefresh.runDue()]);
    expect(await tokenEndpointCalls(sandbox)).toBe(before + 1);
    const seenByOne = await statusIn(one, env.id);
    expect(seenByOne?.state).toBe('scheduled');
    expect(await statusIn(two, env.id)).toEqual(seenByOne);
  });

  it('waits for a locked keychain, says until when, and refreshes once it is back', async () => {
    const vault = createMemoryVault();
    const wb = workbench(vault);
    const { env, outcome } = await signedIn(wb);
    sandbox.clock.advance(dueAt(outcome.accessToken.expiresAt) - sandbox.clock.now());
    vault.simulateUnavailable(true);
    const calls = await tokenEndpointCalls(sandbox);
    await flowsOf(wb.ctx).autoRefresh.runDue();
    vault.simulateUnavailable(false);
    expect(await statusIn(wb, env.id)).toEqual({
      state: 'waiting',
      wait: { kind: 'keychain', code: 'keychain_unavailable', failures: 1, until: wb.ctx.now() + 5_000 },
    });
    expect(await tokenEndpointCalls(sandbox)).toBe(calls);
    sandbox.clock.advance(5_000);
    await flowsOf(wb.ctx).autoRefresh.runDue();
    expect((await statusIn(wb, env.id))?.state).toBe('scheduled');
    expect(await tokenEndpointCalls(sandbox)).toBe(calls + 1);
  });

  it('waits for the limit guard instead of earning Access Denied', async () => {
    // Minute-long tokens fall due (a quarter of their life before expiry) inside the rate's window.
    await sandbox.close();
    sandbox = await withSandbox({ redirectUri: await freeRedirectUri(), accessTokenLifetimeSec: 60 });
    const wb = workbench();
    const { client, env, outcome } = await signedIn(wb);
    // The exchange's access token and nine refreshes: ten in ten minutes, the refresh token's rate.
    for (let i = 0; i < 9; i++)
      await call(wb, 'tokens:refresh', { clientRef: client.id, environmentId: env.id });
    const [current] = (await call(wb, 'environments:status', {})).filter((s) => s.environmentId === env.id);
    sandbox.clock.advance((current?.lineage?.accessExpiresAt ?? 0) - 15_000 - sandbox.clock.now());
    const calls = await tokenEndpointCalls(sandbox);
    await flowsOf(wb.ctx).autoRefresh.runDue();
    const waiting = await statusIn(wb, env.id);
    expect(waiting).toMatchObject({ state: 'waiting', wait: { kind: 'rate' } });
    // The first of the ten leaves the window ten minutes after the exchange.
    expect(waiting?.state === 'waiting' && waiting.wait.until).toBe(
      outcome.accessToken.createdAt + 10 * 60_000,
    );
    expect(await tokenEndpointCalls(sandbox)).toBe(calls);
  });
});
