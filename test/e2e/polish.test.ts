import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADA, selfClientCode } from '../support/sandbox-helpers';
import { axe } from './axe';
import { e2eSkipReason, launchApp, sandboxSelfClient, type LaunchedApp } from './fixtures';

/**
 * What a user saw that looked careless (issue 7, item 9), each through the app in Chromium at
 * 1024x700: the clock of the self-client form, a server client's code lifetime, the user's own
 * Cancel, stacking notices, the timeline's now label and tooltip, the environment table's width,
 * and the keyboard shortcuts. The history (a self-client exchange and 9 refreshes) is made 20
 * minutes ago, so refreshing now breaks no rule.
 */
const skip = e2eSkipReason !== undefined;
const title = `careful details in Chromium${skip ? ` (skipped: ${String(e2eSkipReason)})` : ''}`;
const MINUTE = 60_000;
const LONG_ENV = 'Nightly export job for the support team, with a long name';

const text = async (locator: Locator) => (await locator.textContent()) ?? '';

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
  text: string;
}

async function openClient(page: Page, name: RegExp, tab: string): Promise<void> {
  await page.getByRole('button', { name }).click();
  await page.getByRole('tab', { name: tab }).click();
}

describe.skipIf(skip)(title, () => {
  let app: LaunchedApp;
  let page: Page;
  let offset = -20 * MINUTE;

  beforeAll(async () => {
    app = await launchApp({
      viewport: { width: 1024, height: 700 },
      now: () => Date.now() + offset,
      seed: async ({ call, sandbox }) => {
        const demo = sandbox.demoClient;
        await call('clients:save', {
          name: 'Web app',
          dcId: 'sandbox-us',
          zohoClientId: demo.clientId,
          clientSecret: demo.clientSecret,
          type: 'server',
          redirectUri: demo.redirectUri,
          multiDc: true,
          pkce: false,
          revokeEndpoint: 'sdk',
        });
        const client = await call('clients:save', sandboxSelfClient(sandbox, 'Support desk'));
        const env = await call('environments:save', {
          name: LONG_ENV,
          clientRef: client.id,
          dcId: 'sandbox-us',
          autoRefresh: false,
        });
        const { code } = await selfClientCode(sandbox, { userZuid: ADA });
        await call('tokens:exchange-code', { clientRef: client.id, code, environmentId: env.id });
        for (let i = 0; i < 9; i++) await call('tokens:refresh', { clientRef: client.id });
        offset = 0;
      },
    });
    page = app.page;
  });

  afterAll(async () => {
    await app.close();
  });

  it('writes the self-client clock in 24-hour time, and says so when a time is mistyped', async () => {
    await openClient(page, /Support desk/, 'Consent');
    const form = page.getByRole('form', { name: 'Exchange a grant code' });
    await form.getByLabel('Grant code', { exact: true }).fill('1000.not-a-real-code');
    const clock = form.getByLabel('Generated at');
    // A native time field follows the browser's locale: in en-US Chromium it draws 02:05:09 PM.
    expect(await clock.evaluate((el) => (el as HTMLInputElement).type)).toBe('text');
    expect(await clock.inputValue()).toMatch(/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/);
    await clock.fill('14:05:09');
    await clock.blur();
    expect(await clock.inputValue()).toBe('14:05:09');
    expect(await text(form.locator('.code-validity'))).toContain('until 14:08:09');
    await clock.fill('2:05 PM');
    expect(await clock.getAttribute('aria-invalid')).toBe('true');
    expect(await text(form.locator('#' + ((await clock.getAttribute('aria-describedby')) ?? '')))).toBe(
      'Use the 24-hour clock: 14:05 or 14:05:09.',
    );
    // The mistyped time changes nothing: the last good one still counts, the code is still there.
    expect(await text(form.locator('.code-validity'))).toContain('until 14:08:09');
    expect(await form.getByLabel('Grant code', { exact: true }).inputValue()).toBe('1000.not-a-real-code');
    await app.screenshot('polish-self-client-clock');
    expect(await axe(page, '#panel-consent')).toEqual([]);
    await clock.fill('');
    await form.getByLabel('Grant code', { exact: true }).fill('');
  });

  it("counts a server client's pasted code down from the 2 minutes it lives, not 3", async () => {
    await openClient(page, /Web app/, 'Consent');
    await page.locator('summary', { hasText: 'Paste a grant code' }).click();
    const form = page.getByRole('form', { name: 'Exchange a grant code' });
    expect(await form.getByLabel('Valid for').count()).toBe(0);
    expect(await text(form.locator('.self-client-valid'))).toBe('Valid for2 minas a consent’s code');
    await form.getByLabel('Grant code', { exact: true }).fill('1000.pasted-from-elsewhere');
    const timer = form.getByRole('timer', { name: /Code valid for/ });
    expect(await timer.getAttribute('aria-label')).toMatch(/^Code valid for (2:00|1:5\d)$/);
    await form.scrollIntoViewIfNeeded();
    await app.screenshot('polish-server-paste');
    await form.getByLabel('Grant code', { exact: true }).fill('');
  });

  it("shows the user's own Cancel as a plain note, not a red error", async () => {
    await page.getByRole('button', { name: /Open browser/ }).click();
    const consentPage = await app.robot.nextPage();
    const flow = page.locator('.flow-card');
    await flow.locator('.wait').waitFor();
    await flow.getByRole('button', { name: 'Cancel' }).click();
    const note = flow.getByRole('status').filter({ hasText: 'You cancelled this sign-in' });
    await note.waitFor();
    expect(await flow.getByRole('alert').count()).toBe(0);
    expect(await flow.locator('.zoho-error').count()).toBe(0);
    const last = flow.locator('.step').last();
    expect(await text(last.locator('.step-label'))).toBe('Cancelled by you');
    expect(await last.getAttribute('class')).not.toContain('step-failed');
    await app.screenshot('polish-cancelled');
    expect(await axe(page, '#panel-consent')).toEqual([]);
    await consentPage.close();
  });

  it('does not stack the same notice over the work: one, counted, dismissible, over the sidebar', async () => {
    await openClient(page, /Support desk/, 'Tokens');
    await page.locator('[data-timeline-state="ready"]').waitFor({ state: 'attached' });
    await page.getByRole('group', { name: /^Token timeline/ }).focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    const refresh = page.getByRole('button', { name: 'Refresh this refresh token' });
    const notices = page.getByRole('region', { name: 'Notifications' });
    for (let i = 1; i <= 3; i++) {
      await refresh.click();
      await expect.poll(() => text(notices)).toContain(i === 1 ? 'Refreshed' : `×${String(i)}`);
    }
    expect(await notices.locator('.toast').count()).toBe(1);
    const sidebar = await page.locator('.sidebar').boundingBox();
    const toast = await notices.locator('.toast').boundingBox();
    expect(toast !== null && sidebar !== null && toast.x + toast.width <= sidebar.x + sidebar.width).toBe(
      true,
    );
    await app.screenshot('polish-toast');
    await notices.getByRole('button', { name: 'Dismiss notification' }).click();
    expect(await notices.locator('.toast').count()).toBe(0);
  });

  it('draws the now label in a row of its own, hiding no tick label, and never clips a tooltip', async () => {
    await openClient(page, /Support desk/, 'Tokens');
    await page.locator('[data-timeline-state="ready"]').waitFor({ state: 'attached' });
    const canvas = page.getByRole('img', { name: /^Token timeline:/ });
    const axis = async () =>
      JSON.parse((await canvas.getAttribute('data-axis')) ?? 'null') as {
        labels: Box[];
        now: Box;
      };
    const overlaps = (a: Box, b: Box) =>
      a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const clock = (t: number) =>
      new Date(t).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false });
    // At the 1-hour zoom ticks are 10 minutes apart: the ones either side of now are labelled.
    const before = Math.floor(Date.now() / (10 * MINUTE)) * 10 * MINUTE;
    await expect
      .poll(async () => (await axis()).labels.map((l) => l.text))
      .toEqual(expect.arrayContaining([clock(before), clock(before + 10 * MINUTE)]));
    const shown = await axis();
    expect(shown.now.text).toMatch(/^Now \d\d:\d\d:\d\d$/);
    expect(shown.labels.filter((l) => overlaps(l, shown.now))).toEqual([]);

    // A lane's tooltip on a timeline of one lane is taller than the room below it.
    await page.getByRole('group', { name: /^Token timeline/ }).focus();
    await page.keyboard.press('Home');
    const tooltip = page.getByRole('tooltip');
    expect(await text(tooltip)).toContain(`Used by${LONG_ENV}`);
    const clipped = await tooltip.evaluate((tip) => {
      const own = tip.getBoundingClientRect();
      let visible = { l: own.left, t: own.top, r: own.right, b: own.bottom };
      visible = {
        l: Math.max(visible.l, 0),
        t: Math.max(visible.t, 0),
        r: Math.min(visible.r, innerWidth),
        b: Math.min(visible.b, innerHeight),
      };
      for (let el = tip.parentElement; el !== null; el = el.parentElement) {
        if (getComputedStyle(el).overflow === 'visible') continue;
        const box = el.getBoundingClientRect();
        visible = {
          l: Math.max(visible.l, box.left),
          t: Math.max(visible.t, box.top),
          r: Math.min(visible.r, box.right),
          b: Math.min(visible.b, box.bottom),
        };
      }
      return Math.round(
        own.width * own.height - Math.max(0, visible.r - visible.l) * Math.max(0, visible.b - visible.t),
      );
    });
    expect(clipped).toBe(0);
    await app.screenshot('polish-timeline-1024');

    await page.setViewportSize({ width: 760, height: 700 });
    await page.getByLabel('Theme').selectOption('dark');
    await expect.poll(async () => (await axis()).labels.length).toBeGreaterThan(2);
    const narrow = await axis();
    expect(narrow.labels.filter((l) => overlaps(l, narrow.now))).toEqual([]);
    await app.screenshot('polish-timeline-narrow-dark');
    expect(await axe(page, '#panel-tokens')).toEqual([]);
    await page.getByLabel('Theme').selectOption('light');
    await page.setViewportSize({ width: 1024, height: 700 });
  });

  it('fits the environment table in its card at 1024x700', async () => {
    await page.getByRole('tab', { name: 'Environment' }).click();
    const wrap = page.locator('.env-table-wrap');
    await wrap.waitFor();
    const { scroll, client } = await wrap.evaluate((el) => ({
      scroll: el.scrollWidth,
      client: el.clientWidth,
    }));
    expect(scroll).toBeLessThanOrEqual(client);
    const card = await page.locator('.env-variables').boundingBox();
    for (const button of await page.locator('.env-actions .btn').all()) {
      const box = await button.boundingBox();
      expect(box !== null && card !== null && box.x + box.width <= card.x + card.width).toBe(true);
    }
    await app.screenshot('polish-env-table');
    expect(await axe(page, '#panel-environment')).toEqual([]);
  });

  it('fits the header, the DC switcher and the environment at 760 pixels wide', async () => {
    await page.setViewportSize({ width: 760, height: 700 });
    try {
      await page.getByRole('tab', { name: 'Environment' }).click();
      await page.locator('.env-table-wrap').waitFor();
      await app.screenshot('polish-env-760');
      // Nothing of the page sticks out sideways: no element ends past the window's right edge.
      const outside = await page.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter((el) => {
            const box = el.getBoundingClientRect();
            return box.width > 0 && box.right > document.documentElement.clientWidth + 0.5;
          })
          .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`),
      );
      expect(outside).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(760);
      const wrap = await page.locator('.env-table-wrap').evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(wrap).toBeLessThanOrEqual(0);
      await page.locator('.env-table').scrollIntoViewIfNeeded();
      await app.screenshot('polish-env-760-table');
    } finally {
      await page.setViewportSize({ width: 1024, height: 700 });
    }
  });

  it('lists every shortcut on ?, adds a client on N, and leaves both keys to text fields', async () => {
    await page.getByRole('tab', { name: 'Consent' }).click();
    await page.keyboard.press('?');
    const list = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await list.waitFor();
    expect(await text(list)).toContain('NAdd a client');
    expect(await text(list)).toContain('?Show these shortcuts');
    expect(await text(list)).not.toContain('Shift');
    await app.screenshot('polish-shortcuts');
    expect(await axe(page, 'dialog[open]')).toEqual([]);
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'detached' });

    const field = page.getByLabel('Grant code', { exact: true });
    await field.first().fill('');
    await field.first().pressSequentially('n?');
    expect(await field.first().inputValue()).toBe('n?');
    expect(await page.getByRole('dialog').count()).toBe(0);
    await field.first().fill('');
    await field.first().blur();

    await page.keyboard.press('n');
    const add = page.getByRole('dialog', { name: 'Add a Zoho client' });
    await add.waitFor();
    await page.keyboard.press('Escape');
    await add.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await list.waitFor();
    await page.keyboard.press('Escape');
    expect(app.pageErrors).toEqual([]);
  });

  it('paints a dark system theme from its first frame, never light first', async () => {
    const dark = await app.context.newPage();
    try {
      await dark.emulateMedia({ colorScheme: 'dark' });
      // The theme at React's first commit into #root: a mutation observer runs before that frame paints.
      await dark.addInitScript(() => {
        localStorage.setItem('tokenbench.theme', 'system');
        new MutationObserver((_, observer) => {
          const root = document.getElementById('root');
          if (root === null || root.firstChild === null) return;
          document.documentElement.dataset.themeAtFirstCommit =
            document.documentElement.dataset.theme ?? 'none';
          observer.disconnect();
        }).observe(document, { childList: true, subtree: true });
      });
      await dark.goto(page.url());
      await dark.locator('html[data-app-state="ready"]').waitFor({ state: 'attached' });
      expect(await dark.locator('html').getAttribute('data-theme-at-first-commit')).toBe('dark');
    } finally {
      await dark.close();
    }
  });
});
