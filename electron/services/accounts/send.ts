import type { HttpRequest } from '../../../shared/oauth/requests';
import {
  classifyNetworkError,
  networkMessage,
  timeoutMessage,
  type NetworkCause,
  type ServerLabel,
} from './network-errors';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface SendOptions {
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly server: ServerLabel;
}

/** What came back: an HTTP answer of any status, or no answer at all (as data, never thrown). */
export type SendOutcome =
  | {
      readonly kind: 'answer';
      readonly status: number;
      readonly statusText: string;
      /** As received, for the traffic console (which redacts them). */
      readonly headers: readonly (readonly [string, string])[];
      readonly body: string;
      /** The Location of a 3xx, resolved against the request URL; null otherwise. */
      readonly location: string | null;
    }
  | {
      readonly kind: 'no_answer';
      readonly code: 'timeout' | 'network_error';
      readonly cause: NetworkCause;
      readonly systemCode: string | null;
      readonly message: string;
    };

/**
 * Sends a built request. Redirects are never followed (`redirect: 'manual'`): a token request carries
 * the client secret and a grant code or refresh token, an API call the access token, and a redirect
 * would re-send them to wherever it points (RFC 6749 §10.12 and §10.6 on protecting credentials).
 * The timeout covers the whole exchange, body included.
 */
export async function send(request: HttpRequest, options: SendOptions): Promise<SendOutcome> {
  const init: RequestInit = {
    method: request.method,
    headers: request.headers,
    redirect: 'manual',
    signal: AbortSignal.timeout(options.timeoutMs),
  };
  if (request.body !== undefined) init.body = request.body;
  try {
    const response = await options.fetch(request.url, init);
    const body = await response.text();
    return {
      kind: 'answer',
      status: response.status,
      statusText: response.statusText,
      headers: [...response.headers],
      body,
      location: redirectTarget(response, request.url),
    };
  } catch (error: unknown) {
    return noAnswer(error, request.url, options);
  }
}

function redirectTarget(response: Response, base: string): string | null {
  if (response.status < 300 || response.status > 399) return null;
  const location = response.headers.get('location');
  if (location === null) return null;
  try {
    return new URL(location, base).toString();
  } catch {
    return null;
  }
}

function noAnswer(error: unknown, url: string, options: SendOptions): SendOutcome {
  const problem = classifyNetworkError(error);
  const host = new URL(url).host;
  if (problem.cause === 'timeout') {
    const message =
      problem.systemCode === null
        ? timeoutMessage(options.server, options.timeoutMs)
        : networkMessage(problem, host, options.server);
    return { kind: 'no_answer', code: 'timeout', ...problem, message };
  }
  return {
    kind: 'no_answer',
    code: 'network_error',
    ...problem,
    message: networkMessage(problem, host, options.server),
  };
}
