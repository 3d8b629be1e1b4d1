import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { START_ANSWERS_ID, START_READS } from '../../shared/ipc/start-answers';
import { launchChromium } from '../support/chromium';
import { freePort } from '../support/ports';
import { killLeftHosts, startHostProcess, type HostProcess } from '../support/web-host-process';
import { axe } from './axe';
import { e2eSkipReason, SCREENSHOT_DIR } from './fixtures';

/**
 * Browser mode never poses as an empty workspace (issue 7, item 7), with the host as a user runs it:
 * `scripts/start-web.js` in a process of its own, stopped and started again on the same port. A page
 * without a valid key says how to open Tokenbench; a lost host is shown at once and the page
 * reconnects when it is back, with what was typed still there; a host started anew on another data
 * folder does not know the page, and the page says how to get in again instead of pretending.
 */
const skip = e2eSkipReason !== undefined;
const title = `browser mode's connection in Chromium${skip ? ` (skipped: ${String(e2eSkipReason)})` : ''}`;

const text = async (locator: Locator) => (await locator.textContent()) ?? '';

describe.skipIf(skip)(title, () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let port: number;
  let base: string;
  let host: HostProcess;
  const homes: string[] = [];
  // xdg-open finds no browser here, as on a server without a desktop: sign-ins must say so.
  const env = {
    TOKENBENCH_KEYCHAIN_SERVICE: `Tokenbench-e2e-connection-${String(process.pid)}`,
    BROWSER: '/nonexistent/tokenbench-test-browser',
    DISPLAY: undefined,
    WAYLAND_DISPLAY: undefined,
    XDG_CURRENT_DESKTOP: undefined,
  };
  const start = (home: string) => startHostProcess({ home, port, open: false, env });
  const newHome = () => {
    const home = mkdtempSync(join(tmpdir(), 'tokenbench-e2e-conn-'));
    homes.push(home);
    return home;
  };
  const shot = async (name: string, target = page) => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await target.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  };
  const ready = (target: Page) =>
    target.locator('html[data-app-state="ready"]').waitFor({ state: 'attached' });

  beforeAll(async () => {
    browser = await launchChromium();
    port = await freePort();
    base = `http://127.0.0.1:${String(port)}/`;
    host = await start(newHome());
  });

  afterAll(async () => {
    await browser.close();
    await host.stop();
    killLeftHosts();
    for (const home of homes) rmSync(home, { recursive: true, force: true });
  });

  it('a page without a valid key says how to open Tokenbench, never an empty workspace', async () => {
    const stranger = await browser.newContext();
    const bare = await stranger.newPage();
    await bare.goto(base);
    await ready(bare);
    const heading = bare.getByRole('heading', { name: 'Open Tokenbench with the address it printed' });
    await heading.waitFor();
    const body = await text(bare.locator('main'));
    expect(body).toContain('npm run start:web');
    expect(body).toContain('first line it prints');
    expect(await bare.getByText('Welcome to Tokenbench').count()).toBe(0);
    expect(await bare.getByRole('button', { name: 'Try the sandbox' }).count()).toBe(0);
    expect(await (await stranger.request.get(base)).text()).not.toContain(START_ANSWERS_ID);
    await shot('browser-sign-in-needed', bare);
    expect(await axe(bare, 'main')).toEqual([]);

    // An address from an earlier launch: its key is refused, and the page says why.
    await bare.goto(`${base}?key=${'A'.repeat(43)}`);
    await expect.poll(() => bare.url()).toBe(base);
    await expect
      .poll(() => text(bare.getByRole('alert')))
      .toContain('The key in the address you opened is not this launch');
    await stranger.close();
  });

  it('the printed address signs the browser in and leaves no key in the address bar', async () => {
    expect(host.url).toMatch(new RegExp(`^${base.replaceAll('.', '\\.')}\\?key=[A-Za-z0-9_-]{43}$`));
    context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
    page = await context.newPage();
    const asked: string[] = [];
    const posted: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path === '/session') asked.push(request.url());
      if (path === '/ipc')
        posted.push((JSON.parse(request.postData() ?? '{}') as { channel: string }).channel);
    });
    await page.goto(host.url);
    await ready(page);
    expect(page.url()).toBe(base);
    await page.getByRole('heading', { name: 'Welcome to Tokenbench' }).waitFor();
    // A page whose socket opens never needs to ask whether it is signed in: one request less per load.
    expect(asked).toEqual([]);
    // The page came with the start reads answered, and read them out of the document.
    expect(posted.filter((channel) => (START_READS as readonly string[]).includes(channel))).toEqual([]);
    expect(await page.locator(`#${START_ANSWERS_ID}`).count()).toBe(0);
    const session = (await context.cookies()).find((c) => c.name === `tokenbench-${String(port)}`);
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', domain: '127.0.0.1', path: '/' });
    expect(await page.evaluate(() => document.cookie)).toBe('');
  });

  it('a lost host is shown at once and the page reconnects when it is back, keeping what was typed', async () => {
    await page.getByRole('button', { name: 'Try the sandbox' }).click();
    const flow = page.locator('.flow-card');
    await flow.locator('.wait').waitFor();
    // Sign-ins say when the system browser could not be opened, and offer the address (item 4).
    const notOpened = flow.locator('.browser-not-opened');
    expect(await text(notOpened)).toContain(
      'Tokenbench could not open your browser: xdg-open exited with code 3.',
    );
    expect(await notOpened.getByRole('link').getAttribute('href')).toMatch(/\/oauth\/v2\/auth\?/);
    expect(await text(flow)).not.toContain('window that just opened');
    expect(await flow.getByRole('timer').count()).toBe(1);
    await page.getByText('Paste a grant code', { exact: true }).click();
    const typed = page.getByRole('form', { name: 'Exchange a grant code' }).getByLabel('Grant code');
    await typed.fill('1000.typed-while-the-host-was-away');

    expect(await host.stop()).toBe(0);
    const lost = page.getByRole('alert').filter({ hasText: 'Lost the connection to Tokenbench.' });
    await lost.waitFor();
    await expect.poll(() => flow.getByRole('timer').count()).toBe(0);
    expect(await text(flow)).toContain('Whether this sign-in still waits is unknown');
    expect(await typed.inputValue()).toBe('1000.typed-while-the-host-was-away');
    await shot('browser-connection-lost');
    expect(await axe(page, '.connection-notice')).toEqual([]);
    expect(await axe(page, '.flow-card')).toEqual([]);

    host = await start(homes[0] ?? '');
    await lost.waitFor({ state: 'detached' });
    // The sign-in ended with the host that ran it: said so, not counted down.
    await expect.poll(() => text(flow.locator('.zoho-error-title'))).toBe('Sign-in no longer running');
    expect(await typed.inputValue()).toBe('1000.typed-while-the-host-was-away');
    const names = await page.evaluate(async () => {
      const clients = await window.tokenbench?.clients.list();
      return clients?.ok === true ? clients.value.map((c) => c.name) : clients;
    });
    expect(names).toEqual(['Sandbox demo']);
    await shot('browser-connection-back');
  });

  it('a host started anew on another data folder: the page says how to get in, and lets in once signed in', async () => {
    // Leave nothing in the keychain: the demo client's secret goes with the client.
    const left = await page.evaluate(async () => {
      const api = window.tokenbench;
      const envs = await api?.environments.list();
      for (const env of envs?.ok === true ? envs.value : []) await api?.environments.remove({ id: env.id });
      const clients = await api?.clients.list();
      for (const client of clients?.ok === true ? clients.value : [])
        await api?.clients.remove({ id: client.id });
      const left = await api?.clients.list();
      return left?.ok === true ? left.value.length : left;
    });
    expect(left).toBe(0);
    expect(await host.stop()).toBe(0);
    host = await start(newHome());
    const notice = page.getByRole('alert').filter({ hasText: 'this page is not signed in to it' });
    await notice.waitFor();
    expect(await text(notice)).toContain('Open the first line it printed');
    await shot('browser-connection-signed-out');

    const other = await context.newPage();
    await other.goto(host.url);
    await ready(other);
    await page.bringToFront();
    await notice.waitFor({ state: 'detached' });
    const listed = await page.evaluate(async () => (await window.tokenbench?.clients.list())?.ok);
    expect(listed).toBe(true);
  });
});
