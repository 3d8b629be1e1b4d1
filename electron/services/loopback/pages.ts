/**
 * The few pages the listener answers with: static text, inline CSS, nothing to load and nothing to
 * run. Whatever comes from the request is escaped; the grant code is never shown.
 */
import { escapeHtml } from '../html-escape';

export { escapeHtml };

/** `frame-ancestors`, `base-uri` and `form-action` are not covered by default-src, so they are named. */
export const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': PAGE_CSP,
  'Cache-Control': 'no-store',
  // The callback URL holds the grant code: nothing may carry it on in a Referer.
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // One request per connection, so nothing lingers on the port once the flow ends.
  Connection: 'close',
};

const STYLES =
  'html{background:#eef1f6;color:#1d2433;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}' +
  'body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;padding:24px}' +
  'main{max-width:480px;background:#fff;border:1px solid #dde2ec;border-radius:14px;padding:28px 32px;box-shadow:0 10px 30px rgba(29,36,51,.08)}' +
  'h1{font-size:20px;margin:0 0 8px}p{margin:0 0 8px;color:#434d5f;overflow-wrap:anywhere}';

export interface Page {
  readonly status: number;
  readonly html: string;
  readonly headers?: Readonly<Record<string, string>>;
}

function render(status: number, title: string, lines: readonly string[]): Page {
  const body = lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLES}</style></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
  return { status, html };
}

/** The page for the captured redirect; a denial shows Zoho's words (escaped), a success shows nothing of the URL. */
export function receivedPage(denial: { error: string; description: string | null } | null): Page {
  const lines = denial
    ? [
        `Zoho reported: ${denial.error}${denial.description ? ` (${denial.description})` : ''}.`,
        'Return to Tokenbench to see what to do. You can close this tab.',
      ]
    : ['You can close this tab.'];
  return render(200, 'Tokenbench received the redirect', lines);
}

export type StrayReason =
  'bad_host' | 'bad_method' | 'bad_target' | 'wrong_path' | 'wrong_state' | 'already_received';

/** Minimal answers to requests that are not the callback. They echo nothing from the request. */
export function strayPage(reason: StrayReason): Page {
  switch (reason) {
    case 'bad_host':
    case 'bad_target':
      return render(400, 'Bad request', [
        'This address only answers the sign-in redirect Tokenbench is waiting for.',
      ]);
    case 'bad_method':
      return {
        ...render(405, 'Method not allowed', ['Only GET is answered here.']),
        headers: { Allow: 'GET' },
      };
    case 'wrong_path':
      return render(404, 'Not found', ['Nothing is served here.']);
    case 'wrong_state':
      return render(400, 'Not the sign-in in progress', [
        'This redirect does not belong to the sign-in Tokenbench is waiting for, so it was ignored.',
        'If you started the sign-in again, finish it in the newest browser tab.',
      ]);
    case 'already_received':
      return render(410, 'Already received', [
        'Tokenbench already received the redirect. You can close this tab.',
      ]);
  }
}
