import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOKEN_PATTERN, type SandboxHandle } from '../../electron/services/sandbox';
import {
  approve,
  deviceClient,
  deviceCode,
  devicePolls,
  initiate,
  poll,
  verify,
} from '../support/device-helpers';
import { ADA, advance, apiGet, consentCode, dcUrl, EMIL, str, withSandbox } from '../support/sandbox-helpers';

let sandbox: SandboxHandle;

beforeEach(async () => {
  sandbox = await withSandbox({ deviceIntervalSeconds: 5 });
});
afterEach(async () => {
  await sandbox.close();
});

describe('sandbox device flow: initiation (POST /oauth/v3/device/code)', () => {
  it('answers a user code, a device code, the verification URL, 300 s and the interval', async () => {
    const { body } = await deviceCode(sandbox);
    expect(body.user_code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(body.device_code).toMatch(TOKEN_PATTERN);
    expect(str(body.device_code).startsWith('1004.')).toBe(true);
    expect(body).toMatchObject({
      verification_url: `${sandbox.url}/oauth/v3/device`,
      expires_in: 300,
      interval: 5,
    });
  });

  it("reads the parameters from the query string, as Zoho's pages show them", async () => {
    const { body } = await initiate(
      sandbox.url,
      {
        client_id: deviceClient(sandbox).clientId,
        grant_type: 'device_request',
        scope: 'AaaServer.profile.Read',
      },
      'query',
    );
    expect(body).toHaveProperty('device_code');
  });

  it('refuses a server client, an unknown client, another grant type and a bad scope, with HTTP 200', async () => {
    const base = { grant_type: 'device_request', scope: 'AaaServer.profile.Read' };
    const server = await initiate(sandbox.url, { ...base, client_id: sandbox.demoClient.clientId });
    expect(server).toMatchObject({ status: 200, body: { error: 'invalid_client' } });
    expect(String(server.body.error_description)).toMatch(/Non-browser/);
    const unknown = await initiate(sandbox.url, { ...base, client_id: '1004.NOPE' });
    expect(unknown).toMatchObject({ status: 200, body: { error: 'invalid_client' } });
    const id = deviceClient(sandbox).clientId;
    const grant = await initiate(sandbox.url, { ...base, client_id: id, grant_type: 'authorization_code' });
    expect(grant.body).toEqual({ error: 'unsupported_grant_type' });
    const scope = await initiate(sandbox.url, { ...base, client_id: id, scope: 'not a scope' });
    expect(scope.body).toEqual({ error: 'invalid_scope' });
  });

  it("counts device codes toward the client's 10 grant codes per 10 minutes: the 11th is Access Denied", async () => {
    for (let i = 0; i < 10; i++) await deviceCode(sandbox);
    const { body } = await initiate(sandbox.url, {
      client_id: deviceClient(sandbox).clientId,
      grant_type: 'device_request',
      scope: 'AaaServer.profile.Read',
    });
    expect(body).toMatchObject({ error: 'Access Denied', status: 'failure' });
    await advance(sandbox, 600);
    await expect(deviceCode(sandbox)).resolves.toHaveProperty('deviceCode');
  });
});

describe('sandbox device flow: polling (POST /oauth/v3/device/token)', () => {
  it('answers authorization_pending, then slow_down to a poll within the interval, and keeps counting fast polls', async () => {
    const device = deviceClient(sandbox);
    const { deviceCode: code } = await deviceCode(sandbox);
    expect((await poll(sandbox.url, device, code)).body).toEqual({ error: 'authorization_pending' });
    expect(await poll(sandbox.url, device, code)).toEqual({ status: 200, body: { error: 'slow_down' } });
    await advance(sandbox, 4);
    // 4 s after the slow_down poll: still too fast, since that poll counted too.
    expect((await poll(sandbox.url, device, code)).body).toEqual({ error: 'slow_down' });
    await advance(sandbox, 5);
    expect((await poll(sandbox.url, device, code)).body).toEqual({ error: 'authorization_pending' });
    const outcomes = (await devicePolls(sandbox)).map((p) => p.outcome);
    expect(outcomes).toEqual(['authorization_pending', 'slow_down', 'slow_down', 'authorization_pending']);
  });

  it('gives the tokens once after the user accepts on the verification page; the code is then spent', async () => {
    const device = deviceClient(sandbox);
    const { userCode, deviceCode: code } = await deviceCode(sandbox, { scope: 'AaaServer.profile.Read' });
    const page = await verify(sandbox.url, {
      step: 'code',
      user_code: userCode.toLowerCase().replace('-', ' '),
    });
    expect(page.status).toBe(200);
    expect(page.html).toContain('Device Demo');
    expect(page.html).toContain('AaaServer.profile.Read');
    const done = await approve(sandbox.url, userCode, ADA);
    expect(done.html).toContain('Device connected');
    const tokens = (await poll(sandbox.url, device, code)).body;
    expect(tokens).toMatchObject({ api_domain: sandbox.url, token_type: 'Bearer', expires_in: 3600 });
    expect(tokens.refresh_token).toMatch(TOKEN_PATTERN);
    const me = await apiGet(sandbox.url, '/oauth/user/info', str(tokens.access_token));
    expect(me.body).toMatchObject({ ZUID: Number(ADA) });
    await advance(sandbox, 5);
    expect((await poll(sandbox.url, device, code)).body).toEqual({ error: 'invalid_code' });
  });

  it("answers other_dc with user_location for a user of another DC, and the tokens at that user's DC", async () => {
    const device = deviceClient(sandbox);
    const eu = dcUrl(sandbox, 'sandbox-eu');
    const { userCode, deviceCode: code } = await deviceCode(sandbox);
    // Before approval the code is known only where it was issued.
    expect((await poll(eu, device, code)).body).toEqual({ error: 'invalid_code' });
    await advance(sandbox, 5);
    await approve(sandbox.url, userCode, EMIL);
    expect((await poll(sandbox.url, device, code)).body).toEqual({
      error: 'other_dc',
      user_location: 'sandbox-eu',
    });
    await advance(sandbox, 5);
    const tokens = (await poll(eu, device, code)).body;
    expect(tokens.api_domain).toBe(eu);
    const me = await apiGet(eu, '/oauth/user/info', str(tokens.access_token));
    expect(me.body).toMatchObject({ ZUID: Number(EMIL) });
  });

  it('answers access_denied after Deny, and expired after 5 minutes without a decision', async () => {
    const device = deviceClient(sandbox);
    const denied = await deviceCode(sandbox);
    const page = await approve(sandbox.url, denied.userCode, ADA, 'deny');
    expect(page.html).toContain('Access denied');
    expect((await poll(sandbox.url, device, denied.deviceCode)).body).toEqual({ error: 'access_denied' });
    const idle = await deviceCode(sandbox);
    await advance(sandbox, 300);
    expect((await poll(sandbox.url, device, idle.deviceCode)).body).toEqual({ error: 'expired' });
    const late = await verify(sandbox.url, { step: 'code', user_code: idle.userCode });
    expect(late.status).toBe(400);
    expect(late.html).toContain('expired');
  });

  it("refuses another client's secret and another client's code", async () => {
    const { deviceCode: code } = await deviceCode(sandbox);
    const wrongSecret = { clientId: deviceClient(sandbox).clientId, clientSecret: 'nope' };
    expect((await poll(sandbox.url, wrongSecret, code)).body).toEqual({ error: 'invalid_client_secret' });
    expect((await poll(sandbox.url, sandbox.demoClient, code)).body).toEqual({ error: 'invalid_code' });
  });
});

describe('sandbox device flow: the verification page', () => {
  it('serves the code form under a strict CSP, prefilled from ?user_code=', async () => {
    const res = await fetch(`${sandbox.url}/oauth/v3/device?user_code=BCDF-GHJK`);
    const html = await res.text();
    expect(res.headers.get('content-security-policy')).toContain("form-action 'self'");
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html).toContain('value="BCDF-GHJK"');
  });

  it('a decision posted from a foreign origin is refused', async () => {
    const { userCode } = await deviceCode(sandbox);
    const res = await fetch(`${sandbox.url}/oauth/v3/device`, {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
      body: new URLSearchParams({ step: 'decide', user_code: userCode, user_zuid: ADA, decision: 'accept' }),
    });
    expect(res.status).toBe(403);
  });

  it('brakes guessing: after 10 wrong codes in a minute even a right one waits', async () => {
    const { userCode } = await deviceCode(sandbox);
    for (let i = 0; i < 10; i++)
      expect((await verify(sandbox.url, { step: 'code', user_code: 'BBBB-BBBB' })).status).toBe(400);
    expect((await verify(sandbox.url, { step: 'code', user_code: userCode })).status).toBe(429);
    await advance(sandbox, 61);
    expect((await verify(sandbox.url, { step: 'code', user_code: userCode })).status).toBe(200);
  });

  it('a consent grant and device codes share the grant rule', async () => {
    for (let i = 0; i < 9; i++) await deviceCode(sandbox);
    await consentCode(sandbox);
    const { body } = await initiate(sandbox.url, {
      client_id: deviceClient(sandbox).clientId,
      grant_type: 'device_request',
      scope: 'AaaServer.profile.Read',
    });
    // The demo and device clients are different clients: each has its own 10.
    expect(body).toHaveProperty('device_code');
  });

  it('the interval is set through POST /sandbox/device and refused out of range', async () => {
    const set = await fetch(`${sandbox.url}/sandbox/device`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ intervalSeconds: 30 }),
    });
    expect(await set.json()).toEqual({ intervalSeconds: 30 });
    expect((await deviceCode(sandbox)).body.interval).toBe(30);
    const bad = await fetch(`${sandbox.url}/sandbox/device`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ intervalSeconds: 0 }),
    });
    expect(bad.status).toBe(400);
  });

  it('the request log never holds a user code or a device code', async () => {
    const { userCode, deviceCode: code } = await deviceCode(sandbox);
    await fetch(`${sandbox.url}/oauth/v3/device?user_code=${userCode}`);
    await approve(sandbox.url, userCode, ADA);
    await poll(sandbox.url, deviceClient(sandbox), code);
    const log = JSON.stringify((await apiGet(sandbox.url, '/sandbox/log')).body);
    expect(log).toContain('/oauth/v3/device/token');
    expect(log).not.toContain(userCode);
    expect(log).not.toContain(code);
  });
});
