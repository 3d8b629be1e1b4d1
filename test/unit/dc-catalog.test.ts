import { describe, expect, it } from 'vitest';
import { AUDataCenter } from '@zohocrm/typescript-sdk-8.0/dist/routes/dc/au_data_center';
import { CADataCenter } from '@zohocrm/typescript-sdk-8.0/dist/routes/dc/ca_data_center';
import { CNDataCenter } from '@zohocrm/typescript-sdk-8.0/dist/routes/dc/cn_data_center';
import { EUDataCenter } from '@zohocrm/typescript-sdk-8.0/dist/routes/dc/eu_data_center';
import { INDataCenter } from '@zohocrm/typescript-sdk-8.0/dist/routes/dc/in_data_center';
import { JPDataCenter } from '@zohocrm/typescript-sdk-8.0/dist/routes/dc/jp_data_center';
import { SADataCenter } from '@zohocrm/typescript-sdk-8.0/dist/routes/dc/sa_data_center';
import { USDataCenter } from '@zohocrm/typescript-sdk-8.0/dist/routes/dc/us_data_center';
import {
  apiDomainOf,
  apiEnvironmentOf,
  DcCatalog,
  ZOHO_DCS,
  validateCustomDc,
} from '../../shared/dc/catalog';

const custom = (over: Partial<Parameters<typeof validateCustomDc>[0]> = {}) =>
  validateCustomDc(
    {
      id: 'lab',
      name: 'Lab server',
      accountsUrl: 'https://accounts.lab.test',
      apiDomain: 'https://api.lab.test',
      ...over,
    },
    ZOHO_DCS,
  );

describe('the DC catalog', () => {
  it('knows the nine Zoho DCs with their exact accounts servers and API domains', () => {
    expect(ZOHO_DCS.map((dc) => [dc.id, dc.accountsUrl, dc.apiDomain])).toEqual([
      ['us', 'https://accounts.zoho.com', 'https://www.zohoapis.com'],
      ['eu', 'https://accounts.zoho.eu', 'https://www.zohoapis.eu'],
      ['in', 'https://accounts.zoho.in', 'https://www.zohoapis.in'],
      ['au', 'https://accounts.zoho.com.au', 'https://www.zohoapis.com.au'],
      ['jp', 'https://accounts.zoho.jp', 'https://www.zohoapis.jp'],
      ['cn', 'https://accounts.zoho.com.cn', 'https://www.zohoapis.com.cn'],
      ['ca', 'https://accounts.zohocloud.ca', 'https://www.zohoapis.ca'],
      ['sa', 'https://accounts.zoho.sa', 'https://www.zohoapis.sa'],
      ['uk', 'https://accounts.zoho.uk', 'https://www.zohoapis.uk'],
    ]);
  });

  it("knows each DC's developer and sandbox API domains exactly as Zoho's SDKs 8.0 do (they know no UK)", () => {
    const sdk = { us: USDataCenter, eu: EUDataCenter, in: INDataCenter, au: AUDataCenter, jp: JPDataCenter };
    const sdkDcs = { ...sdk, cn: CNDataCenter, ca: CADataCenter, sa: SADataCenter };
    for (const [id, SdkDc] of Object.entries(sdkDcs)) {
      const dc = new DcCatalog().byLocation(id);
      if (dc === undefined) throw new Error(id);
      const sdkEnvironments = [SdkDc.PRODUCTION(), SdkDc.DEVELOPER(), SdkDc.SANDBOX()];
      expect([dc.apiDomain, dc.developerApiDomain, dc.sandboxApiDomain]).toEqual(
        sdkEnvironments.map((e) => e.getUrl()),
      );
      // The SDKs hold the token endpoint as their "accounts URL"; all three share it.
      for (const e of sdkEnvironments) expect(e.getAccountsUrl()).toBe(`${dc.accountsUrl}/oauth/v2/token`);
    }
    const uk = new DcCatalog().byLocation('uk');
    expect([uk?.developerApiDomain, uk?.sandboxApiDomain]).toEqual([null, null]);
  });

  it('names the API environment of an origin and the origin of an API environment', () => {
    const eu = new DcCatalog().byLocation('eu');
    if (eu === undefined) throw new Error('eu');
    expect(apiDomainOf(eu, 'developer')).toBe('https://developer.zohoapis.eu');
    expect(apiEnvironmentOf(eu, 'https://sandbox.zohoapis.eu')).toBe('sandbox');
    expect(apiEnvironmentOf(eu, 'https://www.zohoapis.eu')).toBe('production');
    expect(apiEnvironmentOf(eu, 'https://developer.zohoapis.com')).toBeUndefined();
  });

  it('lets several DCs share an accounts server, Zoho’s own found first', () => {
    const dev = custom({
      id: 'us-dev',
      accountsUrl: 'https://accounts.zoho.com',
      apiDomain: 'https://developer.zohoapis.com',
    });
    if (!dev.ok) throw new Error(dev.message);
    const catalog = new DcCatalog([dev.value]);
    expect(catalog.allByAccountsServer('https://accounts.zoho.com/').map((dc) => dc.id)).toEqual([
      'us',
      'us-dev',
    ]);
    expect(catalog.byAccountsServer('https://accounts.zoho.com')?.id).toBe('us');
  });

  it('finds a DC by location, case-insensitively', () => {
    expect(new DcCatalog().byLocation('EU')?.accountsUrl).toBe('https://accounts.zoho.eu');
    expect(new DcCatalog().byLocation('mars')).toBeUndefined();
  });

  it('finds a DC by its accounts server, URL-encoded trailing slash or not, and nothing else', () => {
    const catalog = new DcCatalog();
    expect(catalog.byAccountsServer('https://accounts.zoho.in')?.id).toBe('in');
    expect(catalog.byAccountsServer('https://accounts.zoho.in/')?.id).toBe('in');
    expect(catalog.byAccountsServer('https://accounts.zoho.in.evil.test')).toBeUndefined();
    expect(catalog.byAccountsServer('http://accounts.zoho.in')).toBeUndefined();
    expect(catalog.byAccountsServer('https://user@accounts.zoho.in')).toBeUndefined();
    expect(catalog.byAccountsServer('not a url')).toBeUndefined();
  });

  it('finds a user-defined DC by its id as location and by its accounts server', () => {
    const lab = custom();
    if (!lab.ok) throw new Error(lab.message);
    const catalog = new DcCatalog([lab.value]);
    expect(catalog.byLocation('lab')).toBe(lab.value);
    expect(catalog.byAccountsServer('https://accounts.lab.test')).toBe(lab.value);
  });
});

