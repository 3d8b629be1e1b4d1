import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../electron/services/sandbox';
import { apiGet, grantTokens, str, withSandbox, type Json } from '../support/sandbox-helpers';

/**
 * Zoho's token and revoke endpoints take their parameters from the query string, an urlencoded body
 * or a multipart body (the Node and TypeScript SDKs 8.0 send multipart, the Python SDK urlencoded,
 * Zoho's pages show the query string). Each form here goes over real HTTP; the multipart bodies are
 * built by fetch's own FormData encoder, as `form-data` builds the SDKs'.
 */
let sandbox: SandboxHandle;
beforeEach(async () => {
  sandbox = await withSandbox();
});
afterEach(async () => {
  await sandbox.close();
});

type Encoding = 'query' | 'urlencoded' | 'multipart';
const ENCODINGS: readonly Encoding[] = ['query', 'urlencoded', 'multipart'];

async function post(path: string, params: Record<string, string>, as: Encoding): Promise<Json> {
  const url = new URL(path, sandbox.url);
  let body: FormData | URLSearchParams | undefined;
  if (as === 'query') url.search = new URLSearchParams(params).toString();
  else if (as === 'urlencoded') body = new URLSearchParams(params);
  else {
    body = new FormData();
    for (const [key, value] of Object.entries(params)) body.append(key, value);
  }
  const res = await fetch(url, { method: 'POST', body });
  expect(res.status).toBe(200);
  return (await res.json()) as Json;
}

const refreshParams = (refreshToken: string) => ({
  grant_type: 'refresh_token',
  client_id: sandbox.demoClient.clientId,
  client_secret: sandbox.demoClient.clientSecret,
  refresh_token: refreshToken,
});

describe('the sandbox token endpoint reads every form Zoho reads', () => {
  for (const as of ENCODINGS) {
    it(`refreshes with the parameters in the ${as}`, async () => {
      const rt = str((await grantTokens(sandbox)).refresh_token);
      const answer = await post('/oauth/v2/token', refreshParams(rt), as);
      expect(answer).toMatchObject({ token_type: 'Bearer', expires_in: 3600, api_domain: sandbox.url });
      expect((await apiGet(sandbox.url, '/oauth/user/info', str(answer.access_token))).status).toBe(200);
    });

    it(`answers Zoho's errors alike for the ${as}`, async () => {
      const rt = str((await grantTokens(sandbox)).refresh_token);
      expect(await post('/oauth/v2/token', { ...refreshParams(rt), grant_type: 'password' }, as)).toEqual({
        error: 'unsupported_grant_type',
      });
      expect(await post('/oauth/v2/token', refreshParams(`${rt}x`), as)).toEqual({ error: 'invalid_code' });
    });

    it(`revokes with the token in the ${as}, as the SDKs call /oauth/v2/token/revoke`, async () => {
      const rt = str((await grantTokens(sandbox)).refresh_token);
      expect(await post('/oauth/v2/token/revoke', { token: rt }, as)).toEqual({ status: 'success' });
      expect(await post('/oauth/v2/token/revoke', { token: rt }, as)).toEqual({
        status: 'failure',
        error: 'invalid_token',
      });
      expect(await post('/oauth/v2/token', refreshParams(rt), 'urlencoded')).toEqual({
        error: 'invalid_code',
      });
    });
  }

  it('exchanges a grant code sent as multipart, as the SDKs send it', async () => {
    const res = await fetch(`${sandbox.url}/oauth/v2/auth`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({
        client_id: sandbox.demoClient.clientId,
        response_type: 'code',
        redirect_uri: sandbox.demoClient.redirectUri,
        scope: 'ZohoCRM.users.READ',
        access_type: 'offline',
        state: 's',
        user_zuid: sandbox.users[0]?.zuid ?? '',
        decision: 'accept',
      }),
    });
    const code = new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const answer = await post(
      '/oauth/v2/token',
      {
        grant_type: 'authorization_code',
        client_id: sandbox.demoClient.clientId,
        client_secret: sandbox.demoClient.clientSecret,
        redirect_uri: sandbox.demoClient.redirectUri,
        code,
      },
      'multipart',
    );
    expect(Object.keys(answer).sort()).toEqual([
      'access_token',
      'api_domain',
      'expires_in',
      'refresh_token',
      'scope',
      'token_type',
    ]);
  });
});

describe('a multipart body the sandbox cannot read', () => {
  const send = async (body: string, contentType: string) => {
    const res = await fetch(`${sandbox.url}/oauth/v2/token`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const part = (name: string, value: string, extra = '') =>
    `--b1\r\nContent-Disposition: form-data; name="${name}"${extra}\r\n\r\n${value}\r\n`;

  it('is refused with HTTP 400 and says what is wrong, never read as no parameters', async () => {
    const cases: [string, string, RegExp][] = [
      [part('grant_type', 'refresh_token'), 'multipart/form-data; boundary=b1', /malformed/],
      [`${part('grant_type', 'refresh_token')}--b1--\r\n`, 'multipart/form-data', /no boundary/],
      [
        `${part('grant_type', 'refresh_token', '; filename="a.txt"')}--b1--\r\n`,
        'multipart/form-data; boundary=b1',
        /"grant_type" is a file/,
      ],
      ['plain words', 'multipart/form-data; boundary=b1', /malformed/],
    ];
    for (const [body, type, reason] of cases) {
      const answer = await send(body, type);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toBe('invalid_request');
      expect(String(answer.body.error_description)).toMatch(reason);
    }
  });

  it('is refused above the 64 KiB cap before any parsing (413)', async () => {
    const big = `${part('grant_type', 'x'.repeat(70 * 1024))}--b1--\r\n`;
    const res = await fetch(`${sandbox.url}/oauth/v2/token`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=b1' },
      body: big,
    });
    expect(res.status).toBe(413);
  });
});
