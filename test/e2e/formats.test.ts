import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SdkTokenRow } from '../../shared/filestore';
import { sdkRead, sdkWrite } from '../support/sdk-filestore';
import { axe } from './axe';
import { e2eSkipReason, launchApp, type LaunchedApp } from './fixtures';

/**
 * The formats through the UI a user sees: a Zoho SDK's FileStore imported in the import dialog (the
 * SDK's own FileStore class wrote it), one exported with the FileStore button and read back by the
 * SDK, the DC asked for when an older SDK's file does not say it, and secrets by their name.
 */
const skip = e2eSkipReason !== undefined;
const title = `FileStore and secret names in Chromium${skip ? ` (skipped: ${String(e2eSkipReason)})` : ''}`;

const hex = (n: number) => randomBytes(n).toString('hex');
const row = (page: Page, key: string): Locator => page.locator(`tr[data-key="${key}"]`);

function sdkRow(over: Partial<SdkTokenRow> = {}): SdkTokenRow {
  return {
    id: null,
    userName: 'ada@example.com:20050123',
    clientId: `1000.${hex(12).toUpperCase()}`,
    clientSecret: hex(21),
    refreshToken: `1000.${hex(16)}.${hex(16)}`,
    accessToken: `1000.${hex(16)}.${hex(16)}`,
    grantToken: null,
    expiryTime: String(Date.now() + 40 * 60_000),
    redirectUrl: 'https://crm.example.com/oauth/callback',
    apiDomain: 'https://www.zohoapis.eu',
    ...over,
  };
}

