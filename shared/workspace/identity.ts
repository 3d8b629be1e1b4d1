/**
 * Who a token acts for: the Zoho user (the accounts server's user info) and, for a CRM token, the
 * CRM organization (`GET {api_domain}/crm/v8/org`). Zoho's token answer says neither, so Tokenbench
 * asks right after the tokens are issued, with the new access token: two API calls, which create no
 * token and so count toward no token limit. Each part is known, or unknown with the reason, so the
 * inspector can say "unknown: the token lacks AaaServer.profile.Read" instead of a blank.
 */

/** From `/oauth/user/info` (zoho-oauth.md, "Calling APIs and checking a token"). */
export interface TokenUser {
  readonly zuid: string;
  readonly email: string | null;
  readonly displayName: string | null;
}

/**
 * From CRM's Organization API (`{ org: [ { id, company_name, zgid, type, ... } ] }`, Zoho CRM
 * "Organization API", scope ZohoCRM.org.{ALL,READ}). `apiDomain` is where it was asked: each API
 * domain of a DC (production, developer, sandbox) serves an org of its own (the SDKs' environments).
 */
export interface TokenOrg {
  readonly id: string;
  readonly zgid: string | null;
  readonly name: string | null;
  /** `Production`, `Developer` or `Sandbox`, as CRM names it. */
  readonly type: string | null;
  readonly apiDomain: string;
}

export type UnknownReason =
  /** The token's scopes do not allow the lookup; `need` names a scope that would. */
  | 'scope_missing'
  /** Not a CRM token: it has no CRM organization to ask about. */
  | 'not_crm'
  /** Zoho refused or did not answer; `code` is the failure's. */
  | 'lookup_failed';

export type Known<T> = { readonly state: 'known'; readonly value: T };
export type Unknown = {
  readonly state: 'unknown';
  readonly reason: UnknownReason;
  readonly need?: string;
  readonly code?: string;
};

export interface TokenIdentity {
  /** When the lookups ran. */
  readonly at: number;
  readonly user: Known<TokenUser> | Unknown;
  readonly org: Known<TokenOrg> | Unknown;
}

/** The scope `/oauth/user/info` needs (zoho-oauth.md). `.ALL` works too. */
export const PROFILE_SCOPE = 'AaaServer.profile.Read';
/** The scope CRM's `/org` needs (Zoho CRM "Organization API": `ZohoCRM.org.{ALL,READ}`). */
export const CRM_ORG_SCOPE = 'ZohoCRM.org.READ';

const PROFILE = /^aaaserver\.profile\.(read|all)$/i;
const CRM = /^zohocrm\./i;
const CRM_ORG = /^zohocrm\.org\.(read|all|\*)$/i;

/** What may be asked with these scopes: each lookup, or why not. */
export function identityPlan(scopes: readonly string[]): {
  readonly user: 'ask' | Unknown;
  readonly org: 'ask' | Unknown;
} {
  const user = scopes.some((s) => PROFILE.test(s))
    ? ('ask' as const)
    : { state: 'unknown' as const, reason: 'scope_missing' as const, need: PROFILE_SCOPE };
  const crm = scopes.some((s) => CRM.test(s));
  const org = !crm
    ? { state: 'unknown' as const, reason: 'not_crm' as const }
    : scopes.some((s) => CRM_ORG.test(s))
      ? ('ask' as const)
      : { state: 'unknown' as const, reason: 'scope_missing' as const, need: CRM_ORG_SCOPE };
  return { user, org };
}

/** The org's identity for comparisons: its id, else its zgid. */
export function orgKey(org: TokenOrg): string {
  return org.id !== '' ? org.id : (org.zgid ?? '');
}
