import { zohoErrorFromWire, type ZohoErrorCode } from '../errors/catalog';
import { fail, ok, type Failure, type Ok } from '../result';

export interface TokenSet {
  readonly accessToken: string;
  /** Only on an offline code exchange; a refresh never rotates it. */
  readonly refreshToken: string | null;
  readonly apiDomain: string | null;
  readonly tokenType: string;
  readonly expiresInMs: number;
  readonly scope: string | null;
  readonly idToken: string | null;
}

export type TokenFailureCode = ZohoErrorCode | 'malformed_response' | 'http_error';

/** A failure keeps Zoho's own words next to the catalog's explanation (never a token value). */
export type TokenFailure = Failure<TokenFailureCode> & { readonly zohoError: string | null };

export interface RawHttpAnswer {
  readonly status: number;
  readonly body: string;
}

const ONE_HOUR_MS = 3_600_000;

/**
 * Classifies a token-endpoint answer (zoho-oauth.md, "Token endpoint"). Zoho answers errors with
 * HTTP 200, so success is "the body has access_token", never "the status is 200". Legacy answers
 * give `expires_in` in milliseconds next to `expires_in_sec`; the seconds value wins when present.
 */
export function classifyTokenResponse(answer: RawHttpAnswer): Ok<TokenSet> | TokenFailure {
  const json = parseObject(answer.body);
  if (json === null) {
    if (answer.status !== 200) return httpError(answer.status);
    return tokenFailure(
      'malformed_response',
      null,
      'Zoho answered something that is not JSON. Try again; if it persists, check the accounts URL of the DC.',
    );
  }
  const accessToken = json.access_token;
  if (typeof accessToken === 'string' && accessToken.length > 0) return ok(toTokenSet(json, accessToken));
  const wire = typeof json.error === 'string' ? json.error : null;
  if (wire !== null) {
    const info = zohoErrorFromWire(wire);
    const description = typeof json.error_description === 'string' ? ` (${json.error_description})` : '';
    return tokenFailure(info.code, wire, `${info.title}${description}: ${info.fix}`);
  }
  if (answer.status !== 200) return httpError(answer.status);
  return tokenFailure(
    'malformed_response',
    null,
    'Zoho answered without an access token or an error. Check the accounts URL of the DC.',
  );
}

function toTokenSet(json: Record<string, unknown>, accessToken: string): TokenSet {
  return {
    accessToken,
    refreshToken: stringOrNull(json.refresh_token),
    apiDomain: stringOrNull(json.api_domain),
    tokenType: stringOrNull(json.token_type) ?? 'Bearer',
    expiresInMs: expiresInMs(json),
    scope: stringOrNull(json.scope),
    idToken: stringOrNull(json.id_token),
  };
}

function expiresInMs(json: Record<string, unknown>): number {
  const sec = numberOrNull(json.expires_in_sec);
  if (sec !== null) return sec * 1000;
  const raw = numberOrNull(json.expires_in);
  if (raw === null) return ONE_HOUR_MS;
  // Without expires_in_sec the value is seconds (RFC 6749 §5.1); only legacy answers use ms, and they
  // also send expires_in_sec. A bare value above a day in seconds can only have meant milliseconds.
  return raw > 86_400 ? raw : raw * 1000;
}

function httpError(status: number): TokenFailure {
  return tokenFailure(
    'http_error',
    null,
    `The accounts server answered HTTP ${status}. Check the DC's accounts URL, then try again.`,
  );
}

export function tokenFailure(
  code: TokenFailureCode,
  zohoError: string | null,
  message: string,
): TokenFailure {
  return { ...fail(code, message), zohoError };
}

export function parseObject(body: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

const stringOrNull = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const numberOrNull = (v: unknown): number | null => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return null;
};
