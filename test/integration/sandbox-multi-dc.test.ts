import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../electron/services/sandbox';
import {
  apiGet,
  consentCode,
  dcUrl,
  EMIL,
  exchange,
  grantTokens,
  refresh,
  str,
  withSandbox,
} from '../support/sandbox-helpers';

let sandbox: SandboxHandle;
let us: string;
let eu: string;
beforeEach(async () => {
  sandbox = await withSandbox();
  us = dcUrl(sandbox, 'sandbox-us');
  eu = dcUrl(sandbox, 'sandbox-eu');
});
afterEach(async () => {
  await sandbox.close();
});

describe('sandbox multi-DC', () => {
  it('runs each DC on its own 127.0.0.1 origin', () => {
    expect(new URL(us).hostname).toBe('127.0.0.1');
    expect(new URL(eu).hostname).toBe('127.0.0.1');
    expect(new URL(us).port).not.toBe(new URL(eu).port);
  });

  it('redirects an EU user of the US multi-DC client with the EU location and accounts server', async () => {
    const cb = await consentCode(sandbox, { user: EMIL });
    expect(cb.location).toBe('sandbox-eu');
    expect(cb.accountsServer).toBe(eu);
    expect(cb.url.search).toContain(`accounts-server=${encodeURIComponent(eu)}`);
  });

  it("takes the EU user's code only at the EU token endpoint", async () => {
    const cb = await consentCode(sandbox, { user: EMIL });
    expect(await exchange(sandbox, cb.code, {}, us)).toEqual({ error: 'invalid_client' });
    const tokens = await exchange(sandbox, cb.code, {}, eu);
    expect(tokens).toMatchObject({ api_domain: eu, token_type: 'Bearer' });
    const at = str(tokens.access_token);
    expect(await apiGet(eu, '/oauth/user/info', at)).toMatchObject({
      status: 200,
      body: { First_Name: 'Emil', ZUID: Number(EMIL) },
    });
    expect((await apiGet(us, '/oauth/user/info', at)).status).toBe(401);
  });

  it('refreshes an EU token only at the EU DC', async () => {
    const cb = await consentCode(sandbox, { user: EMIL });
    const rt = str((await exchange(sandbox, cb.code, {}, eu)).refresh_token);
    expect(await refresh(sandbox, rt, us)).toEqual({ error: 'invalid_code' });
    expect(await refresh(sandbox, rt, eu)).toMatchObject({ api_domain: eu });
  });

  it("serves the multi-DC client's consent page at the EU DC too", async () => {
    const tokens = await grantTokens(sandbox, { at: eu, user: EMIL });
    expect(tokens).toHaveProperty('access_token');
  });

  it('fails the EU user of a client without multi-DC with invalid_client at both DCs', async () => {
    const client = sandbox.clients.singleDc;
    const cb = await consentCode(sandbox, { client, user: EMIL });
    expect(cb.location).toBe('sandbox-eu');
    expect(await exchange(sandbox, cb.code, {}, eu, client)).toEqual({ error: 'invalid_client' });
    expect(await exchange(sandbox, cb.code, {}, us, client)).toEqual({ error: 'invalid_client' });
  });

  it('lets a client without multi-DC serve users of its own DC', async () => {
    const client = sandbox.clients.singleDc;
    expect(await grantTokens(sandbox, { client })).toHaveProperty('refresh_token');
  });

  it("does not know a client without multi-DC at another DC's consent page", async () => {
    const client = sandbox.clients.singleDc;
    const q = new URLSearchParams({
      client_id: client.clientId,
      response_type: 'code',
      redirect_uri: str(client.redirectUri),
      scope: 'AaaServer.profile.Read',
    });
    const res = await fetch(`${eu}/oauth/v2/auth?${q.toString()}`, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('invalid_client');
  });
});
