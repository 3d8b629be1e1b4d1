import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../electron/services/sandbox';
import { devicePolls } from '../support/device-helpers';
import { axe } from './axe';
import { e2eSkipReason, launchApp, type LaunchedApp, type SeedContext } from './fixtures';

/**
 * The device flow end to end: a Non-browser client's Consent tab asks the sandbox for a code, shows
 * it large with the address and a QR code, polls at the sandbox's interval; a person (the robot, in
 * the same Chromium) types the code on the sandbox's verification page and accepts as a user of the
 * other DC; the app follows other_dc and shows the tokens. The sandbox's request log proves no poll
 * came too fast. Also: a reload while it polls, and the panel in dark and narrow.
 */
const skip = e2eSkipReason !== undefined;
const title = `device flow in Chromium${skip ? ` (skipped: ${String(e2eSkipReason)})` : ''}`;
const INTERVAL_SECONDS = 2;

const text = async (locator: Locator) => (await locator.textContent()) ?? '';

async function seedDeviceClient({ sandbox, call }: SeedContext): Promise<void> {
  const res = await fetch(`${sandbox.url}/sandbox/device`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ intervalSeconds: INTERVAL_SECONDS }),
  });
  if (res.status !== 200) throw new Error('could not set the device interval');
  const device = sandbox.clients.device;
  await call('clients:save', {
    name: 'Device demo',
    dcId: 'sandbox-us',
    zohoClientId: device.clientId,
    clientSecret: device.clientSecret,
    type: 'device',
    redirectUri: null,
    multiDc: true,
    pkce: false,
    revokeEndpoint: 'sdk',
  });
}

async function openDevicePanel(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Device demo/ }).click();
  await page.getByRole('tab', { name: 'Consent' }).click();
  await page.getByRole('heading', { name: 'Device sign-in request' }).waitFor();
}

/** A person on another device: opens the address, types the code, picks the user and accepts. */
async function enterCode(app: LaunchedApp, url: string, code: string, user: RegExp): Promise<Page> {
  const phone = await app.context.newPage();
  await phone.goto(url);
  await phone.getByLabel('Code').fill(code.toLowerCase());
  await phone.getByRole('button', { name: 'Continue' }).click();
  await phone.getByRole('radio', { name: user }).check();
  await phone.getByRole('button', { name: 'Accept', exact: true }).click();
  await phone.getByRole('heading', { name: 'Device connected' }).waitFor();
  await app.page.bringToFront();
  return phone;
}

async function pollsAt(sandbox: SandboxHandle): Promise<{ outcomes: string[]; gaps: number[] }> {
  const polls = await devicePolls(sandbox);
  const times = polls.map((p) => Date.parse(p.at));
  return { outcomes: polls.map((p) => p.outcome), gaps: times.slice(1).map((t, i) => t - (times[i] ?? 0)) };
}

