import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenRow } from '../../shared/ipc/views';
import { e2eSkipReason, launchApp, sandboxSelfClient, type LaunchedApp } from './fixtures';
import { axe } from './axe';
import { selfClientCode } from '../support/sandbox-helpers';

/**
 * The Consent tab end to end: the first-run sandbox path clicked through on the sandbox's consent
 * page with the redirect caught by the real loopback listener, a multi-DC user, a denial explained
 * from the catalog, a self-client code with its countdown, and the limit guard before the 11th
 * access token of a refresh token, forced into Zoho's Access Denied.
 */
const skip = e2eSkipReason !== undefined;
const title = `consent in Chromium${skip ? ` (skipped: ${String(e2eSkipReason)})` : ''}`;

const text = async (locator: Locator) => (await locator.textContent()) ?? '';

describe.skipIf(skip)(title, () => {
  let app: LaunchedApp;
  let page: Page;
  const flow = () => page.locator('.flow-card');

  beforeAll(async () => {
    app = await launchApp();
    page = app.page;
  });

  afterAll(async () => {
    await app.close();
  });

  it('first run: "Try the sandbox" → Ada accepts on the sandbox page → the steps reach done and tokens appear', async () => {
    await page.getByRole('button', { name: 'Try the sandbox' }).click();
    const waiting = flow().locator('.wait');
    await waiting.waitFor();
    expect(await text(waiting)).toMatch(/Listening on http:\/\/127\.0\.0\.1:\d+\/callback/);
    expect(await text(waiting)).toMatch(/grant code lives 2\s+minutes/);
    expect(
      await page.getByRole('timer', { name: /Time left to finish in the browser: [45]:\d\d left/ }).count(),
    ).toBe(1);
    expect(await flow().locator('.step-current .step-label').textContent()).toBe('Waiting for the browser');
    await app.screenshot('consent-waiting');
    expect(await axe(page, '#panel-consent')).toEqual([]);

    const redirect = await app.robot.consent({ user: /Ada Lovelace/ });
    expect(redirect.pathname).toBe('/callback');
    const outcome = flow().locator('.outcome');
    await outcome.waitFor();
    expect(await text(outcome)).toContain('Signed in as ada.lovelace@sandbox-us.example');
    expect(await text(outcome.locator('.outcome-facts'))).toMatch(
      /Access token…\w{4} expires in (59:\d\d|1:00:0\d)/,
    );
    expect(await text(outcome.locator('.outcome-facts'))).toMatch(/Refresh token…\w{4}/);
    expect(await flow().locator('.step.step-done').count()).toBe(4);
    expect(await flow().locator('.step-time').allTextContents()).toEqual(
      Array(4).fill(expect.stringMatching(/\d\d:\d\d:\d\d/)),
    );
    expect(
      await text(page.getByRole('status').filter({ hasText: /^Done: tokens received at/ })),
    ).toBeTruthy();
    await app.screenshot('consent-done');
    expect(await axe(page, '#panel-consent')).toEqual([]);
    await page.getByLabel('Theme').selectOption('dark');
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await axe(page, '#panel-consent')).toEqual([]);
    await app.screenshot('consent-done-dark');
    await page.getByLabel('Theme').selectOption('light');

    await outcome.getByRole('button', { name: /Open tokens/ }).click();
    expect(await page.getByRole('tab', { name: 'Tokens' }).getAttribute('aria-selected')).toBe('true');
    await page.getByRole('tab', { name: 'Consent' }).click();
  });

  it('multi-DC: Emil (EU) signs in and the code is exchanged at Sandbox EU', async () => {
    await page.getByRole('button', { name: /Open browser/ }).click();
    await app.robot.consent({ user: /Emil Artin/ });
    const outcome = flow().locator('.outcome');
    await expect.poll(() => text(outcome)).toContain('emil.artin@sandbox-eu.example');
    const crossDc = outcome.locator('.outcome-crossdc');
    expect(await text(crossDc)).toMatch(
      /Emil is a Sandbox EU user: the code was exchanged at Sandbox EU, not at Sandbox US/,
    );
    expect(await text(outcome.locator('.outcome-facts'))).toContain('Sandbox EU');
  });

  it('Deny: access_denied with its cause and fix from the catalog', async () => {
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.keyboard.press('Control+Enter');
    await app.robot.consent({ decision: 'deny' });
    const error = flow().locator('.zoho-error');
    await error.waitFor();
    expect(await text(error.locator('.zoho-error-title'))).toBe('Consent denied');
    expect(await text(error.locator('.zoho-error-code'))).toBe('access_denied');
    expect(await text(error)).toContain("The user pressed Deny on Zoho's consent page");
    expect(await text(error)).toContain('Start the consent again and accept');
    expect(await flow().locator('.step-failed .step-label').textContent()).toBe('Failed');
    await app.screenshot('consent-denied');
  });

  it('self client: a code minted as in the API console counts down and is exchanged', async () => {
    await app.call('clients:save', sandboxSelfClient(app.sandbox, 'Console self client'));
    await page.reload();
    await page.locator('html[data-app-state="ready"]').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: /Console self client/ }).click();
    await page.getByRole('tab', { name: 'Consent' }).click();
    const { code } = await selfClientCode(app.sandbox);
    const form = page.getByRole('form', { name: 'Exchange a grant code' });
    await form.getByLabel('Valid for').selectOption('3');
    await form.getByLabel('Grant code').fill(code);
    const timer = form.getByRole('timer', { name: /Code valid for/ });
    expect(await timer.getAttribute('aria-label')).toMatch(/Code valid for (3:0\d|2:5\d)/);
    await expect.poll(() => timer.textContent(), { timeout: 3000 }).toMatch(/^2:5\d$/);
    await form.getByRole('button', { name: /Exchange/ }).click();
    const outcome = form.locator('.outcome');
    await outcome.waitFor();
    expect(await text(outcome)).toMatch(/Signed in as \S+@sandbox-us\.example/);
    expect(await form.getByLabel('Grant code').inputValue()).toBe('');
    await app.screenshot('consent-self-client');
    expect(await axe(page, '#panel-consent')).toEqual([]);
  });

  it('warns before the 11th access token (10 of 10, with a countdown); "Run anyway" meets Access Denied', async () => {
    await page.getByRole('button', { name: /Sandbox demo/ }).click();
    const demo = (await app.call('clients:list', {})).find((c) => c.name === 'Sandbox demo');
    const rows = await app.call('tokens:list', { clientRef: demo?.id ?? '' });
    const ada = rows.find(
      (r: TokenRow) =>
        r.kind === 'refresh' && r.userLabel?.startsWith('ada') === true && r.status === 'active',
    );
    if (ada === undefined) throw new Error('no refresh token of Ada');
    // The exchange's access token counts; nine refreshes make 10 of 10 in the window.
    for (let i = 0; i < 9; i++)
      await app.call('tokens:refresh', { clientRef: ada.clientRef, refreshTokenId: ada.id });

    await page.getByRole('tab', { name: 'Inspector' }).click();
    await page.getByRole('button', { name: new RegExp(`${ada.fingerprint}.*Refresh`) }).click();
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    const warning = page.locator('.guard-warning');
    await warning.waitFor();
    expect(await text(warning.locator('.guard-title'))).toBe('Zoho would answer Access Denied');
    expect(await text(warning)).toContain('10 of 10 access tokens for this refresh token');
    expect(await page.getByRole('timer', { name: /Safe again in \d+:\d\d/ }).count()).toBe(1);
    await app.screenshot('guard-warning');
    expect(await axe(page, '#panel-inspector')).toEqual([]);

    await warning.getByRole('button', { name: /Run anyway/ }).click();
    const confirm = page.getByRole('dialog', { name: 'Run it anyway?' });
    await confirm.getByRole('button', { name: 'Yes, run it anyway' }).click();
    const denied = page.locator('.details .zoho-error').last();
    await expect.poll(() => text(denied.locator('.zoho-error-title'))).toBe('Token limit exceeded');
    expect(await text(denied.locator('.zoho-error-code'))).toBe('Access Denied');
    expect(await text(denied)).toContain('Wait until the rolling window frees a slot');
    expect(app.pageErrors).toEqual([]);
  });
});
