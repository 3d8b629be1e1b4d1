import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../electron/services/sandbox';
import { ADA, apiGet, dcUrl, grantTokens, str, withSandbox } from '../support/sandbox-helpers';

let sandbox: SandboxHandle;
beforeEach(async () => {
  sandbox = await withSandbox();
});
afterEach(async () => {
  await sandbox.close();
});

const INVALID_TOKEN = { code: 'INVALID_TOKEN', message: 'invalid oauth token', status: 'error' };

describe('sandbox APIs', () => {
  it("answers /oauth/user/info for a valid token with the user's profile", async () => {
    const at = str((await grantTokens(sandbox)).access_token);
    expect(await apiGet(sandbox.url, '/oauth/user/info', at)).toEqual({
      status: 200,
      body: {
        First_Name: 'Ada',
        Last_Name: 'Lovelace',
        Display_Name: 'Ada Lovelace',
        Email: 'ada.lovelace@sandbox-us.example',
        ZUID: Number(ADA),
      },
    });
  });

  it('answers the CRM CurrentUser like Zoho CRM', async () => {
    const at = str((await grantTokens(sandbox)).access_token);
    const { status, body } = await apiGet(sandbox.url, '/crm/v8/users?type=CurrentUser', at);
    expect(status).toBe(200);
    expect(body.users).toEqual([
      expect.objectContaining({
        zuid: ADA,
        email: 'ada.lovelace@sandbox-us.example',
        full_name: 'Ada Lovelace',
      }),
    ]);
  });

  it('answers 401 INVALID_TOKEN for a missing, unknown or expired token', async () => {
    const at = str((await grantTokens(sandbox)).access_token);
    expect(await apiGet(sandbox.url, '/oauth/user/info')).toEqual({ status: 401, body: INVALID_TOKEN });
    expect(await apiGet(sandbox.url, '/crm/v8/users?type=CurrentUser', `${at}0`)).toEqual({
      status: 401,
      body: INVALID_TOKEN,
    });
    sandbox.clock.advance(3599_000);
    expect((await apiGet(sandbox.url, '/oauth/user/info', at)).status).toBe(200);
    sandbox.clock.advance(1_000);
    expect(await apiGet(sandbox.url, '/oauth/user/info', at)).toEqual({ status: 401, body: INVALID_TOKEN });
  });

  it('answers 401 OAUTH_SCOPE_MISMATCH when the token lacks the scope the URL needs', async () => {
    const at = str((await grantTokens(sandbox, { scope: 'ZohoCRM.modules.ALL' })).access_token);
    for (const path of ['/oauth/user/info', '/crm/v8/users?type=CurrentUser']) {
      expect(await apiGet(sandbox.url, path, at)).toEqual({
        status: 401,
        body: {
          code: 'OAUTH_SCOPE_MISMATCH',
          message: 'invalid oauth scope to access this URL',
          status: 'error',
        },
      });
    }
  });

  it('accepts a token only at its own DC', async () => {
    const at = str((await grantTokens(sandbox)).access_token);
    expect(await apiGet(dcUrl(sandbox, 'sandbox-eu'), '/oauth/user/info', at)).toEqual({
      status: 401,
      body: INVALID_TOKEN,
    });
  });

  it('lists both DCs at /oauth/serverinfo', async () => {
    const { body } = await apiGet(sandbox.url, '/oauth/serverinfo');
    expect(body).toEqual({
      locations: { 'sandbox-us': dcUrl(sandbox, 'sandbox-us'), 'sandbox-eu': dcUrl(sandbox, 'sandbox-eu') },
    });
    expect(sandbox.dcs.map((dc) => [dc.id, dc.name, dc.kind, dc.apiDomain === dc.accountsUrl])).toEqual([
      ['sandbox-us', 'Sandbox US', 'sandbox', true],
      ['sandbox-eu', 'Sandbox EU', 'sandbox', true],
    ]);
    // Each also has a developer and a sandbox API domain of its own, as Zoho's DCs do.
    const origins = sandbox.dcs.flatMap((dc) => [dc.apiDomain, dc.developerApiDomain, dc.sandboxApiDomain]);
    expect(new Set(origins).size).toBe(6);
    for (const origin of origins) expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});
