import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenOutcome } from '../../shared/ipc/views';
import { ADA, selfClientCode } from '../support/sandbox-helpers';
import { axe } from './axe';
import { e2eSkipReason, launchApp, sandboxSelfClient, type LaunchedApp } from './fixtures';

/**
 * The words on screen are made from data (issue 7, item 8): switching the limit profile to "10 live
 * access tokens" makes the guard's card name 10 and the 11th; Zoho's Access Denied shows its `error`
 * and `error_description` exactly as the sandbox sent them. The history (an exchange and 9 refreshes,
 * 10 live access tokens) is made on a clock 20 minutes behind, so the rate window is free again.
 */
const skip = e2eSkipReason !== undefined;
const title = `words from data in Chromium${skip ? ` (skipped: ${String(e2eSkipReason)})` : ''}`;
const MINUTE = 60_000;
const ZOHO_DESCRIPTION = 'You have made too many requests continuously. Please try again after some time.';

const text = async (locator: Locator) => (await locator.textContent()) ?? '';

describe.skipIf(skip)(title, () => {
  let app: LaunchedApp;
  let page: Page;
  let exchanged: TokenOutcome;
  let offset = -20 * MINUTE;

  beforeAll(async () => {
    app = await launchApp({
      viewport: { width: 1024, height: 700 },
      now: () => Date.now() + offset,
      seed: async ({ call, sandbox }) => {
        const client = await call('clients:save', sandboxSelfClient(sandbox, 'Support desk'));
        const { code } = await selfClientCode(sandbox, { userZuid: ADA });
        exchanged = await call('tokens:exchange-code', { clientRef: client.id, code });
        for (let i = 0; i < 9; i++) await call('tokens:refresh', { clientRef: client.id });
        offset = 0;
      },
    });
    page = app.page;
  });

  afterAll(async () => {
    await app.close();
  });

  it('switching to the "10 live" profile makes the guard name 10 and the 11th, not 15 and the 16th', async () => {
    await page.getByRole('tab', { name: 'Limits' }).click();
    const disagree = page.locator('.limits-disagree');
    await expect.poll(() => text(disagree)).toContain('the guard warns before the 16th live access token');
    await page.getByLabel('Profile in force').selectOption('ten-alive');
    await expect.poll(() => text(disagree)).toContain('the guard warns before the 11th live access token');
    expect(await text(disagree)).toContain('says 15');
    expect(await text(disagree)).toContain('says 10');

    await page.getByRole('tab', { name: 'Tokens' }).click();
    await page.locator('[data-timeline-state="ready"]').waitFor({ state: 'attached' });
    await page.getByRole('group', { name: /^Token timeline/ }).focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Refresh this refresh token' }).click();
    const warning = page.getByRole('alert').filter({ hasText: 'Zoho would silently delete a token' });
    await warning.waitFor();
    expect(await text(warning.locator('.guard-message'))).toBe(
      'Zoho keeps at most 10 live access tokens per refresh token: the 11th deletes the oldest without a word, and whatever uses it gets 401 INVALID_TOKEN.',
    );
    expect(await text(warning.getByRole('list', { name: 'Tokens that would be deleted' }))).toBe(
      `evicted Access token ${exchanged.accessToken.fingerprint}`,
    );
    await app.screenshot('words-guard-ten-alive');
    expect(await axe(page, '#panel-tokens')).toEqual([]);
  });

  it("shows Zoho's Access Denied as Zoho sent it: error, error_description and HTTP status", async () => {
    const rt = exchanged.refreshToken;
    if (rt === null) throw new Error('the exchange made no refresh token');
    // Ten refreshes now, forced past the full cap: the rate window is full at the sandbox.
    for (let i = 0; i < 10; i++)
      await app.call('tokens:refresh', { clientRef: rt.clientRef, refreshTokenId: rt.id, force: true });
    await page.getByRole('tab', { name: 'Inspector' }).click();
    await page.getByRole('button', { name: new RegExp(`${rt.fingerprint}.*Refresh`) }).click();
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    const warning = page.locator('.guard-warning');
    await warning.waitFor();
    await warning.getByRole('button', { name: /Run anyway/ }).click();
    await page
      .getByRole('dialog', { name: 'Run it anyway?' })
      .getByRole('button', { name: 'Yes, run it anyway' })
      .click();
    const denied = page.locator('.details .zoho-error').last();
    await expect.poll(() => text(denied.locator('.zoho-error-title'))).toBe('Token limit exceeded');
    await denied.scrollIntoViewIfNeeded();
    const fields = page.locator('.details .zoho-said').last();
    expect(await fields.getAttribute('aria-label')).toBe('Zoho’s answer, as sent');
    const pairs = await fields.evaluate((dl) =>
      [...dl.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]),
    );
    expect(pairs).toEqual([
      ['error', 'Access Denied'],
      ['error_description', ZOHO_DESCRIPTION],
      ['HTTP status', '200'],
    ]);
    // Zoho's words are not folded into Tokenbench's prose.
    expect(await text(denied.locator('.zoho-error-facts'))).not.toContain(ZOHO_DESCRIPTION);
    await app.screenshot('words-access-denied');
    await page.getByLabel('Theme').selectOption('dark');
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await axe(page, '#panel-inspector')).toEqual([]);
    await app.screenshot('words-access-denied-dark');
    await page.getByLabel('Theme').selectOption('light');
    expect(app.pageErrors).toEqual([]);
  });

  it('a PKCE verifier that does not match is said to be that, not "expired or used"', async () => {
    const demo = app.sandbox.demoClient;
    await app.call('clients:save', {
      name: 'Desktop app with PKCE',
      dcId: 'sandbox-us',
      zohoClientId: demo.clientId,
      clientSecret: demo.clientSecret,
      type: 'server',
      redirectUri: demo.redirectUri,
      multiDc: true,
      pkce: true,
      revokeEndpoint: 'sdk',
    });
    await page.reload();
    await page.locator('html[data-app-state="ready"]').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: /Desktop app with PKCE/ }).click();
    await page.getByRole('tab', { name: 'Consent' }).click();
    await page.getByRole('button', { name: /Open browser/ }).click();

    // The consent page's address changed on its way to Zoho (as a proxy or an extension might):
    // another challenge than the one whose verifier Tokenbench keeps.
    const consent = await app.robot.nextPage();
    await consent.bringToFront();
    await consent.waitForURL((url) => url.searchParams.has('code_challenge'));
    const tampered = new URL(consent.url());
    tampered.searchParams.set('code_challenge', 'A'.repeat(43));
    await consent.goto(tampered.toString());
    await consent.getByRole('radio', { name: /Ada Lovelace/ }).check();
    const left = consent.waitForURL((url) => url.pathname === '/callback');
    await consent.getByRole('button', { name: 'Accept', exact: true }).click();
    await left;
    await page.bringToFront();

    const error = page.locator('.flow-card .zoho-error');
    await error.waitFor();
    expect(await text(error.locator('.zoho-error-title'))).toBe('Grant code not accepted (PKCE)');
    expect(await text(error.locator('.zoho-error-code'))).toBe('invalid_code');
    const facts = await text(error.locator('.zoho-error-facts'));
    expect(facts).toMatch(
      /This sign-in used PKCE, and Zoho answers invalid_code also when the code_verifier/,
    );
    expect(facts).toMatch(/Tokenbench sent this code once, \d+\.\d s after the redirect brought it\./);
    expect(facts).not.toMatch(/expired|already used/);
    expect(await text(error.locator('.zoho-said'))).toBe('errorinvalid_codeHTTP status200');
    await error.scrollIntoViewIfNeeded();
    await app.screenshot('words-pkce-mismatch');
    expect(await axe(page, '#panel-consent')).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