describe('a user-defined DC', () => {
  it('is normalised to origins and a lower-case id', () => {
    const lab = custom({ id: 'Lab', accountsUrl: ' https://accounts.lab.test/ ' });
    expect(lab).toMatchObject({
      ok: true,
      value: { id: 'lab', accountsUrl: 'https://accounts.lab.test', kind: 'custom' },
    });
  });

  it('must use https, except on loopback hosts', () => {
    expect(custom({ accountsUrl: 'http://accounts.lab.test' })).toMatchObject({
      ok: false,
      code: 'invalid_dc_url',
    });
    expect(custom({ accountsUrl: 'http://127.0.0.1:8080', apiDomain: 'http://localhost:8081' }).ok).toBe(
      true,
    );
    expect(custom({ accountsUrl: 'http://[::1]:8080' }).ok).toBe(true);
  });

  it('refuses paths, queries, credentials and non-URLs with a message that says how to write it', () => {
    for (const accountsUrl of [
      'https://a.test/oauth',
      'https://a.test?x=1',
      'https://u:p@a.test',
      'accounts',
      'ftp://a.test',
    ]) {
      const result = custom({ accountsUrl });
      expect(result.ok, accountsUrl).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/Accounts URL/);
    }
  });

  it('may name developer and sandbox API domains, checked like the others; empty means none', () => {
    const lab = custom({ developerApiDomain: 'https://dev.lab.test/', sandboxApiDomain: ' ' });
    expect(lab).toMatchObject({
      ok: true,
      value: { developerApiDomain: 'https://dev.lab.test', sandboxApiDomain: null },
    });
    const bad = custom({ sandboxApiDomain: 'http://sandbox.lab.test' });
    expect(bad).toMatchObject({ ok: false, code: 'invalid_dc_url' });
    if (!bad.ok) expect(bad.message).toMatch(/^Sandbox API domain must use https/);
  });

  it('refuses an id that exists already, or a malformed id or name', () => {
    expect(custom({ id: 'eu' })).toMatchObject({ ok: false, code: 'duplicate_dc_id' });
    expect(custom({ id: 'a b' })).toMatchObject({ ok: false, code: 'invalid_dc_id' });
    expect(custom({ name: '  ' })).toMatchObject({ ok: false, code: 'invalid_dc_name' });
  });
});
