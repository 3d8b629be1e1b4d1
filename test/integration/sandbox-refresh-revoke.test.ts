import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../electron/services/sandbox';
import { apiGet, grantTokens, refresh, str, withSandbox } from '../support/sandbox-helpers';

let sandbox: SandboxHandle;
beforeEach(async () => {
  sandbox = await withSandbox();
});
afterEach(async () => {
  await sandbox.close();
});

const revokeLegacy = async (token: string): Promise<unknown> =>
  (
    await fetch(`${sandbox.url}/oauth/v2/token/revoke?token=${encodeURIComponent(token)}`, { method: 'POST' })
  ).json();

const revokeBasic = async (
  token: string,
  id: string,
  secret: string,
): Promise<{ status: number; body: unknown }> => {
  const res = await fetch(`${sandbox.url}/oauth/v2/revoke/token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` },
    body: new URLSearchParams({ token, token_type: 'refresh_token' }),
  });
  return { status: res.status, body: await res.json() };
};

describe('sandbox refresh', () => {
  it('mints a new working access token from a refresh token and keeps the refresh token (no rotation)', async () => {
    const first = await grantTokens(sandbox);
    const rt = str(first.refresh_token);
    const next = await refresh(sandbox, rt);
    expect(next).toMatchObject({ api_domain: sandbox.url, token_type: 'Bearer', expires_in: 3600 });
    expect(next).not.toHaveProperty('refresh_token');
    expect(next.access_token).not.toBe(first.access_token);
    expect((await apiGet(sandbox.url, '/oauth/user/info', str(next.access_token))).status).toBe(200);
    expect(await refresh(sandbox, rt)).toHaveProperty('access_token');
  });

  it('answers invalid_code for an unknown refresh token and invalid_client_secret for a wrong secret', async () => {
    const rt = str((await grantTokens(sandbox)).refresh_token);
    expect(await refresh(sandbox, `${rt}x`)).toEqual({ error: 'invalid_code' });
    const wrong = { ...sandbox.demoClient, clientSecret: 'f'.repeat(42) };
    expect(await refresh(sandbox, rt, sandbox.url, wrong)).toEqual({ error: 'invalid_client_secret' });
  });
});

describe('sandbox revoke', () => {
  it('revokes a refresh token through /oauth/v2/token/revoke and kills its access tokens', async () => {
    const tokens = await grantTokens(sandbox);
    const rt = str(tokens.refresh_token);
    const second = str((await refresh(sandbox, rt)).access_token);
    expect(await revokeLegacy(rt)).toEqual({ status: 'success' });
    for (const at of [str(tokens.access_token), second]) {
      expect(await apiGet(sandbox.url, '/oauth/user/info', at)).toEqual({
        status: 401,
        body: { code: 'INVALID_TOKEN', message: 'invalid oauth token', status: 'error' },
      });
    }
    expect(await refresh(sandbox, rt)).toEqual({ error: 'invalid_code' });
  });

  it('answers failure with HTTP 200 for an unknown or already revoked token', async () => {
    const rt = str((await grantTokens(sandbox)).refresh_token);
    await revokeLegacy(rt);
    expect(await revokeLegacy(rt)).toEqual({ status: 'failure', error: 'invalid_token' });
  });

  it('revokes through /oauth/v2/revoke/token with HTTP Basic client authentication', async () => {
    const tokens = await grantTokens(sandbox);
    const { clientId, clientSecret } = sandbox.demoClient;
    expect(await revokeBasic(str(tokens.refresh_token), clientId, clientSecret)).toEqual({
      status: 200,
      body: { status: 'success' },
    });
    expect((await apiGet(sandbox.url, '/oauth/user/info', str(tokens.access_token))).status).toBe(401);
  });

  it('refuses /oauth/v2/revoke/token with wrong client credentials and keeps the token', async () => {
    const tokens = await grantTokens(sandbox);
    const { clientId } = sandbox.demoClient;
    expect(await revokeBasic(str(tokens.refresh_token), clientId, 'a'.repeat(42))).toEqual({
      status: 200,
      body: { error: 'invalid_client' },
    });
    const noAuth = await fetch(`${sandbox.url}/oauth/v2/revoke/token`, {
      method: 'POST',
      body: new URLSearchParams({ token: str(tokens.refresh_token) }),
    });
    expect(await noAuth.json()).toEqual({ error: 'invalid_client' });
    expect((await apiGet(sandbox.url, '/oauth/user/info', str(tokens.access_token))).status).toBe(200);
  });

  it("does not let one client revoke another client's token through the Basic-auth endpoint", async () => {
    const tokens = await grantTokens(sandbox);
    const other = sandbox.clients.legacy;
    expect((await revokeBasic(str(tokens.refresh_token), other.clientId, other.clientSecret)).body).toEqual({
      status: 'failure',
      error: 'invalid_token',
    });
  });
});
