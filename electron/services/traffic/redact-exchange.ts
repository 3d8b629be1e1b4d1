import type { HeaderPair } from '../../../shared/traffic/exchange';
import { createScrubber, mask, redactBody, type Scrub } from '../accounts/redact';

/**
 * What the traffic console keeps of a request: every secret replaced by its last four characters
 * (architecture.md, "Secrets"), wherever it stood. The secret form fields and query parameters of
 * Zoho's token, revoke and device requests (zoho-oauth.md, "Token endpoint"), the credentials of an
 * Authorization header, cookies, and whatever the sender says it filled in from the keychain.
 */
const SECRET_PARAMS = [
  'client_secret',
  'code',
  'code_verifier',
  'refresh_token',
  'access_token',
  'token',
  'device_code',
  'id_token',
];
const SECRET_HEADERS = new Set(['authorization', 'cookie', 'set-cookie', 'proxy-authorization']);

export interface SentRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: readonly HeaderPair[];
  readonly body: string | null;
}

/** The secret values a request carries on the wire, plus the ones the sender names. */
export function wireSecrets(request: SentRequest, named: readonly string[] = []): string[] {
  const found = [...named];
  const form = new URLSearchParams(request.body ?? '');
  let query = new URLSearchParams();
  try {
    query = new URL(request.url).searchParams;
  } catch {
    // Not a URL: nothing to read from its query.
  }
  for (const params of [form, query]) for (const name of SECRET_PARAMS) found.push(...params.getAll(name));
  for (const [name, value] of request.headers)
    if (SECRET_HEADERS.has(name.toLowerCase())) found.push(...credentialsOf(value));
  return found.filter((s) => s.length > 0);
}

/** `Zoho-oauthtoken X`, `Bearer X`, `Basic base64(id:secret)` (RFC 7617 §2): the credentials and the secret in them. */
function credentialsOf(value: string): string[] {
  const [scheme = '', credentials = ''] = value.trim().split(/\s+/, 2);
  if (credentials === '') return [value.trim()];
  if (scheme.toLowerCase() !== 'basic') return [credentials];
  const pair = Buffer.from(credentials, 'base64').toString('utf8');
  return [credentials, pair.slice(pair.indexOf(':') + 1)];
}

/** A header value as kept: secret headers keep their scheme and the credentials' last four. */
function redactHeader(scrub: Scrub): (pair: HeaderPair) => HeaderPair {
  return ([name, value]) => {
    if (!SECRET_HEADERS.has(name.toLowerCase())) return [name, scrub(value)];
    const [scheme = '', credentials = ''] = value.trim().split(/\s+/, 2);
    return [name, credentials === '' ? mask(value.trim()) : `${scheme} ${mask(credentials)}`];
  };
}

export interface Redactor {
  readonly scrub: Scrub;
  readonly headers: (headers: readonly HeaderPair[]) => HeaderPair[];
  readonly body: (body: string) => string;
}

export function redactorFor(request: SentRequest, named: readonly string[] = []): Redactor {
  const scrub = createScrubber(wireSecrets(request, named));
  return {
    scrub,
    headers: (headers) => headers.map(redactHeader(scrub)),
    // Zoho's answers carry new secrets (access_token, refresh_token) under known JSON keys.
    body: (body) => redactBody(body, scrub),
  };
}
