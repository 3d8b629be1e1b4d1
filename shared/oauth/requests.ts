import type { DataCenter } from '../dc/catalog';
import { base64 } from './base64';

/**
 * A request as data: the accounts client sends it with fetch. Parameters always travel in a form
 * body, never the query string, so no secret ends up in a URL or an access log (zoho-oauth.md,
 * "Token endpoint": Zoho accepts both).
 */
export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

const FORM = 'application/x-www-form-urlencoded';

export function formPost(
  url: URL,
  params: Record<string, string>,
  headers: Record<string, string> = {},
): HttpRequest {
  return {
    method: 'POST',
    url: url.toString(),
    headers: { 'content-type': FORM, accept: 'application/json', ...headers },
    body: new URLSearchParams(params).toString(),
  };
}

export interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** Code exchange. `redirectUri` is null for self clients, which Zoho does not ask for (seed 002). */
export function buildCodeExchangeRequest(
  dc: DataCenter,
  client: ClientCredentials,
  code: string,
  redirectUri: string | null,
  codeVerifier: string | null,
): HttpRequest {
  const params: Record<string, string> = {
    grant_type: 'authorization_code',
    client_id: client.clientId,
    client_secret: client.clientSecret,
    code,
  };
  if (redirectUri !== null) params.redirect_uri = redirectUri;
  if (codeVerifier !== null) params.code_verifier = codeVerifier;
  return formPost(new URL('/oauth/v2/token', dc.accountsUrl), params);
}

/** Refresh. Zoho does not rotate: the answer carries no new refresh token. */
export function buildRefreshRequest(
  dc: DataCenter,
  client: ClientCredentials,
  refreshToken: string,
): HttpRequest {
  return formPost(new URL('/oauth/v2/token', dc.accountsUrl), {
    grant_type: 'refresh_token',
    client_id: client.clientId,
    client_secret: client.clientSecret,
    refresh_token: refreshToken,
  });
}

/**
 * Client credentials (Zoho, "Self Client - Client credentials flow"): a self client's id and secret
 * for one access token, no user and no refresh token. `soid` (`{service}.{zsoid}`) names the
 * organization for products where the client's owner has several.
 */
export function buildClientCredentialsRequest(
  dc: DataCenter,
  client: ClientCredentials,
  scopes: readonly string[],
  soid: string | null,
): HttpRequest {
  const params: Record<string, string> = {
    grant_type: 'client_credentials',
    client_id: client.clientId,
    client_secret: client.clientSecret,
    scope: scopes.join(','),
  };
  if (soid !== null) params.soid = soid;
  return formPost(new URL('/oauth/v2/token', dc.accountsUrl), params);
}

/** `ZohoCRM.600123434`: a service name, a dot, the organization's id (digits). */
const SOID = /^[A-Za-z][A-Za-z0-9]*\.\d{1,30}$/;

/** The soid as typed, trimmed, or null when it is not `{service}.{zsoid}`. */
export function parseSoid(text: string): string | null {
  const trimmed = text.trim();
  return SOID.test(trimmed) ? trimmed : null;
}

export type RevokeEndpoint = 'sdk' | 'basic';

/**
 * Revoke. `sdk` is `/oauth/v2/token/revoke` as Zoho's SDKs call it; `basic` is the newer
 * `/oauth/v2/revoke/token` with HTTP Basic client authentication (RFC 7009 §2.1 style).
 */
export function buildRevokeRequest(
  dc: DataCenter,
  client: ClientCredentials,
  refreshToken: string,
  endpoint: RevokeEndpoint,
): HttpRequest {
  if (endpoint === 'sdk') {
    return formPost(new URL('/oauth/v2/token/revoke', dc.accountsUrl), { token: refreshToken });
  }
  const pair = `${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`;
  const basic = base64(new TextEncoder().encode(pair));
  return formPost(
    new URL('/oauth/v2/revoke/token', dc.accountsUrl),
    { token: refreshToken, token_type: 'refresh_token' },
    { authorization: `Basic ${basic}` },
  );
}

/** Who am I: `/oauth/user/info` on the accounts server (needs AaaServer.profile.Read). */
export function buildUserInfoRequest(dc: DataCenter, accessToken: string): HttpRequest {
  return apiGet(new URL('/oauth/user/info', dc.accountsUrl), accessToken);
}

/** Who am I for CRM: `{api_domain}/crm/v8/users?type=CurrentUser` (needs ZohoCRM.users.READ). */
export function buildCrmCurrentUserRequest(apiDomain: string, accessToken: string): HttpRequest {
  const url = new URL('/crm/v8/users', apiDomain);
  url.searchParams.set('type', 'CurrentUser');
  return apiGet(url, accessToken);
}

/**
 * Which CRM organization: `{api_domain}/crm/v8/org` (Zoho CRM "Organization API", scope
 * ZohoCRM.org.{ALL,READ}; the SDKs' `findUser` asks the same).
 */
export function buildCrmOrgRequest(apiDomain: string, accessToken: string): HttpRequest {
  return apiGet(new URL('/crm/v8/org', apiDomain), accessToken);
}

function apiGet(url: URL, accessToken: string): HttpRequest {
  return {
    method: 'GET',
    url: url.toString(),
    headers: { authorization: `Zoho-oauthtoken ${accessToken}`, accept: 'application/json' },
  };
}
