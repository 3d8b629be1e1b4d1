import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../electron/services/sandbox';
import { secretAccount } from '../../electron/services/vault/account';
import { flowsOf } from '../../electron/services/workbench/flows';
import { robotBrowser, type RobotBrowser } from '../support/robot-browser';
import { ADA, EMIL, tokenEndpointCalls, withSandbox } from '../support/sandbox-helpers';
import { addSandboxClient, workbenchFixture, type Fixture } from '../support/workbench-fixture';
import { freeRedirectUri } from '../support/ports';

const SCOPES = ['AaaServer.profile.Read', 'ZohoCRM.users.READ'];
let sandbox: SandboxHandle;
let fixture: Fixture;

async function setUp(user: string, decision: 'accept' | 'deny' = 'accept'): Promise<RobotBrowser> {
  sandbox = await withSandbox({ redirectUri: await freeRedirectUri() });
  const robot = robotBrowser({ userZuid: user, decision });
  fixture = workbenchFixture(sandbox, robot.open);
  return robot;
}

afterEach(async () => {
  await fixture.close();
  await sandbox.close();
});

async function tokenValue(tokenId: string, kind: 'access-token' | 'refresh-token'): Promise<string> {
  const value = await fixture.ctx.vault.get(secretAccount({ kind, tokenId }));
  if (!value.ok || value.value === null) throw new Error(`no ${kind} ${tokenId} in the keychain`);
  return value.value;
}

async function consent(extra: { promptConsent?: boolean } = {}) {
  const client = await addSandboxClient(fixture.ctx, sandbox);
  const started = await flowsOf(fixture.ctx).consent.start({
    clientRef: client.id,
    scopes: SCOPES,
    accessType: 'offline',
    promptConsent: extra.promptConsent ?? true,
    force: false,
  });
  if (!started.ok) throw new Error(started.message);
  return { client, started: started.value, result: await started.value.done };
}