describe.skipIf(skip)(title, () => {
  let app: LaunchedApp;
  let page: Page;
  const card = () => page.locator('.flow-card');

  beforeAll(async () => {
    app = await launchApp({ seed: seedDeviceClient });
    page = app.page;
  });

  afterAll(async () => {
    await app.close();
  });

  it('shows the code, the address and a QR code, polls, and follows other_dc to the EU user', async () => {
    await openDevicePanel(page);
    await page.getByRole('button', { name: 'Get a code' }).click();
    const code = await text(card().locator('.device-user-code'));
    expect(code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    const url = await text(card().locator('.device-url'));
    expect(url).toBe(`${app.sandbox.url}/oauth/v3/device`);
    const qr = card().getByRole('img', { name: `QR code of ${url}` });
    expect(((await qr.locator('path').getAttribute('d')) ?? '').length).toBeGreaterThan(100);
    expect(
      await card()
        .getByRole('timer', { name: /Code valid for: [45]:\d\d/ })
        .count(),
    ).toBe(1);
    await card()
      .getByRole('timer', { name: /Next poll in/ })
      .waitFor();
    // The first poll waits one interval, then Zoho says the user has not decided yet.
    await card().locator('.device-poll-table').getByText('authorization_pending').first().waitFor();
    await app.screenshot('device-polling');
    expect(await axe(page, '#panel-consent')).toEqual([]);

    const phone = await enterCode(app, url, code, /Emil Artin/);
    const outcome = card().locator('.outcome');
    await outcome.waitFor({ timeout: 20_000 });
    expect(await text(outcome)).toContain('Signed in as emil.artin@sandbox-eu.example');
    expect(await text(outcome.locator('.outcome-crossdc'))).toMatch(/exchanged at Sandbox EU/);
    const rows = await card().locator('.device-poll-table tbody tr').allTextContents();
    expect(rows.some((r) => /Sandbox US.*other_dc.*the user is in Sandbox EU/.test(r))).toBe(true);
    expect(rows.at(-1)).toMatch(/Sandbox EU.*tokens/);
    await app.screenshot('device-done');
    await phone.close();
    expect(app.pageErrors).toEqual([]);

    const polls = await pollsAt(app.sandbox);
    expect(polls.outcomes).toContain('other_dc (sandbox-eu)');
    expect(polls.outcomes).not.toContain('slow_down');
    for (const gap of polls.gaps) expect(gap).toBeGreaterThanOrEqual(INTERVAL_SECONDS * 1000);
    // The tokens are the workspace's, with the ledger's view of them, as after a consent.
    const tokens = await app.call('tokens:list', {});
    expect(
      tokens
        .filter((t) => t.userId === '70054321')
        .map((t) => t.kind)
        .sort(),
    ).toEqual(['access', 'refresh']);
  });

  it('a reload while it polls shows the same code and its polls again; Cancel stops the polling', async () => {
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('button', { name: 'Get a code' }).click();
    const code = await text(card().locator('.device-user-code'));
    await card().locator('.device-poll-table').getByText('authorization_pending').first().waitFor();
    await page.reload();
    await page.locator('html[data-app-state="ready"]').waitFor({ state: 'attached' });
    await openDevicePanel(page);
    expect(await text(card().locator('.device-user-code'))).toBe(code);
    expect(
      await card().locator('.device-poll-table').getByText('authorization_pending').count(),
    ).toBeGreaterThan(0);
    await card().getByRole('button', { name: 'Cancel' }).click();
    await card().locator('.zoho-error').waitFor();
    expect(await text(card().locator('.zoho-error'))).toMatch(/cancelled/);
    const before = (await devicePolls(app.sandbox)).length;
    expect(await app.call('device:active', {})).toEqual([]);
    expect((await devicePolls(app.sandbox)).length).toBe(before);
  });
});

describe.skipIf(skip)(`${title}: dark and narrow`, () => {
  it('fits a 1024 px window (one column) in the dark theme', async () => {
    const dark = await launchApp({
      seed: seedDeviceClient,
      colorScheme: 'dark',
      viewport: { width: 1024, height: 800 },
    });
    try {
      const { page } = dark;
      await openDevicePanel(page);
      await page.getByRole('button', { name: 'Get a code' }).click();
      await page.locator('.device-user-code').waitFor();
      await page.locator('.device-poll-table').getByText('authorization_pending').first().waitFor();
      await page.locator('.flow-card').scrollIntoViewIfNeeded();
      await dark.screenshot('device-dark-narrow');
      // The cards stack below 1100 px; nothing in the device card may stick out of it.
      const overflow = await page.locator('.flow-card').evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      const sideBySide = await page
        .locator('.consent-grid')
        .evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(' ').length);
      expect(sideBySide).toBe(1);
      expect(await axe(page, '#panel-consent')).toEqual([]);
      expect(dark.pageErrors).toEqual([]);
    } finally {
      await dark.close();
    }
  });
});
