import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenOutcome } from '../../shared/ipc/views';
import { leaks } from '../support/cli-harness';
import { ADA, selfClientCode } from '../support/sandbox-helpers';
import { axe } from './axe';
import { e2eSkipReason, launchApp, sandboxSelfClient, SCREENSHOT_DIR, type LaunchedApp } from './fixtures';

/**
 * The traffic console in Chromium (issue 10 part 5): a refused exchange against the sandbox, its
 * error card's "Show the exchange" opening the raw request and answer, the filters, and "Export
 * HAR" saving an archive that the HAR 1.2 schema accepts and that holds no secret.
 */
const skip = e2eSkipReason !== undefined;
const title = `traffic console in Chromium${skip ? ` (skipped: ${String(e2eSkipReason)})` : ''}`;
const text = async (locator: Locator) => (await locator.textContent()) ?? '';
const harValidator = createRequire(import.meta.url)('har-validator') as {
  har(data: unknown): Promise<unknown>;
};

describe.skipIf(skip)(title, () => {
  let app: LaunchedApp;
  let page: Page;
  let usedCode = '';
  let tokens: TokenOutcome;

  beforeAll(async () => {
    app = await launchApp({
      // Ada signed in through the self client, then one refresh: two exchanges and a check recorded.
      seed: async ({ call, sandbox }) => {
        const client = await call('clients:save', sandboxSelfClient(sandbox, 'Support desk'));
        const { code } = await selfClientCode(sandbox, { userZuid: ADA });
        usedCode = code;
        tokens = await call('tokens:exchange-code', { clientRef: client.id, code });
        await call('tokens:refresh', { clientRef: client.id });
      },
    });
    page = app.page;
  });

  afterAll(async () => {
    await app.close();
  });

  it('a refused code: "Show the exchange" opens the request as sent and Zoho\'s raw answer', async () => {
    await page.getByRole('button', { name: /Support desk/ }).click();
    await page.getByRole('tab', { name: 'Consent' }).click();
    const form = page.getByRole('form', { name: 'Exchange a grant code' });
    await form.getByLabel('Grant code', { exact: true }).fill(usedCode);
    await form.getByRole('button', { name: /Exchange/ }).click();
    const card = form.locator('.zoho-error');
    await card.waitFor();
    expect(await text(card.locator('.zoho-error-code'))).toBe('invalid_code');
    await card.getByRole('button', { name: 'Show the exchange' }).click();

    expect(await page.getByRole('tab', { name: 'Console' }).getAttribute('aria-selected')).toBe('true');
    const view = page.locator('.xview');
    await expect.poll(() => text(view.locator('.card-title'))).toMatch(/^#\d+ Code exchange$/);
    const sent = await text(view.getByLabel('Request, raw'));
    expect(sent).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/oauth\/v2\/token\n/);
    expect(sent).toContain('grant_type=authorization_code');
    expect(sent).toMatch(/client_secret=\[redacted …\w{4}\]/);
    expect(sent).toMatch(/code=\[redacted …\w{4}\]/);
    const answered = await text(view.getByLabel('Response, raw'));
    expect(answered).toMatch(/^HTTP\/1\.1 200 OK\n/);
    expect(answered).toContain('"error": "invalid_code"');
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).not.toContain(usedCode);
    expect(body).not.toContain(app.sandbox.clients.self.clientSecret);
    // The list has it too, newest first, as an error.
    const newest = page
      .getByRole('listbox', { name: /Exchanges/ })
      .getByRole('option')
      .first();
    expect(await newest.getAttribute('aria-selected')).toBe('true');
    expect(await text(newest)).toContain('invalid_code');
    await app.screenshot('console-show-exchange');
    expect(await axe(page, '#panel-console')).toEqual([]);
  });

  it('filters by outcome, kind and client', async () => {
    const outcome = page.getByLabel('Outcome', { exact: true });
    const kind = page.getByLabel('Kind', { exact: true });
    const count = page.locator('.console-count');
    const all = Number((await text(count)).replace(/\D/g, ''));
    expect(all).toBeGreaterThanOrEqual(4);
    await outcome.selectOption({ label: 'Error' });
    await expect.poll(() => text(count)).toBe('1 exchange');
    expect(
      await page
        .getByRole('listbox', { name: /Exchanges/ })
        .getByRole('option')
        .count(),
    ).toBe(1);
    await outcome.selectOption({ label: 'All outcomes' });
    await kind.selectOption({ label: 'Refresh' });
    await expect.poll(() => text(count)).toBe('1 exchange');
    expect(
      await text(
        page
          .getByRole('listbox', { name: /Exchanges/ })
          .getByRole('option')
          .first(),
      ),
    ).toMatch(/Refresh.*Support desk.*OK.*200.*POST.*oauth\/v2\/token/);
    await page
      .getByRole('listbox', { name: /Exchanges/ })
      .getByRole('option')
      .first()
      .click();
    const answer = await text(page.locator('.xview').getByLabel('Response, raw'));
    expect(answer).toMatch(/"access_token": "\[redacted …\w{4}\]"/);
    await kind.selectOption({ label: 'All kinds' });
    await page.getByLabel('Client', { exact: true }).selectOption({ label: 'Support desk' });
    await expect.poll(() => text(count)).toBe(`${String(all)} exchanges`);
  });

  it('"Export HAR" saves HTTP Archive 1.2 the schema accepts, with no secret in it', async () => {
    const saved = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export HAR' }).click();
    const download = await saved;
    expect(download.suggestedFilename()).toMatch(/^tokenbench-.*\.har$/);
    const file = join(SCREENSHOT_DIR, '..', 'console-export.har');
    await download.saveAs(file);
    const archive = readFileSync(file, 'utf8');
    const har = JSON.parse(archive) as {
      log: { version: string; entries: { response: { status: number } }[] };
    };
    await expect(harValidator.har(har)).resolves.toBeTruthy();
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries.length).toBeGreaterThanOrEqual(4);
    const values = [tokens.accessToken.id, tokens.refreshToken?.id ?? ''].map((tokenId) =>
      app.call('secrets:reveal', { ref: { kind: 'token', tokenId } }),
    );
    const secrets = [
      usedCode,
      app.sandbox.clients.self.clientSecret,
      ...(await Promise.all(values)).map((v) => v.value),
    ];
    expect(leaks(secrets, [{ name: file, text: archive }])).toEqual([]);
    expect(archive).toContain(tokens.accessToken.fingerprint.slice(-4));
  });

  it('reads well narrow and dark', async () => {
    await page.setViewportSize({ width: 720, height: 900 });
    await app.screenshot('console-narrow');
    await page.getByLabel('Theme').selectOption('dark');
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await axe(page, '#panel-console')).toEqual([]);
    await app.screenshot('console-narrow-dark');
    expect(app.pageErrors).toEqual([]);
  });
});
