import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DataCenter } from '../../shared/dc/catalog';
import { createAccountsClient, type AccountsResult } from '../../electron/services/accounts';
import { startSandbox, type SandboxHandle } from '../../electron/services/sandbox';
import { selfClientCode } from '../support/sandbox-helpers';

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}
type Handler = (req: Received, res: ServerResponse) => void;

/** A tiny accounts server on 127.0.0.1 that records what it got and answers as the test says. */
async function startFake(): Promise<{
  url: string;
  received: Received[];
  handle: { fn: Handler };
  close(): Promise<void>;
}> {
  const received: Received[] = [];
  const handle = { fn: ((_req, res) => res.end()) as Handler };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const got = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      received.push(got);
      handle.fn(got, res);
    });
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, received, handle, close: () => close(server) };
}

const listen = (server: Server): Promise<number> =>
  new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      resolve((server.address() as AddressInfo).port);
    }),
  );
const close = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.close(() => {
      resolve();
    });
    server.closeAllConnections();
  });
const json = (res: ServerResponse, body: unknown, status = 200) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
const form = (body: string) => Object.fromEntries(new URLSearchParams(body));

const SECRET = 'cl13nt-s3cret"&/with+odd chars';
const CODE = '1000.5260d5c05f10635fb7a7c5a5e46403cb.e977fc3a2e106027e9da4780317ed393';
const ACCESS = '1000.bcbfecc3d53645222852101002bcae81.71343fb5e950a1fddf21199f5549780a';
const REFRESH = '1000.609133a3dd8815d504f5ffe31d49bdd7.c9bab969111e036c5f861b599ed08cbd';
const client = { clientId: '1000.BV7DAZDM16SAY9QUVZRJVIDMY1I6K1', clientSecret: SECRET };
const REDIRECT = 'http://127.0.0.1:53682/callback';

let fake: Awaited<ReturnType<typeof startFake>>;
let dc: DataCenter;
const accounts = createAccountsClient({ timeoutMs: 2_000 });

beforeAll(async () => {
  fake = await startFake();
  dc = {
    id: 'fake',
    name: 'Fake DC',
    accountsUrl: fake.url,
    apiDomain: fake.url,
    developerApiDomain: null,
    sandboxApiDomain: null,
    kind: 'custom',
  };
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.received.length = 0;
});

function expectNoSecret(result: AccountsResult<unknown>, ...secrets: string[]) {
  const visible = JSON.stringify(result.ok ? result.trace : result);
  for (const secret of secrets) expect(visible).not.toContain(secret);
}

describe('exchanging a code over HTTP', () => {
  it('sends a form body with no secret in the URL and returns the tokens', async () => {
    fake.handle.fn = (_req, res) =>
      json(res, {
        access_token: ACCESS,
        refresh_token: REFRESH,
        api_domain: fake.url,
        token_type: 'Bearer',
        expires_in: 3600,
      });
    const result = await accounts.exchangeCode(dc, client, CODE, REDIRECT, 'VERIFIER-123');
    expect(result).toMatchObject({
      ok: true,
      value: { accessToken: ACCESS, refreshToken: REFRESH, expiresInMs: 3_600_000 },
    });
    const [got] = fake.received;
    expect(got?.method).toBe('POST');
    expect(got?.url).toBe('/oauth/v2/token');
    expect(got?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(form(got?.body ?? '')).toEqual({
      grant_type: 'authorization_code',
      client_id: client.clientId,
      client_secret: SECRET,
      code: CODE,
      redirect_uri: REDIRECT,
      code_verifier: 'VERIFIER-123',
    });
  });

  it('keeps the status and a redacted body for the inspector, tokens as fingerprints', async () => {
    fake.handle.fn = (_req, res) =>
      json(res, { access_token: ACCESS, refresh_token: REFRESH, expires_in: 3600 });
    const result = await accounts.exchangeCode(dc, client, CODE, null, null);
    expect(result.trace).toMatchObject({ method: 'POST', status: 200, network: null });
    expect(result.trace.body).toContain('"access_token":"[redacted …780a]"');
    expectNoSecret(result, ACCESS, REFRESH, CODE);
  });

  it.each([
    ['invalid_code', 'invalid_code'],
    ['invalid_client', 'invalid_client'],
    ['invalid_client_secret', 'invalid_client_secret'],
    ['Access Denied', 'access_denied_limit'],
  ])('classifies Zoho\'s HTTP 200 error "%s" as %s', async (wire, code) => {
    fake.handle.fn = (_req, res) =>
      json(res, {
        error: wire,
        error_description: 'You have made too many requests continuously.',
        status: 'failure',
      });
    const result = await accounts.exchangeCode(dc, client, CODE, REDIRECT, null);
    expect(result).toMatchObject({ ok: false, code, zohoError: wire, trace: { status: 200 } });
  });

  it('never returns a secret the server echoes back, in any spelling', async () => {
    fake.handle.fn = (req, res) =>
      json(res, {
        error: 'invalid_client_secret',
        error_description: `bad secret ${SECRET}; request was ${req.body}`,
      });
    const result = await accounts.exchangeCode(dc, client, CODE, REDIRECT, 'VERIFIER-123');
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.zoho?.description).toContain('[redacted');
    expectNoSecret(
      result,
      SECRET,
      encodeURIComponent(SECRET),
      JSON.stringify(SECRET).slice(1, -1),
      CODE,
      'VERIFIER-123',
    );
  });

  it('answers a non-JSON error page with its HTTP status', async () => {
    fake.handle.fn = (_req, res) =>
      res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>');
    const result = await accounts.refresh(dc, client, REFRESH);
    expect(result).toMatchObject({
      ok: false,
      code: 'http_error',
      trace: { status: 502, body: '<h1>Bad gateway</h1>' },
    });
  });
});