describe('a consent through the system browser', () => {
  it('catches the redirect on the loopback listener and stores the tokens in the keychain only', async () => {
    const robot = await setUp(ADA);
    const { started, result } = await consent();
    expect(started.listeningOn).toBe(sandbox.demoClient.redirectUri);
    expect(robot.visits[0]?.opened).toBe(started.authorizationUrl);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { accessToken, refreshToken } = result.value;
    expect(accessToken).toMatchObject({ kind: 'access', status: 'active', dcId: 'sandbox-us', userId: ADA });
    expect(refreshToken).toMatchObject({ kind: 'refresh', status: 'active', userId: ADA });
    expect(accessToken.parentId).toBe(refreshToken?.id);

    const values = [
      await tokenValue(accessToken.id, 'access-token'),
      await tokenValue(refreshToken?.id ?? '', 'refresh-token'),
    ];
    for (const value of values) expect(value).toMatch(/^1000\./);
    const folder = readdirSync(fixture.dataDir)
      .map((f) => readFileSync(join(fixture.dataDir, f), 'latin1'))
      .join('');
    for (const value of values) expect(folder.includes(value)).toBe(false);
  });

  it('reports each step as it happens', async () => {
    await setUp(ADA);
    const { result } = await consent();
    const steps = fixture.events
      .filter((e) => e.event === 'consent:progress')
      .map((e) => (e.payload as { step: string }).step);
    expect(result.ok).toBe(true);
    expect(steps).toEqual(['waiting-for-browser', 'redirect-received', 'exchanging', 'done']);
  });

  it('exchanges an EU user code at the EU sandbox through a US-registered multi-DC client', async () => {
    await setUp(EMIL);
    const { result } = await consent();
    expect(result).toMatchObject({ ok: true, value: { dcId: 'sandbox-eu', crossDc: true } });
    if (!result.ok) return;
    const euApi = sandbox.dcs.find((dc) => dc.id === 'sandbox-eu')?.apiDomain;
    expect(result.value.apiDomain).toBe(euApi);
    const eu = sandbox.dcs.find((dc) => dc.id === 'sandbox-eu');
    if (eu === undefined) throw new Error('no EU sandbox');
    const who = await fixture.ctx.accounts.userInfo(
      eu,
      await tokenValue(result.value.accessToken.id, 'access-token'),
    );
    expect(who).toMatchObject({ ok: true, value: { zuid: EMIL } });
  });

  it('says the user denied access, with Zoho error', async () => {
    await setUp(ADA, 'deny');
    const { result } = await consent();
    expect(result).toMatchObject({ ok: false, code: 'consent_error', zohoError: 'access_denied' });
    expect(fixture.ctx.store.tokens.listByClient(fixture.ctx.store.clients.list()[0]?.id ?? '')).toEqual([]);
  });

  it('writes the tokens into the environments that follow the client', async () => {
    await setUp(ADA);
    const client = await addSandboxClient(fixture.ctx, sandbox);
    fixture.ctx.store.environments.upsert({
      id: 'env_dev',
      postmanId: null,
      name: 'Dev',
      clientRef: client.id,
      dcId: null,
      apiEnvironment: 'production',
      autoRefresh: false,
      variables: [],
      updatedAt: 0,
    });
    const started = await flowsOf(fixture.ctx).consent.start({
      clientRef: client.id,
      scopes: SCOPES,
      accessType: 'offline',
      promptConsent: true,
      force: false,
    });
    if (!started.ok) throw new Error(started.message);
    const result = await started.value.done;
    if (!result.ok) throw new Error(result.message);
    const vars = new Map(fixture.ctx.store.environments.get('env_dev')?.variables.map((v) => [v.key, v]));
    expect(vars.get('access-token')).toMatchObject({
      secret: true,
      value: null,
      fingerprint: result.value.accessToken.fingerprint,
    });
    expect(vars.get('refresh-token')).toMatchObject({
      secret: true,
      fingerprint: result.value.refreshToken?.fingerprint,
    });
    expect(vars.get('api-domain')?.value).toBe(sandbox.url);
    expect(vars.get('accounts-url')?.value).toBe(sandbox.url);
    expect(vars.get('expiry-time')?.value).toBe(result.value.accessToken.expiresAt);
    expect(result.value.accessToken.environments).toEqual(['Dev']);
  });
});

describe('manual mode', () => {
  it('takes the pasted redirect when the redirect port is taken, and ignores a URL of another attempt', async () => {
    sandbox = await withSandbox({ redirectUri: await freeRedirectUri() });
    const { createServer } = await import('node:http');
    const squatter = createServer((_req, res) => res.end('someone else'));
    const port = Number(new URL(sandbox.demoClient.redirectUri).port);
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    const robot = robotBrowser({ userZuid: ADA, decision: 'accept' });
    fixture = workbenchFixture(sandbox, robot.open);
    try {
      const client = await addSandboxClient(fixture.ctx, sandbox);
      const consentFlows = flowsOf(fixture.ctx).consent;
      const started = await consentFlows.start({
        clientRef: client.id,
        scopes: SCOPES,
        accessType: 'offline',
        promptConsent: true,
        force: false,
      });
      if (!started.ok) throw new Error(started.message);
      expect(started.value.listeningOn).toBeNull();
      expect(started.value.manualReason).toMatch(/in use.*paste/i);
      await robot.idle();
      const landed = robot.visits[0]?.redirectedTo ?? '';
      const wrong = landed.replace(/state=[^&]+/, 'state=forged');
      // A typo is not an answer: refused, and the flow still takes the right address below.
      expect(await consentFlows.pasteUrl(started.value.flowId, 'callback?code=1000.x')).toMatchObject({
        ok: false,
        code: 'callback_malformed',
      });
      expect(await consentFlows.pasteUrl(started.value.flowId, wrong)).toMatchObject({
        ok: false,
        code: 'state_mismatch',
        message: expect.stringContaining('keeps waiting') as unknown,
      });
      expect(await consentFlows.pasteUrl(started.value.flowId, landed)).toMatchObject({ ok: true });
    } finally {
      await new Promise<void>((resolve) =>
        squatter.close(() => {
          resolve();
        }),
      );
    }
  });
});

