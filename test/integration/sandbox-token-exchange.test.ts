import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_ID_PATTERN, TOKEN_PATTERN, type SandboxHandle } from '../../electron/services/sandbox';
import {
  consentCode,
  exchange,
  grantTokens,
  PROFILE_SCOPES,
  str,
  tokenCall,
  withSandbox,
} from '../support/sandbox-helpers';

let sandbox: SandboxHandle;
beforeEach(async () => {
  sandbox = await withSandbox();
});
afterEach(async () => {
  await sandbox.close();
});

describe('sandbox code exchange', () => {
  it('hands out Zoho-shaped client credentials, fresh per start', async () => {
    expect(sandbox.demoClient.clientId).toMatch(CLIENT_ID_PATTERN);
    expect(sandbox.demoClient.clientSecret).toMatch(/^[0-9a-f]{42}$/);
    const other = await withSandbox();
    expect(other.demoClient.clientId).not.toBe(sandbox.demoClient.clientId);
    await other.close();
  });

  it('redirects an accepted consent with code, location, accounts-server and state', async () => {
    const cb = await consentCode(sandbox, { state: 'xyz' });
    expect(cb.code).toMatch(TOKEN_PATTERN);
    expect(cb.location).toBe('sandbox-us');
    expect(cb.accountsServer).toBe(sandbox.url);
    expect(cb.url.search).toContain(`accounts-server=${encodeURIComponent(sandbox.url)}`);
    expect(cb.state).toBe('xyz');
    expect(`${cb.url.origin}${cb.url.pathname}`).toBe(sandbox.demoClient.redirectUri);
  });

  it('exchanges a code for access and refresh tokens with the DC api_domain', async () => {
    const cb = await consentCode(sandbox);
    const body = await exchange(sandbox, cb.code);
    expect(str(body.access_token)).toMatch(TOKEN_PATTERN);
    expect(str(body.refresh_token)).toMatch(TOKEN_PATTERN);
    expect(body).toEqual({
      access_token: body.access_token,
      refresh_token: body.refresh_token,
      scope: PROFILE_SCOPES,
      api_domain: sandbox.url,
      token_type: 'Bearer',
      expires_in: 3600,
    });
  });

  it('accepts the parameters in the query string as Zoho does', async () => {
    const cb = await consentCode(sandbox);
    const q = new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: sandbox.demoClient.clientId,
      client_secret: sandbox.demoClient.clientSecret,
      redirect_uri: sandbox.demoClient.redirectUri,
      code: cb.code,
    });
    const res = await fetch(`${sandbox.url}/oauth/v2/token?${q.toString()}`, { method: 'POST' });
    expect(await res.json()).toHaveProperty('access_token');
  });

  it('lets a code be used once only', async () => {
    const cb = await consentCode(sandbox);
    expect(await exchange(sandbox, cb.code)).toHaveProperty('access_token');
    const again = await tokenCall(sandbox.url, {
      grant_type: 'authorization_code',
      client_id: sandbox.demoClient.clientId,
      client_secret: sandbox.demoClient.clientSecret,
      redirect_uri: sandbox.demoClient.redirectUri,
      code: cb.code,
    });
    expect(again).toEqual({ status: 200, body: { error: 'invalid_code' } });
  });

  it('expires a code after 2 minutes', async () => {
    const fresh = await consentCode(sandbox);
    const stale = await consentCode(sandbox);
    sandbox.clock.advance(119_000);
    expect(await exchange(sandbox, fresh.code)).toHaveProperty('access_token');
    sandbox.clock.advance(1_000);
    expect(await exchange(sandbox, stale.code)).toEqual({ error: 'invalid_code' });
  });

  it('answers each client error with HTTP 200 and its Zoho error code', async () => {
    const cb = await consentCode(sandbox);
    const base = {
      grant_type: 'authorization_code',
      client_id: sandbox.demoClient.clientId,
      client_secret: sandbox.demoClient.clientSecret,
      redirect_uri: sandbox.demoClient.redirectUri,
      code: cb.code,
    };
    const cases: [Record<string, string>, string][] = [
      [{ client_id: '1000.NOTAREALCLIENTIDNOTAREALCLIEN' }, 'invalid_client'],
      [{ client_secret: '0'.repeat(42) }, 'invalid_client_secret'],
      [{ redirect_uri: `${sandbox.demoClient.redirectUri}/` }, 'invalid_redirect_uri'],
      [{ code: '1000.0123456789abcdef0123456789abcdef.0123456789abcdef0123456789abcdef' }, 'invalid_code'],
    ];
    for (const [override, error] of cases) {
      expect(await tokenCall(sandbox.url, { ...base, ...override })).toEqual({
        status: 200,
        body: { error },
      });
    }
    expect(await exchange(sandbox, cb.code)).toHaveProperty('access_token');
  });

  it('gives a refresh token only on the first consent unless prompt=consent is sent', async () => {
    expect(await grantTokens(sandbox)).toHaveProperty('refresh_token');
    const second = await grantTokens(sandbox);
    expect(second).toHaveProperty('access_token');
    expect(second).not.toHaveProperty('refresh_token');
    expect(await grantTokens(sandbox, { prompt: 'consent' })).toHaveProperty('refresh_token');
  });

  it('gives no refresh token for access_type=online', async () => {
    const body = await grantTokens(sandbox, { accessType: 'online' });
    expect(body).toHaveProperty('access_token');
    expect(body).not.toHaveProperty('refresh_token');
  });

  it('checks a PKCE S256 verifier when the authorization request carried a challenge', async () => {
    const verifier = 'v'.repeat(43) + 'erifier-for-the-sandbox';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const extra = { code_challenge: challenge, code_challenge_method: 'S256' };
    const bad = await consentCode(sandbox, { extra });
    expect(await exchange(sandbox, bad.code, { code_verifier: 'x'.repeat(43) })).toEqual({
      error: 'invalid_code',
    });
    const good = await consentCode(sandbox, { extra });
    expect(await exchange(sandbox, good.code, { code_verifier: verifier })).toHaveProperty('access_token');
  });

  it('answers the legacy format (expires_in in ms plus expires_in_sec) for a legacy client', async () => {
    const client = sandbox.clients.legacy;
    const body = await grantTokens(sandbox, { client });
    expect(body.expires_in).toBe(3_600_000);
    expect(body.expires_in_sec).toBe(3600);
  });

  it('exchanges a self-client code minted through the control API without a redirect URI', async () => {
    const self = sandbox.clients.self;
    const res = await fetch(`${sandbox.url}/sandbox/self-client/code`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ clientId: self.clientId, scope: 'ZohoCRM.users.READ', validMinutes: 3 }),
    });
    const minted = (await res.json()) as Record<string, unknown>;
    expect(minted.expiresAt).toBe(sandbox.clock.now() + 3 * 60_000);
    const { body } = await tokenCall(sandbox.url, {
      grant_type: 'authorization_code',
      client_id: self.clientId,
      client_secret: self.clientSecret,
      code: str(minted.code),
    });
    expect(body).toHaveProperty('refresh_token');
  });

  it('rejects an unknown grant_type', async () => {
    expect(await tokenCall(sandbox.url, { grant_type: 'password' })).toEqual({
      status: 200,
      body: { error: 'unsupported_grant_type' },
    });
  });
});
