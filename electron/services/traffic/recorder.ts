import { AsyncLocalStorage } from 'node:async_hooks';
import {
  exchangeKind,
  exchangeOutcome,
  zohoErrorIn,
  type HeaderPair,
} from '../../../shared/traffic/exchange';
import type { WorkspaceStore } from '../store';
import { redactorFor, type SentRequest } from './redact-exchange';

/** An exchange as the sender saw it, secrets and all; the recorder redacts before anything is written. */
export interface RawExchange {
  /** The accounts client (token, revoke, device, user-info calls) or the request runner. */
  readonly origin: 'accounts' | 'runner';
  /** Wall clock when the request left. */
  readonly at: number;
  readonly durationMs: number;
  readonly request: SentRequest;
  readonly answer:
    | {
        readonly status: number;
        readonly statusText: string;
        readonly headers: readonly HeaderPair[];
        readonly body: string;
        /** The sender read only part of the body. */
        readonly cut?: boolean;
      }
    | { readonly network: { readonly message: string; readonly systemCode: string | null } };
  /** Values the sender put in from the keychain, wherever they stand (the runner's secret variables). */
  readonly secrets?: readonly string[];
}

/** Records an exchange and answers its id; null when it could not be recorded (the request is unharmed). */
export type ExchangeSink = (exchange: RawExchange) => number | null;

/** Bodies beyond this are cut in the record: the Console shows what happened, it is not a download. */
export const RECORDED_BODY_LIMIT = 64 * 1024;

const onBehalf = new AsyncLocalStorage<string>();

/**
 * Runs `fn` with its requests attributed to a workspace client: for calls whose wire names no client
 * (a "Check now" with an access token, a runner request), the caller knows whose they are.
 */
export function forClient<T>(clientRef: string | null | undefined, fn: () => T): T {
  return clientRef === null || clientRef === undefined ? fn() : onBehalf.run(clientRef, fn);
}

/** The sink over the workspace's exchanges table, shared by every shell (issue 10 part 5). */
export function storeSink(store: WorkspaceStore): ExchangeSink {
  return (exchange) => {
    if (!store.isOpen) return null;
    try {
      return store.exchanges.append(toRecord(store, exchange));
    } catch (error: unknown) {
      // The traffic record is a witness, not part of the request: a busy or full disk must not
      // fail a refresh that Zoho already answered. Named without values.
      const name = error instanceof Error ? error.name : typeof error;
      process.stderr.write(
        `tokenbench: an exchange could not be recorded in the traffic console (${name})\n`,
      );
      return null;
    }
  };
}

function toRecord(store: WorkspaceStore, exchange: RawExchange) {
  const { request, answer } = exchange;
  const redact = redactorFor(request, exchange.secrets);
  const response =
    'network' in answer
      ? null
      : {
          statusText: answer.statusText,
          headers: redact.headers(answer.headers),
          ...cut(redact.body(answer.body), answer.cut === true),
        };
  const status = 'network' in answer ? null : answer.status;
  const rawBody = 'network' in answer ? null : answer.body;
  return {
    at: exchange.at,
    durationMs: exchange.durationMs,
    kind: exchangeKind(request.method, request.url, request.body, exchange.origin),
    outcome: exchangeOutcome(status, rawBody),
    clientRef: onBehalf.getStore() ?? clientOfWire(store, request),
    method: request.method,
    url: redact.scrub(request.url),
    status,
    zohoError: zohoErrorIn(response?.body ?? null),
    request: {
      headers: redact.headers(request.headers),
      body: request.body === null ? null : redact.body(request.body),
    },
    response,
    network:
      'network' in answer
        ? { message: redact.scrub(answer.network.message), systemCode: answer.network.systemCode }
        : null,
  };
}

function cut(body: string, already: boolean): { body: string; cut: boolean } {
  if (body.length <= RECORDED_BODY_LIMIT) return { body, cut: already };
  return { body: body.slice(0, RECORDED_BODY_LIMIT), cut: true };
}

/** The workspace client whose Zoho client id the request carries (token, revoke and device requests). */
function clientOfWire(store: WorkspaceStore, request: SentRequest): string | null {
  let zohoClientId = new URLSearchParams(request.body ?? '').get('client_id');
  if (zohoClientId === null) {
    try {
      zohoClientId = new URL(request.url).searchParams.get('client_id');
    } catch {
      return null;
    }
  }
  if (zohoClientId === null) return null;
  return store.clients.list().find((c) => c.zohoClientId === zohoClientId)?.id ?? null;
}
