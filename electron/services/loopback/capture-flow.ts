import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { classifyRequest } from './classify';
import { PAGE_HEADERS, receivedPage, strayPage, type Page, type StrayReason } from './pages';
import type { LoopbackTarget } from './redirect-uri';

export type RedirectOutcome =
  | { readonly kind: 'received'; readonly url: string }
  | { readonly kind: 'timeout'; readonly message: string }
  | { readonly kind: 'cancelled' };

interface Ending {
  readonly outcome: RedirectOutcome;
  /** The captured request's response, to let it flush before the last sockets are dropped. */
  readonly response: ServerResponse | undefined;
}

/**
 * One wait for one redirect: answers requests, keeps the first outcome (capture, timeout or
 * cancel; later ones are moot) and settles `result` once the servers are closed. It exists before the
 * servers are bound, because a request can arrive as soon as the first address listens.
 */
export class CaptureFlow {
  readonly result: Promise<RedirectOutcome>;
  private settle: (outcome: RedirectOutcome) => void = () => undefined;
  private servers: readonly Server[] | null = null;
  private ending: Ending | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly target: LoopbackTarget,
    private readonly expectedState: string,
    private readonly onIgnored?: (reason: StrayReason) => void,
  ) {
    this.result = new Promise((resolve) => (this.settle = resolve));
  }

  readonly onRequest = (request: IncomingMessage, response: ServerResponse): void => {
    const verdict = this.ending
      ? ({ kind: 'stray', reason: 'already_received' } as const)
      : classifyRequest(
          { method: request.method, target: request.url, host: request.headers.host },
          this.target,
          this.expectedState,
        );
    if (verdict.kind === 'stray') {
      this.onIgnored?.(verdict.reason);
      send(response, strayPage(verdict.reason));
      return;
    }
    send(response, receivedPage(verdict.denial));
    this.end({ kind: 'received', url: verdict.url }, response);
  };

  /** Called once the servers listen: from now on the flow can time out and close them. */
  start(servers: readonly Server[], timeoutMs: number, timeoutMessage: string): void {
    this.servers = servers;
    if (this.ending) {
      this.close(this.ending);
      return;
    }
    this.timer = setTimeout(() => {
      this.end({ kind: 'timeout', message: timeoutMessage });
    }, timeoutMs);
  }

  end(outcome: RedirectOutcome, response?: ServerResponse): void {
    if (this.ending) return;
    this.ending = { outcome, response };
    clearTimeout(this.timer);
    if (this.servers) this.close(this.ending);
  }

  private close({ outcome, response }: Ending): void {
    void closeServers(this.servers ?? [], response).then(() => {
      this.settle(outcome);
    });
  }
}

function send(response: ServerResponse, page: Page): void {
  response.writeHead(page.status, {
    ...PAGE_HEADERS,
    ...page.headers,
    'Content-Length': Buffer.byteLength(page.html),
  });
  response.end(page.html);
}

/**
 * Stops listening at once (the port is free for a new bind right away), drops idle keep-alive
 * sockets, and, once the captured page is flushed, any other socket still open.
 */
export function closeServers(servers: readonly Server[], response?: ServerResponse): Promise<void> {
  const closed = servers.map(
    (server) =>
      new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  );
  const dropAll = () => {
    for (const server of servers) server.closeAllConnections();
  };
  for (const server of servers) server.closeIdleConnections();
  if (response && !response.writableFinished) response.once('close', dropAll);
  else dropAll();
  return Promise.all(closed).then(() => undefined);
}
