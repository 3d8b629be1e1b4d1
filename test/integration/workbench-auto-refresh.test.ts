import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../electron/services/sandbox';
import { secretAccount } from '../../electron/services/vault/account';
import type { EnvironmentRun } from '../../electron/services/workbench/auto-refresh';
import { flowsOf } from '../../electron/services/workbench/flows';
import { tokenHandlers } from '../../electron/services/workbench/handlers/tokens';
import { ADA, selfClientCode, withSandbox } from '../support/sandbox-helpers';
import { addSandboxClient, workbenchFixture, type Fixture } from '../support/workbench-fixture';
import { freeRedirectUri } from '../support/ports';

const MINUTE = 60_000;
let sandbox: SandboxHandle;
let fixture: Fixture;

beforeEach(async () => {
  sandbox = await withSandbox({ redirectUri: await freeRedirectUri() });
  fixture = workbenchFixture(sandbox, () => Promise.resolve(undefined));
});

afterEach(async () => {
  await fixture.close();
  await sandbox.close();
});

/** A self client with tokens, and an environment that follows it with auto-refresh on. */
async function optedInEnvironment() {
  const client = await addSandboxClient(fixture.ctx, sandbox, 'self');
  fixture.ctx.store.environments.upsert({
    id: 'env_auto',
    postmanId: null,
    name: 'Auto',
    clientRef: client.id,
    dcId: null,
    apiEnvironment: 'production',
    autoRefresh: true,
    variables: [],
    updatedAt: 0,
  });
  const { code } = await selfClientCode(sandbox, { userZuid: ADA, scope: 'AaaServer.profile.Read' });
  const exchanged = await tokenHandlers(fixture.ctx)['tokens:exchange-code']({
    clientRef: client.id,
    code,
    force: false,
  });
  if (!exchanged.ok) throw new Error(exchanged.message);
  return { client, outcome: exchanged.value };
}

const expiryOf = () => fixture.ctx.store.environments.getVariable('env_auto', 'expiry-time')?.value;
const auto = () => flowsOf(fixture.ctx).autoRefresh;
const statusOf = (runs: readonly EnvironmentRun[]) =>
  runs.find((r) => r.environmentId === 'env_auto')?.status;

describe('auto-refresh', () => {
  it("refreshes five minutes before expiry and not before, with the environment's own refresh token", async () => {
    const { outcome } = await optedInEnvironment();
    const expiresAt = outcome.accessToken.expiresAt ?? 0;
    sandbox.clock.advance(expiresAt - 5 * MINUTE - 1_000 - sandbox.clock.now());
    expect(statusOf(await auto().runDue())).toEqual({
      state: 'scheduled',
      at: expiresAt - 5 * MINUTE,
      leadMs: 5 * MINUTE,
    });
    expect(expiryOf()).toBe(expiresAt);
    sandbox.clock.advance(1_000);
    const state = statusOf(await auto().runDue());
    expect(expiryOf()).toBeGreaterThan(expiresAt);
    expect(state).toEqual({
      state: 'scheduled',
      at: (expiryOf() as number) - 5 * MINUTE,
      leadMs: 5 * MINUTE,
    });
    const lineage = fixture.ctx.store.envTokens.lineage('env_auto');
    expect(lineage?.refreshTokenId).toBe(outcome.refreshToken?.id);
    expect(lineage?.accessTokenId).not.toBe(outcome.accessToken.id);
  });

  it('backs off and retries when the accounts server cannot be reached, and says so', async () => {
    const { outcome } = await optedInEnvironment();
    sandbox.clock.advance((outcome.accessToken.expiresAt ?? 0) - sandbox.clock.now());
    await sandbox.close();
    const first = statusOf(await auto().runDue());
    expect(first).toMatchObject({
      state: 'waiting',
      wait: { kind: 'network', failures: 1, until: fixture.ctx.now() + 5_000 },
    });
    sandbox.clock.advance(5_000);
    const second = statusOf(await auto().runDue());
    expect(second).toMatchObject({
      state: 'waiting',
      wait: { kind: 'network', failures: 2, until: fixture.ctx.now() + 10_000 },
    });
    sandbox = await withSandbox({ redirectUri: await freeRedirectUri() });
  });

  it('stops on invalid_code instead of retrying into it, and says why', async () => {
    const { outcome } = await optedInEnvironment();
    const value = await fixture.ctx.vault.get(
      secretAccount({ kind: 'refresh-token', tokenId: outcome.refreshToken?.id ?? '' }),
    );
    await fetch(`${sandbox.url}/oauth/v2/token/revoke`, {
      method: 'POST',
      body: new URLSearchParams({ token: value.ok ? (value.value ?? '') : '' }),
    });
    sandbox.clock.advance((outcome.accessToken.expiresAt ?? 0) - sandbox.clock.now());
    const state = statusOf(await auto().runDue());
    expect(state).toMatchObject({ state: 'stopped', error: { code: 'invalid_code' } });
    const calls = await tokenCalls();
    sandbox.clock.advance(MINUTE);
    expect(statusOf(await auto().runDue())).toEqual(state);
    expect(await tokenCalls()).toBe(calls);
  });

  it('leaves environments that did not opt in alone', async () => {
    const { outcome } = await optedInEnvironment();
    const env = fixture.ctx.store.environments.get('env_auto');
    if (env === undefined) throw new Error('no env');
    fixture.ctx.store.environments.upsert({ ...env, autoRefresh: false });
    sandbox.clock.advance((outcome.accessToken.expiresAt ?? 0) - sandbox.clock.now());
    expect(await auto().runDue()).toEqual([]);
    expect(auto().statusOf({ ...env, autoRefresh: false })).toEqual({ state: 'off' });
  });
});

/** How many token-endpoint requests the sandbox has answered. */
async function tokenCalls(): Promise<number> {
  const log = (await (await fetch(`${sandbox.url}/sandbox/log`)).json()) as { entries: { path: string }[] };
  return log.entries.filter((entry) => entry.path === '/oauth/v2/token').length;
}
