import { fail, ok, type Result } from '../result';

/**
 * A Zoho data center. `id` is the `location` value Zoho puts on the redirect
 * (zoho-oauth.md, "Data centers"); a user-defined DC's `location` is its id.
 */
export interface DataCenter {
  readonly id: string;
  readonly name: string;
  /** Origin of the accounts server, no trailing slash: `https://accounts.zoho.eu`. */
  readonly accountsUrl: string;
  /** Origin of the API domain, no trailing slash: `https://www.zohoapis.eu`. */
  readonly apiDomain: string;
  readonly kind: 'zoho' | 'sandbox' | 'custom';
}

const zoho = (id: string, name: string, accountsUrl: string, apiDomain: string): DataCenter => ({
  id,
  name,
  accountsUrl,
  apiDomain,
  kind: 'zoho',
});

/**
 * The nine Zoho DCs. Australia is `accounts.zoho.com.au` as in Zoho's SDKs; some Zoho pages say
 * `accounts.zoho.au` — a user who needs that adds a custom DC (zoho-oauth.md).
 */
export const ZOHO_DCS: readonly DataCenter[] = [
  zoho('us', 'United States', 'https://accounts.zoho.com', 'https://www.zohoapis.com'),
  zoho('eu', 'Europe', 'https://accounts.zoho.eu', 'https://www.zohoapis.eu'),
  zoho('in', 'India', 'https://accounts.zoho.in', 'https://www.zohoapis.in'),
  zoho('au', 'Australia', 'https://accounts.zoho.com.au', 'https://www.zohoapis.com.au'),
  zoho('jp', 'Japan', 'https://accounts.zoho.jp', 'https://www.zohoapis.jp'),
  zoho('cn', 'China', 'https://accounts.zoho.com.cn', 'https://www.zohoapis.com.cn'),
  zoho('ca', 'Canada', 'https://accounts.zohocloud.ca', 'https://www.zohoapis.ca'),
  zoho('sa', 'Saudi Arabia', 'https://accounts.zoho.sa', 'https://www.zohoapis.sa'),
  zoho('uk', 'United Kingdom', 'https://accounts.zoho.uk', 'https://www.zohoapis.uk'),
];

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

export type DcInputError = 'invalid_dc_id' | 'invalid_dc_name' | 'invalid_dc_url' | 'duplicate_dc_id';

/**
 * Parses a server URL a user typed for a DC: https only, except loopback hosts (a private test
 * server or the sandbox DC), and nothing beyond the origin, since Zoho's endpoints hang off it.
 */
export function parseServerOrigin(raw: string, label: string): Result<string, 'invalid_dc_url'> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return fail('invalid_dc_url', `${label} "${raw}" is not a URL. Write it like https://accounts.zoho.com.`);
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !(loopback && url.protocol === 'http:')) {
    return fail(
      'invalid_dc_url',
      `${label} must use https:// (plain http:// is allowed only for 127.0.0.1 or localhost).`,
    );
  }
  if (
    url.username ||
    url.password ||
    url.search ||
    url.hash ||
    (url.pathname !== '/' && url.pathname !== '')
  ) {
    return fail(
      'invalid_dc_url',
      `${label} must be only a scheme and host, like ${url.protocol}//${url.host}, with no path, query or credentials.`,
    );
  }
  return ok(url.origin);
}

export interface CustomDcInput {
  readonly id: string;
  readonly name: string;
  readonly accountsUrl: string;
  readonly apiDomain: string;
}

/** Validates a user-defined DC against the catalog it joins (ids are unique, case-insensitively). */
export function validateCustomDc(
  input: CustomDcInput,
  existing: readonly DataCenter[],
  kind: 'custom' | 'sandbox' = 'custom',
): Result<DataCenter, DcInputError> {
  const id = input.id.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9-]{0,31}$/.test(id)) {
    return fail(
      'invalid_dc_id',
      `DC id "${input.id}" must be 1-32 letters, digits or dashes, starting with a letter or digit.`,
    );
  }
  if (existing.some((dc) => dc.id === id)) {
    return fail('duplicate_dc_id', `A DC with id "${id}" exists already. Pick another id or edit that DC.`);
  }
  const name = input.name.trim();
  if (name.length === 0 || name.length > 64) {
    return fail('invalid_dc_name', 'Give the DC a name of 1 to 64 characters.');
  }
  const accounts = parseServerOrigin(input.accountsUrl, 'Accounts URL');
  if (!accounts.ok) return accounts;
  const api = parseServerOrigin(input.apiDomain, 'API domain');
  if (!api.ok) return api;
  return ok({ id, name, accountsUrl: accounts.value, apiDomain: api.value, kind });
}

/** The catalog a flow validates against: Zoho's nine, then the sandbox and user-defined DCs. */
export class DcCatalog {
  readonly all: readonly DataCenter[];
  private readonly byId: ReadonlyMap<string, DataCenter>;
  private readonly byOrigin: ReadonlyMap<string, DataCenter>;

  constructor(extra: readonly DataCenter[] = []) {
    this.all = [...ZOHO_DCS, ...extra];
    this.byId = new Map(this.all.map((dc) => [dc.id, dc]));
    this.byOrigin = new Map(this.all.map((dc) => [dc.accountsUrl, dc]));
  }

  byLocation(location: string): DataCenter | undefined {
    return this.byId.get(location.trim().toLowerCase());
  }

  /** Looks a DC up by its accounts server; anything but an exact known origin is unknown. */
  byAccountsServer(raw: string): DataCenter | undefined {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return undefined;
    }
    if (url.username || url.password) return undefined;
    return this.byOrigin.get(url.origin);
  }
}