describe('a redirect naming another accounts server (mix-up defence)', () => {
  it('is refused and the code is never sent anywhere', async () => {
    sandbox = await withSandbox({ redirectUri: await freeRedirectUri() });
    fixture = workbenchFixture(sandbox, () => Promise.resolve(undefined));
    const client = await addSandboxClient(fixture.ctx, sandbox);
    const consentFlows = flowsOf(fixture.ctx).consent;
    const started = await consentFlows.start({
      clientRef: client.id,
      scopes: SCOPES,
      accessType: 'offline',
      promptConsent: true,
      force: false,
    });
    if (!started.ok) throw new Error(started.message);
    const state = new URL(started.value.authorizationUrl).searchParams.get('state') ?? '';
    const forged = `${sandbox.demoClient.redirectUri}?code=1000.x.y&location=sandbox-us&accounts-server=${encodeURIComponent('https://accounts.evil.test')}&state=${state}`;
    const result = await consentFlows.pasteUrl(started.value.flowId, forged);
    expect(result).toMatchObject({ ok: false, code: 'unknown_dc' });
    expect(await tokenEndpointCalls(sandbox)).toBe(0);
  });
});

describe('a single-DC client used by a user of another DC', () => {
  it('fails with invalid_client, explained with the multi-DC fix', async () => {
    sandbox = await withSandbox({ redirectUri: await freeRedirectUri() });
    const robot = robotBrowser({ userZuid: EMIL, decision: 'accept' });
    fixture = workbenchFixture(sandbox, robot.open);
    const client = await addSandboxClient(fixture.ctx, sandbox, 'singleDc');
    const started = await flowsOf(fixture.ctx).consent.start({
      clientRef: client.id,
      scopes: SCOPES,
      accessType: 'offline',
      promptConsent: true,
      force: false,
    });
    if (!started.ok) throw new Error(started.message);
    const result = await started.value.done;
    expect(result).toMatchObject({ ok: false, code: 'invalid_client' });
    if (!result.ok) expect(result.message).toMatch(/multi-DC/);
  });
});

describe('the sign-ins a page can find again', () => {
  const request = (clientRef: string) =>
    ({ clientRef, scopes: SCOPES, accessType: 'offline', promptConsent: true, force: false }) as const;

  it('lists a running sign-in with its client, steps and why no browser opened; a new one on its port takes over', async () => {
    sandbox = await withSandbox({ redirectUri: await freeRedirectUri() });
    fixture = workbenchFixture(sandbox, () =>
      Promise.resolve({ ok: false, code: 'browser_not_opened', message: 'No browser here.' } as const),
    );
    const client = await addSandboxClient(fixture.ctx, sandbox);
    const flows = flowsOf(fixture.ctx).consent;
    const first = await flows.start(request(client.id));
    if (!first.ok) throw new Error(first.message);
    expect(first.value).toMatchObject({ clientRef: client.id, browserProblem: 'No browser here.' });
    expect(flows.active()).toEqual([
      expect.objectContaining({
        flowId: first.value.flowId,
        clientRef: client.id,
        listeningOn: sandbox.demoClient.redirectUri,
        steps: [expect.objectContaining({ step: 'waiting-for-browser' })],
      }),
    ]);

    const second = await flows.start(request(client.id));
    if (!second.ok) throw new Error(second.message);
    expect(second.value.listeningOn).toBe(sandbox.demoClient.redirectUri);
    expect(await first.value.done).toMatchObject({
      ok: false,
      code: 'superseded',
      message: expect.stringContaining('took over port'),
    });
    expect(flows.active().map((f) => f.flowId)).toEqual([second.value.flowId]);
    flows.cancel(second.value.flowId);
    expect(flows.active()).toEqual([]);
  });
});
