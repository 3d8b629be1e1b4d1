import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../electron/services/sandbox';
import { apiGet, consentCode, postConsent, withSandbox } from '../support/sandbox-helpers';

let sandbox: SandboxHandle;
let port: number;
beforeEach(async () => {
  sandbox = await withSandbox();
  port = Number(new URL(sandbox.url).port);
});
afterEach(async () => {
  await sandbox.close();
});

/** A raw request, because fetch does not let a test choose the Host header. */
function rawGet(path: string, headers: Record<string, string>, setHost = true): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, setHost }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

function authUrl(overrides: Record<string, string> = {}): string {
  const q = new URLSearchParams({
    client_id: sandbox.demoClient.clientId,
    response_type: 'code',
    redirect_uri: sandbox.demoClient.redirectUri,
    scope: 'AaaServer.profile.Read',
    access_type: 'offline',
    state: 's1',
    ...overrides,
  });
  return `${sandbox.url}/oauth/v2/auth?${q.toString()}`;
}

describe('sandbox hardening', () => {
  it('serves only Host 127.0.0.1:PORT or localhost:PORT (DNS-rebinding defence)', async () => {
    expect(await rawGet('/oauth/serverinfo', { Host: `127.0.0.1:${port}` })).toBe(200);
    expect(await rawGet('/oauth/serverinfo', { Host: `localhost:${port}` })).toBe(200);
    expect(await rawGet('/oauth/serverinfo', { Host: `evil.example:${port}` })).toBe(421);
    expect(await rawGet('/oauth/serverinfo', { Host: `127.0.0.1:${port + 1}` })).toBe(421);
    expect(await rawGet('/oauth/serverinfo', {}, false)).toBe(400);
  });

  it('refuses a consent POST from another origin', async () => {
    const form = new URLSearchParams({ client_id: sandbox.demoClient.clientId, decision: 'accept' });
    const res = await fetch(`${sandbox.url}/oauth/v2/auth`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
      headers: { Origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('location')).toBeNull();
  });

  it('caps the body size', async () => {
    const res = await fetch(`${sandbox.url}/oauth/v2/token`, {
      method: 'POST',
      body: 'a='.padEnd(70_000, 'x'),
    });
    expect(res.status).toBe(413);
  });

  it('marks every kind of response Cache-Control: no-store', async () => {
    const responses = [
      await fetch(`${sandbox.url}/oauth/serverinfo`),
      await fetch(authUrl()),
      await postConsent(sandbox),
      await fetch(`${sandbox.url}/nowhere`),
    ];
    for (const res of responses) expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('sends the consent page with a strict CSP that allows posting to itself and the redirect origin', async () => {
    const res = await fetch(authUrl());
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`form-action 'self' ${new URL(sandbox.demoClient.redirectUri).origin}`);
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await res.text();
    expect(html).toMatch(/<button[^>]*>Accept<\/button>/);
    expect(html).toMatch(/<button[^>]*>Deny<\/button>/);
    expect(html).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1)/);
  });

  it('escapes everything it echoes on the consent page', async () => {
    const html = await (await fetch(authUrl({ state: '"><script>alert(1)</script>' }))).text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&quot;&gt;&lt;script&gt;');
  });

  it('shows an error page and never redirects for an unknown client or an unregistered redirect URI', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ client_id: '1000.UNKNOWNUNKNOWNUNKNOWNUNKNOWNUN' }, 'invalid_client'],
      [{ redirect_uri: `${sandbox.demoClient.redirectUri}/` }, 'invalid_redirect_uri'],
      [{ redirect_uri: 'https://evil.example/callback' }, 'invalid_redirect_uri'],
      [{ response_type: 'token' }, 'invalid_response_type'],
      [{ scope: 'not a scope' }, 'invalid_scope'],
      [{ scope: '' }, 'invalid_scope'],
    ];
    for (const [override, code] of cases) {
      const res = await fetch(authUrl(override), { redirect: 'manual' });
      expect(res.status, code).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toContain(code);
    }
  });

  it('redirects a Deny with error=access_denied and the state', async () => {
    const res = await postConsent(sandbox, { decision: 'deny', state: 'keep-me' });
    const to = new URL(res.headers.get('location') ?? '');
    expect(Object.fromEntries(to.searchParams)).toEqual({ error: 'access_denied', state: 'keep-me' });
  });

  it('takes control POSTs only as application/json', async () => {
    const res = await fetch(`${sandbox.url}/sandbox/reset`, {
      method: 'POST',
      body: new URLSearchParams({ a: '1' }),
    });
    expect(res.status).toBe(415);
  });

  it('forgets all tokens on reset but keeps the clients', async () => {
    const cb = await consentCode(sandbox);
    const res = await fetch(`${sandbox.url}/sandbox/reset`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(await res.json()).toEqual({ status: 'success' });
    const info = await apiGet(sandbox.url, '/sandbox/info');
    expect(JSON.stringify(info.body)).toContain(sandbox.demoClient.clientId);
    const exchanged = await fetch(`${sandbox.url}/oauth/v2/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: sandbox.demoClient.clientId,
        client_secret: sandbox.demoClient.clientSecret,
        redirect_uri: sandbox.demoClient.redirectUri,
        code: cb.code,
      }),
    });
    expect(await exchanged.json()).toEqual({ error: 'invalid_code' });
  });
});
