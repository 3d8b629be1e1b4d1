import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCESS_DENIED_BODY, type SandboxHandle } from '../../electron/services/sandbox';
import {
  apiGet,
  consentCode,
  exchange,
  grantTokens,
  postConsent,
  refresh,
  str,
  tokenCall,
  withSandbox,
  type Json,
} from '../support/sandbox-helpers';

let sandbox: SandboxHandle;
beforeEach(async () => {
  sandbox = await withSandbox();
});
afterEach(async () => {
  await sandbox.close();
});

const TEN_MINUTES_S = 600;

async function refreshTimes(rt: string, n: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < n; i++) tokens.push(str((await refresh(sandbox, rt)).access_token));
  return tokens;
}

const userInfoStatus = async (at: string): Promise<number> =>
  (await apiGet(sandbox.url, '/oauth/user/info', at)).status;

async function selfClientCode(validMinutes: number): Promise<Json> {
  const res = await fetch(`${sandbox.url}/sandbox/self-client/code`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      clientId: sandbox.clients.self.clientId,
      scope: 'AaaServer.profile.Read',
      validMinutes,
    }),
  });
  return (await res.json()) as Json;
}

const exchangeSelf = async (code: string): Promise<Json> =>
  (
    await tokenCall(sandbox.url, {
      grant_type: 'authorization_code',
      client_id: sandbox.clients.self.clientId,
      client_secret: sandbox.clients.self.clientSecret,
      code,
    })
  ).body;

describe('sandbox access-token limits', () => {
  it('denies the 11th access token of a refresh token in 10 minutes, counting the exchange token', async () => {
    const rt = str((await grantTokens(sandbox)).refresh_token);
    await refreshTimes(rt, 9);
    const denied = await tokenCall(sandbox.url, {
      grant_type: 'refresh_token',
      client_id: sandbox.demoClient.clientId,
      client_secret: sandbox.demoClient.clientSecret,
      refresh_token: rt,
    });
    expect(denied).toEqual({ status: 200, body: ACCESS_DENIED_BODY });
    expect(JSON.stringify(denied.body)).toBe(
      '{"error_description":"You have made too many requests continuously. Please try again after some time.","error":"Access Denied","status":"failure"}',
    );
  });

  it('keeps the refresh token locked out until the window frees, then allows it again', async () => {
    const rt = str((await grantTokens(sandbox)).refresh_token);
    await refreshTimes(rt, 9);
    expect(await refresh(sandbox, rt)).toEqual(ACCESS_DENIED_BODY);
    sandbox.clock.advance((TEN_MINUTES_S - 1) * 1000);
    expect(await refresh(sandbox, rt)).toEqual(ACCESS_DENIED_BODY);
    sandbox.clock.advance(1000);
    expect(await refresh(sandbox, rt)).toHaveProperty('access_token');
  });

  it('silently deletes the oldest live access token when the 16th is created', async () => {
    const tokens = await grantTokens(sandbox);
    const rt = str(tokens.refresh_token);
    const first = str(tokens.access_token);
    const early = await refreshTimes(rt, 9);
    sandbox.clock.advance(TEN_MINUTES_S * 1000);
    await refreshTimes(rt, 5);
    expect(await userInfoStatus(first)).toBe(200);
    const [sixteenth] = await refreshTimes(rt, 1);
    expect(await userInfoStatus(first)).toBe(401);
    expect(await userInfoStatus(str(early[0]))).toBe(200);
    expect(await userInfoStatus(str(sixteenth))).toBe(200);
  });
});

describe('sandbox refresh-token limits', () => {
  it('deletes the oldest refresh token and its access tokens when the 21st is created', async () => {
    const issued: Json[] = [];
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 10; i++) issued.push(await grantTokens(sandbox, { prompt: 'consent' }));
      sandbox.clock.advance(TEN_MINUTES_S * 1000);
    }
    expect(issued.every((t) => typeof t.refresh_token === 'string')).toBe(true);
    const [first, second] = issued;
    const firstRt = str(first?.refresh_token);
    const minted = str((await refresh(sandbox, firstRt)).access_token);

    await grantTokens(sandbox, { prompt: 'consent' });

    expect(await refresh(sandbox, firstRt)).toEqual({ error: 'invalid_code' });
    expect(await userInfoStatus(str(first?.access_token))).toBe(401);
    expect(await userInfoStatus(minted)).toBe(401);
    expect(await userInfoStatus(str(second?.access_token))).toBe(200);
    expect(await refresh(sandbox, str(second?.refresh_token))).toHaveProperty('access_token');
  });

  it('denies the 11th refresh token of a user and client in 10 minutes, leaving the code usable', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 10; i++) codes.push(str((await selfClientCode(10)).code));
    sandbox.clock.advance(9 * 60_000);
    for (const code of codes) expect(await exchangeSelf(code)).toHaveProperty('refresh_token');
    sandbox.clock.advance(60_000);
    const late = str((await selfClientCode(10)).code);
    expect(await exchangeSelf(late)).toEqual(ACCESS_DENIED_BODY);
    sandbox.clock.advance(9 * 60_000);
    expect(await exchangeSelf(late)).toHaveProperty('refresh_token');
  });
});

describe('sandbox grant limits', () => {
  it('shows an HTTP 200 Access Denied page without redirecting on the 11th grant in 10 minutes', async () => {
    for (let i = 0; i < 10; i++) await consentCode(sandbox);
    expect((await postConsent(sandbox, { decision: 'deny' })).status).toBe(302);
    const res = await postConsent(sandbox);
    expect(res.status).toBe(200);
    expect(res.headers.get('location')).toBeNull();
    const html = await res.text();
    expect(html).toContain('Access Denied');
    expect(html).toContain('You have made too many requests continuously. Please try again after some time.');
    sandbox.clock.advance(TEN_MINUTES_S * 1000);
    expect((await consentCode(sandbox)).code).not.toBe('');
  });

  it('counts self-client codes toward the grant rule', async () => {
    for (let i = 0; i < 10; i++) expect(await selfClientCode(3)).toHaveProperty('code');
    expect(await selfClientCode(3)).toEqual(ACCESS_DENIED_BODY);
  });

  it('counts grants per client', async () => {
    for (let i = 0; i < 10; i++) await consentCode(sandbox);
    const legacy = await consentCode(sandbox, { client: sandbox.clients.legacy });
    expect(await exchange(sandbox, legacy.code, {}, sandbox.url, sandbox.clients.legacy)).toHaveProperty(
      'access_token',
    );
  });
});
