import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenOutcome } from '../../shared/ipc/views';
import { ADA, selfClientCode } from '../support/sandbox-helpers';
import { e2eSkipReason, launchApp, sandboxSelfClient, type LaunchedApp } from './fixtures';
import { axe } from './axe';

/**
 * The Inspector and the request runner end to end: who am I for a token, a pasted value found,
 * CRM CurrentUser through the runner with {{access-token}} filled in main, then a revoke and the
 * same request answering 401 INVALID_TOKEN, explained.
 */
const skip = e2eSkipReason !== undefined;
const title = `inspector and request runner in Chromium${skip ? ` (skipped: ${String(e2eSkipReason)})` : ''}`;

const text = async (locator: Locator) => (await locator.textContent()) ?? '';

describe.skipIf(skip)(title, () => {
  let app: LaunchedApp;
  let page: Page;
  let tokens: TokenOutcome;

  beforeAll(async () => {
    app = await launchApp({
      // Ada signed in through the sandbox's self client, into an environment that follows it.
      seed: async ({ call, sandbox }) => {
        const client = await call('clients:save', sandboxSelfClient(sandbox, 'Support desk'));
        const env = await call('environments:save', {
          name: 'Support',
          clientRef: client.id,
          dcId: 'sandbox-us',
          autoRefresh: false,
        });
        const { code } = await selfClientCode(sandbox, { userZuid: ADA });
        tokens = await call('tokens:exchange-code', { clientRef: client.id, code, environmentId: env.id });
      },
    });
    page = app.page;
  });

  afterAll(async () => {
    await app.close();
  });

  it('inspector: picks the access token and "Check now" answers who it belongs to', async () => {
    await page.getByRole('tab', { name: 'Inspector' }).click();
    expect(await text(page.locator('.inspector-empty'))).toContain('Pick a token, or paste one');
    await page.getByRole('button', { name: new RegExp(`${tokens.accessToken.fingerprint}.*Access`) }).click();
    const details = page.locator('.details');
    await expect
      .poll(() => text(details.locator('.details-title')))
      .toBe(`Access token ${tokens.accessToken.fingerprint}`);
    const summary = await text(details.locator('.details-summary'));
    expect(summary).toContain(tokens.accessToken.fingerprint);
    expect(summary).toMatch(/Support desk.*ada\.lovelace@sandbox-us\.example/);
    expect(await text(details.locator('.details-facts'))).toMatch(/Expiresin (59:\d\d|1:00:0\d)/);
    expect(await text(details.locator('.details-facts'))).toContain('Support');
    await details.getByRole('button', { name: 'Check now' }).click();
    const who = details.locator('.whoami');
    await who.waitFor();
    expect(await text(who)).toContain('Ada Lovelace');
    expect(await text(who)).toContain('ada.lovelace@sandbox-us.example');
    expect(await text(who)).toContain(ADA);
    await app.screenshot('inspector');
    expect(await axe(page, '#panel-inspector')).toEqual([]);
  });

  it('inspector: a pasted token value is found, and the box is cleared', async () => {
    const { value } = await app.call('secrets:reveal', {
      ref: { kind: 'token', tokenId: tokens.accessToken.id },
    });
    const input = page.getByLabel('Paste a token value');
    await input.fill(value);
    await page.getByRole('button', { name: 'Look up' }).click();
    await expect
      .poll(() => text(page.locator('.details .subtle').first()))
      .toMatch(/Found by the pasted value/);
    expect(await input.inputValue()).toBe('');
    expect(await page.locator('body').textContent()).not.toContain(value);

    await input.fill('1000.0000000000000000000000000000dead.00000000000000000000000000000000');
    await page.getByRole('button', { name: 'Look up' }).click();
    await expect.poll(() => text(page.locator('.details'))).toContain('Not a token of this workspace');
  });

  it('runner: the CurrentUser preset answers 200 with a JSON body', async () => {
    await page.getByRole('tab', { name: 'Requests' }).click();
    expect(await page.getByLabel('URL').inputValue()).toBe('{{api-domain}}/crm/v8/users?type=CurrentUser');
    const variables = page.getByRole('group', { name: 'Variables in this request' });
    expect(await text(variables)).toMatch(/\{\{api-domain\}\}.*http:\/\/127\.0\.0\.1/);
    expect(await text(variables)).toMatch(/\{\{access-token\}\}.*secret …\w{4}/);
    await page.getByRole('button', { name: /^Send/ }).click();
    const response = page.locator('.response');
    await response.waitFor();
    expect(await text(response.locator('.status'))).toMatch(/^200/);
    const body = response.getByLabel('Response body, JSON');
    expect(await text(body)).toContain('"email": "ada.lovelace@sandbox-us.example"');
    expect(await body.locator('.j-key').count()).toBeGreaterThan(3);
    expect(await text(page.locator('.history-list'))).toContain(
      '{{api-domain}}/crm/v8/users?type=CurrentUser',
    );
    await app.screenshot('runner');
    expect(await axe(page, '#panel-runner')).toEqual([]);
  });

  it('inspector: revoke (confirmed, naming what dies) marks the refresh token revoked', async () => {
    await page.getByRole('tab', { name: 'Inspector' }).click();
    const refresh = tokens.refreshToken;
    if (refresh === null) throw new Error('no refresh token');
    await page.getByRole('button', { name: new RegExp(`${refresh.fingerprint}.*Refresh`) }).click();
    await page.getByRole('button', { name: 'Revoke…' }).click();
    const dialog = page.getByRole('dialog', { name: `Revoke refresh token ${refresh.fingerprint}?` });
    expect(await text(dialog)).toContain('its 1 live access token at once');
    expect(await text(dialog)).toContain('Support');
    await dialog.getByRole('button', { name: 'Revoke', exact: true }).click();
    await expect.poll(() => text(page.locator('.details-head .badge').last())).toBe('revoked');
  });

  it('runner: after the revoke the same request is 401 INVALID_TOKEN, explained', async () => {
    await page.getByRole('tab', { name: 'Requests' }).click();
    await page.keyboard.press('Control+Enter');
    const response = page.locator('.response');
    await expect.poll(() => text(response.locator('.status'))).toMatch(/^401/);
    const error = response.locator('.zoho-error');
    expect(await text(error.locator('.zoho-error-title'))).toBe('API rejected the access token');
    expect(await text(error.locator('.zoho-error-code'))).toBe('INVALID_TOKEN');
    expect(await text(error)).toContain('Refresh the access token');
    expect(await error.getByRole('button', { name: 'Refresh token' }).count()).toBe(1);
    await app.screenshot('runner-401');
    expect(await axe(page, '#panel-runner')).toEqual([]);
    // The traffic console has the request as sent: the access token only by its last four.
    await error.getByRole('button', { name: 'Show the exchange' }).click();
    const view = page.locator('.xview');
    await expect.poll(() => text(view.locator('.card-title'))).toMatch(/^#\d+ API request$/);
    const sent = await text(view.getByLabel('Request, raw'));
    expect(sent).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/crm\/v8\/users\?type=CurrentUser\n/);
    expect(sent).toMatch(/authorization: Zoho-oauthtoken \[redacted …\w{4}\]/);
    expect(await text(view.getByLabel('Response, raw'))).toContain('"code": "INVALID_TOKEN"');
    await page.getByRole('tab', { name: 'Requests' }).click();
    await page.getByLabel('Theme').selectOption('dark');
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await axe(page, '#panel-runner')).toEqual([]);
    await app.screenshot('runner-dark');
    await page.getByRole('tab', { name: 'Inspector' }).click();
    expect(await axe(page, '#panel-inspector')).toEqual([]);
    await app.screenshot('inspector-dark');
    expect(app.pageErrors).toEqual([]);
  });
});
