import { request, type IncomingHttpHeaders } from 'node:http';
import { connect, createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DcCatalog } from '../../shared/dc/catalog';
import type { PendingAuthorization } from '../../shared/oauth/authorize';
import { validateCallback } from '../../shared/oauth/callback';
import { listenForRedirect, type RedirectListener } from '../../electron/services/loopback/listener';
import { escapeHtml, type StrayReason } from '../../electron/services/loopback/pages';
import { bindFailure, parseLoopbackRedirect } from '../../electron/services/loopback/redirect-uri';
import { freePort } from '../support/ports';

const STATE = 'st_9f8e7d6c5b4a';
const CODE = '1000.grantcode.secret';

interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

interface Send {
  readonly host?: string;
  readonly address?: string;
  readonly method?: string;
  readonly headers?: Record<string, string>;
}

/** One HTTP request on a fresh connection; `host` overrides the Host header (for DNS-rebinding tests). */
function send(port: number, path: string, options: Send = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: options.address ?? '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        agent: false,
        headers: { ...(options.host ? { Host: options.host } : {}), ...options.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function listenOn(port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, host, () => {
      resolve(server);
    });
  });
}

const closeNet = (server: Server) =>
  new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );

/** Proves the port can be bound again by another program. */
async function expectPortFree(port: number, host = '127.0.0.1'): Promise<void> {
  await closeNet(await listenOn(port, host));
}

const canBind = (host: string) =>
  listenOn(0, host).then(
    (server) => closeNet(server).then(() => true),
    () => false,
  );
const hasIpv6 = await canBind('::1');

const open: RedirectListener[] = [];
afterEach(async () => {
  for (const listener of open.splice(0)) {
    listener.cancel();
    await listener.result;
  }
});

async function start(redirectUri: string, ignored: StrayReason[] = [], timeoutMs = 10_000) {
  const started = await listenForRedirect({
    redirectUri,
    expectedState: STATE,
    timeoutMs,
    onIgnored: (reason) => ignored.push(reason),
  });
  if (!started.ok) throw new Error(started.message);
  open.push(started.value);
  return started.value;
}

const callbackQuery = `code=${CODE}&location=us&accounts-server=https%3A%2F%2Faccounts.zoho.com&state=${STATE}`;

