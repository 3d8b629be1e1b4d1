import type { DataCenter } from '../../../shared/dc/catalog';
import {
  buildDeviceCodeRequest,
  buildDevicePollRequest,
  classifyDeviceCodeResponse,
  classifyDevicePollResponse,
  type DeviceAuthorization,
  type DeviceCodeInput,
  type DevicePollAnswer,
} from '../../../shared/oauth/device';
import {
  classifyCrmOrgResponse,
  classifyRevokeResponse,
  classifyWhoAmIResponse,
  type CrmOrg,
  type WhoAmI,
} from '../../../shared/oauth/other-responses';
import {
  buildClientCredentialsRequest,
  buildCodeExchangeRequest,
  buildCrmCurrentUserRequest,
  buildCrmOrgRequest,
  buildRefreshRequest,
  buildRevokeRequest,
  buildUserInfoRequest,
  type ClientCredentials,
  type HttpRequest,
  type RevokeEndpoint,
} from '../../../shared/oauth/requests';
import {
  classifyTokenResponse,
  type RawHttpAnswer,
  type TokenFailure,
  type TokenFailureCode,
  type TokenSet,
} from '../../../shared/oauth/token-response';
import type { Failure, Ok, ZohoAnswer, ZohoRequest } from '../../../shared/result';
import type { ExchangeSink, RawExchange } from '../traffic/recorder';
import { zohoMessage } from '../../../shared/words/zoho-errors';
import type { NetworkCause, ServerLabel } from './network-errors';
import { createScrubber, redactBody, requestSecrets, type Scrub } from './redact';
import { send, type FetchLike, type SendOutcome } from './send';

export type AccountsFailureCode = TokenFailureCode | 'timeout' | 'network_error' | 'redirect_refused';

export type AccountsFailure = Failure<AccountsFailureCode> & {
  /** Zoho's own word (`invalid_code`, `Access Denied`...), scrubbed like the message: `zoho.error` again. */
  readonly zohoError: string | null;
};

/** What the inspector shows for "why a call failed": never a secret. */
export interface CallTrace {
  readonly method: 'GET' | 'POST';
  /** The request URL; requests carry secrets in the body and headers only. */
  readonly url: string;
  /** HTTP status of the answer; null when none came. */
  readonly status: number | null;
  /** The answer's body with token values replaced by fingerprints; null when none came. */
  readonly body: string | null;
  /** Set when no answer came: what kind of network problem, and the system's code for it. */
  readonly network: { readonly cause: NetworkCause; readonly systemCode: string | null } | null;
  readonly durationMs: number;
  /** The traffic console's record of this call (issue 10 part 5); null when none was kept. */
  readonly exchangeId: number | null;
}

export type AccountsResult<T> = (Ok<T> | AccountsFailure) & { readonly trace: CallTrace };

export interface AccountsClientOptions {
  readonly fetch?: FetchLike;
  readonly timeoutMs?: number;
  /** For durations in traces. */
  readonly now?: () => number;
  /** The traffic console: every call, as sent and answered, is handed here to be redacted and kept. */
  readonly record?: ExchangeSink;
  /** Wall clock for the record's time (the workbench's clock). */
  readonly wallClock?: () => number;
}

