import type { ExchangeDetail, HeaderPair } from './exchange';

/**
 * HTTP Archive 1.2 (W3C Web Performance WG draft, "HAR 1.2 Spec", the format browser dev tools and
 * Postman import). Built from recorded exchanges, so what it holds is already redacted: a HAR
 * exported here never carries a secret, only its last four characters.
 */
export interface Har {
  readonly log: {
    readonly version: '1.2';
    readonly creator: { readonly name: string; readonly version: string };
    readonly pages: readonly never[];
    readonly entries: readonly HarEntry[];
    readonly comment: string;
  };
}

interface HarNameValue {
  readonly name: string;
  readonly value: string;
}

export interface HarEntry {
  readonly startedDateTime: string;
  readonly time: number;
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly httpVersion: string;
    readonly cookies: readonly never[];
    readonly headers: readonly HarNameValue[];
    readonly queryString: readonly HarNameValue[];
    readonly postData?: { readonly mimeType: string; readonly text: string };
    readonly headersSize: -1;
    readonly bodySize: number;
  };
  readonly response: {
    readonly status: number;
    readonly statusText: string;
    readonly httpVersion: string;
    readonly cookies: readonly never[];
    readonly headers: readonly HarNameValue[];
    readonly content: { readonly size: number; readonly mimeType: string; readonly text?: string };
    readonly redirectURL: string;
    readonly headersSize: -1;
    readonly bodySize: number;
  };
  readonly cache: Record<string, never>;
  readonly timings: { readonly send: number; readonly wait: number; readonly receive: number };
  readonly comment: string;
  /** Tokenbench's own fields, `_`-prefixed as the spec allows for custom fields. */
  readonly _tokenbench: { readonly id: number; readonly kind: string; readonly outcome: string };
}

const bytes = (text: string): number => new TextEncoder().encode(text).length;
const pairs = (headers: readonly HeaderPair[]): HarNameValue[] =>
  headers.map(([name, value]) => ({ name, value }));
const header = (headers: readonly HeaderPair[], name: string): string | undefined =>
  headers.find(([k]) => k.toLowerCase() === name)?.[1];

function queryOf(url: string): HarNameValue[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

export function harEntry(exchange: ExchangeDetail): HarEntry {
  const { request, response } = exchange;
  const requestBody = request.body;
  const comment =
    exchange.network === null
      ? `${exchange.kind}${exchange.clientName === null ? '' : ` for ${exchange.clientName}`}`
      : `No answer: ${exchange.network.message}`;
  return {
    startedDateTime: new Date(exchange.at).toISOString(),
    time: exchange.durationMs,
    request: {
      method: exchange.method,
      url: exchange.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: pairs(request.headers),
      queryString: queryOf(exchange.url),
      ...(requestBody === null
        ? {}
        : {
            postData: {
              mimeType: header(request.headers, 'content-type') ?? 'application/octet-stream',
              text: requestBody,
            },
          }),
      headersSize: -1,
      bodySize: requestBody === null ? 0 : bytes(requestBody),
    },
    response: {
      // HAR has no field for "no answer"; dev tools write status 0 for a request that failed.
      status: response === null ? 0 : (exchange.status ?? 0),
      statusText: response?.statusText ?? '',
      httpVersion: response === null ? '' : 'HTTP/1.1',
      cookies: [],
      headers: response === null ? [] : pairs(response.headers),
      content:
        response === null
          ? { size: 0, mimeType: 'x-unknown' }
          : {
              size: bytes(response.body),
              mimeType: header(response.headers, 'content-type') ?? 'x-unknown',
              text: response.body,
            },
      redirectURL: response === null ? '' : (header(response.headers, 'location') ?? ''),
      headersSize: -1,
      bodySize: response === null ? 0 : bytes(response.body),
    },
    cache: {},
    timings: { send: 0, wait: exchange.durationMs, receive: 0 },
    comment,
    _tokenbench: { id: exchange.id, kind: exchange.kind, outcome: exchange.outcome },
  };
}

/** The archive, oldest exchange first as HAR readers expect. */
export function toHar(exchanges: readonly ExchangeDetail[], version: string): Har {
  const entries = [...exchanges].sort((a, b) => a.at - b.at || a.id - b.id).map(harEntry);
  return {
    log: {
      version: '1.2',
      creator: { name: 'Tokenbench', version },
      pages: [],
      entries,
      comment:
        'Exported by Tokenbench. Secrets (client secrets, grant codes, tokens, Authorization headers) are redacted to their last four characters.',
    },
  };
}