describe('refusing redirects on token calls', () => {
  it('does not follow a 307, so the secret is never re-posted elsewhere', async () => {
    const elsewhere = await startFake();
    try {
      fake.handle.fn = (_req, res) => res.writeHead(307, { location: `${elsewhere.url}/steal` }).end();
      const result = await accounts.refresh(dc, client, REFRESH);
      expect(result).toMatchObject({ ok: false, code: 'redirect_refused', trace: { status: 307 } });
      expect(result.ok ? '' : result.message).toContain(new URL(elsewhere.url).host);
      expect(elsewhere.received).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });
});

describe('when no answer comes', () => {
  it('a hanging server is a timeout, returned as data', async () => {
    fake.handle.fn = () => undefined;
    const quick = createAccountsClient({ timeoutMs: 200 });
    const result = await quick.refresh(dc, client, REFRESH);
    expect(result).toMatchObject({
      ok: false,
      code: 'timeout',
      trace: { status: null, network: { cause: 'timeout' } },
    });
    expect(result.ok ? '' : result.message).toBe(
      "The accounts server did not answer within 0.2 s. Check your connection or the DC's accounts URL, then try again.",
    );
  });

  it('a body that stalls halfway is a timeout too', async () => {
    fake.handle.fn = (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).write('{"access_');
    const result = await createAccountsClient({ timeoutMs: 200 }).exchangeCode(dc, client, CODE, null, null);
    expect(result).toMatchObject({ ok: false, code: 'timeout' });
  });

  it('a refused connection is a network error naming the host', async () => {
    const gone = await startFake();
    await gone.close();
    const host = new URL(gone.url).host;
    const closedDc: DataCenter = { ...dc, accountsUrl: gone.url };
    const result = await accounts.exchangeCode(closedDc, client, CODE, REDIRECT, null);
    expect(result).toMatchObject({
      ok: false,
      code: 'network_error',
      trace: { network: { cause: 'refused' } },
    });
    expect(result.ok ? '' : result.message).toMatch(new RegExp(`^${host} refused the connection`));
    expectNoSecret(result, SECRET, CODE);
  });

  it.each([
    ['ENOTFOUND', /could not be found \(DNS lookup failed\)/],
    [
      'CERT_HAS_EXPIRED',
      /secure connection \(TLS\) to accounts\.zoho\.eu failed: its certificate has expired/,
    ],
    ['ECONNRESET', /closed the connection before answering/],
  ])('says in plain words what %s means', async (code, words) => {
    const cause = Object.assign(new Error(`failed with ${SECRET}`), { code });
    const failing = createAccountsClient({
      fetch: () => Promise.reject(new TypeError('fetch failed', { cause })),
    });
    const eu: DataCenter = { ...dc, accountsUrl: 'https://accounts.zoho.eu' };
    const result = await failing.refresh(eu, client, REFRESH);
    expect(result).toMatchObject({
      ok: false,
      code: 'network_error',
      trace: { network: { systemCode: code } },
    });
    expect(result.ok ? '' : result.message).toMatch(words);
    expectNoSecret(result, SECRET, REFRESH);
  });
});

describe('revoking and checking tokens', () => {
  it('revokes the SDK way and the Basic-auth way, secrets only in body and header', async () => {
    fake.handle.fn = (_req, res) => json(res, { status: 'success' });
    expect(await accounts.revoke(dc, client, REFRESH, 'sdk')).toMatchObject({ ok: true });
    expect(await accounts.revoke(dc, client, REFRESH, 'basic')).toMatchObject({ ok: true });
    const [sdk, basic] = fake.received;
    expect(sdk).toMatchObject({ url: '/oauth/v2/token/revoke', body: `token=${REFRESH}` });
    expect(basic?.url).toBe('/oauth/v2/revoke/token');
    expect(basic?.headers.authorization).toMatch(/^Basic /);
  });

  it('scrubs the Basic credentials a server echoes from a failed revoke', async () => {
    fake.handle.fn = (req, res) =>
      json(res, { error: `unknown_client ${req.headers.authorization ?? ''}` }, 400);
    const result = await accounts.revoke(dc, client, REFRESH, 'basic');
    expect(result.ok).toBe(false);
    const basic = fake.received[0]?.headers.authorization?.slice('Basic '.length) ?? 'missing';
    expectNoSecret(result, basic, SECRET, REFRESH);
  });

  it('user info sends the token in the Authorization header and classifies 401 INVALID_TOKEN', async () => {
    fake.handle.fn = (_req, res) =>
      json(res, { code: 'INVALID_TOKEN', message: 'invalid oauth token', status: 'error' }, 401);
    const result = await accounts.userInfo(dc, ACCESS);
    expect(result).toMatchObject({
      ok: false,
      code: 'invalid_token',
      zohoError: 'INVALID_TOKEN',
      trace: { status: 401 },
    });
    expect(fake.received[0]).toMatchObject({ method: 'GET', url: '/oauth/user/info' });
    expect(fake.received[0]?.headers.authorization).toBe(`Zoho-oauthtoken ${ACCESS}`);
  });

  it('reads the CRM current user from the API domain', async () => {
    fake.handle.fn = (_req, res) =>
      json(res, { users: [{ zuid: '60012345', email: 'ada@example.com', full_name: 'Ada' }] });
    const result = await accounts.crmCurrentUser(fake.url, ACCESS);
    expect(result).toMatchObject({
      ok: true,
      value: { zuid: '60012345', email: 'ada@example.com', displayName: 'Ada' },
    });
    expect(fake.received[0]?.url).toBe('/crm/v8/users?type=CurrentUser');
  });
});

describe('against the sandbox DC', () => {
  let sandbox: SandboxHandle;
  let sandboxDc: DataCenter;
  let self: { clientId: string; clientSecret: string };

  beforeAll(async () => {
    sandbox = await startSandbox();
    sandboxDc = sandbox.dcs[0] ?? expect.unreachable('sandbox has no DC');
    self = { clientId: sandbox.clients.self.clientId, clientSecret: sandbox.clients.self.clientSecret };
  });
  afterAll(() => sandbox.close());

  it('exchanges a self-client code, checks who it is, refreshes, revokes', async () => {
    const { code } = await selfClientCode(sandbox);
    const tokens = await accounts.exchangeCode(sandboxDc, self, code, null, null);
    if (!tokens.ok) expect.unreachable(tokens.message);
    const { accessToken, refreshToken, apiDomain } = tokens.value;
    expect(refreshToken).not.toBeNull();
    expect(await accounts.userInfo(sandboxDc, accessToken)).toMatchObject({
      ok: true,
      value: { zuid: '60012345' },
    });
    expect(await accounts.crmCurrentUser(apiDomain ?? '', accessToken)).toMatchObject({ ok: true });
    expect(await accounts.exchangeCode(sandboxDc, self, code, null, null)).toMatchObject({
      code: 'invalid_code',
    });
    expect(await accounts.refresh(sandboxDc, self, refreshToken ?? '')).toMatchObject({
      ok: true,
      value: { refreshToken: null },
    });
    expect(await accounts.revoke(sandboxDc, self, refreshToken ?? '', 'basic')).toMatchObject({ ok: true });
    expect(await accounts.refresh(sandboxDc, self, refreshToken ?? '')).toMatchObject({
      ok: false,
      code: 'invalid_code',
    });
  });

  it('a wrong client secret is invalid_client_secret, and the secret is nowhere in the result', async () => {
    const wrong = { ...self, clientSecret: 'definitely-not-the-secret-0123' };
    const result = await accounts.exchangeCode(
      sandboxDc,
      wrong,
      (await selfClientCode(sandbox)).code,
      null,
      null,
    );
    expect(result).toMatchObject({ ok: false, code: 'invalid_client_secret' });
    expectNoSecret(result, wrong.clientSecret, self.clientSecret);
  });
});