export interface AccountsClient {
  exchangeCode(
    dc: DataCenter,
    client: ClientCredentials,
    code: string,
    redirectUri: string | null,
    codeVerifier: string | null,
  ): Promise<AccountsResult<TokenSet>>;
  refresh(dc: DataCenter, client: ClientCredentials, refreshToken: string): Promise<AccountsResult<TokenSet>>;
  revoke(
    dc: DataCenter,
    client: ClientCredentials,
    refreshToken: string,
    endpoint: RevokeEndpoint,
  ): Promise<AccountsResult<null>>;
  userInfo(dc: DataCenter, accessToken: string): Promise<AccountsResult<WhoAmI>>;
  crmCurrentUser(apiDomain: string, accessToken: string): Promise<AccountsResult<WhoAmI>>;
  /** Client credentials of a Self Client (Zoho, "Self Client - Client credentials flow"). */
  clientCredentials(
    dc: DataCenter,
    client: ClientCredentials,
    scopes: readonly string[],
    soid: string | null,
  ): Promise<AccountsResult<TokenSet>>;
  /** CRM's organization at this API domain (`/crm/v8/org`). */
  crmOrg(apiDomain: string, accessToken: string): Promise<AccountsResult<CrmOrg>>;
  /** The device flow's initiation, at the client's DC (Zoho, "Initiation request"). */
  deviceCode(input: DeviceCodeInput): Promise<AccountsResult<DeviceAuthorization>>;
  /** One poll of the device flow (Zoho, "Polling request"), at the DC polled. */
  devicePoll(
    dc: DataCenter,
    client: ClientCredentials,
    deviceCode: string,
  ): Promise<AccountsResult<DevicePollAnswer>>;
}

type Classify<T> = (answer: RawHttpAnswer) => Ok<T> | TokenFailure;

const ACCOUNTS: ServerLabel = { name: 'accounts server', setting: "the DC's accounts URL" };
const API: ServerLabel = { name: 'API server', setting: "the token's API domain" };

/**
 * A thin sender over the pure request builders and response classifiers of shared/oauth (the
 * oauth4webapi split: build, send, process). Every outcome is data with a stable code; nothing throws.
 */
export function createAccountsClient(options: AccountsClientOptions = {}): AccountsClient {
  const fetchFn: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 15_000;
  const now = options.now ?? Date.now;
  const wallClock = options.wallClock ?? Date.now;

  async function call<T>(
    request: HttpRequest,
    asked: ZohoRequest,
    server: ServerLabel,
    classify: Classify<T>,
  ): Promise<AccountsResult<T>> {
    const scrub = createScrubber(requestSecrets(request));
    const started = now();
    const at = wallClock();
    const outcome = await send(request, { fetch: fetchFn, timeoutMs, server });
    const durationMs = now() - started;
    const exchangeId = options.record?.(rawExchange(request, outcome, at, durationMs)) ?? null;
    const trace = traceOf(request, outcome, scrub, durationMs, exchangeId);
    const result = interpret(outcome, server, classify, scrub, asked);
    // A failure names the exchange behind it, so an error card can open it ("Show the exchange").
    const carried = result.ok || exchangeId === null ? result : { ...result, exchangeId };
    return { ...carried, trace };
  }

  return {
    exchangeCode: (dc, client, code, redirectUri, codeVerifier) =>
      call(
        buildCodeExchangeRequest(dc, client, code, redirectUri, codeVerifier),
        { kind: 'code-exchange', pkce: codeVerifier !== null },
        ACCOUNTS,
        classifyTokenResponse,
      ),
    refresh: (dc, client, refreshToken) =>
      call(buildRefreshRequest(dc, client, refreshToken), REFRESH, ACCOUNTS, classifyTokenResponse),
    revoke: (dc, client, refreshToken, endpoint) =>
      call(buildRevokeRequest(dc, client, refreshToken, endpoint), REVOKE, ACCOUNTS, classifyRevokeResponse),
    userInfo: (dc, accessToken) =>
      call(buildUserInfoRequest(dc, accessToken), API_CALL, ACCOUNTS, classifyWhoAmIResponse),
    crmCurrentUser: (apiDomain, accessToken) =>
      call(buildCrmCurrentUserRequest(apiDomain, accessToken), API_CALL, API, classifyWhoAmIResponse),
    clientCredentials: (dc, client, scopes, soid) =>
      call(
        buildClientCredentialsRequest(dc, client, scopes, soid),
        CLIENT_CREDENTIALS,
        ACCOUNTS,
        classifyTokenResponse,
      ),
    crmOrg: (apiDomain, accessToken) =>
      call(buildCrmOrgRequest(apiDomain, accessToken), API_CALL, API, classifyCrmOrgResponse),
    deviceCode: (input) => call(buildDeviceCodeRequest(input), DEVICE, ACCOUNTS, classifyDeviceCodeResponse),
    devicePoll: (dc, client, deviceCode) =>
      call(buildDevicePollRequest(dc, client, deviceCode), DEVICE, ACCOUNTS, classifyDevicePollResponse),
  };
}

