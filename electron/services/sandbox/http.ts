import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { ApiEnvironment, DataCenter } from '../../../shared/dc/catalog';
import type { SandboxState } from './state';
import { escapeHtml } from '../html-escape';

/** What a handler answers; the router writes it and logs `outcome` (a code or word, never a value). */
export interface Reply {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly outcome: string;
  /** A registered client id for the log; handlers set it only after the id matched a client. */
  readonly clientId?: string;
}

export interface RequestContext {
  readonly state: SandboxState;
  readonly dc: DataCenter;
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  /** The raw body as text (the control API reads it as JSON). */
  readonly body: string;
  /** The body's form parameters, urlencoded or multipart (form-body.ts); empty for a GET. */
  readonly form: URLSearchParams;
  /** Which of the DC's API domains the request came to (production is also the accounts server). */
  readonly api: ApiEnvironment;
}

export type Handler = (ctx: RequestContext) => Reply;

export const MAX_BODY_BYTES = 64 * 1024;

export function jsonReply(body: unknown, outcome: string, status = 200, clientId?: string): Reply {
  return {
    status,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify(body),
    outcome,
    clientId,
  };
}

export function htmlReply(
  html: string,
  outcome: string,
  csp: string,
  status = 200,
  clientId?: string,
): Reply {
  return {
    status,
    contentType: 'text/html; charset=utf-8',
    body: html,
    outcome,
    clientId,
    headers: {
      'Content-Security-Policy': csp,
      'X-Frame-Options': 'DENY',
      // same-origin, not no-referrer: with no-referrer a browser sends `Origin: null` on the consent
      // POST (Fetch, "append a request Origin header"), which the Origin check would then refuse.
      'Referrer-Policy': 'same-origin',
    },
  };
}

export function redirectReply(location: string, outcome: string, clientId?: string): Reply {
  return {
    status: 302,
    contentType: 'text/plain; charset=utf-8',
    body: '',
    outcome,
    clientId,
    headers: { Location: location },
  };
}

/**
 * Parameters from the query string overlaid by the form body (urlencoded or multipart): Zoho accepts
 * all three on its token and revoke endpoints (zoho-oauth.md, "How Zoho's SDKs persist tokens").
 */
export function requestParams(ctx: RequestContext): URLSearchParams {
  const merged = new URLSearchParams(ctx.url.search);
  for (const [key, value] of ctx.form) merged.set(key, value);
  return merged;
}

/**
 * DNS-rebinding defence: a page on evil.example that resolves to 127.0.0.1 still sends its own Host,
 * so only `127.0.0.1:PORT` and `localhost:PORT` of this very listener are served.
 */
export function hostAllowed(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const h = host.toLowerCase();
  return h === `127.0.0.1:${port}` || h === `localhost:${port}`;
}

/** A browser POST from another origin (or an opaque one) is refused; non-browser clients send none. */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/**
 * Reads the body up to MAX_BODY_BYTES; `undefined` means too large (the caller answers 413 and
 * closes). The rest of an oversized body is discarded, not buffered.
 */
export function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        done = true;
        resolve(undefined);
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

export function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, {
    'Content-Type': reply.contentType,
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    ...reply.headers,
  });
  res.end(reply.body);
}

export { escapeHtml };
