import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArgsOf } from '../../shared/ipc/contract';
import type { IpcResult } from '../../shared/ipc/define';
import type { SandboxHandle } from '../../electron/services/sandbox';
import { saveEnvironment } from '../../electron/services/workbench/environments';
import { createHandlers, dispatch, type Handlers } from '../../electron/services/workbench/handlers';
import { sendRequest, type RunnerAnswer } from '../../electron/services/workbench/runner';
import { readSecret } from '../../electron/services/workbench/secrets';
import { ADA, selfClientCode, withSandbox } from '../support/sandbox-helpers';
import { addSandboxClient, workbenchFixture, type Fixture } from '../support/workbench-fixture';
import { freeRedirectUri } from '../support/ports';

let sandbox: SandboxHandle;
let fixture: Fixture;
let handlers: Handlers;
let environmentId: string;
let accessToken: string;

const CURRENT_USER = '{{api-domain}}/crm/v8/users?type=CurrentUser';
const AUTH = { key: 'Authorization', value: 'Zoho-oauthtoken {{access-token}}', enabled: true };

/** Signs Ada in through a self-client code, into an environment, as the UI's first steps would. */
beforeEach(async () => {
  sandbox = await withSandbox({ redirectUri: await freeRedirectUri() });
  fixture = workbenchFixture(sandbox, () => Promise.resolve(undefined));
  handlers = createHandlers(fixture.ctx, { writeText: () => undefined });
  const client = await addSandboxClient(fixture.ctx, sandbox, 'self');
  const env = await saveEnvironment(fixture.ctx, {
    name: 'Runner',
    clientRef: client.id,
    dcId: 'sandbox-us',
    autoRefresh: false,
  });
  if (!env.ok) throw new Error(env.message);
  environmentId = env.value.id;
  const { code } = await selfClientCode(sandbox, { userZuid: ADA });
  const exchanged = await handlers['tokens:exchange-code']({
    clientRef: client.id,
    code,
    environmentId,
    force: false,
  });
  if (!exchanged.ok) throw new Error(exchanged.message);
  const secret = await readSecret(fixture.ctx, { kind: 'env-variable', environmentId, key: 'access-token' });
  if (!secret.ok) throw new Error(secret.message);
  accessToken = secret.value;
});

afterEach(async () => {
  await fixture.close();
  await sandbox.close();
});

/** Through the contract, as the page calls it: the arguments are parsed first. */
const send = (args: ArgsOf<'requests:send'>) =>
  dispatch(handlers, 'requests:send', args) as Promise<IpcResult<RunnerAnswer>>;

function value(result: IpcResult<RunnerAnswer>): RunnerAnswer {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.value;
}

/** A server of the test's own, for what the sandbox does not do: echo, redirect, stall, flood. */
async function localServer(
  handle: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; server: Server; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, hits };
}

const closeServer = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => {
      resolve();
    });
  });

