import { copyFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenOutcome } from '../../shared/ipc/views';
import { mariadbSkipReason, startMariaDb, type MariaDb } from '../support/mariadb';
import { ADA, selfClientCode } from '../support/sandbox-helpers';
import { checksum, insertRows, sdkRow } from '../support/store-rows';
import { axe } from './axe';
import { e2eSkipReason, launchApp, sandboxSelfClient, type LaunchedApp } from './fixtures';

/**
 * The Stores tab in Chromium against a real MariaDB holding the Zoho SDK's table: a server's rows
 * beside Tokenbench's own tokens, read-only by default, a hand-over after a confirmation that names
 * the row it replaces, and a store that cannot be added said plainly with nothing changed. The
 * screenshot of the tab is the README's (docs/stores.png, with TOKENBENCH_UPDATE_DOCS=1).
 */
const reason = e2eSkipReason ?? mariadbSkipReason;
const skip = reason !== undefined;
const title = `token stores in Chromium${skip ? ` (SKIPPED: ${reason})` : ''}`;

const ADA_SDK_USER = 'ada.lovelace@sandbox-us.example:70000123';
const text = async (locator: Locator) => (await locator.textContent()) ?? '';

describe.skipIf(skip)(title, () => {
  let db: MariaDb;
  let app: LaunchedApp;
  let page: Page;
  let mine: TokenOutcome;
  let theirs: string;

  beforeAll(async () => {
    db = await startMariaDb();
    const writer = await db.addUser('writer', 'SELECT, INSERT, UPDATE');
    app = await launchApp({
      viewport: { width: 1360, height: 900 },
      seed: async ({ call, sandbox }) => {
        const self = sandbox.clients.self;
        const client = await call('clients:save', sandboxSelfClient(sandbox, 'CRM integration'));
        const { code } = await selfClientCode(sandbox, { userZuid: ADA, scope: 'AaaServer.profile.Read' });
        mine = await call('tokens:exchange-code', { clientRef: client.id, code });
        const rows = [
          sdkRow(1, { user_name: ADA_SDK_USER, client_id: self.clientId }),
          sdkRow(2, { user_name: 'grace.hopper@sandbox-us.example:70000123', client_id: self.clientId }),
          sdkRow(3, { user_name: 'ops@acme.example', expiry_time: String(Date.now() - 3 * 86_400_000) }),
          sdkRow(4, { user_name: 'billing@acme.example:70000456', access_token: null, expiry_time: null }),
        ];
        theirs = rows[0]?.refresh_token ?? '';
        await insertRows(db, rows);
        await call('stores:add', {
          name: 'CRM prod',
          host: '127.0.0.1',
          port: db.port,
          user: 'writer',
          password: writer,
        });
        // Added after the store was read: a row the server's app wrote badly.
        await insertRows(db, [sdkRow(5, { user_name: 'test', refresh_token: 'TODO', access_token: null })]);
      },
    });
    page = app.page;
  }, 90_000);

  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it("lists the server's rows as tokens beside Tokenbench's, read-only by default", async () => {
    await page.getByRole('tab', { name: 'Stores' }).click();
    const table = page.getByRole('table', { name: 'Rows of the token store' });
    await table.waitFor();
    const rows = table.getByRole('row');
    expect(await rows.count()).toBe(6);
    expect(await text(rows.nth(1))).toMatch(
      new RegExp(
        `^1ada\\.lovelace@sandbox-us\\.exampleorg 70000123CRM integration1000\\.\\w+…${theirs.slice(-4)}minted elsewhere\\d\\d:\\d\\d:\\d\\d in 4\\d:\\d\\d`,
      ),
    );
    expect(await text(rows.nth(3))).toMatch(/^3ops@acme\.example.*minted elsewhere.*expired$/);
    expect(await text(rows.nth(5))).toMatch(
      /^5test.*…TODOnot a token refresh_token is not a Zoho token \(1000\.…\.…\)/,
    );
    expect(await text(page.locator('.stores-bad-note'))).toBe(
      '1 row is not a token (listed below with why): Tokenbench neither counts nor overwrites it.',
    );
    const card = page.getByRole('region', { name: 'CRM prod' });
    expect(await text(card.locator('.badge').first())).toBe('read-only');
    const handOver = page.getByRole('button', { name: 'Hand over…' });
    expect(await handOver.isDisabled()).toBe(true);
    expect(await text(page.locator('.stores-handover .subtle'))).toBe(
      'This store is read-only: a server depends on its rows. Allow writes first.',
    );
    expect(await axe(page, '#panel-stores')).toEqual([]);
  });

  it("says in the Limits tab what the stores add to each user's count", async () => {
    await page.getByRole('tab', { name: 'Limits' }).click();
    const section = page.getByRole('region', { name: 'Token stores' });
    await section.waitFor();
    expect(await text(section)).toContain(
      'Counted per user: the live refresh tokens Tokenbench minted, plus those a token store holds that Tokenbench did not mint',
    );
    // Grace is no user Tokenbench has seen, so only Ada is counted: her own token and the server's.
    expect(await text(section.getByRole('list'))).toBe(
      "ada.lovelace@sandbox-us.example: 2 of 20 live counted — 1 minted elsewhere, 0 of Tokenbench's held by a store (CRM prod)",
    );
    expect(await axe(page, '#panel-limits')).toEqual([]);
    await page.getByRole('tab', { name: 'Stores' }).click();
  });

  it('hands a token over only after a confirmation that names the row it replaces', async () => {
    await page.getByRole('button', { name: 'Allow writes…' }).click();
    await page
      .getByRole('dialog', { name: 'Allow writes to CRM prod?' })
      .getByRole('button', { name: 'Allow writes' })
      .click();
    await page.getByText('writable', { exact: true }).waitFor();
    const before = await checksum(db);
    const rt = mine.refreshToken?.fingerprint ?? '';
    const select = page.getByLabel('Refresh token to hand over');
    expect(await text(select)).toBe(`${rt} · ada.lovelace@sandbox-us.example`);

    await page.getByRole('button', { name: 'Hand over…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Replace row 1 of CRM prod?' });
    await dialog.waitFor();
    expect(await text(dialog.locator('.stores-replaces'))).toBe(
      `Row 1 holds refresh token …${theirs.slice(-4)} of ${ADA_SDK_USER} (minted elsewhere; it stays live at Zoho until revoked and still counts toward the user’s 20).`,
    );
    expect(await text(dialog)).toContain(`It will hold refresh token ${rt} for ${ADA_SDK_USER}`);
    expect(await axe(page, 'dialog')).toEqual([]);
    await dialog.getByRole('button', { name: 'Keep row 1' }).click();
    expect(await checksum(db)).toBe(before);

    await page.getByRole('button', { name: 'Hand over…' }).click();
    await dialog.waitFor();
    await app.screenshot('stores-confirm');
    await dialog.getByRole('button', { name: 'Replace row 1' }).click();
    const first = page.getByRole('table', { name: 'Rows of the token store' }).getByRole('row').nth(1);
    await expect.poll(() => text(first)).toContain(`${rt}activeyours, ada.lovelace@sandbox-us.example`);
    const { value } = await app.call('secrets:reveal', {
      ref: { kind: 'token', tokenId: mine.refreshToken?.id ?? '' },
    });
    const [row] = await db.query<{ refresh_token: string; user_name: string }>(
      "SELECT refresh_token, user_name FROM zohooauth.oauthtoken WHERE id = '1'",
    );
    expect(row).toEqual({ refresh_token: value, user_name: ADA_SDK_USER });
    expect(await axe(page, '#panel-stores')).toEqual([]);
    // The README's picture shows the rows, not the toast over them.
    await page.locator('.toast').waitFor({ state: 'detached' });
    await app.screenshot('stores');
    // TOKENBENCH_UPDATE_DOCS=1 refreshes the README's picture; a plain run leaves docs/ alone.
    if (process.env.TOKENBENCH_UPDATE_DOCS === '1')
      copyFileSync('test-results/screenshots/stores.png', 'docs/stores.png');
  });

  it('says why a store cannot be added, and adds nothing', async () => {
    await page.getByRole('button', { name: 'Add store…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a token store' });
    await dialog.getByLabel('Name').fill('Staging');
    await dialog.getByLabel('Host').fill('127.0.0.1');
    await dialog.getByLabel('Port').fill(String(db.port));
    await dialog.getByLabel('User').fill('writer');
    await dialog.getByLabel('Password').fill('wrong password');
    await dialog.getByRole('button', { name: 'Read and add' }).click();
    const refusal = dialog.locator('.stores-error');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-code')).toBe('store_access_denied');
    expect(await text(refusal)).toMatch(/^The database refused user "writer" for token store "Staging"/);

    await dialog.getByLabel('Port').fill('1');
    await dialog.getByRole('button', { name: 'Read and add' }).click();
    await expect.poll(() => refusal.getAttribute('data-code')).toBe('store_unreachable');
    expect(await text(refusal)).toMatch(/could not reach the database .* at 127\.0\.0\.1:1 \(ECONNREFUSED\)/);
    expect(await axe(page, 'dialog')).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await app.call('stores:list', {})).map((s) => s.name)).toEqual(['CRM prod']);
    expect(app.pageErrors).toEqual([]);
  });
});
