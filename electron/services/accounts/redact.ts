import type { HttpRequest } from '../../../shared/oauth/requests';
import { fingerprint } from '../../../shared/workspace/model';

/**
 * Defence in depth for "no secret in error messages or logs" (architecture.md, "Secrets"): the
 * classifiers never put a token in a message, but a server may echo what it was sent (a hostile or
 * buggy one in `error_description`), so every text leaving the accounts client is scrubbed of the
 * request's secret values, in the spellings they can take on the wire.
 */
export type Scrub = (text: string) => string;

/** Form fields of the token and revoke requests that carry secrets (zoho-oauth.md, "Token endpoint"). */
const SECRET_FORM_FIELDS = ['client_secret', 'code', 'code_verifier', 'refresh_token', 'token'];

/** JSON keys whose string values are secrets in Zoho's answers (and in echoes of our requests). */
const SECRET_JSON_KEYS = new Set([
  ...SECRET_FORM_FIELDS.filter((k) => k !== 'code'),
  'access_token',
  'id_token',
  'device_code',
]);

/** Zoho's token shape, `1000.<32 hex>.<32 hex>`, masked even when we did not send it. */
const ZOHO_TOKEN = /\b\d{4}\.[0-9a-f]{32}\.[0-9a-f]{32}\b/g;

/** Long values keep a fingerprint so a user can match them; short ones would be given away whole. */
export function mask(secret: string): string {
  return secret.length >= 16 ? `[redacted ${fingerprint(secret)}]` : '[redacted]';
}

/** Every secret a built request carries: secret form fields and the Authorization credentials. */
export function requestSecrets(request: HttpRequest): string[] {
  const found: string[] = [];
  const form = new URLSearchParams(request.body ?? '');
  for (const field of SECRET_FORM_FIELDS) found.push(...form.getAll(field));
  const authorization = request.headers.authorization;
  if (authorization !== undefined) found.push(...authorizationSecrets(authorization));
  return found.filter((s) => s !== '');
}

/** `Zoho-oauthtoken <token>` or `Basic <base64(id:secret)>` (RFC 7617 §2): the encoded pair and the secret. */
function authorizationSecrets(header: string): string[] {
  const [scheme = '', credentials = ''] = header.split(' ', 2);
  if (scheme.toLowerCase() !== 'basic') return [credentials];
  const pair = Buffer.from(credentials, 'base64').toString('utf8');
  const secret = pair.slice(pair.indexOf(':') + 1);
  return [credentials, safeDecode(secret)];
}

export function createScrubber(secrets: Iterable<string>): Scrub {
  const masks = new Map<string, string>();
  for (const secret of secrets) {
    if (secret === '') continue;
    for (const spelling of spellings(secret)) masks.set(spelling, mask(secret));
  }
  if (masks.size === 0) return (text) => text.replace(ZOHO_TOKEN, mask);
  // One pass, longest first: a secret containing another is replaced whole, and a mask just written
  // is never scrubbed again.
  const alternatives = [...masks.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = new RegExp(alternatives.join('|'), 'g');
  return (text) =>
    text.replace(pattern, (found) => masks.get(found) ?? '[redacted]').replace(ZOHO_TOKEN, mask);
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** As sent, JSON-escaped, percent-encoded and form-encoded: the ways an echo may spell it. */
function spellings(secret: string): Set<string> {
  return new Set([
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
  ]);
}

/**
 * The body as the inspector may show it: token values in a JSON answer replaced by fingerprints,
 * and the request's own secrets scrubbed anywhere else. Formatting is kept; only values change.
 */
export function redactBody(body: string, scrub: Scrub): string {
  return createScrubber(jsonSecrets(body))(scrub(body));
}

function jsonSecrets(body: string): string[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return [];
  }
  const found: string[] = [];
  const walk = (value: unknown, key: string | null): void => {
    if (typeof value === 'string') {
      if (key !== null && SECRET_JSON_KEYS.has(key.toLowerCase())) found.push(value);
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item, key);
    } else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    }
  };
  walk(json, null);
  return found;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
