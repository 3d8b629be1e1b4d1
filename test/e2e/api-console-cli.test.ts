import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumSkipReason, launchChromium } from '../support/chromium';
import { useSandboxCli } from '../support/cli-sandbox';

/**
 * The sandbox's API console driven in Chromium as a person would (scopes, a duration, a description,
 * Create), and the code it shows exchanged by `tokenbench exchange` on standard input, as Zoho's
 * console codes are: the real CLI against the real sandbox. The code lives the chosen minutes only.
 */
const skip = chromiumSkipReason !== undefined;
const title = `API console code through the CLI${skip ? ` (skipped: ${String(chromiumSkipReason)})` : ''}`;

describe.skipIf(skip)(title, () => {
  const env = useSandboxCli();
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
  });

  /** Opens the console from the sandbox's landing page, as a person finds it, and creates a code. */
  async function createCode(minutes: string, description: string): Promise<{ code: string; page: Page }> {
    const page = await browser.newPage();
    await page.goto(env.sandbox.url);
    await page.getByRole('link', { name: 'Generate code' }).click();
    await page.getByRole('heading', { name: 'API console: Self Client' }).waitFor();
    await page.getByRole('checkbox', { name: 'ZohoCRM.users.READ' }).check();
    await page.getByLabel('Other scopes').fill('ZohoCRM.org.READ');
    await page.getByLabel('Time duration').selectOption(minutes);
    await page.getByLabel('Scope description').fill(description);
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: 'Grant code created' }).waitFor();
    return { code: await page.getByLabel('Code').inputValue(), page };
  }

  it('makes a code in the console page that tokenbench exchange turns into tokens', async () => {
    await env.addClient('self');
    const { code, page } = await createCode('3', 'CLI rehearsal');
    expect(await page.getByText('valid 3 minutes').count()).toBe(1);
    await page.close();
    const result = await env.cli.run(['exchange', '--client', 'self', '--json'], { input: `${code}\n` });
    expect(result.code, result.stderr).toBe(0);
    const outcome = JSON.parse(result.stdout) as {
      accessToken: { scopes: string[]; userLabel: string };
      refreshToken: { kind: string } | null;
    };
    expect(outcome.refreshToken?.kind).toBe('refresh');
    expect(outcome.accessToken.scopes).toEqual([
      'AaaServer.profile.Read',
      'ZohoCRM.users.READ',
      'ZohoCRM.org.READ',
    ]);
    expect(outcome.accessToken.userLabel).toBe('ada.lovelace@sandbox-us.example');
  });

  it('a code is refused once its chosen duration has passed, with words that say what to do', async () => {
    await env.addClient('self');
    const { code, page } = await createCode('7', 'expires');
    await page.close();
    const moved = await fetch(`${env.sandbox.url}/sandbox/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: 7 * 60 }),
    });
    expect(moved.status).toBe(200);
    const result = await env.cli.run(['exchange', '--client', 'self'], { input: `${code}\n` });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('invalid_code');
    expect(result.stderr).toContain('Generate a new grant code');
  });
});
