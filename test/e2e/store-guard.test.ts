import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mariadbSkipReason, startMariaDb, type MariaDb } from '../support/mariadb';
import { ADA, advance, grantTokens, refresh, str } from '../support/sandbox-helpers';
import { insertRows, sdkRow } from '../support/store-rows';
import { axe } from './axe';
import { e2eSkipReason, launchApp, type LaunchedApp } from './fixtures';

/**
 * The limit guard naming a server's refresh token before a consent deletes it, in Chromium. Ada has
 * 19 refresh tokens of the demo client minted by a server (in its token store, a real MariaDB) and
 * one from a consent in Tokenbench: Zoho's 20. The next consent is refused with the store's row
 * named; "Run anyway" goes on, and the sandbox deletes exactly that token.
 */
const reason = e2eSkipReason ?? mariadbSkipReason;
const skip = reason !== undefined;
const title = `the guard and a token store in Chromium${skip ? ` (SKIPPED: ${reason})` : ''}`;
const text = async (locator: Locator) => (await locator.textContent()) ?? '';

describe.skipIf(skip)(title, () => {
  let db: MariaDb;
  let app: LaunchedApp;
  let page: Page;
  const elsewhere: string[] = [];

  beforeAll(async () => {
    db = await startMariaDb();
    const reader = await db.addUser('reader', 'SELECT');
    app = await launchApp({
      viewport: { width: 1360, height: 1000 },
      seed: async ({ call, sandbox }) => {
        await call('sandbox:try', {});
        // Zoho allows 10 refresh tokens (and grant codes) per 10 minutes: the sandbox clock moves on.
        for (let i = 0; i < 19; i++) {
          if (i === 9) await advance(sandbox, 601);
          const tokens = await grantTokens(sandbox, {
            user: ADA,
            prompt: 'consent',
            scope: 'ZohoCRM.modules.ALL',
          });
          elsewhere.push(str(tokens.refresh_token));
        }
        await advance(sandbox, 601);
        const user = 'ada.lovelace@sandbox-us.example:70000123';
        const client = sandbox.demoClient.clientId;
        await insertRows(
          db,
          elsewhere.map((token, i) =>
            sdkRow(i + 1, { user_name: user, client_id: client, refresh_token: token }),
          ),
        );
        await call('stores:add', {
          name: 'CRM prod',
          host: '127.0.0.1',
          port: db.port,
          user: 'reader',
          password: reader,
        });
      },
    });
    page = app.page;
  }, 120_000);

  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('names the store-held refresh token a consent would delete, and deletes it only when run anyway', async () => {
    // Tokenbench's own consent for Ada: her 20th live refresh token.
    await page.getByRole('button', { name: 'Open browser' }).click();
    await app.robot.consent({ user: /Ada Lovelace/ });
    await page.locator('.outcome').waitFor();

    await page.getByRole('button', { name: 'Open browser' }).click();
    const warning = page.getByRole('alert').filter({ hasText: 'Zoho would silently delete a token' });
    await warning.waitFor();
    expect(await text(warning.locator('.guard-message'))).toMatch(
      /^Zoho keeps at most 20 live refresh tokens per user and client: the 21st deletes the oldest/,
    );
    const lost = warning.getByRole('list', { name: 'Tokens that would be deleted' });
    expect(await text(lost)).toBe(
      `evictedRefresh token …${(elsewhere[0] ?? '').slice(-4)}, held by token store CRM prod (row 1), if ada.lovelace@sandbox-us.example signs in (minted elsewhere: its age is unknown, so it is taken for the oldest)`,
    );
    expect(app.robot.opened).toHaveLength(1);
    expect(await axe(page, '#panel-consent')).toEqual([]);
    await app.screenshot('guard-store');

    await warning.getByRole('button', { name: 'Run anyway…' }).click();
    await page
      .getByRole('dialog', { name: 'Run it anyway?' })
      .getByRole('button', { name: 'Yes, run it anyway' })
      .click();
    await app.robot.consent({ user: /Ada Lovelace/ });
    const sandbox = app.sandbox;
    await expect.poll(async () => refresh(sandbox, elsewhere[0] ?? '')).toEqual({ error: 'invalid_code' });
    expect(await refresh(sandbox, elsewhere[1] ?? '')).toHaveProperty('access_token');
    expect(app.pageErrors).toEqual([]);
  });
});
