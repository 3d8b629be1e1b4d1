import { fail, ok, type Result } from '../result';

/**
 * The API environments of one DC, as Zoho's SDKs 8.0 name them (`USDataCenter.PRODUCTION()`,
 * `.DEVELOPER()`, `.SANDBOX()`): three API domains behind the same accounts server, so one token
 * serves all three (zoho-oauth.md, "Data centers").
 */
export const API_ENVIRONMENTS = ['production', 'developer', 'sandbox'] as const;
export type ApiEnvironment = (typeof API_ENVIRONMENTS)[number];

/**
 * A Zoho data center. `id` is the `location` value Zoho puts on the redirect
 * (zoho-oauth.md, "Data centers"); a user-defined DC's `location` is its id.
 */
export interface DataCenter {
  readonly id: string;
  readonly name: string;
  /** Origin of the accounts server, no trailing slash: `https://accounts.zoho.eu`. */
  readonly accountsUrl: string;
  /** Origin of the production API domain, no trailing slash: `https://www.zohoapis.eu`. */
  readonly apiDomain: string;
  /** `https://developer.zohoapis.eu`; null where the DC has none (or none is known). */
  readonly developerApiDomain: string | null;
  /** `https://sandbox.zohoapis.eu`; null where the DC has none (or none is known). */
  readonly sandboxApiDomain: string | null;
  readonly kind: 'zoho' | 'sandbox' | 'custom';
}

/** `www.zohoapis.<tld>` → `developer.` / `sandbox.zohoapis.<tld>`, as in the SDKs' DC classes. */
const zoho = (id: string, name: string, accountsUrl: string, apiDomain: string, more = true): DataCenter => ({
  id,
  name,
  accountsUrl,
  apiDomain,
  developerApiDomain: more ? apiDomain.replace('://www.', '://developer.') : null,
  sandboxApiDomain: more ? apiDomain.replace('://www.', '://sandbox.') : null,
  kind: 'zoho',
});

/**
 * The nine Zoho DCs. Australia is `accounts.zoho.com.au` as in Zoho's SDKs; some Zoho pages say
 * `accounts.zoho.au` — a user who needs that adds a custom DC (zoho-oauth.md). The SDKs 8.0 know
 * no UK DC, so its developer and sandbox API domains are not known here: a user who has them adds a
 * custom DC on `accounts.zoho.uk` (sharing an accounts server is fine, see DcCatalog).
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
  zoho('uk', 'United Kingdom', 'https://accounts.zoho.uk', 'https://www.zohoapis.uk', false),
];

/** The API domain of one of the DC's environments; null when the DC has no such environment. */
export function apiDomainOf(dc: DataCenter, environment: ApiEnvironment): string | null {
  if (environment === 'developer') return dc.developerApiDomain;
  if (environment === 'sandbox') return dc.sandboxApiDomain;
  return dc.apiDomain;
}

/** Which of the DC's API environments an origin is, if any. */
export function apiEnvironmentOf(dc: DataCenter, origin: string): ApiEnvironment | undefined {
  return API_ENVIRONMENTS.find((environment) => apiDomainOf(dc, environment) === origin);
}

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
  /** Optional: a DC may have no developer or sandbox API domain. Empty means none. */
  readonly developerApiDomain?: string | null | undefined;
  readonly sandboxApiDomain?: string | null | undefined;
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
  const developer = optionalOrigin(input.developerApiDomain, 'Developer API domain');
  if (!developer.ok) return developer;
  const sandbox = optionalOrigin(input.sandboxApiDomain, 'Sandbox API domain');
  if (!sandbox.ok) return sandbox;
  return ok({
    id,
    name,
    accountsUrl: accounts.value,
    apiDomain: api.value,
    developerApiDomain: developer.value,
    sandboxApiDomain: sandbox.value,
    kind,
  });
}

function optionalOrigin(
  raw: string | null | undefined,
  label: string,
): Result<string | null, 'invalid_dc_url'> {
  if (raw === undefined || raw === null || raw.trim() === '') return ok(null);
  return parseServerOrigin(raw, label);
}

/**
 * The catalog a flow validates against: Zoho's nine, then the sandbox and user-defined DCs. Several
 * DCs may share one accounts server (a custom DC for `developer.zohoapis.com` on
 * `accounts.zoho.com`): lookups by server answer all of them, in catalog order, and callers choose.
 */
export class DcCatalog {
  readonly all: readonly DataCenter[];
  private readonly byId: ReadonlyMap<string, DataCenter>;

  constructor(extra: readonly DataCenter[] = []) {
    this.all = [...ZOHO_DCS, ...extra];
    this.byId = new Map(this.all.map((dc) => [dc.id, dc]));
  }

  byLocation(location: string): DataCenter | undefined {
    return this.byId.get(location.trim().toLowerCase());
  }

  /**
   * Every DC on this accounts server, Zoho's own first; anything but an exact known origin is
   * unknown (an empty list).
   */
  allByAccountsServer(raw: string): readonly DataCenter[] {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return [];
    }
    if (url.username || url.password) return [];
    return this.all.filter((dc) => dc.accountsUrl === url.origin);
  }

  /** The first DC on this accounts server (Zoho's own before the sandbox's and the user's). */
  byAccountsServer(raw: string): DataCenter | undefined {
    return this.allByAccountsServer(raw)[0];
  }
}
