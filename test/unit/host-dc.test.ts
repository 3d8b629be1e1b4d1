import { describe, expect, it } from 'vitest';
import { ZOHO_DCS, type DataCenter } from '../../shared/dc/catalog';
import { dcOfUrl } from '../../shared/dc/host-dc';

const sandbox = (id: string, port: number): DataCenter => ({
  id,
  name: id,
  accountsUrl: `http://127.0.0.1:${String(port)}`,
  apiDomain: `http://127.0.0.1:${String(port)}`,
  developerApiDomain: `http://127.0.0.1:${String(port + 10)}`,
  sandboxApiDomain: `http://127.0.0.1:${String(port + 20)}`,
  kind: 'sandbox',
});
const DCS = [...ZOHO_DCS, sandbox('sandbox-us', 4100), sandbox('sandbox-eu', 4101)];
const of = (url: string) => dcOfUrl(DCS, new URL(url))?.id ?? null;

describe('the DC a request URL goes to', () => {
  it('is the DC whose accounts or API domain, or a subdomain of them, the host is', () => {
    expect(of('https://www.zohoapis.com/crm/v8/users')).toBe('us');
    expect(of('https://sandbox.zohoapis.eu/crm/v8/org')).toBe('eu');
    expect(of('https://developer.zohoapis.in/x')).toBe('in');
    expect(of('https://desk.zoho.com.au/api/v1/tickets')).toBe('au');
    expect(of('https://accounts.zoho.com.cn/oauth/user/info')).toBe('cn');
    expect(of('https://www.zohoapis.ca/')).toBe('ca');
    expect(of('https://accounts.zohocloud.ca/')).toBe('ca');
  });

  it('tells Australia and China from the US although their names end alike', () => {
    expect(of('https://www.zohoapis.com.au/x')).toBe('au');
    expect(of('https://mail.zoho.com.cn/x')).toBe('cn');
    expect(of('https://mail.zoho.com/x')).toBe('us');
  });

  it('tells loopback DCs apart by port, and knows no other host', () => {
    expect(of('http://127.0.0.1:4100/crm/v8/users')).toBe('sandbox-us');
    expect(of('http://127.0.0.1:4101/crm/v8/users')).toBe('sandbox-eu');
    expect(of('http://127.0.0.1:4111/crm/v8/users')).toBe('sandbox-eu');
    expect(of('http://127.0.0.1:4120/crm/v8/org')).toBe('sandbox-us');
    expect(of('http://127.0.0.1:4102/crm/v8/users')).toBeNull();
    expect(of('https://api.example.com/v1')).toBeNull();
    expect(of('https://zohoapis.com.evil.example/x')).toBeNull();
    expect(of('http://www.zohoapis.com/x')).toBeNull();
  });
});
