import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenRow } from '../../shared/ipc/views';
import { writeStory } from '../../bench/support/story-history';
import { axe } from './axe';
import { e2eSkipReason, launchApp, type LaunchedApp } from './fixtures';

/**
 * The Tokens and Limits tabs end to end: the timeline of a real consent and refreshes on the sandbox
 * (its accessible name, list view, zoom by button and key, keyboard focus and tooltip, refresh and the
 * guard, revoke), the limit meters against the profile in force and its switch, and a realistic
 * history seeded in the store for the screenshots, in both themes, with axe on each.
 */
const skip = e2eSkipReason !== undefined;
const title = `tokens and limits in Chromium${skip ? ` (skipped: ${String(e2eSkipReason)})` : ''}`;

/** Polls `check` until it holds; for hooks, where expect.poll is not available. */
async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const text = async (locator: Locator) => (await locator.textContent()) ?? '';

async function openTokens(page: Page): Promise<Locator> {
  await page.getByRole('tab', { name: 'Tokens' }).click();
  await page.locator('[data-timeline-state="ready"]').waitFor({ state: 'attached' });
  return page.getByRole('img', { name: /^Token timeline:/ });
}

describe.skipIf(skip)(title, () => {
  describe('a consent and refreshes on the sandbox', () => {
    let app: LaunchedApp;
    let page: Page;
    let rt: TokenRow;
    const refresh = async (times: number) => {
      for (let i = 0; i < times; i++)
        await app.call('tokens:refresh', { clientRef: rt.clientRef, refreshTokenId: rt.id });
    };

    beforeAll(async () => {
      app = await launchApp();
      page = app.page;
      await page.getByRole('button', { name: 'Try the sandbox' }).click();
      await app.robot.consent({ user: /Ada Lovelace/ });
      await until(async () => (await app.call('tokens:list', {})).length === 2);
      const found = (await app.call('tokens:list', {})).find((r) => r.kind === 'refresh');
      if (found === undefined) throw new Error('the consent made no refresh token');
      rt = found;
      await refresh(2);
    });

    afterAll(async () => {
      await app.close();
    });

    it('draws a lane for the refresh token, says so in its accessible name, and lists the same facts', async () => {
      const canvas = await openTokens(page);
      await expect
        .poll(() => canvas.getAttribute('aria-label'))
        .toBe('Token timeline: 1 refresh token, 3 live access tokens; no eviction due');
      await page.getByRole('group', { name: 'Show as' }).getByRole('button', { name: 'List' }).click();
      const table = page.getByRole('table');
      const rows = table.getByRole('row');
      expect(await rows.count()).toBe(5);
      expect(await text(rows.nth(1))).toContain(`Refresh ${rt.fingerprint}`);
      expect(await text(rows.nth(1))).toMatch(
        /ada\.lovelace@sandbox-us\.example · Tokenbench Sandbox US · SANDBOX-US/,
      );
      expect(await text(rows.nth(1))).toContain('3 / 15 live');
      expect(await table.getByText(/^in (59|60|1:00):\d\d/).count()).toBeGreaterThanOrEqual(1);
      expect(await axe(page, '#panel-tokens')).toEqual([]);
      await page.getByRole('group', { name: 'Show as' }).getByRole('button', { name: 'Timeline' }).click();
      await page.locator('[data-timeline-state="ready"]').waitFor({ state: 'attached' });
    });

    it('zooms with the buttons and with − and +', async () => {
      const zoom = page.getByRole('group', { name: 'Zoom' });
      const pressed = () => zoom.locator('[aria-pressed="true"]').textContent();
      expect(await pressed()).toBe('1 hour');
      await zoom.getByRole('button', { name: '10 min' }).click();
      expect(await pressed()).toBe('10 min');
      await page.getByRole('group', { name: /^Token timeline/ }).focus();
      await page.keyboard.press('-');
      expect(await pressed()).toBe('1 hour');
      await page.keyboard.press('-');
      expect(await pressed()).toBe('1 day');
      await page.keyboard.press('+');
      expect(await pressed()).toBe('1 hour');
    });

    it('walks lanes and bars by keyboard, with a tooltip and a spoken description', async () => {
      const timeline = page.getByRole('group', { name: /^Token timeline/ });
      await timeline.focus();
      await page.keyboard.press('Home');
      const spoken = page.locator('.tl-root [aria-live="polite"]');
      await expect.poll(() => text(spoken)).toMatch(new RegExp(`^Refresh token ${rt.fingerprint} of ada`));
      await page.keyboard.press('ArrowRight');
      await expect
        .poll(() => text(spoken))
        .toMatch(/^Access token …\w{4}, created \d\d:\d\d:\d\d, expires in \d+ min/);
      const tooltip = page.getByRole('tooltip');
      expect(await text(tooltip)).toMatch(
        /Access token…\w{4}.*activeCreated\d\d:\d\d:\d\dExpires in\d+:\d\d/,
      );
      await page.keyboard.press('Enter');
      expect(await text(page.locator('#tl-selection-title'))).toMatch(/^Access token …\w{4}$/);
      await page.keyboard.press('Escape');
      expect(await page.locator('#tl-selection-title').count()).toBe(0);
    });

    it('shows access tokens (10 min) 3 / 10 and live 3 / 15, and the profile switch changes the cap to 10', async () => {
      await page.getByRole('tab', { name: 'Limits' }).click();
      const card = page.getByRole('article', { name: `Limits of refresh token ${rt.fingerprint}` });
      const rate = card.getByRole('meter', { name: 'Access tokens (10 min)' });
      const live = card.getByRole('meter', { name: 'Live access tokens' });
      await expect.poll(() => rate.getAttribute('aria-valuenow')).toBe('3');
      expect(await rate.getAttribute('aria-valuemax')).toBe('10');
      expect(await live.getAttribute('aria-valuenow')).toBe('3');
      expect(await live.getAttribute('aria-valuemax')).toBe('15');
      expect(await text(card)).toContain('3 / 10');
      expect(await text(card)).toContain('3 / 15');
      expect(await text(card)).toContain('7 more allowed now');

      const profile = page.getByLabel('Profile in force');
      await profile.selectOption({ label: '10 live access tokens' });
      await expect.poll(() => live.getAttribute('aria-valuemax')).toBe('10');
      expect(await text(card)).toContain('3 / 10');
      expect(await text(page.locator('.limits-profile'))).toContain(
        'Zoho API docs stating 10 active access tokens',
      );
      await profile.selectOption({ label: 'Kaizen #43 (default)' });
      await expect.poll(() => live.getAttribute('aria-valuemax')).toBe('15');
      expect(await axe(page, '#panel-limits')).toEqual([]);
    });

    it('after 10 access tokens in the window, counts down to the next slot; the timeline refresh meets the guard', async () => {
      await refresh(7);
      const card = page.getByRole('article', { name: `Limits of refresh token ${rt.fingerprint}` });
      const rate = card.getByRole('meter', { name: 'Access tokens (10 min)' });
      await expect.poll(() => rate.getAttribute('aria-valuenow')).toBe('10');
      expect(await text(card)).toMatch(/Next slot frees in \d+:\d\d/);

      await openTokens(page);
      await page.getByRole('group', { name: /^Token timeline/ }).focus();
      await page.keyboard.press('Home');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Refresh this refresh token' }).click();
      const warning = page.locator('.guard-warning');
      await warning.waitFor();
      expect(await text(warning)).toContain('Zoho would answer Access Denied');
      expect(await text(warning)).toContain('10 of 10 access tokens for this refresh token');
      expect(await axe(page, '#panel-tokens')).toEqual([]);
    });

    it('revokes the refresh token after a confirmation; the lane turns revoked', async () => {
      await page.getByRole('button', { name: 'Revoke…' }).click();
      const dialog = page.getByRole('dialog', { name: `Revoke refresh token ${rt.fingerprint}?` });
      expect(await text(dialog)).toContain('its 10 live access tokens at once');
      await dialog.getByRole('button', { name: 'Revoke', exact: true }).click();
      const canvas = page.getByRole('img', { name: /^Token timeline:/ });
      await expect
        .poll(() => canvas.getAttribute('aria-label'))
        .toBe('Token timeline: 1 refresh token (0 live), 0 live access tokens; no eviction due');
      expect(app.pageErrors).toEqual([]);
    });
  });

  describe('a realistic history', () => {
    let app: LaunchedApp;
    let page: Page;

    beforeAll(async () => {
      app = await launchApp({
        viewport: { width: 1360, height: 1100 },
        seed: ({ host }) => {
          writeStory(host.workbench.ctx.store, Date.now());
        },
      });
      page = app.page;
    });

    afterAll(async () => {
      await app.close();
    });

    it('pictures evictions, a revocation, grant codes and Access Denied, in both themes', async () => {
      const canvas = await openTokens(page);
      expect(await canvas.getAttribute('aria-label')).toMatch(
        /^Token timeline: 5 refresh tokens \(4 live\), 29 live access tokens; next eviction: …\w{4}$/,
      );
      // The refresh token refreshed every 3.5 minutes is the fifth lane; its first bar was evicted.
      await page.getByRole('group', { name: /^Token timeline/ }).focus();
      for (const key of ['Home', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowRight'])
        await page.keyboard.press(key);
      const tooltip = page.getByRole('tooltip');
      expect(await text(tooltip)).toMatch(/evicted.*Evicted\d\d:\d\d:\d\dEvicted by…\w{4}/);
      expect(await axe(page, '#panel-tokens')).toEqual([]);
      await app.screenshot('timeline');

      await page.getByLabel('Theme').selectOption('dark');
      await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
      expect(await axe(page, '#panel-tokens')).toEqual([]);
      await app.screenshot('timeline-dark');
      await page.getByLabel('Theme').selectOption('light');
    });

    it('shows each rule, the Access Denied block with its countdown, and the next evictions', async () => {
      await page.getByRole('tab', { name: 'Limits' }).click();
      const blocked = page.getByRole('alert').filter({ hasText: 'Zoho answered Access Denied' });
      expect(await text(blocked)).toMatch(
        /Zoho answered Access Denied; blocked until \d\d:\d\d:\d\d \(\d:\d\d\)/,
      );
      const evictions = page.getByRole('region', { name: 'Next evictions' });
      expect(await text(evictions)).toMatch(
        /Next refresh of …\w{4}evicts access token …\w{4} \(the oldest live access token\)/,
      );
      expect(await text(evictions)).toMatch(
        /Next consent of ann@acme\.testevicts nothing \(2 of 20 refresh tokens live\)/,
      );
      expect(await axe(page, '#panel-limits')).toEqual([]);
      // The workbench scrolls inside its main area, so a taller window shows the whole tab.
      await page.setViewportSize({ width: 1360, height: 1560 });
      await app.screenshot('limits');
      expect(app.pageErrors).toEqual([]);
    });
  });
});
