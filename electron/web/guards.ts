import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The checks that keep browser mode to the one page we served. The host binds 127.0.0.1, but any
 * web page the user visits can still make the browser talk to 127.0.0.1, so each request proves it
 * is ours three ways: the Host it was sent to, the Origin it came from, and the per-launch key.
 */

/** 32 random bytes, base64url: carried in the URL we print, never stored. */
export function newLaunchKey(): string {
  return randomBytes(32).toString('base64url');
}

/** The two names a browser may use for the host; anything else is DNS rebinding or a mistake. */
export function allowedHosts(port: number): readonly string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/**
 * DNS rebinding: a hostile name can resolve to 127.0.0.1, and the browser then treats our server as
 * that name's origin. The Host header still carries the hostile name, so only our own names pass.
 */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  return allowedHosts(port).includes(host.toLowerCase());
}

/**
 * RFC 6455 §10.2: a WebSocket server reached by browsers must check Origin, since any page may open
 * a socket to any host (the same-origin policy does not apply to WebSockets). Only our page passes.
 */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return false;
  return allowedHosts(port).some((host) => origin.toLowerCase() === `http://${host}`);
}

/** Compares digests, so neither the length nor the first differing byte leaks through timing. */
export function keyMatches(given: string | null | undefined, expected: string): boolean {
  if (given === null || given === undefined || given === '') return false;
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Headers on every answer. The CSP is index.html's meta policy narrowed to this launch's socket,
 * plus what a meta tag cannot say (frame-ancestors); the browser enforces both, so the stricter wins.
 */
export function securityHeaders(port: number): Record<string, string> {
  const sockets = allowedHosts(port)
    .map((host) => `ws://${host}`)
    .join(' ');
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `connect-src 'self' ${sockets}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    // The page's URL holds the launch key: no Referer may carry it anywhere.
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), clipboard-read=()',
  };
}
