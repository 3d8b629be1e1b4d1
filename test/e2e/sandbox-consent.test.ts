import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../electron/services/sandbox';
import { chromiumSkipReason, launchChromium } from '../support/chromium';
import { apiGet, exchange, str } from '../support/sandbox-helpers';

const SCREENSHOT = 'test-results/screenshots/sandbox-consent.png';

/** A stand-in for the app's loopback listener: records each redirect and answers one small page. */
interface CallbackListener {
  readonly server: Server;
  readonly port: number;
  next(): Promise<URL>;
}

async function startCallbackListener(): Promise<CallbackListener> {
  const waiting: ((url: URL) => void)[] = [];
  const server = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Signed in. You can close this tab.');
    waiting.shift()?.(new URL(req.url ?? '/', 'http://127.0.0.1'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { server, port, next: () => new Promise<URL>((resolve) => waiting.push(resolve)) };
}

const skip = chromiumSkipReason !== undefined;
const title = `sandbox consent page in Chromium${skip ? ` (skipped: ${chromiumSkipReason})` : ''}`;

describe.skipIf(skip)(title, () => {
  let browser: Browser;
  let sandbox: SandboxHandle;
  let callback: CallbackListener;

  beforeAll(async () => {
    callback = await startCallbackListener();
    sandbox = await startSandbox({ redirectUri: `http://127.0.0.1:${callback.port}/callback` });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser.close();
    await sandbox.close();
    await new Promise<void>((resolve) => {
      callback.server.close(() => {
        resolve();
      });
    });
  });

  function authUrl(state: string): string {
    const q = new URLSearchParams({
      client_id: sandbox.demoClient.clientId,
      response_type: 'code',
      redirect_uri: sandbox.demoClient.redirectUri,
      scope: 'AaaServer.profile.Read,ZohoCRM.users.READ,ZohoCRM.modules.ALL',
      access_type: 'offline',
      prompt: 'consent',
      state,
    });
    return `${sandbox.url}/oauth/v2/auth?${q.toString()}`;
  }

  async function openConsent(state: string): Promise<{ page: Page; violations: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const violations: string[] = [];
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
    });
    await page.goto(authUrl(state));
    return { page, violations };
  }

  it("signs a chosen user in with Accept and the code works at that user's DC", async () => {
    const { page, violations } = await openConsent('e2e-accept');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Tokenbench Demo');
    await page.getByRole('radio', { name: /Emil Artin/ }).check();
    mkdirSync('test-results/screenshots', { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    const redirected = callback.next();
    await page.getByRole('button', { name: 'Accept', exact: true }).click();
    const url = await redirected;
    await page.waitForURL(/\/callback\?/);

    expect(url.pathname).toBe('/callback');
    expect(url.searchParams.get('state')).toBe('e2e-accept');
    expect(url.searchParams.get('location')).toBe('sandbox-eu');
    const accountsServer = str(url.searchParams.get('accounts-server'));
    expect(sandbox.dcs.find((dc) => dc.id === 'sandbox-eu')?.accountsUrl).toBe(accountsServer);

    const tokens = await exchange(sandbox, str(url.searchParams.get('code')), {}, accountsServer);
    expect(tokens).toHaveProperty('refresh_token');
    const me = await apiGet(str(tokens.api_domain), '/oauth/user/info', str(tokens.access_token));
    expect(me).toMatchObject({
      status: 200,
      body: { Display_Name: 'Emil Artin', Email: 'emil.artin@sandbox-eu.example' },
    });
    expect(violations).toEqual([]);
    await page.close();
  });

  it('returns access_denied with the state when the user clicks Deny', async () => {
    const { page, violations } = await openConsent('e2e-deny');
    const redirected = callback.next();
    await page.getByRole('button', { name: 'Deny', exact: true }).click();
    const url = await redirected;
    expect(Object.fromEntries(url.searchParams)).toEqual({ error: 'access_denied', state: 'e2e-deny' });
    expect(violations).toEqual([]);
    await page.close();
  });
});
