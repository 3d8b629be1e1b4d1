import { jsonReply, type Reply, type RequestContext } from './http';
import type { AccessToken, SandboxOrg, SandboxUser } from './model';
import { displayName, SANDBOX_ORGANIZATIONS, sandboxOrg, timeZoneOf } from './seed';

/** Zoho's answer to a missing, unknown, expired, evicted or revoked token (zoho-oauth.md). */
const INVALID_TOKEN = { code: 'INVALID_TOKEN', message: 'invalid oauth token', status: 'error' } as const;
/** Zoho CRM's answer when the token lacks the scope the URL needs (CRM API "Status codes"). */
const SCOPE_MISMATCH = {
  code: 'OAUTH_SCOPE_MISMATCH',
  message: 'invalid oauth scope to access this URL',
  status: 'error',
} as const;

type Authorized = { readonly token: AccessToken; readonly user: SandboxUser };

/**
 * Resolves `Authorization: Zoho-oauthtoken <token>` (Bearer is accepted too). A token answers only at
 * the server of its own DC, as Zoho's DCs keep separate token stores.
 */
function authorize(ctx: RequestContext, scopeOk: (scope: string) => boolean): Authorized | Reply {
  const match = /^(?:Zoho-oauthtoken|Bearer)\s+(\S+)$/i.exec(ctx.headers.authorization ?? '');
  const token = match?.[1] ? ctx.state.accessTokens.get(match[1]) : undefined;
  const user = token ? ctx.state.user(token.zuid) : undefined;
  if (!token || !user || token.dcId !== ctx.dc.id || token.expiresAt <= ctx.state.clock.now()) {
    return jsonReply(INVALID_TOKEN, 'INVALID_TOKEN', 401);
  }
  if (!token.scope.some(scopeOk))
    return jsonReply(SCOPE_MISMATCH, 'OAUTH_SCOPE_MISMATCH', 401, token.clientId);
  return { token, user };
}

/** GET /oauth/user/info, scope AaaServer.profile.Read (or .ALL): who the token belongs to. */
export function handleUserInfo(ctx: RequestContext): Reply {
  const auth = authorize(ctx, (s) => /^aaaserver\.profile\.(read|all)$/i.test(s));
  if ('status' in auth) return auth;
  const { user, token } = auth;
  const body = {
    First_Name: user.firstName,
    Last_Name: user.lastName,
    Display_Name: displayName(user),
    Email: user.email,
    ZUID: Number(user.zuid),
  };
  return jsonReply(body, 'success', 200, token.clientId);
}

/**
 * GET /crm/v{2..8}/users?type=CurrentUser, shaped like Zoho CRM's Users API (`{ users, info }`, the
 * SDKs' users ResponseWrapper). Scope read loosely: any ZohoCRM.users.{ALL,READ,*}. Other `type`
 * values list the users homed in this DC, as an org in that DC would.
 */
export function handleCrmUsers(ctx: RequestContext): Reply {
  const auth = authorize(ctx, (s) => /^zohocrm\.users\.(all|read|\*)$/i.test(s));
  if ('status' in auth) return auth;
  const { user, token } = auth;
  const current = ctx.url.searchParams.get('type') === 'CurrentUser';
  const users = current ? [user] : ctx.state.users.filter((u) => u.homeDc === ctx.dc.id);
  const body = {
    users: users.map(crmUser),
    info: { per_page: 200, count: users.length, page: 1, more_records: false },
  };
  return jsonReply(body, 'success', 200, token.clientId);
}

/**
 * GET /crm/v{2..8}/org, scope ZohoCRM.org.{ALL,READ,*}: `{ org: [ {...} ] }` as CRM's Organization
 * API answers (the SDKs' org ResponseWrapper; their `findUser` reads `zgid` from it). Each API domain
 * of a DC serves its own org: production, developer edition, sandbox copy (`type`).
 */
export function handleCrmOrg(ctx: RequestContext): Reply {
  const auth = authorize(ctx, (s) => /^zohocrm\.org\.(all|read|\*)$/i.test(s));
  if ('status' in auth) return auth;
  const org = sandboxOrg(ctx.dc.id, ctx.api, ctx.state.users);
  return jsonReply({ org: [crmOrg(chosenOrg(org, auth.token, ctx))] }, 'success', 200, auth.token.clientId);
}

/**
 * A client-credentials token acts in the CRM org its `soid` named (client-credentials.ts): at the
 * production API domain that org answers, not the DC's default one.
 */
function chosenOrg(org: SandboxOrg, token: AccessToken, ctx: RequestContext): SandboxOrg {
  if (ctx.api !== 'production' || token.soid === undefined) return org;
  const named = SANDBOX_ORGANIZATIONS.find(
    (o) => o.dcId === ctx.dc.id && o.service === 'ZohoCRM' && `${o.service}.${o.zsoid}` === token.soid,
  );
  if (named === undefined) return org;
  return { ...org, zgid: named.zsoid, crmId: `${named.zsoid}00000000017`, companyName: named.name };
}

function crmUser(user: SandboxUser): Record<string, unknown> {
  return {
    id: user.crmId,
    zuid: user.zuid,
    first_name: user.firstName,
    last_name: user.lastName,
    full_name: displayName(user),
    email: user.email,
    status: 'active',
    confirm: true,
    role: { name: 'CEO', id: `${user.crmId}1` },
    profile: { name: 'Administrator', id: `${user.crmId}2` },
    language: 'en_US',
    locale: 'en_US',
    country_locale: user.homeDc === 'sandbox-eu' ? 'DE' : 'US',
    time_zone: timeZoneOf(user.homeDc),
    Isonline: false,
  };
}

function crmOrg(org: SandboxOrg): Record<string, unknown> {
  const eu = org.countryCode === 'DE';
  return {
    id: org.crmId,
    company_name: org.companyName,
    alias: null,
    primary_email: org.primary.email,
    primary_zuid: org.primary.zuid,
    zgid: org.zgid,
    domain_name: `org${org.zgid}`,
    type: org.type,
    time_zone: org.timeZone,
    country_code: org.countryCode,
    currency: eu ? 'Euro' : 'US Dollar',
    currency_symbol: eu ? '€' : '$',
    currency_locale: eu ? 'de_DE' : 'en_US',
    iso_code: eu ? 'EUR' : 'USD',
    mc_status: false,
    gapps_enabled: false,
    translation_enabled: false,
    privacy_settings: false,
    hipaa_compliance_enabled: false,
    employee_count: null,
    phone: null,
    website: null,
    license_details: {
      paid: true,
      paid_type: 'enterprise',
      paid_expiry: null,
      trial_type: null,
      trial_expiry: null,
      users_license_purchased: 10,
    },
  };
}
