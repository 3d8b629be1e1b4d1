/**
 * The renderer's Content Security Policy in the Electron shell, sent as a header with every answer of
 * the app:// protocol (index.html carries the same in a meta tag, for browser mode too). `base-uri`
 * and `form-action` are 'none': a `<base>` or a `<form>` injected into the page can neither re-point
 * its relative URLs nor post anything anywhere (Electron security checklist, item 7; CSP Level 3).
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers on every app:// answer. */
export function rendererHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': RENDERER_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
