import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADA, selfClientCode } from '../support/sandbox-helpers';
import { axe } from './axe';
import { e2eSkipReason, launchApp, sandboxSelfClient, type LaunchedApp } from './fixtures';

/**
 * Issue 9, item 5: an environment picks which of its DC's API domains it calls (production,
 * developer, sandbox, as Zoho's SDKs' PRODUCTION()/DEVELOPER()/SANDBOX()); `{{api-domain}}`, the
 * runner and a refresh follow it. The sandbox's DCs have three API domains, each serving its own
 * org, so the answer says which one was called.
 */
const skip = e2eSkipReason !== undefined;
const title = `API environments in Chromium${skip ? ` (skipped: ${String(e2eSkipReason)})` : ''}`;
const text = async (locator: Locator) => (await locator.textContent()) ?? '';

describe.skipIf(skip)(title, () => {
  let app: LaunchedApp;
  let page: Page;
  let envId: string;
  let clientId: string;

  beforeAll(async () => {
    app = await launchApp({
      seed: async ({ call, sandbox }) => {
        const client = await call('clients:save', sandboxSelfClient(sandbox, 'CRM server'));
        const env = await call('environments:save', {
          name: 'CRM',
          clientRef: client.id,
          dcId: 'sandbox-us',
          autoRefresh: false,
        });
        envId = env.id;
        clientId = client.id;
        const scope = 'ZohoCRM.users.READ,ZohoCRM.org.READ';
        const { code } = await selfClientCode(sandbox, { userZuid: ADA, scope });
        await call('tokens:exchange-code', { clientRef: client.id, code, environmentId: env.id });
      },
    });
    page = app.page;
  });

  afterAll(async () => {
    await app.close();
  });

  const us = () => {
    const dc = app.sandbox.dcs.find((d) => d.id === 'sandbox-us');
    if (dc?.developerApiDomain == null || dc.sandboxApiDomain == null) throw new Error('no API domains');
    return { production: dc.apiDomain, developer: dc.developerApiDomain, sandbox: dc.sandboxApiDomain };
  };
  const apiDomainVariable = async () => {
    const envs = await app.call('environments:list', {});
    return envs.find((e) => e.id === envId)?.variables.find((v) => v.key === 'api-domain')?.value;
  };
  const sendOrg = async () => {
    await page.getByRole('tab', { name: 'Requests' }).click();
    await page.getByLabel('URL').fill('{{api-domain}}/crm/v8/org');
    // Wait for this send's answer, not the one still on screen: the history grows by one.
    const sent = await page.locator('.history-item').count();
    await page.getByRole('button', { name: /^Send/ }).click();
    await expect.poll(() => page.locator('.history-item').count()).toBe(sent + 1);
    const response = page.locator('.response');
    expect(await text(response.locator('.status'))).toMatch(/^200/);
    return text(response.getByLabel('Response body, JSON'));
  };

  it('starts on the production API domain, and the runner calls the production org', async () => {
    expect(await apiDomainVariable()).toBe(us().production);
    expect(await sendOrg()).toContain('"type": "Production"');
  });

  it('picking Developer re-points {{api-domain}}; the runner then answers from the developer org', async () => {
    await page.getByRole('tab', { name: 'Environment' }).click();
    const field = page.getByLabel('API domain', { exact: true });
    expect(await field.inputValue()).toBe('production');
    const options = await field.locator('option').allTextContents();
    expect(options).toEqual([
      `Production · ${new URL(us().production).host}`,
      `Developer · ${new URL(us().developer).host}`,
      `Sandbox · ${new URL(us().sandbox).host}`,
    ]);
    await field.selectOption('developer');
    await expect.poll(apiDomainVariable).toBe(us().developer);
    await expect.poll(() => field.inputValue()).toBe('developer');
    await app.screenshot('environment-api-domain');
    expect(await axe(page, '#panel-environment')).toEqual([]);

    const body = await sendOrg();
    expect(body).toContain('"type": "Developer"');
    expect(body).toContain('"company_name": "Tokenbench Sandbox US (Developer)"');
    const variables = page.getByRole('group', { name: 'Variables in this request' });
    expect(await text(variables)).toContain(us().developer);
  });

  it('a refresh keeps the environment on its developer API domain, though Zoho names production', async () => {
    const refreshed = await app.call('tokens:refresh', {
      clientRef: clientId,
      environmentId: envId,
      force: false,
    });
    expect(refreshed.apiDomain).toBe(us().production);
    expect(await apiDomainVariable()).toBe(us().developer);
    expect(await sendOrg()).toContain('"type": "Developer"');
  });

  it('back to production, and a DC without a developer domain offers none', async () => {
    await page.getByRole('tab', { name: 'Environment' }).click();
    await page.getByLabel('API domain', { exact: true }).selectOption('production');
    await expect.poll(apiDomainVariable).toBe(us().production);
    const uk = await app.call('environments:save', {
      name: 'UK',
      clientRef: null,
      dcId: 'uk',
      apiEnvironment: 'production',
      autoRefresh: false,
    });
    const asked = { id: uk.id, name: 'UK', clientRef: null, dcId: 'uk', autoRefresh: false } as const;
    await expect(app.call('environments:save', { ...asked, apiEnvironment: 'developer' })).rejects.toThrow(
      /api_environment_unavailable: United Kingdom has no developer API domain/,
    );
    expect(app.pageErrors).toEqual([]);
  });
});
