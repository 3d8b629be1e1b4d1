import type { ConsentProgress, TokenRow } from '../../shared/ipc/views';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientRecord } from '../../shared/workspace/model';
import { ZOHO_DCS } from '../../shared/dc/catalog';
import { e2eSkipReason, launchApp, type LaunchedApp } from './fixtures';

/**
 * Browser mode end to end: the built renderer in Debian Chromium through the web host. It relies
 * only on the readiness marker, the title and `window.tokenbench`, so it outlives any screen.
 */
const skip = e2eSkipReason !== undefined;
const title = `browser mode in Chromium${skip ? ` (skipped: ${String(e2eSkipReason)})` : ''}`;

describe.skipIf(skip)(title, () => {
  let app: LaunchedApp;
  let client: ClientRecord;

  beforeAll(async () => {
    app = await launchApp({
      seed: async ({ call, sandbox }) => {
        client = await call('clients:save', {
          name: 'E2E demo',
          dcId: 'sandbox-us',
          zohoClientId: sandbox.demoClient.clientId,
          clientSecret: sandbox.demoClient.clientSecret,
          type: 'server',
          redirectUri: sandbox.demoClient.redirectUri,
          multiDc: true,
          pkce: false,
          revokeEndpoint: 'sdk',
        });
      },
    });
  });

  afterAll(async () => {
    await app.close();
  });

  it('loads ready, titled "Tokenbench", with the web shell on window.tokenbench', async () => {
    await expect(app.page.locator('html').getAttribute('data-app-state')).resolves.toBe('ready');
    expect(await app.page.title()).toBe('Tokenbench');
    expect(await app.page.evaluate(() => window.tokenbench?.shell)).toBe('web');
    expect(app.host.clientCount()).toBeGreaterThanOrEqual(1);
    await app.screenshot('web-host-ready');
  });

  it('lists the nine Zoho DCs and the two sandbox DCs through the page API', async () => {
    const ids = await app.page.evaluate(async () => {
      const result = await window.tokenbench?.dcs.list({});
      return result?.ok === true ? result.value.map((dc) => dc.id) : result;
    });
    expect(ids).toEqual(expect.arrayContaining([...ZOHO_DCS.map((dc) => dc.id), 'sandbox-us', 'sandbox-eu']));
    expect(ids).toHaveLength(ZOHO_DCS.length + 2);
  });

  it('lets no other origin drive the host, even with the key (RFC 6455 §10.2)', async () => {
    const page = await app.context.newPage();
    await page.route('http://evil.example/', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>evil</title>' }),
    );
    await page.goto('http://evil.example/');
    const outcome = await page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(url);
          ws.onopen = () => {
            resolve('open');
          };
          ws.onclose = () => {
            resolve('refused');
          };
        }),
      `ws://127.0.0.1:${app.host.port}/ipc${new URL(app.host.url).search}`,
    );
    expect(outcome).toBe('refused');
    await page.close();
  });

  it("signs in through the robot's click on the sandbox consent page, caught by the loopback listener", async () => {
    const steps = app.page.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const seen: string[] = [];
          window.tokenbench?.on('consent:progress', (progress: ConsentProgress) => {
            seen.push(progress.step);
            if (progress.step === 'done' || progress.step === 'failed') resolve(seen);
          });
        }),
    );
    const started = await app.page.evaluate(
      (clientRef) =>
        window.tokenbench?.consent.start({
          clientRef,
          scopes: ['AaaServer.profile.Read'],
          accessType: 'offline',
          promptConsent: true,
        }),
      client.id,
    );
    expect(started).toMatchObject({ ok: true });
    const redirected = await app.robot.consent({ user: /Ada/ });
    expect(redirected.origin).toBe(new URL(app.sandbox.demoClient.redirectUri).origin);
    expect(await steps).toEqual(expect.arrayContaining(['redirect-received', 'done']));
    const kinds = await app.page.evaluate(async (clientRef) => {
      const rows = await window.tokenbench?.tokens.list({ clientRef });
      return rows?.ok === true ? rows.value.map((row: TokenRow) => row.kind).sort() : rows;
    }, client.id);
    expect(kinds).toEqual(['access', 'refresh']);
    expect(app.robot.opened).toHaveLength(1);
    expect(app.pageErrors).toEqual([]);
  });

  it('a tab whose code cannot be fetched says what to do, and the others still open', async () => {
    const page = await app.context.newPage();
    await page.route('**/assets/TokensPanel-*.js', (route) => route.abort());
    await page.goto(app.host.url);
    await page.locator('html[data-app-state="ready"]').waitFor({ state: 'attached' });
    await page.getByRole('tab', { name: 'Tokens' }).click();
    await expect
      .poll(() => page.locator('#panel-tokens [role="alert"]').textContent())
      .toMatch(/^This part of Tokenbench could not be loaded\. Reload the window/);
    await page.getByRole('tab', { name: 'Limits' }).click();
    await page.locator('#panel-limits .limits, #panel-limits .empty').first().waitFor();
    await page.close();
  });
});
