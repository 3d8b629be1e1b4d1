import type { DataCenter } from '../dc/catalog';
import { ok, type Ok } from '../result';
import type { AccessType } from './authorize';
import { formPost, type ClientCredentials, type HttpRequest } from './requests';
import {
  classifyTokenResponse,
  parseObject,
  tokenFailure,
  zohoAnswerOf,
  zohoFailure,
  type RawHttpAnswer,
  type TokenFailure,
  type TokenSet,
} from './token-response';

/**
 * The device flow (Zoho, "Non-browser applications": Initiation request, Polling request), as pure
 * build and process steps like the others. Zoho's pages show the parameters in the query string; they
 * go in a form body here, as for the token endpoint, so the client secret is never in a URL.
 */

export interface DeviceCodeInput {
  readonly dc: DataCenter;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly accessType: AccessType;
  /** `prompt=consent`: a refresh token every time, not only on the user's first consent. */
  readonly promptConsent: boolean;
}

/** `POST {accounts}/oauth/v3/device/code` at the DC where the client is registered. */
export function buildDeviceCodeRequest(input: DeviceCodeInput): HttpRequest {
  const params: Record<string, string> = {
    client_id: input.clientId,
    grant_type: 'device_request',
    scope: input.scopes.join(','),
    access_type: input.accessType,
  };
  if (input.promptConsent) params.prompt = 'consent';
  return formPost(new URL('/oauth/v3/device/code', input.dc.accountsUrl), params);
}

/** `POST {accounts}/oauth/v3/device/token` at the DC polled (the client's, or the user's after other_dc). */
export function buildDevicePollRequest(
  dc: DataCenter,
  client: ClientCredentials,
  deviceCode: string,
): HttpRequest {
  return formPost(new URL('/oauth/v3/device/token', dc.accountsUrl), {
    client_id: client.clientId,
    client_secret: client.clientSecret,
    grant_type: 'device_token',
    code: deviceCode,
  });
}

export interface DeviceAuthorization {
  /** Shown to the user, who types it on the verification page. Not a secret. */
  readonly userCode: string;
  /** Polled with the client secret: kept in memory only, never shown or stored. */
  readonly deviceCode: string;
  readonly verificationUrl: string;
  readonly expiresInMs: number;
  readonly intervalMs: number;
}

/** "The device must maintain a request rate of only one request per 30 seconds" (Polling request). */
export const ZOHO_DEVICE_INTERVAL_MS = 30_000;
/** "user_code … Validity: 5 minutes" (Initiation request). */
export const ZOHO_DEVICE_CODE_TTL_MS = 5 * 60_000;
/** RFC 8628 3.5: after slow_down, the interval grows by 5 seconds for this and all later polls. */
export const SLOW_DOWN_STEP_MS = 5_000;

/**
 * The initiation's answer. Units: an older Zoho page gives `interval` and `expires_in` in milliseconds,
 * the current one (and RFC 8628) in seconds; a value no one would mean in seconds (an interval over 10
 * minutes, a validity over an hour) is read as milliseconds. Absent, Zoho's 30 s and 5 minutes.
 */
export function classifyDeviceCodeResponse(answer: RawHttpAnswer): Ok<DeviceAuthorization> | TokenFailure {
  const json = parseObject(answer.body);
  const failed = failureOf(json, answer.status);
  if (failed !== null) return failed;
  const userCode = text(json?.user_code);
  const deviceCode = text(json?.device_code);
  const verificationUrl = httpUrl(json?.verification_url);
  if (userCode === null || deviceCode === null || verificationUrl === null) {
    return tokenFailure(
      'malformed_response',
      'The accounts server answered the device-code request without a user code, a device code and an http(s) verification URL. Check the accounts URL of the DC.',
    );
  }
  return ok({
    userCode,
    deviceCode,
    verificationUrl,
    expiresInMs: duration(json?.expires_in, 3600, ZOHO_DEVICE_CODE_TTL_MS),
    intervalMs: Math.max(1000, duration(json?.interval, 600, ZOHO_DEVICE_INTERVAL_MS)),
  });
}

/** What one poll heard: the words of Zoho's "Polling feedback responses", or the tokens. */
export type DevicePollAnswer =
  | { readonly kind: 'tokens'; readonly tokens: TokenSet }
  | { readonly kind: 'authorization_pending' }
  | { readonly kind: 'slow_down' }
  /** The user is homed in another DC: poll there. `userLocation` is that DC's id (`eu`). */
  | { readonly kind: 'other_dc'; readonly userLocation: string };

/**
 * A poll's answer. The three that mean "keep polling" are values; `access_denied`, `expired` and every
 * other error end the flow as failures with Zoho's word kept, like the token endpoint's.
 */
export function classifyDevicePollResponse(answer: RawHttpAnswer): Ok<DevicePollAnswer> | TokenFailure {
  const json = parseObject(answer.body);
  const wire = text(json?.error);
  if (wire === 'authorization_pending' || wire === 'slow_down') return ok({ kind: wire });
  if (wire === 'other_dc') {
    const userLocation = text(json?.user_location);
    if (userLocation === null)
      return tokenFailure(
        'malformed_response',
        "The accounts server answered other_dc without user_location, so the user's DC is unknown. Start the device sign-in again.",
      );
    return ok({ kind: 'other_dc', userLocation });
  }
  const tokens = classifyTokenResponse(answer);
  return tokens.ok ? ok({ kind: 'tokens', tokens: tokens.value }) : tokens;
}

function failureOf(json: Record<string, unknown> | null, status: number): TokenFailure | null {
  const zoho = zohoAnswerOf(json, 'error', 'error_description', status);
  if (zoho !== null) return zohoFailure(zoho);
  if (json === null)
    return tokenFailure(
      status === 200 ? 'malformed_response' : 'http_error',
      `The accounts server answered ${status === 200 ? 'something that is not JSON' : `HTTP ${String(status)}`}. Check the DC's accounts URL, then try again.`,
    );
  return null;
}

function duration(value: unknown, maxSeconds: number, fallbackMs: number): number {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d+$/.test(value)
        ? Number(value)
        : NaN;
  if (!Number.isFinite(n) || n <= 0) return fallbackMs;
  return n > maxSeconds ? n : n * 1000;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Only http(s): the URL is shown, linked and put in a QR code, so `javascript:` and the like never are. */
function httpUrl(v: unknown): string | null {
  const raw = text(v);
  if (raw === null) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}