describe.skipIf(skip)(title, () => {
  let app: LaunchedApp;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tokenbench-formats-'));
    app = await launchApp();
    page = app.page;
  });

  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function openImport() {
    await page.getByRole('button', { name: 'Import an environment file' }).click();
    return page.getByRole('dialog', { name: 'Import an environment' });
  }

  it("imports the Node.js SDK's FileStore: an environment per row, secrets masked, tokens on the timeline", async () => {
    const ada = sdkRow();
    const bob = sdkRow({
      clientId: ada.clientId,
      clientSecret: ada.clientSecret,
      userName: 'bob@example.com:20050123',
    });
    const file = join(dir, 'nodejs_sdk_tokens.csv');
    await sdkWrite('node', file, [ada, bob]);

    const dialog = await openImport();
    await dialog.getByLabel('Environment file', { exact: true }).setInputFiles(file);
    expect(await axe(page, 'dialog[open]')).toEqual([]);
    await dialog.getByRole('button', { name: 'Import' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.locator('.toast').last().textContent())
      .toContain(
        "Read the Node.js SDK's FileStore (10 columns, LF); 2 environments; 1 client added; 4 tokens added to the ledger",
      );
    expect(await page.getByLabel('Environment name').inputValue()).toBe('SDK row 1 · ada@example.com');
    expect(await row(page, 'access-token').locator('.env-mask').textContent()).toBe(
      `••••••••Secret ending …${(ada.accessToken ?? '').slice(-4)}`,
    );
    expect(await row(page, 'sdk-user-name').locator('.env-plain-value').textContent()).toBe(ada.userName);
    expect(await page.locator('tbody').textContent()).not.toContain(ada.refreshToken ?? '');
    await app.screenshot('filestore-imported');

    await page.getByRole('tab', { name: 'Tokens' }).click();
    const tokens = await app.call('tokens:list', {});
    expect(tokens.map((t) => t.fingerprint).sort()).toEqual(
      [ada, bob]
        .flatMap((r) => [r.accessToken, r.refreshToken])
        .map((v) => `…${(v ?? '').slice(-4)}`)
        .sort(),
    );
    await expect.poll(() => page.locator('.main-title').textContent()).toMatch(/^SDK client 1000\./);
    await app.screenshot('filestore-tokens');
    // Minted outside Tokenbench: the list says the access tokens' creation is an estimate, the refresh tokens' unknown.
    await page.getByRole('button', { name: 'List', exact: true }).click();
    const list = page.locator('.tl-list');
    await expect.poll(() => list.locator('tbody tr').count()).toBe(4);
    const cells = await list
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => (r.querySelectorAll('td')[2]?.textContent ?? '').trim()));
    expect(cells.filter((c) => c === 'unknown')).toHaveLength(2);
    expect(cells.filter((c) => /^~\d\d:\d\d/.test(c))).toHaveLength(2);
    await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  });

  it('exports a FileStore only with the secrets, and the TypeScript SDK reads it back', async () => {
    await page.getByRole('tab', { name: 'Environment' }).click();
    const exportButton = page.getByRole('button', { name: 'Export FileStore' });
    expect(await exportButton.isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: 'Include secret values' }).check();
    await page.getByLabel('SDK of the FileStore').selectOption('typescript');
    await app.screenshot('filestore-export-bar');
    const download = page.waitForEvent('download');
    await exportButton.click();
    const saved = await (await download).path();
    const copy = join(dir, 'exported.csv');
    writeFileSync(copy, readFileSync(saved));
    expect(readFileSync(copy, 'utf8').split('\n')[0]).toMatch(/^id,user_mail,client_id,/);
    const [read] = await sdkRead('typescript', copy);
    const keychain = await app.call('secrets:reveal', {
      ref: { kind: 'env-variable', environmentId: await selectedEnvironmentId(), key: 'refresh-token' },
    });
    expect(read).toMatchObject({
      id: '1',
      userName: 'ada@example.com:20050123',
      refreshToken: keychain.value,
      apiDomain: 'https://www.zohoapis.eu',
      foundByRefreshToken: true,
    });
    await page.getByRole('checkbox', { name: 'Include secret values' }).uncheck();
  });

  it("asks for the DC of an older SDK's 9-column file, which does not say it", async () => {
    const file = join(dir, 'old_tokens.csv');
    await sdkWrite('node-2.0', file, [sdkRow({ id: '1', userName: 'grace@example.com', apiDomain: null })]);
    const dialog = await openImport();
    await dialog.getByLabel('Environment file', { exact: true }).setInputFiles(file);
    const dc = dialog.getByLabel('Data center of the tokens', { exact: true });
    await dc.waitFor();
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => dc.getAttribute('aria-invalid')).toBe('true');
    expect(await axe(page, 'dialog[open]')).toEqual([]);
    await app.screenshot('filestore-dc-required');
    await dc.selectOption('jp');
    await dialog.getByRole('button', { name: 'Import' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByLabel('Environment name').inputValue()).toBe('SDK row 1 · grace@example.com');
    expect(await row(page, 'api-domain').locator('.env-plain-value').textContent()).toBe(
      'https://www.zohoapis.jp',
    );
  });

  it('masks variables named like secrets, lets the user unmark one, and suggests secret for a new one', async () => {
    const password = hex(12);
    const file = join(dir, 'team.postman_environment.json');
    const values = [
      { key: 'password', value: password, type: 'default', enabled: true },
      { key: 'org_id', value: '20050123', type: 'default', enabled: true },
    ];
    writeFileSync(file, `\uFEFF${JSON.stringify({ name: 'Team', values })}`);
    const dialog = await openImport();
    await dialog.getByLabel('Environment file', { exact: true }).setInputFiles(file);
    await dialog.getByRole('button', { name: 'Import' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await row(page, 'password').locator('.env-mask').count()).toBe(1);
    expect(await page.locator('tbody').textContent()).not.toContain(password);

    await page.getByLabel('Type of password').selectOption('default');
    await expect.poll(() => row(page, 'password').locator('.env-plain-value').textContent()).toBe(password);
    await page.getByLabel('Type of password').selectOption('secret');
    await expect.poll(() => row(page, 'password').locator('.env-mask').count()).toBe(1);

    await page.getByLabel('New variable key').fill('x-api-key');
    expect(await page.getByLabel('New variable type').inputValue()).toBe('secret');
    await page.getByLabel('New variable key').fill('org-name');
    expect(await page.getByLabel('New variable type').inputValue()).toBe('default');
    expect(app.pageErrors).toEqual([]);
  });

  async function selectedEnvironmentId(): Promise<string> {
    const name = await page.getByLabel('Environment name').inputValue();
    const envs = await app.call('environments:list', {});
    return envs.find((e) => e.name === name)?.id ?? expect.unreachable(`no environment ${name}`);
  }
});
