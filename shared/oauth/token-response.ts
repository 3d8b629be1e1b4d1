import { fail, ok, type Failure, type Ok, type ZohoAnswer } from '../result';
import { zohoErrorFromWire, zohoMessage, type ZohoErrorCode } from '../words/zoho-errors';

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

/**
 * A failure keeps Zoho's own answer as data next to the catalog's explanation (never a token value).
 * `zohoError` repeats `zoho.error` for --json consumers that read it.
 */
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
      'Zoho answered something that is not JSON. Try again; if it persists, check the accounts URL of the DC.',
    );
  }
  const accessToken = json.access_token;
  if (typeof accessToken === 'string' && accessToken.length > 0) return ok(toTokenSet(json, accessToken));
  const zoho = zohoAnswerOf(json, 'error', 'error_description', answer.status);
  if (zoho !== null) return zohoFailure(zoho);
  if (answer.status !== 200) return httpError(answer.status);
  return tokenFailure(
    'malformed_response',
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
    `The accounts server answered HTTP ${status}. Check the DC's accounts URL, then try again.`,
  );
}

export function tokenFailure(code: TokenFailureCode, message: string): TokenFailure {
  return { ...fail(code, message), zohoError: null };
}

/** Zoho refused: the catalog's code for its word, its answer as sent, and the words made from both. */
export function zohoFailure(zoho: ZohoAnswer): TokenFailure {
  const code = zohoErrorFromWire(zoho.error).code;
  return { ...fail(code, zohoMessage(zoho)), zoho, zohoError: zoho.error };
}

/** Zoho's answer in a JSON body, under the keys this endpoint uses; null when it names no error. */
export function zohoAnswerOf(
  json: Record<string, unknown> | null,
  errorKey: string,
  descriptionKey: string,
  status: number,
): ZohoAnswer | null {
  const error = json?.[errorKey];
  if (typeof error !== 'string' || error === '') return null;
  const description = json?.[descriptionKey];
  const said = { error, description: typeof description === 'string' ? description : null, status };
  return errorKey === 'code' ? { ...said, style: 'api' } : said;
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
