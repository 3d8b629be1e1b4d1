import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ok, type Result } from '../../../shared/result';
import { CaptureFlow, closeServers, type RedirectOutcome } from './capture-flow';
import type { StrayReason } from './pages';
import {
  bindFailure,
  MANUAL_MODE,
  parseLoopbackRedirect,
  type LoopbackErrorCode,
  type LoopbackTarget,
} from './redirect-uri';

export type { RedirectOutcome } from './capture-flow';

export interface RedirectListenerOptions {
  /** The client's registered redirect URI, e.g. http://127.0.0.1:53682/callback. */
  readonly redirectUri: string;
  /** The `state` sent in the authorization request (RFC 6749 §10.12). */
  readonly expectedState: string;
  readonly timeoutMs: number;
  /** Aborting it is the same as cancel(). */
  readonly signal?: AbortSignal;
  /** Told about each ignored request (a reason, never its URL), for a log line in the UI. */
  readonly onIgnored?: (reason: StrayReason) => void;
}

export interface RedirectListener {
  /** The address it waits on: the redirect URI itself. */
  readonly url: string;
  /** The loopback addresses actually bound (`127.0.0.1`, `::1`). */
  readonly addresses: readonly string[];
  /** Settles once, after the port is closed again; it never rejects. */
  readonly result: Promise<RedirectOutcome>;
  cancel(): void;
}

/**
 * Waits for the authorization redirect on exactly the registered redirect URI (RFC 8252 §7.3, loopback
 * redirection; Zoho matches the URI exactly, so no random port). It captures the first request on the
 * path with the right state, answers one page and closes; stray requests are answered and ignored.
 */
export async function listenForRedirect(
  options: RedirectListenerOptions,
): Promise<Result<RedirectListener, LoopbackErrorCode>> {
  checkOptions(options);
  const parsed = parseLoopbackRedirect(options.redirectUri);
  if (!parsed.ok) return parsed;
  const target = parsed.value;
  const flow = new CaptureFlow(target, options.expectedState, options.onIgnored);
  const bound = await bindAll(target, flow.onRequest);
  if (!bound.ok) return bound;
  flow.start(bound.value.servers, options.timeoutMs, timeoutMessage(target, options.timeoutMs));
  const cancel = () => {
    flow.end({ kind: 'cancelled' });
  };
  const { signal } = options;
  if (signal) {
    if (signal.aborted) cancel();
    signal.addEventListener('abort', cancel, { once: true });
    void flow.result.then(() => {
      signal.removeEventListener('abort', cancel);
    });
  }
  return ok({ url: target.redirectUri, addresses: bound.value.addresses, result: flow.result, cancel });
}

function checkOptions(options: RedirectListenerOptions): void {
  // Programming errors, not conditions a user meets: without a state there is no CSRF defence.
  if (options.expectedState.length === 0) throw new TypeError('expectedState must not be empty');
  if (!(options.timeoutMs > 0 && options.timeoutMs <= 2 ** 31 - 1)) {
    throw new TypeError('timeoutMs must be a positive number of milliseconds');
  }
}

function timeoutMessage(target: LoopbackTarget, ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  return `No redirect reached ${target.redirectUri} within ${seconds} s. Start the sign-in again, or ${MANUAL_MODE}.`;
}

function createLoopbackServer(onRequest: (req: IncomingMessage, res: ServerResponse) => void): Server {
  const server = createServer(onRequest);
  // A slow or silent client must not hold the port open for long.
  server.headersTimeout = 10_000;
  server.requestTimeout = 10_000;
  return server;
}

interface Bound {
  readonly servers: readonly Server[];
  readonly addresses: readonly string[];
}

/** Binds every address of the target, or none: a half-bound `localhost` would catch half the browsers. */
async function bindAll(
  target: LoopbackTarget,
  onRequest: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<Result<Bound, LoopbackErrorCode>> {
  const servers: Server[] = [];
  const addresses: string[] = [];
  for (const { address, optional } of target.addresses) {
    const server = createLoopbackServer(onRequest);
    const code = await listen(server, target.port, address);
    if (code === null) {
      servers.push(server);
      addresses.push(address);
    } else if (!(optional && (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT'))) {
      await closeServers(servers);
      return bindFailure(code, address, target.port);
    }
  }
  return ok({ servers, addresses });
}

/** Resolves null once listening, or the error code (EADDRINUSE, EACCES, ...). */
function listen(server: Server, port: number, host: string): Promise<string | null> {
  return new Promise((resolve) => {
    const onError = (error: NodeJS.ErrnoException) => {
      resolve(error.code ?? 'UNKNOWN');
    };
    server.once('error', onError);
    server.listen({ port, host }, () => {
      server.off('error', onError);
      resolve(null);
    });
  });
}
