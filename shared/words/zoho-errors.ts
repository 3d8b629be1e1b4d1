import type { ZohoAnswer, ZohoRequest } from '../result';
import { shortSpan } from './time';

/**
 * Every error Zoho's accounts server and APIs answer (zoho-oauth.md, "Token endpoint" and
 * "Calling APIs"), with its cause and the fix in plain words. The token endpoint answers them with
 * HTTP 200, so they are recognised by the `error` key, never by the status. Adding an error Zoho
 * answers is one entry here: the code, how Zoho spells it, and its words.
 */
export type ZohoErrorCode =
  | 'invalid_code'
  | 'invalid_client'
  | 'invalid_client_secret'
  | 'invalid_redirect_uri'
  | 'invalid_scope'
  | 'invalid_response_type'
  | 'invalid_request'
  | 'access_denied'
  | 'access_denied_limit'
  | 'device_code_expired'
  | 'missing_org_info'
  | 'unauthorized_client'
  | 'invalid_oauth_token'
  | 'invalid_token'
  | 'oauth_scope_mismatch'
  | 'unknown_zoho_error';

export interface ZohoErrorInfo {
  readonly code: ZohoErrorCode;
  /** How Zoho spells it on the wire (`Access Denied`, `INVALID_TOKEN`, ...). */
  readonly wire: string;
  readonly title: string;
  readonly cause: string;
  readonly fix: string;
}

const entry = (
  code: ZohoErrorCode,
  wire: string,
  title: string,
  cause: string,
  fix: string,
): ZohoErrorInfo => ({ code, wire, title, cause, fix });

export const ZOHO_ERRORS: Readonly<Record<ZohoErrorCode, ZohoErrorInfo>> = {
  invalid_code: entry(
    'invalid_code',
    'invalid_code',
    'Grant code or refresh token not accepted',
    'The grant code expired (a consent’s code lives 2 minutes, a self-client code as long as chosen in the API console), was already used once, or the refresh token was revoked or evicted by a newer one.',
    'Generate a new grant code (run the consent again, or make a new self-client code) and exchange it before it expires.',
  ),
  invalid_client: entry(
    'invalid_client',
    'invalid_client',
    'Client not known at this data center',
    'The client id is wrong, or it is right but was sent to another DC than the one it is registered in, without multi-DC enabled.',
    'Check the client id in the API console, the DC the client belongs to, and enable multi-DC for users of other DCs.',
  ),
  invalid_client_secret: entry(
    'invalid_client_secret',
    'invalid_client_secret',
    'Wrong client secret',
    'The client secret does not match the client id.',
    'Copy the client secret again from the Zoho API console and save it on the client.',
  ),
  invalid_redirect_uri: entry(
    'invalid_redirect_uri',
    'invalid_redirect_uri',
    'Redirect URI does not match',
    'The redirect URI differs from the one registered for the client; Zoho compares them exactly, trailing slash included.',
    'Register exactly the URI Tokenbench listens on (for example http://127.0.0.1:53682/callback), or change the client to match.',
  ),
  invalid_scope: entry(
    'invalid_scope',
    'invalid_scope',
    'Unknown scope',
    'One of the requested scopes does not exist or is misspelt (scopes look like ZohoCRM.modules.ALL).',
    'Pick scopes from the catalog, or check the spelling against the API documentation.',
  ),
  invalid_response_type: entry(
    'invalid_response_type',
    'invalid_response_type',
    'Wrong response type',
    'The authorization request did not ask for response_type=code.',
    'This is a bug in the request: report it.',
  ),
  invalid_request: entry(
    'invalid_request',
    'invalid_request',
    'Request not understood',
    'The request lacks a parameter, repeats one, or is otherwise malformed (RFC 6749 §5.2); Zoho’s description says which.',
    'This is a bug in how the request was built: report it with Zoho’s description.',
  ),
  access_denied: entry(
    'access_denied',
    'access_denied',
    'Consent denied',
    "The user pressed Deny on Zoho's consent page, or the organisation does not allow this client.",
    'Start the consent again and accept, or ask the organisation administrator to allow the client.',
  ),
  access_denied_limit: entry(
    'access_denied_limit',
    'Access Denied',
    'Token limit exceeded',
    'Too many tokens of one kind (grant codes, access or refresh tokens) were created in Zoho’s rolling window, and Zoho now refuses new ones for a while.',
    'Wait until the rolling window frees a slot (the limit meters show when), and reuse live access tokens instead of making new ones.',
  ),
  device_code_expired: entry(
    'device_code_expired',
    'expired',
    'Device code expired',
    'Nobody entered the user code and decided on the verification page within its 5 minutes (Zoho, "Polling request": expired).',
    'Start the device sign-in again and enter the new code on the verification page within 5 minutes.',
  ),
  missing_org_info: entry(
    'missing_org_info',
    'missing_org_info',
    'Organization not named',
    'The product of a requested scope has several organizations (CRM orgs, Desk portals) for this client, so Zoho needs to know which one the token acts in; or the soid sent names none of them.',
    'Send the organization as soid={service}.{zsoid}, for example ZohoCRM.600123434 (the org id is in the product’s settings, or in /crm/v8/org for CRM).',
  ),
  unauthorized_client: entry(
    'unauthorized_client',
    'unauthorized_client',
    'Client not allowed this grant',
    'The client is not registered for this kind of request: client credentials are for Self Clients only (RFC 6749 §5.2).',
    'Use a Self Client of the API console for client credentials, or sign in through the consent for other clients.',
  ),
  invalid_oauth_token: entry(
    'invalid_oauth_token',
    'invalid_oauth_token',
    'Access token not valid',
    'The access token expired (it lives one hour), was revoked, or was evicted when its refresh token made more live access tokens than Zoho keeps.',
    'Refresh the access token, or run the consent again if the refresh token is gone too.',
  ),
  invalid_token: entry(
    'invalid_token',
    'INVALID_TOKEN',
    'API rejected the access token',
    'The API answered 401 INVALID_TOKEN: the access token expired, was revoked or evicted, or belongs to another DC than this API domain.',
    'Refresh the access token and call the API domain of the DC it was issued in.',
  ),
  oauth_scope_mismatch: entry(
    'oauth_scope_mismatch',
    'OAUTH_SCOPE_MISMATCH',
    'Token lacks the scope',
    'The access token is valid but was not granted the scope this API needs.',
    'Run the consent again with the needed scope added (for example ZohoCRM.users.READ).',
  ),
  unknown_zoho_error: entry(
    'unknown_zoho_error',
    '',
    'Unexpected answer from Zoho',
    'Zoho answered with an error Tokenbench does not know.',
    "Read Zoho's own words below, and its whole answer with “Show the exchange” (the Console tab; tokenbench log --id N in a terminal); if it persists, check Zoho's status page.",
  ),
};

