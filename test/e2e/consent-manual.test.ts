import { createServer, type Server } from 'node:http';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe } from './axe';
import { e2eSkipReason, launchApp, type LaunchedApp } from './fixtures';

/**
 * Manual mode end to end: when another program holds the redirect URI's port, the loopback listener
 * cannot start, so the Consent tab says why and asks for the address the browser was sent to. A
 * wrong paste (not an address, another attempt's state) is explained and the flow keeps waiting;
 * the right one signs the user in, and the box lets go of the grant code.
 */
const skip = e2eSkipReason !== undefined;
const title = `consent in manual mode in Chromium${skip ? ` (skipped: ${String(e2eSkipReason)})` : ''}`;

const text = async (locator: Locator) => (await locator.textContent()) ?? '';

/** Another program on the redirect URI's port: it answers every request with a plain page. */
async function occupy(port: number): Promise<Server> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('another program');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject).listen(port, '127.0.0.1', resolve);
  });
  return server;
}

describe.skipIf(skip)(title, () => {
  let app: LaunchedApp;
  let page: Page;
  let squatter: Server;
  let port: number;

  beforeAll(async () => {
    app = await launchApp({
      seed: async ({ call }) => {
        const { client } = await call('sandbox:try', {});
        port = Number(new URL(client.redirectUri ?? '').port);
        squatter = await occupy(port);
      },
    });
    page = app.page;
  });

  afterAll(async () => {
    await app.close();
    await new Promise((resolve) => squatter.close(resolve));
  });

  it('says the port is taken and asks for the address, with the consent page still one click away', async () => {
    await page.getByRole('tab', { name: 'Consent' }).click();
    await page.getByRole('button', { name: /Open browser/ }).click();
    const waiting = page.locator('.flow-card .wait');
    await waiting.waitFor();
    expect(await text(waiting)).toContain(
      `Manual mode. Port ${String(port)} on 127.0.0.1 is in use by another program.`,
    );
    expect(await page.getByLabel('Paste the address your browser was sent to').count()).toBe(1);
    expect(app.robot.opened).toHaveLength(1);
    await app.screenshot('consent-manual');
    expect(await axe(page, '#panel-consent')).toEqual([]);
  });

  it('explains a wrong paste and keeps waiting; the right address signs Ada in', async () => {
    const box = page.getByLabel('Paste the address your browser was sent to');
    const use = page.getByRole('button', { name: 'Use this address' });
    await box.fill('callback?code=1000.abc');
    await use.click();
    const problem = page.locator('.paste-box .zoho-error');
    await problem.waitFor();
    expect(await text(problem)).toMatch(/address|URL/i);

    const redirect = await app.robot.consent({ user: /Ada Lovelace/ });
    expect(redirect.port).toBe(String(port));
    const code = redirect.searchParams.get('code') ?? '';
    expect(code).not.toBe('');
    const otherAttempt = new URL(redirect);
    otherAttempt.searchParams.set('state', 'an-earlier-attempt');
    await box.fill(otherAttempt.href);
    await use.click();
    await expect.poll(() => text(problem)).toMatch(/state/i);
    expect(await text(page.locator('.flow-card .step-current .step-label'))).toBe('Waiting for the browser');
    await app.screenshot('consent-manual-wrong-paste');
    expect(await axe(page, '#panel-consent')).toEqual([]);

    await box.fill(redirect.href);
    await use.click();
    const outcome = page.locator('.flow-card .outcome');
    await outcome.waitFor();
    expect(await text(outcome)).toContain('Signed in as ada.lovelace@sandbox-us.example');
    expect(await page.locator('body').textContent()).not.toContain(code);
    expect(app.pageErrors).toEqual([]);
  });

  it('"Paste a grant code" builds its form on first opening and keeps what was typed', async () => {
    const form = page.getByRole('form', { name: 'Exchange a grant code' });
    expect(await form.count()).toBe(0);
    const summary = page.getByText('Paste a grant code', { exact: true });
    await summary.click();
    await form.getByLabel('Grant code').fill('1000.typed-before-closing');
    await summary.click();
    expect(await form.isVisible()).toBe(false);
    await summary.click();
    expect(await form.getByLabel('Grant code').inputValue()).toBe('1000.typed-before-closing');
  });
});
