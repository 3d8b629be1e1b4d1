/**
 * The traffic console's record of one HTTP exchange with Zoho (issue 10 part 5): what Tokenbench
 * sent to an accounts server or an API domain and what came back, secrets already replaced by their
 * last four characters. Pure data, shared by the store, the shells and the HAR export.
 */

/** What the exchange did, read from the wire (the URL and `grant_type`), not from who sent it. */
export const EXCHANGE_KINDS = [
  'exchange',
  'refresh',
  'revoke',
  'device',
  'client-credentials',
  'check',
  'api',
] as const;
export type ExchangeKind = (typeof EXCHANGE_KINDS)[number];

/** How it ended: an answer, Zoho's refusal, the rate-limit refusal, or no answer at all. */
export const EXCHANGE_OUTCOMES = ['ok', 'error', 'access_denied', 'network'] as const;
export type ExchangeOutcome = (typeof EXCHANGE_OUTCOMES)[number];

export type HeaderPair = readonly [name: string, value: string];

/** One line of the Console's list: enough to find an exchange, never its bodies. */
export interface ExchangeSummary {
  /** Position in the workspace's traffic, from 1, never reused (what an error card points to). */
  readonly id: number;
  /** Wall clock when the request left. */
  readonly at: number;
  readonly durationMs: number;
  readonly kind: ExchangeKind;
  readonly outcome: ExchangeOutcome;
  /** The workspace client it was sent for, when known. */
  readonly clientRef: string | null;
  readonly clientName: string | null;
  readonly method: string;
  /** The URL as sent, secrets in its query masked. */
  readonly url: string;
  /** Null when no answer came. */
  readonly status: number | null;
  /** Zoho's own `error` (or an API's `code`) when it refused. */
  readonly zohoError: string | null;
}

/** Everything recorded about an exchange, redacted. */
export interface ExchangeDetail extends ExchangeSummary {
  readonly request: {
    readonly headers: readonly HeaderPair[];
    readonly body: string | null;
  };
  /** Null when no answer came; see `network`. */
  readonly response: {
    readonly statusText: string;
    readonly headers: readonly HeaderPair[];
    readonly body: string;
    /** The body was longer than the record keeps and was cut. */
    readonly cut: boolean;
  } | null;
  /** Why no answer came, in plain words with the system's code. */
  readonly network: { readonly message: string; readonly systemCode: string | null } | null;
}

export interface ExchangeFilter {
  readonly clientRef?: string | undefined;
  readonly kind?: ExchangeKind | undefined;
  readonly outcome?: ExchangeOutcome | undefined;
}

/** One page of the list, newest first. */
export interface ExchangePage {
  readonly rows: readonly ExchangeSummary[];
  /** How many exchanges match the filter in all. */
  readonly total: number;
  /** Pass as `before` for the next (older) page; null at the end. */
  readonly next: number | null;
}

const TOKEN_PATH = /\/oauth\/v2\/token\/?$/;

/**
 * The kind, from what went on the wire (zoho-oauth.md, "Token endpoint"; Zoho's "Non-browser
 * applications" pages for the device endpoints). `origin` says who sent a request that is none of
 * those: the accounts client's own calls are checks ("who am I"), the runner's are API calls.
 */
export function exchangeKind(
  method: string,
  url: string,
  body: string | null,
  origin: 'accounts' | 'runner',
): ExchangeKind {
  let path: string;
  let query: URLSearchParams;
  try {
    const parsed = new URL(url);
    path = parsed.pathname;
    query = parsed.searchParams;
  } catch {
    return origin === 'accounts' ? 'check' : 'api';
  }
  if (path.includes('/oauth/v3/device/')) return 'device';
  if (/\/oauth\/v2\/token\/revoke\/?$/.test(path)) return 'revoke';
  if (method.toUpperCase() === 'POST' && TOKEN_PATH.test(path)) {
    const grant = new URLSearchParams(body ?? '').get('grant_type') ?? query.get('grant_type');
    if (grant === 'authorization_code') return 'exchange';
    if (grant === 'refresh_token') return 'refresh';
    if (grant === 'client_credentials') return 'client-credentials';
    if (grant === 'device_token') return 'device';
  }
  return origin === 'accounts' ? 'check' : 'api';
}

/** Zoho's refusal in a body: the accounts server's `error`, or an API's `code` with `status: error`. */
export function zohoErrorIn(body: string | null): string | null {
  if (body === null || body === '') return null;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const record = json as Record<string, unknown>;
  if (typeof record.error === 'string') return record.error;
  if (record.status === 'error' && typeof record.code === 'string') return record.code;
  return null;
}

/**
 * The outcome. Zoho's token endpoint refuses with HTTP 200 and an `error` key, so the body decides
 * before the status does; `Access Denied` is its own outcome because it locks the user out.
 */
export function exchangeOutcome(status: number | null, body: string | null): ExchangeOutcome {
  if (status === null) return 'network';
  const zoho = zohoErrorIn(body);
  if (zoho !== null && zoho.trim().toLowerCase() === 'access denied') return 'access_denied';
  if (zoho !== null || status >= 400) return 'error';
  return 'ok';
}

export const OUTCOME_LABELS: Readonly<Record<ExchangeOutcome, string>> = {
  ok: 'OK',
  error: 'Error',
  access_denied: 'Access Denied',
  network: 'No answer',
};

export const KIND_LABELS: Readonly<Record<ExchangeKind, string>> = {
  exchange: 'Code exchange',
  refresh: 'Refresh',
  revoke: 'Revoke',
  device: 'Device flow',
  'client-credentials': 'Client credentials',
  check: 'Check',
  api: 'API request',
};