describe('requests:send', () => {
  it('calls CRM CurrentUser with {{access-token}} from the keychain and answers the JSON', async () => {
    const answer = value(await send({ method: 'GET', url: CURRENT_USER, headers: [AUTH], environmentId }));
    expect(answer.status).toBe(200);
    expect(answer.resolvedUrl).toBe(`${sandbox.url}/crm/v8/users?type=CurrentUser`);
    const body = JSON.parse(answer.body) as { users: { email: string; zuid: string }[] };
    expect(body.users[0]).toMatchObject({ zuid: ADA, email: 'ada.lovelace@sandbox-us.example' });
    expect(answer.headers.some(([k, v]) => k === 'content-type' && v.includes('json'))).toBe(true);
    expect(answer.durationMs).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(answer)).not.toContain(accessToken);
  });

  it('names an unknown placeholder and sends nothing', async () => {
    const result = await send({
      method: 'GET',
      url: '{{api-domain}}/crm/v8/{{module-name}}',
      headers: [AUTH],
      environmentId,
    });
    expect(result).toMatchObject({
      ok: false,
      code: 'unresolved_placeholder',
      detail: { unresolved: ['module-name'] },
    });
    if (!result.ok) expect(result.message).toContain('{{module-name}}');
    const noEnv = await send({ method: 'GET', url: CURRENT_USER, headers: [AUTH] });
    expect(noEnv).toMatchObject({ ok: false, code: 'unresolved_placeholder' });
    if (!noEnv.ok) expect(noEnv.message).toMatch(/No environment is selected/);
  });

  it('returns a 401 INVALID_TOKEN as data, not as a failure', async () => {
    const headers = [{ key: 'Authorization', value: 'Zoho-oauthtoken 1000.not-a-real-token', enabled: true }];
    const answer = value(await send({ method: 'GET', url: CURRENT_USER, headers, environmentId }));
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'INVALID_TOKEN' });
  });

  it('masks a secret in the resolved URL and in anything the server echoes', async () => {
    const echo = await localServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-echo': req.headers.authorization ?? '' });
      res.end(JSON.stringify({ url: req.url, authorization: req.headers.authorization }));
    });
    try {
      const answer = value(
        await send({
          method: 'GET',
          url: `${echo.url}/echo?token={{access-token}}`,
          headers: [AUTH],
          environmentId,
        }),
      );
      expect(echo.hits[0]).toContain(encodeURIComponent(accessToken).slice(0, 10));
      expect(JSON.stringify(answer)).not.toContain(accessToken);
      expect(answer.resolvedUrl).toMatch(/token=\[redacted …\w{4}\]$/);
      expect(answer.body).toContain('[redacted');
      expect(answer.headers.find(([k]) => k === 'x-echo')?.[1]).toMatch(/^Zoho-oauthtoken \[redacted/);
    } finally {
      await closeServer(echo.server);
    }
  });

  it('shows a redirect instead of following it, so the token is not sent on', async () => {
    const target = await localServer((_req, res) => res.end('followed'));
    const redirecting = await localServer((_req, res) => {
      res.writeHead(302, { location: `${target.url}/elsewhere` });
      res.end();
    });
    try {
      const answer = value(
        await send({ method: 'GET', url: `${redirecting.url}/start`, headers: [AUTH], environmentId }),
      );
      expect(answer.status).toBe(302);
      expect(answer.headers).toContainEqual(['location', `${target.url}/elsewhere`]);
      expect(target.hits).toEqual([]);
    } finally {
      await closeServer(target.server);
      await closeServer(redirecting.server);
    }
  });

  it('gives up after the timeout with plain words', async () => {
    const stalled = await localServer(() => undefined);
    try {
      const started = Date.now();
      const result = await sendRequest(
        fixture.ctx,
        { method: 'GET', url: `${stalled.url}/slow?t={{access-token}}`, headers: [AUTH], environmentId },
        { timeoutMs: 300 },
      );
      expect(result).toMatchObject({ ok: false, code: 'timeout' });
      if (!result.ok) expect(result.message).toMatch(/did not answer within 0.3 s/);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(JSON.stringify(result)).not.toContain(accessToken);
    } finally {
      await closeServer(stalled.server);
    }
  });

  it('reports a refused connection as network_error', async () => {
    const gone = await localServer(() => undefined);
    await closeServer(gone.server);
    const result = await send({ method: 'GET', url: `${gone.url}/x`, headers: [], environmentId });
    expect(result).toMatchObject({ ok: false, code: 'network_error' });
    if (!result.ok) expect(result.message).toMatch(/refused the connection/);
  });

  it('cuts a body over 1 MB and says so', async () => {
    const flood = await localServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('x'.repeat(1024 * 1024 + 4096));
    });
    try {
      const answer = value(
        await send({ method: 'POST', url: `${flood.url}/big`, headers: [], body: 'ping', environmentId }),
      );
      expect(answer.truncated).toBe(true);
      expect(answer.body.length).toBe(1024 * 1024);
    } finally {
      await closeServer(flood.server);
    }
  });
});