describe('the loopback listener', () => {
  it('captures the real callback, answers one clean page and frees the port', async () => {
    const port = await freePort();
    const redirectUri = `http://127.0.0.1:${port}/callback`;
    const listener = await start(redirectUri);
    expect(listener.url).toBe(redirectUri);
    expect(listener.addresses).toEqual(['127.0.0.1']);

    const answer = await send(port, `/callback?${callbackQuery}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('Tokenbench received the redirect');
    expect(answer.body).toContain('You can close this tab.');
    expect(answer.body).not.toContain(CODE);
    expect(answer.headers['content-security-policy']).toContain(
      "default-src 'none'; style-src 'unsafe-inline'",
    );
    expect(answer.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
    });

    const outcome = await listener.result;
    expect(outcome).toEqual({ kind: 'received', url: `${redirectUri}?${callbackQuery}` });
    // What the listener captured is what the pure validation step expects.
    const pending: PendingAuthorization = {
      url: '',
      state: STATE,
      codeVerifier: null,
      redirectUri,
      dcId: 'us',
      clientId: '1000.X',
    };
    const url = outcome.kind === 'received' ? outcome.url : '';
    expect(validateCallback(url, pending, new DcCatalog())).toMatchObject({
      ok: true,
      value: { code: CODE },
    });

    await expect(send(port, `/callback?${callbackQuery}`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expectPortFree(port);
  });

  it('ignores strays, echoes nothing unescaped, and still takes the real callback after them', async () => {
    const port = await freePort();
    const ignored: StrayReason[] = [];
    const listener = await start(`http://127.0.0.1:${port}/callback`, ignored);
    const script = encodeURIComponent('<script>alert(1)</script>');
    const strays: [string, Send, number][] = [
      ['/favicon.ico', {}, 404],
      [`/other?${callbackQuery}`, {}, 404],
      [`/callback?code=${CODE}&state=wrong`, {}, 400],
      [`/callback?code=${CODE}`, {}, 400],
      [`/callback?error=access_denied&error_description=${script}&state=wrong`, {}, 400],
      [`/callback?${callbackQuery}`, { host: `evil.example:${port}` }, 400],
      [`/callback?${callbackQuery}`, { host: '127.0.0.1' }, 400],
      [`/callback?${callbackQuery}`, { method: 'POST' }, 405],
      [`http://evil.example/callback?${callbackQuery}`, {}, 400],
      [`//evil.example/callback?${callbackQuery}`, {}, 400],
    ];
    for (const [path, options, status] of strays) {
      const answer = await send(port, path, options);
      expect(answer.status, path).toBe(status);
      expect(answer.body).not.toContain('<script>');
      expect(answer.body).not.toContain(CODE);
      expect(answer.headers['content-security-policy']).toContain("default-src 'none'");
    }
    expect(ignored).toEqual([
      'wrong_path',
      'wrong_path',
      'wrong_state',
      'wrong_state',
      'wrong_state',
      'bad_host',
      'bad_host',
      'bad_method',
      'bad_target',
      'bad_target',
    ]);

    expect((await send(port, `/callback?${callbackQuery}`)).status).toBe(200);
    expect(await listener.result).toMatchObject({ kind: 'received' });
  });

  it('captures a denial with the right state, and escapes what Zoho said', async () => {
    const port = await freePort();
    const listener = await start(`http://127.0.0.1:${port}/callback`);
    const description = encodeURIComponent('<script>alert("x")</script> & more');
    const answer = await send(
      port,
      `/callback?error=access_denied&error_description=${description}&state=${STATE}`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body).not.toContain('<script>');
    expect(answer.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more');
    const outcome = await listener.result;
    expect(outcome.kind === 'received' && new URL(outcome.url).searchParams.get('error')).toBe(
      'access_denied',
    );
  });

  it('times out as an outcome, naming manual mode, and frees the port', async () => {
    const port = await freePort();
    const listener = await start(`http://127.0.0.1:${port}/cb`, [], 150);
    const outcome = await listener.result;
    expect(outcome).toMatchObject({ kind: 'timeout' });
    expect(outcome.kind === 'timeout' && outcome.message).toMatch(/manual mode: paste the redirected URL/);
    await expectPortFree(port);
  });

  it('is cancelled by cancel() or an AbortSignal, even with a silent connection open', async () => {
    const port = await freePort();
    const listener = await start(`http://127.0.0.1:${port}/cb`);
    const silent = connect(port, '127.0.0.1');
    await new Promise((resolve) => silent.once('connect', resolve));
    const dropped = new Promise((resolve) => silent.once('close', resolve));
    listener.cancel();
    expect(await listener.result).toEqual({ kind: 'cancelled' });
    await dropped;
    await expectPortFree(port);

    const controller = new AbortController();
    const started = await listenForRedirect({
      redirectUri: `http://127.0.0.1:${port}/cb`,
      expectedState: STATE,
      timeoutMs: 10_000,
      signal: controller.signal,
    });
    if (!started.ok) throw new Error(started.message);
    controller.abort();
    expect(await started.value.result).toEqual({ kind: 'cancelled' });

    const late = await listenForRedirect({
      redirectUri: `http://127.0.0.1:${port}/cb`,
      expectedState: STATE,
      timeoutMs: 10_000,
      signal: controller.signal,
    });
    expect(late.ok && (await late.value.result)).toEqual({ kind: 'cancelled' });
    await expectPortFree(port);
  });

  it('reports a port in use by another program, with the fallback', async () => {
    const port = await freePort();
    const squatter = await listenOn(port, '127.0.0.1');
    try {
      const started = await listenForRedirect({
        redirectUri: `http://127.0.0.1:${port}/callback`,
        expectedState: STATE,
        timeoutMs: 1_000,
      });
      expect(started).toEqual({
        ok: false,
        code: 'port_in_use',
        message: `Port ${port} on 127.0.0.1 is in use by another program. Close it, or use manual mode: paste the redirected URL.`,
      });
    } finally {
      await closeNet(squatter);
    }
  });

  it.each([
    ['https://example.com/cb', 'not_loopback'],
    ['http://example.com:8080/cb', 'not_loopback'],
    ['http://10.0.0.1:8080/cb', 'not_loopback'],
    ['https://127.0.0.1:8443/cb', 'not_loopback'],
    ['com.example.app:/oauth2redirect', 'not_loopback'],
    ['not a url', 'invalid_redirect_uri'],
    ['http://127.0.0.1:0/cb', 'invalid_redirect_uri'],
    ['http://127.0.0.1:53682/cb#frag', 'invalid_redirect_uri'],
    ['http://user:pw@127.0.0.1:53682/cb', 'invalid_redirect_uri'],
  ])('refuses %s as %s without binding anything', async (redirectUri, code) => {
    const started = await listenForRedirect({ redirectUri, expectedState: STATE, timeoutMs: 1_000 });
    expect(started).toMatchObject({ ok: false, code });
    if (code === 'not_loopback') expect(started.ok ? '' : started.message).toMatch(/manual mode/);
  });

  it('says what to do when a port is privileged (EACCES)', () => {
    const failure = bindFailure('EACCES', '127.0.0.1', 80);
    expect(failure).toMatchObject({ ok: false, code: 'port_forbidden' });
    expect(failure.ok ? '' : failure.message).toMatch(/administrator rights.*manual mode/);
  });

  const root = process.getuid?.() === 0;
  const privileged = root
    ? 'really refuses a privileged port (skipped: running as root, which may bind any port)'
    : 'really refuses a privileged port';
  it.skipIf(root)(privileged, async () => {
    const started = await listenForRedirect({
      redirectUri: 'http://127.0.0.1:81/cb',
      expectedState: STATE,
      timeoutMs: 1_000,
    });
    // Some systems lower ip_unprivileged_port_start; then binding works and there is nothing to see.
    if (started.ok) started.value.cancel();
    else expect(started.code).toBe('port_forbidden');
  });

  it('binds localhost on 127.0.0.1, and on ::1 where the machine has IPv6', async () => {
    const port = await freePort();
    const listener = await start(`http://localhost:${port}/callback`);
    expect(listener.addresses).toEqual(hasIpv6 ? ['127.0.0.1', '::1'] : ['127.0.0.1']);
    const wrongHost = await send(port, `/callback?${callbackQuery}`);
    expect(wrongHost.status).toBe(400); // Host 127.0.0.1:port is not localhost:port
    const via = hasIpv6 ? '::1' : '127.0.0.1';
    const answer = await send(port, `/callback?${callbackQuery}`, {
      address: via,
      host: `localhost:${port}`,
    });
    expect(answer.status).toBe(200);
    expect(await listener.result).toMatchObject({ kind: 'received' });
    await expectPortFree(port, '127.0.0.1');
    if (hasIpv6) await expectPortFree(port, '::1');
  });

  it.skipIf(!hasIpv6)(
    hasIpv6
      ? 'binds [::1] alone for an IPv6 redirect URI'
      : 'binds [::1] alone (skipped: this machine has no IPv6 loopback)',
    async () => {
      const port = await freePort('::1');
      const listener = await start(`http://[::1]:${port}/callback`);
      expect(listener.addresses).toEqual(['::1']);
      await expect(send(port, `/callback?${callbackQuery}`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      const answer = await send(port, `/callback?${callbackQuery}`, { address: '::1' });
      expect(answer.status).toBe(200);
      expect(await listener.result).toEqual({
        kind: 'received',
        url: `http://[::1]:${port}/callback?${callbackQuery}`,
      });
    },
  );

  it('derives the exact Host header and bind addresses from the redirect URI', () => {
    expect(parseLoopbackRedirect(' http://127.0.0.1:53682/callback ')).toMatchObject({
      ok: true,
      value: { redirectUri: 'http://127.0.0.1:53682/callback', host: '127.0.0.1:53682', port: 53682 },
    });
    expect(parseLoopbackRedirect('http://LOCALHOST/cb')).toMatchObject({
      ok: true,
      value: { host: 'localhost', port: 80, pathname: '/cb' },
    });
  });

  it('escapes every HTML-special character', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('refuses to listen without a state to check (RFC 6749 §10.12)', async () => {
    await expect(
      listenForRedirect({ redirectUri: 'http://127.0.0.1:53682/cb', expectedState: '', timeoutMs: 1_000 }),
    ).rejects.toThrow(TypeError);
  });
});
