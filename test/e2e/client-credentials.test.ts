import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe } from './axe';
import { e2eSkipReason, launchApp, sandboxSelfClient, type LaunchedApp } from './fixtures';

/**
 * Client credentials end to end: a self client's Consent tab asks the sandbox for a token with the
 * default CRM scopes; without an organization the sandbox answers missing_org_info (its CRM has two
 * orgs) and the card says what to do; with one from the picker's free text the token comes, and the
 * Tokens tab shows it in a lane of its own kind, not under a refresh token nor as an online token.
 */
const skip = e2eSkipReason !== undefined;
const title = `client credentials in Chromium${skip ? ` (skipped: ${String(e2eSkipReason)})` : ''}`;

const text = async (locator: Locator) => (await locator.textContent()) ?? '';

describe.skipIf(skip)(title, () => {
  let app: LaunchedApp;
  let page: Page;
  const card = () => page.getByRole('form', { name: 'Client credentials' });

  beforeAll(async () => {
    app = await launchApp({
      seed: async ({ sandbox, call }) => {
        await call('clients:save', sandboxSelfClient(sandbox, 'Nightly sync'));
      },
    });
    page = app.page;
  });

  afterAll(async () => {
    await app.close();
  });

  it('says missing_org_info and what to do, then gets a token with soid', async () => {
    await page.getByRole('button', { name: /Nightly sync/ }).click();
    await page.getByRole('tab', { name: 'Consent' }).click();
    await card().getByRole('button', { name: 'Get token' }).click();
    const error = card().locator('.zoho-error');
    await error.waitFor();
    expect(await text(error)).toContain('Organization not named');
    expect(await text(error)).toContain('soid={service}.{zsoid}');
    expect(await text(error)).toContain('missing_org_info');
    await app.screenshot('client-credentials-missing-org');

    await card().getByLabel('Organization (soid)').fill('ZohoCRM.80019990');
    await card().getByRole('button', { name: 'Get token' }).click();
    const outcome = card().locator('.outcome');
    await outcome.waitFor();
    expect(await text(outcome)).toContain('Token issued by client credentials in ZohoCRM.80019990');
    expect(await text(outcome)).toContain('None: client credentials never give one');
    expect(await card().locator('.zoho-error').count()).toBe(0);
    await app.screenshot('client-credentials-token');
    expect(await axe(page, '#panel-consent')).toEqual([]);

    // Stored like any token: the value in the keychain, the row with its grant and no parent.
    const clients = await app.call('clients:list', {});
    const self = clients.find((c) => c.name === 'Nightly sync');
    const rows = await app.call('tokens:list', { clientRef: self?.id ?? '' });
    expect(rows.map((r) => [r.kind, r.parentId, r.grant])).toEqual([
      ['access', null, { type: 'client-credentials', soid: 'ZohoCRM.80019990' }],
    ]);
  });

  it('shows the token on the timeline in a lane of its own kind, and offers the soid again', async () => {
    await page.getByRole('tab', { name: 'Tokens' }).click();
    await page.getByRole('group', { name: 'Show as' }).getByRole('button', { name: 'List' }).click();
    const table = page.getByRole('table');
    await table.waitFor();
    const lanes = await table.locator('.tl-list-lane').allTextContents();
    expect(lanes).toHaveLength(1);
    expect(lanes[0]).toContain('Client credentials · ZohoCRM.80019990');
    expect(lanes[0]).not.toContain('Online tokens');
    expect(await axe(page, '#panel-tokens')).toEqual([]);
    await page.getByRole('group', { name: 'Show as' }).getByRole('button', { name: 'Timeline' }).click();
    await page.locator('[data-timeline-state="ready"]').waitFor({ state: 'attached' });
    await app.screenshot('client-credentials-timeline');

    await page.getByRole('tab', { name: 'Consent' }).click();
    const options = await card()
      .locator('datalist option')
      .evaluateAll((els) => els.map((el) => (el as HTMLOptionElement).value));
    expect(options).toEqual(['ZohoCRM.80019990']);
    expect(app.pageErrors).toEqual([]);
  });
});
