import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientRecord, EnvironmentRecord } from '../../shared/workspace/model';
import { ADA, selfClientCode, tokenEndpointCalls } from '../support/sandbox-helpers';
import { axe } from './axe';
import { e2eSkipReason, launchApp, sandboxSelfClient, type LaunchedApp } from './fixtures';

/**
 * Item 3 of issue 7: the DC switcher acts on what is in view, never moves an environment holding
 * tokens silently, the header, the environment card and the variables name the same DC, and the
 * runner refuses to send a token to another DC's host.
 */
const skip = e2eSkipReason !== undefined;
const title = `DC switcher and token DCs in Chromium${skip ? ` (skipped: ${String(e2eSkipReason)})` : ''}`;

const text = async (locator: Locator) => (await locator.textContent()) ?? '';

describe.skipIf(skip)(title, () => {
  let app: LaunchedApp;
  let page: Page;
  let desk: ClientRecord;
  let alpha: ClientRecord;

  beforeAll(async () => {
    app = await launchApp({
      // "Support desk" with Ada's sandbox tokens in "Support" and "Runs"; "Alpha" with no environment.
      seed: async ({ call, sandbox }) => {
        desk = await call('clients:save', sandboxSelfClient(sandbox, 'Support desk'));
        alpha = await call('clients:save', { ...sandboxSelfClient(sandbox, 'Alpha'), dcId: 'us' });
        for (const name of ['Support', 'Runs']) {
          const env = await call('environments:save', {
            name,
            clientRef: desk.id,
            dcId: 'sandbox-us',
            autoRefresh: false,
          });
          const { code } = await selfClientCode(sandbox, { userZuid: ADA });
          await call('tokens:exchange-code', { clientRef: desk.id, code, environmentId: env.id });
        }
      },
    });
    page = app.page;
  });

  afterAll(async () => {
    await app.close();
  });

  const envNamed = async (name: string): Promise<EnvironmentRecord> => {
    const env = (await app.call('environments:list', {})).find((e) => e.name === name);
    if (env === undefined) throw new Error(`no environment ${name}`);
    return env;
  };
  const value = (env: EnvironmentRecord, key: string) => env.variables.find((v) => v.key === key)?.value;
  const clientItem = (name: RegExp) =>
    page.getByRole('region', { name: 'Clients' }).getByRole('button', { name });
  const envItem = (name: RegExp) =>
    page.getByRole('region', { name: 'Environments' }).getByRole('button', { name });
  const chip = (name: string) => page.getByRole('button', { name, exact: true });
  const sandboxUs = () => app.sandbox.dcs.find((d) => d.id === 'sandbox-us')?.accountsUrl;

  it("names each DC's accounts server and its three API domains on hover", async () => {
    expect(await chip('EU Europe').getAttribute('title')).toBe(
      [
        'Europe',
        'accounts https://accounts.zoho.eu',
        'API https://www.zohoapis.eu',
        'developer https://developer.zohoapis.eu',
        'sandbox https://sandbox.zohoapis.eu',
      ].join('\n'),
    );
    expect(await chip('UK United Kingdom').getAttribute('title')).toContain('developer none known');
  });

  it("a DC click while another client is in view leaves that client's environment where it is", async () => {
    await envItem(/^Support/).click();
    await clientItem(/^Alpha/).click();
    expect(await text(page.locator('.main-title'))).toBe('Alpha');
    await chip('UK United Kingdom').click();
    await expect.poll(() => chip('UK United Kingdom').getAttribute('aria-pressed')).toBe('true');

    const support = await envNamed('Support');
    expect(support.dcId).toBe('sandbox-us');
    expect(value(support, 'api-domain')).toBe(sandboxUs());
    expect(value(support, 'accounts-url')).toBe(sandboxUs());
  });

  it('asks before moving an environment that holds tokens, and says what happens to them', async () => {
    await envItem(/^Support/).click();
    await page.getByRole('tab', { name: 'Environment' }).click();
    await expect.poll(() => chip('US Sandbox US').getAttribute('aria-pressed')).toBe('true');
    await chip('EU Europe').click();
    const dialog = page.getByRole('dialog', { name: 'Move “Support” to Europe?' });
    await dialog.waitFor();
    expect(await text(dialog)).toMatch(
      /It holds tokens of ada\.lovelace@sandbox-us\.example \(refresh token …\w{4}\), issued by Sandbox US\./,
    );
    expect(await text(dialog)).toContain('clears access-token, refresh-token and expiry-time');
    expect(await axe(page, 'dialog[open]')).toEqual([]);
    await app.screenshot('dc-move-question');

    await dialog.getByRole('button', { name: 'Stay at Sandbox US' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await chip('US Sandbox US').getAttribute('aria-pressed')).toBe('true');
    expect(await chip('EU Europe').getAttribute('aria-pressed')).toBe('false');
    expect(await text(page.locator('.env-dc'))).toContain('Sandbox US');
    const kept = await envNamed('Support');
    expect(kept.dcId).toBe('sandbox-us');
    expect(kept.variables.find((v) => v.key === 'access-token')?.fingerprint).not.toBeNull();

    await chip('EU Europe').click();
    await page
      .getByRole('dialog', { name: 'Move “Support” to Europe?' })
      .getByRole('button', { name: 'Move and clear its tokens' })
      .click();
    await expect.poll(() => text(page.locator('.env-dc'))).toContain('Europe');
    const moved = await envNamed('Support');
    expect(moved.dcId).toBe('eu');
    expect(value(moved, 'api-domain')).toBe('https://www.zohoapis.eu');
    expect(value(moved, 'accounts-url')).toBe('https://accounts.zoho.eu');
    expect(moved.variables.find((v) => v.key === 'access-token')?.fingerprint).toBeNull();
    expect(await chip('EU Europe').getAttribute('aria-pressed')).toBe('true');
    expect(await text(page.locator('.dc-in-view'))).toContain('https://www.zohoapis.eu');
    expect(await page.getByLabel('Tokens held').textContent()).toContain('none yet');
    const tokens = await app.call('tokens:list', { clientRef: desk.id });
    expect(tokens.filter((t) => t.status === 'active').length).toBeGreaterThan(0);
  });

  it("the runner refuses to send a token to another DC's host, and nothing leaves", async () => {
    await envItem(/^Runs/).click();
    await page.getByRole('tab', { name: 'Environment' }).click();
    const eu = app.sandbox.dcs.find((d) => d.id === 'sandbox-eu')?.apiDomain ?? '';
    await page.getByRole('button', { name: 'Edit api-domain' }).click();
    await page.getByLabel('New value of api-domain').fill(eu);
    await page.getByLabel('New value of api-domain').press('Enter');
    await expect.poll(async () => value(await envNamed('Runs'), 'api-domain')).toBe(eu);

    await page.getByRole('tab', { name: 'Requests' }).click();
    const calls = await apiCalls();
    await page.getByRole('button', { name: /^Send/ }).click();
    const error = page.locator('.zoho-error');
    await expect
      .poll(() => text(error.locator('.zoho-error-title')))
      .toBe('Not sent: the token belongs to another DC');
    expect(await text(error)).toMatch(
      /\{\{access-token\}\} of "Runs" was issued by Sandbox US, and 127\.0\.0\.1:\d+ belongs to Sandbox EU/,
    );
    expect(await apiCalls()).toBe(calls);
    await app.screenshot('runner-token-dc');
    expect(await axe(page, '#panel-runner')).toEqual([]);
    expect(alpha.dcId).toBe('us');
    expect(await tokenEndpointCalls(app.sandbox)).toBeGreaterThan(0);
    expect(app.pageErrors).toEqual([]);
  });

  /** Requests the sandbox's APIs answered (both DCs share one log). */
  async function apiCalls(): Promise<number> {
    const res = await fetch(`${app.sandbox.url}/sandbox/log`);
    const { entries } = (await res.json()) as { entries: { path: string }[] };
    return entries.filter((e) => e.path === '/crm/v8/users').length;
  }
});
