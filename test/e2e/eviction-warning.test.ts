import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenOutcome } from '../../shared/ipc/views';
import { ADA, selfClientCode } from '../support/sandbox-helpers';
import { axe } from './axe';
import { e2eSkipReason, launchApp, sandboxSelfClient, type LaunchedApp } from './fixtures';

/**
 * The warning before an eviction, end to end: a refresh token with 15 live access tokens (Kaizen #43:
 * "the 16th deletes the 1st"), the oldest pinned in a "Nightly job" environment. Refreshing from the
 * timeline must name that token and that environment, count down to when the refresh is safe, and
 * evict only after "Run anyway" is confirmed. The history is made on a clock 20 minutes behind,
 * since the rate rule allows 10 access tokens per 10 minutes, and catches up before the page opens.
 */
const skip = e2eSkipReason !== undefined;
const title = `the eviction warning in Chromium${skip ? ` (skipped: ${String(e2eSkipReason)})` : ''}`;
const MINUTE = 60_000;

const text = async (locator: Locator) => (await locator.textContent()) ?? '';

describe.skipIf(skip)(title, () => {
  let app: LaunchedApp;
  let page: Page;
  let exchanged: TokenOutcome;
  let offset = -20 * MINUTE;

  beforeAll(async () => {
    app = await launchApp({
      viewport: { width: 1360, height: 1000 },
      now: () => Date.now() + offset,
      seed: async ({ call, sandbox }) => {
        const client = await call('clients:save', sandboxSelfClient(sandbox, 'Support desk'));
        const env = { clientRef: client.id, dcId: 'sandbox-us', autoRefresh: false };
        const support = await call('environments:save', { name: 'Support', ...env });
        const nightly = await call('environments:save', { name: 'Nightly job', ...env });
        const { code } = await selfClientCode(sandbox, { userZuid: ADA });
        exchanged = await call('tokens:exchange-code', {
          clientRef: client.id,
          code,
          environmentId: support.id,
        });
        const refresh = async (times: number) => {
          for (let i = 0; i < times; i++)
            await call('tokens:refresh', { clientRef: client.id, environmentId: support.id });
        };
        await refresh(9); // with the exchange's, 10 in the window: the most the rate allows
        offset = -9 * MINUTE; // the window has moved on
        await refresh(5); // 15 live: the cap is full
        const { value } = await call('secrets:reveal', {
          ref: { kind: 'token', tokenId: exchanged.accessToken.id },
        });
        await call('environments:set-variable', {
          environmentId: nightly.id,
          key: 'access-token',
          value,
          secret: true,
        });
        offset = 0;
      },
    });
    page = app.page;
  });

  afterAll(async () => {
    await app.close();
  });

  it('names the token a refresh would delete, who uses it, and when it is safe', async () => {
    await page.getByRole('tab', { name: 'Tokens' }).click();
    await page.locator('[data-timeline-state="ready"]').waitFor({ state: 'attached' });
    const oldest = exchanged.accessToken.fingerprint;
    expect(await page.getByRole('img', { name: /^Token timeline:/ }).getAttribute('aria-label')).toBe(
      `Token timeline: 1 refresh token, 15 live access tokens; next eviction: ${oldest}`,
    );
    await page.getByRole('group', { name: /^Token timeline/ }).focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Refresh this refresh token' }).click();

    const warning = page.getByRole('alert').filter({ hasText: 'Zoho would silently delete a token' });
    await warning.waitFor();
    expect(await text(warning.locator('.guard-message'))).toMatch(
      /^Zoho keeps at most 15 live access tokens per refresh token: the 16th deletes the oldest/,
    );
    const lost = warning.getByRole('list', { name: 'Tokens that would be deleted' });
    expect(await text(lost)).toBe(`evicted Access token ${oldest}, used by Nightly job`);
    // The oldest was made 20 minutes ago and lives an hour: safe in (a little under) 40 minutes.
    expect(await text(warning.locator('.guard-when'))).toMatch(
      /^Safe again at \d\d:\d\d:\d\d, in (39:\d\d|40:00)$/,
    );
    expect(await warning.getByRole('timer', { name: /^Safe again in (39:\d\d|40:00)$/ }).count()).toBe(1);
    expect(await axe(page, '#panel-tokens')).toEqual([]);
    await app.screenshot('guard-eviction');
    const before = await app.call('tokens:list', {});
    expect(before.filter((r) => r.kind === 'access' && r.status === 'active')).toHaveLength(15);
  });

  it('evicts only after "Run anyway" is confirmed, and the timeline shows the eviction', async () => {
    const warning = page.getByRole('alert').filter({ hasText: 'Zoho would silently delete a token' });
    await warning.getByRole('button', { name: 'Run anyway…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Run it anyway?' });
    expect(await text(dialog)).toContain('The tokens listed will stop working at once');
    await dialog.getByRole('button', { name: 'Keep waiting' }).click();
    expect(await dialog.count()).toBe(0);
    const oldest = exchanged.accessToken.id;
    const statusOf = async () => (await app.call('tokens:list', {})).find((r) => r.id === oldest)?.status;
    expect(await statusOf()).toBe('active');

    await warning.getByRole('button', { name: 'Run anyway…' }).click();
    await dialog.getByRole('button', { name: 'Yes, run it anyway' }).click();
    await expect.poll(statusOf).toBe('evicted');
    await expect
      .poll(() => page.getByRole('img', { name: /^Token timeline:/ }).getAttribute('aria-label'))
      .toMatch(/^Token timeline: 1 refresh token, 15 live access tokens; next eviction: …\w{4}$/);
    expect(await page.getByRole('alert').filter({ hasText: 'silently delete' }).count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });
});