const BY_WIRE = new Map<string, ZohoErrorCode>(
  Object.values(ZOHO_ERRORS)
    .filter((e) => e.wire !== '')
    .map((e) => [e.wire.toLowerCase(), e.code]),
);

/** Maps what Zoho put in `error` (or an API's `code`) onto the catalog; case-insensitive. */
export function zohoErrorFromWire(wire: string): ZohoErrorInfo {
  const code = BY_WIRE.get(wire.trim().toLowerCase()) ?? 'unknown_zoho_error';
  return ZOHO_ERRORS[code];
}

export const isZohoErrorCode = (code: string): code is ZohoErrorCode => Object.hasOwn(ZOHO_ERRORS, code);

/**
 * The catalog's words, narrowed by what was asked: `invalid_code` means one thing for a refresh
 * and another for a code Tokenbench exchanged the moment the redirect brought it.
 */
export function explainZoho(info: ZohoErrorInfo, request: ZohoRequest | undefined): ZohoErrorInfo {
  if (request?.kind === 'client-credentials') return clientCredentialsWords(info);
  if (info.code !== 'invalid_code' || request === undefined) return info;
  if (request.kind === 'refresh') {
    return {
      ...info,
      title: 'Refresh token not accepted',
      cause:
        'Zoho no longer knows this refresh token: it was revoked (in the API console, by the user, or here) or evicted when the user and client reached the most live refresh tokens Zoho keeps.',
      fix: 'Run a new consent with access type offline to get a new refresh token.',
    };
  }
  if (request.kind !== 'code-exchange' || request.codeAgeMs === undefined) return info;
  const sent = `Tokenbench sent this code once, ${shortSpan(request.codeAgeMs)} after the redirect brought it.`;
  if (request.pkce === true) {
    // RFC 7636 §4.6: the server compares the verifier with the challenge of the authorization
    // request. Zoho documents no error of its own for a mismatch; it answers invalid_code.
    return {
      ...info,
      title: 'Grant code not accepted (PKCE)',
      cause: `This sign-in used PKCE, and Zoho answers invalid_code also when the code_verifier sent with the exchange does not match the code_challenge of the consent page's address. ${sent}`,
      fix: "Start the sign-in again from Tokenbench and accept on the page it opens. If it fails the same way, something changed the consent page's address (its code_challenge) on the way to Zoho: a proxy, an extension, or an address copied from an earlier attempt.",
    };
  }
  return { ...info, title: 'Grant code not accepted', cause: `${info.cause} ${sent}` };
}

/** Client credentials have no grant code and no consent: the causes that fit that request. */
function clientCredentialsWords(info: ZohoErrorInfo): ZohoErrorInfo {
  switch (info.code) {
    case 'invalid_client':
      return {
        ...info,
        cause:
          'The client id is wrong, or it was sent to another DC than the one the Self Client is registered in.',
        fix: 'Check the client id in the API console and the DC of the client; a Self Client answers only at its own DC.',
      };
    case 'invalid_scope':
      return {
        ...info,
        fix: 'Check each scope (Service.scope.OPERATION, e.g. ZohoCRM.users.READ) and that the Self Client may ask for it.',
      };
    case 'access_denied_limit':
      return {
        ...info,
        cause:
          'Each client-credentials token counts as one of the client’s grants, 10 per 10 minutes with its self-client codes (Tokenbench’s reading; Zoho’s pages are silent), and the window is full.',
        fix: 'Wait until the window frees a slot (the limit meters show when), and reuse the live token: it lasts an hour.',
      };
    default:
      return info;
  }
}

/** The explanation as one line for `message`: what it is and what to do, without Zoho's own words. */
export function zohoMessage(zoho: ZohoAnswer, request?: ZohoRequest): string {
  const info = explainZoho(zohoErrorFromWire(zoho.error), request);
  return `${info.title}: ${info.fix}`;
}
