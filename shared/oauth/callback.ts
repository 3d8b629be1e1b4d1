import type { DataCenter, DcCatalog } from '../dc/catalog';
import { fail, ok, type Failure, type Ok, type Result } from '../result';
import { zohoMessage } from '../words/zoho-errors';
import type { PendingAuthorization } from './authorize';

export type CallbackErrorCode =
  | 'callback_malformed'
  | 'callback_wrong_target'
  | 'state_mismatch'
  | 'consent_error'
  | 'missing_code'
  | 'unknown_dc'
  | 'dc_mismatch';

export interface ValidCallback {
  readonly code: string;
  /** Where the code must be exchanged: the user's DC, as the redirect named it and the catalog agreed. */
  readonly dc: DataCenter;
  /** True when the user's DC differs from the one the consent started at (a multi-DC user). */
  readonly crossDc: boolean;
}

/** A consent error keeps what Zoho put in `error`, so the UI can explain it from the catalog. */
export type CallbackResult =
  Ok<ValidCallback> | (Failure<CallbackErrorCode> & { readonly zohoError?: string });

/**
 * Validates the URL Zoho redirected to (zoho-oauth.md, "Authorization request"). Checks, in order:
 * it is for the redirect URI we registered; `state` matches (RFC 6749 §10.12, CSRF); an `error`
 * is reported as such; then `location` and `accounts-server` must name the same known DC. That last
 * check is the mix-up defence (RFC 9207's concern): the code and the client secret go to the
 * accounts server of the redirect, so an unknown host or a disagreement is refused.
 */
export function validateCallback(
  rawUrl: string,
  pending: PendingAuthorization,
  catalog: DcCatalog,
): CallbackResult {
  let url: URL;
  let expected: URL;
  try {
    url = new URL(rawUrl.trim());
    expected = new URL(pending.redirectUri);
  } catch {
    return fail(
      'callback_malformed',
      'That is not a URL. Paste the whole address the browser was sent to, starting with http.',
    );
  }
  if (url.origin !== expected.origin || url.pathname !== expected.pathname) {
    return fail(
      'callback_wrong_target',
      `That URL is not for this client's redirect URI (${pending.redirectUri}).`,
    );
  }
  const q = url.searchParams;
  if (q.get('state') !== pending.state) {
    return fail(
      'state_mismatch',
      'The state does not match the consent in progress: this redirect belongs to another attempt. Start the consent again.',
    );
  }
  const error = q.get('error');
  if (error !== null) {
    // A redirect carries no HTTP status of Zoho's own: the browser was sent here with `error=`.
    const zoho = { error, description: q.get('error_description'), status: null };
    return {
      ...fail('consent_error', zohoMessage(zoho)),
      zoho,
      request: { kind: 'authorize' },
      zohoError: error,
    };
  }
  const code = q.get('code');
  if (code === null || code === '')
    return fail('missing_code', 'The redirect carries no grant code. Start the consent again.');
  return resolveDc(q, pending, catalog, code);
}

/**
 * The DC the code goes to. Several DCs may share one accounts server (a custom DC for another API
 * domain on Zoho's own server): the host is what the mix-up defence protects, so among the DCs on
 * the redirect's server the consent's own DC wins, then the one whose id is the `location`. A
 * `location` whose DC lives on another server is a disagreement and refused.
 */
function resolveDc(
  q: URLSearchParams,
  pending: PendingAuthorization,
  catalog: DcCatalog,
  code: string,
): Result<ValidCallback, CallbackErrorCode> {
  const location = q.get('location');
  const server = q.get('accounts-server');
  const started = catalog.byLocation(pending.dcId);
  // A redirect without location/accounts-server (older flows) means the DC the consent started at.
  if (location === null && server === null) {
    if (!started) return fail('unknown_dc', `The DC "${pending.dcId}" is no longer in the catalog.`);
    return ok({ code, dc: started, crossDc: false });
  }
  const byLocation = location === null ? undefined : catalog.byLocation(location);
  const onServer = server === null ? [] : catalog.allByAccountsServer(server);
  if (!byLocation || onServer.length === 0) {
    const named = server ?? location ?? '';
    return fail(
      'unknown_dc',
      `The redirect names an unknown accounts server (${named}); the code was not sent anywhere. Add that DC if you trust it.`,
    );
  }
  if (!onServer.includes(byLocation)) {
    return fail(
      'dc_mismatch',
      `The redirect's location (${location ?? ''}) and accounts-server (${server ?? ''}) disagree; refused so the code and secret do not go to the wrong host.`,
    );
  }
  const dc = onServer.find((candidate) => candidate.id === pending.dcId) ?? byLocation;
  return ok({ code, dc, crossDc: dc.id !== pending.dcId });
}
