import { isLoopbackHost } from '../../../shared/dc/catalog';
import { fail, ok, type Result } from '../../../shared/result';

export type LoopbackErrorCode =
  'invalid_redirect_uri' | 'not_loopback' | 'port_in_use' | 'port_forbidden' | 'listen_failed';

export const MANUAL_MODE = 'use manual mode: paste the redirected URL';

/** One address to listen on; an optional one is skipped when the machine does not have it. */
export interface BindAddress {
  readonly address: string;
  readonly optional: boolean;
}

/** Where the listener must wait: exactly the registered redirect URI's host, port and path. */
export interface LoopbackTarget {
  /** The redirect URI as given (trimmed): Zoho compares it character for character. */
  readonly redirectUri: string;
  /** `http://127.0.0.1:53682`: the captured URL is rebuilt on it, never on a client-sent Host. */
  readonly origin: string;
  /** What the Host header must be (`127.0.0.1:53682`, or without the port when it is 80). */
  readonly host: string;
  readonly port: number;
  readonly pathname: string;
  readonly addresses: readonly BindAddress[];
}

/**
 * Checks a redirect URI can be served by a loopback listener. RFC 8252 §7.3 allows plain http on a
 * loopback address for native apps; Zoho compares the URI exactly (zoho-oauth.md, "Client types"), so
 * the port is the registered one, never a random one. Anything else is for manual mode.
 */
export function parseLoopbackRedirect(raw: string): Result<LoopbackTarget, LoopbackErrorCode> {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail(
      'invalid_redirect_uri',
      `The redirect URI "${raw}" is not a URL. Write it like http://127.0.0.1:53682/callback.`,
    );
  }
  if (url.protocol !== 'http:' || !isLoopbackHost(url.hostname)) {
    return fail(
      'not_loopback',
      `Tokenbench can only catch redirects to http:// on 127.0.0.1, [::1] or localhost; ${url.origin} is not one, so ${MANUAL_MODE}.`,
    );
  }
  if (url.username || url.password || url.hash) {
    return fail(
      'invalid_redirect_uri',
      'A redirect URI may not carry a user name, password or #fragment (RFC 6749 §3.1.2).',
    );
  }
  if (url.port === '0') {
    return fail(
      'invalid_redirect_uri',
      'Port 0 means "any port", but Zoho needs the exact port that is registered. Use a fixed port such as 53682.',
    );
  }
  return ok({
    redirectUri: text,
    origin: url.origin,
    host: url.host.toLowerCase(),
    port: url.port === '' ? 80 : Number(url.port),
    pathname: url.pathname,
    addresses: bindAddresses(url.hostname.toLowerCase()),
  });
}

/**
 * Loopback only, never 0.0.0.0 (RFC 8252 §8.3). A browser may resolve `localhost` to 127.0.0.1 or to
 * ::1, so `localhost` listens on both; ::1 is optional there because some machines have IPv6 off.
 */
function bindAddresses(hostname: string): readonly BindAddress[] {
  if (hostname === 'localhost') {
    return [
      { address: '127.0.0.1', optional: false },
      { address: '::1', optional: true },
    ];
  }
  if (hostname === '[::1]') return [{ address: '::1', optional: false }];
  return [{ address: hostname, optional: false }];
}

/** `::1` as a person writes it in a URL. */
export function displayAddress(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}

/** A failed bind, in words that name the fix and the fallback. */
export function bindFailure(
  code: string | undefined,
  address: string,
  port: number,
): Result<never, LoopbackErrorCode> {
  const where = `port ${port} on ${displayAddress(address)}`;
  switch (code) {
    case 'EADDRINUSE':
      return fail(
        'port_in_use',
        `Port ${port} on ${displayAddress(address)} is in use by another program. Close it, or ${MANUAL_MODE}.`,
      );
    case 'EACCES':
      return fail(
        'port_forbidden',
        `Tokenbench is not allowed to listen on ${where}: ports below 1024 need administrator rights. Register a redirect URI with a higher port, such as http://127.0.0.1:53682/callback, or ${MANUAL_MODE}.`,
      );
    case 'EADDRNOTAVAIL':
    case 'EAFNOSUPPORT':
      return fail(
        'listen_failed',
        `This computer has no loopback address ${displayAddress(address)} (is IPv6 turned off?). Register a redirect URI on http://127.0.0.1, or ${MANUAL_MODE}.`,
      );
    default:
      return fail(
        'listen_failed',
        `Could not listen on ${where} (${code ?? 'unknown error'}); ${MANUAL_MODE}.`,
      );
  }
}