const REFRESH: ZohoRequest = { kind: 'refresh' };
const REVOKE: ZohoRequest = { kind: 'revoke' };
const API_CALL: ZohoRequest = { kind: 'api' };
const DEVICE: ZohoRequest = { kind: 'device' };
const CLIENT_CREDENTIALS: ZohoRequest = { kind: 'client-credentials' };

function interpret<T>(
  outcome: SendOutcome,
  server: ServerLabel,
  classify: Classify<T>,
  scrub: Scrub,
  asked: ZohoRequest,
): Ok<T> | AccountsFailure {
  if (outcome.kind === 'no_answer') return ownFailure(outcome.code, outcome.message, scrub);
  if (outcome.status >= 300 && outcome.status <= 399) {
    return ownFailure('redirect_refused', redirectMessage(outcome.status, outcome.location, server), scrub);
  }
  const result = classify({ status: outcome.status, body: outcome.body });
  if (result.ok) return result;
  if (result.zoho === undefined) return ownFailure(result.code, result.message, scrub);
  return zohoRefused(result.code, result.zoho, scrub, asked);
}

function ownFailure(code: AccountsFailureCode, message: string, scrub: Scrub): AccountsFailure {
  return { ok: false, code, message: scrub(message), zohoError: null };
}

/** Zoho said no: its answer, scrubbed (a server may echo what it was sent), and what was asked. */
function zohoRefused(
  code: AccountsFailureCode,
  said: ZohoAnswer,
  scrub: Scrub,
  asked: ZohoRequest,
): AccountsFailure {
  const zoho: ZohoAnswer = {
    ...said,
    error: scrub(said.error),
    description: said.description === null ? null : scrub(said.description),
  };
  return { ok: false, code, message: zohoMessage(zoho, asked), zoho, request: asked, zohoError: zoho.error };
}

function redirectMessage(status: number, location: string | null, server: ServerLabel): string {
  const target = location === null ? '' : ` to ${new URL(location).host}`;
  return (
    `The ${server.name} answered with a redirect (HTTP ${status}${target}). Tokenbench does not follow ` +
    `redirects here, so the client secret and tokens are never sent to another address. Set ` +
    `${server.setting} to the server's exact address (scheme, host and port), then try again.`
  );
}

/** Bodies beyond this are cut in the trace: the inspector shows why a call failed, not a download. */
const TRACE_BODY_LIMIT = 64 * 1024;

function traceOf(
  request: HttpRequest,
  outcome: SendOutcome,
  scrub: Scrub,
  durationMs: number,
  exchangeId: number | null,
): CallTrace {
  const base = { method: request.method, url: scrub(request.url), durationMs, exchangeId };
  if (outcome.kind === 'no_answer') {
    const network = { cause: outcome.cause, systemCode: outcome.systemCode };
    return { ...base, status: null, body: null, network };
  }
  const redacted = redactBody(outcome.body, scrub);
  const body =
    redacted.length > TRACE_BODY_LIMIT ? `${redacted.slice(0, TRACE_BODY_LIMIT)}… (cut)` : redacted;
  return { ...base, status: outcome.status, body, network: null };
}

function rawExchange(
  request: HttpRequest,
  outcome: SendOutcome,
  at: number,
  durationMs: number,
): RawExchange {
  const sent = {
    method: request.method,
    url: request.url,
    headers: Object.entries(request.headers),
    body: request.body ?? null,
  };
  const answer =
    outcome.kind === 'no_answer'
      ? { network: { message: outcome.message, systemCode: outcome.systemCode } }
      : {
          status: outcome.status,
          statusText: outcome.statusText,
          headers: outcome.headers,
          body: outcome.body,
        };
  return { origin: 'accounts', at, durationMs, request: sent, answer };
}
