import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../electron/services/sandbox';
import { ADA, apiGet, grantTokens, str, withSandbox } from '../support/sandbox-helpers';

/**
 * CRM's users and org APIs in every version the SDKs and Zoho's pages call, at each of a DC's three
 * API domains (production, developer, sandbox). The shapes are the SDKs' ResponseWrappers; the
 * SDKs themselves read them in zoho-sdk-*.test.ts.
 */
let sandbox: SandboxHandle;
beforeEach(async () => {
  sandbox = await withSandbox();
});
afterEach(async () => {
  await sandbox.close();
});

const VERSIONS = ['v2', 'v2.1', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8'];
const CRM_SCOPES = 'ZohoCRM.users.READ,ZohoCRM.org.READ';
const us = () => {
  const dc = sandbox.dcs[0];
  if (dc?.developerApiDomain == null || dc.sandboxApiDomain == null) throw new Error('no API domains');
  return { ...dc, developer: dc.developerApiDomain, sandbox: dc.sandboxApiDomain };
};

describe('the sandbox CRM APIs', () => {
  it('answers /crm/{v2..v8}/users and /org alike, in CRM shapes', async () => {
    const at = str((await grantTokens(sandbox, { scope: CRM_SCOPES })).access_token);
    for (const version of VERSIONS) {
      const users = await apiGet(sandbox.url, `/crm/${version}/users?type=CurrentUser`, at);
      expect(users.status).toBe(200);
      expect(users.body).toEqual({
        users: [
          expect.objectContaining({
            id: `${ADA}0000001`,
            zuid: ADA,
            email: 'ada.lovelace@sandbox-us.example',
            full_name: 'Ada Lovelace',
            status: 'active',
            role: { name: 'CEO', id: `${ADA}00000011` },
            time_zone: 'America/New_York',
          }),
        ],
        info: { per_page: 200, count: 1, page: 1, more_records: false },
      });
      const org = await apiGet(sandbox.url, `/crm/${version}/org`, at);
      expect(org.status).toBe(200);
      expect(org.body).toEqual({
        org: [
          expect.objectContaining({
            id: '8001234000000000017',
            zgid: '80012340',
            company_name: 'Tokenbench Sandbox US',
            primary_email: 'ada.lovelace@sandbox-us.example',
            primary_zuid: ADA,
            type: 'Production',
            time_zone: 'America/New_York',
          }),
        ],
      });
    }
  });

  it('lists the users of the DC for other types', async () => {
    const at = str((await grantTokens(sandbox, { scope: CRM_SCOPES })).access_token);
    const { body } = await apiGet(sandbox.url, '/crm/v8/users?type=AllUsers', at);
    expect((body.users as { zuid: string }[]).map((u) => u.zuid)).toEqual(['60012345', '60012346']);
    expect(body.info).toMatchObject({ count: 2 });
  });

  it('needs ZohoCRM.org for /org, and knows no v1 or v9', async () => {
    const at = str((await grantTokens(sandbox, { scope: 'ZohoCRM.users.READ' })).access_token);
    expect(await apiGet(sandbox.url, '/crm/v8/org', at)).toMatchObject({
      status: 401,
      body: { code: 'OAUTH_SCOPE_MISMATCH' },
    });
    for (const path of ['/crm/v1/org', '/crm/v9/users', '/crm/v8/orgs']) {
      expect((await apiGet(sandbox.url, path, at)).status).toBe(404);
    }
    const post = await fetch(`${sandbox.url}/crm/v8/org`, { method: 'POST' });
    expect(post.status).toBe(405);
  });
});

describe("a sandbox DC's developer and sandbox API domains", () => {
  it('serve the same tokens, each with its own org', async () => {
    const at = str((await grantTokens(sandbox, { scope: CRM_SCOPES })).access_token);
    const dc = us();
    expect(new Set([dc.apiDomain, dc.developer, dc.sandbox]).size).toBe(3);
    const orgs = [];
    for (const domain of [dc.apiDomain, dc.developer, dc.sandbox]) {
      const { status, body } = await apiGet(domain, '/crm/v8/org', at);
      expect(status).toBe(200);
      orgs.push((body.org as Record<string, unknown>[])[0]);
      expect((await apiGet(domain, '/crm/v8/users?type=CurrentUser', at)).status).toBe(200);
    }
    expect(orgs.map((o) => [o?.type, o?.zgid, o?.company_name])).toEqual([
      ['Production', '80012340', 'Tokenbench Sandbox US'],
      ['Developer', '80012341', 'Tokenbench Sandbox US (Developer)'],
      ['Sandbox', '80012342', 'Tokenbench Sandbox US (Sandbox)'],
    ]);
  });

  it('serve APIs only, refuse another DC’s token, and are logged as such', async () => {
    const at = str((await grantTokens(sandbox, { scope: CRM_SCOPES })).access_token);
    const dc = us();
    for (const path of ['/oauth/v2/token', '/oauth/user/info', '/sandbox/info', '/']) {
      expect((await apiGet(dc.developer, path)).status).toBe(404);
    }
    const eu = sandbox.dcs[1];
    expect((await apiGet(eu?.developerApiDomain ?? '', '/crm/v8/org', at)).status).toBe(401);
    for (const domain of [dc.apiDomain, dc.developer, dc.sandbox]) await apiGet(domain, '/crm/v8/org', at);
    const log = (await apiGet(sandbox.url, '/sandbox/log')).body.entries as Record<string, unknown>[];
    expect(log.filter((e) => e.path === '/crm/v8/org').map((e) => [e.dc, e.api, e.status])).toEqual([
      ['sandbox-eu', 'developer', 401],
      ['sandbox-us', undefined, 200],
      ['sandbox-us', 'developer', 200],
      ['sandbox-us', 'sandbox', 200],
    ]);
  });
});
