import { readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveAsset } from '../web/static-files';
import { rendererHeaders } from './csp';

/**
 * The renderer is served from `app://tokenbench/` instead of `file://` (Electron security checklist,
 * item 18): a file:// page may read any other file:// URL, a custom standard scheme is an origin of
 * its own that reaches only the files below the renderer's folder. The scheme is registered as
 * standard and secure, so the page gets a real origin, CSP and fetch as on https.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'tokenbench';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const RENDERER_URL = `${APP_ORIGIN}/index.html`;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export interface AppAnswer {
  readonly status: 200 | 404;
  readonly headers: Record<string, string>;
  readonly body: Buffer | string;
}

/**
 * What app://tokenbench/<path> answers: a file of the renderer build (the same path checks as
 * browser mode's static files: no `..`, no dot files, no symlink out), or 404. Another host is 404.
 */
export function answerAppRequest(rawUrl: string, rendererDir: string): AppAnswer {
  const notFound: AppAnswer = {
    status: 404,
    headers: rendererHeaders('text/plain; charset=utf-8'),
    body: 'Not found',
  };
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return notFound;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return notFound;
  const asset = resolveAsset(rendererDir, url.pathname);
  if (asset === null) return notFound;
  const type = CONTENT_TYPES[path.extname(asset.file)] ?? 'application/octet-stream';
  return { status: 200, headers: rendererHeaders(type), body: readFileSync(asset.file) };
}

/**
 * `scheme://host` of a URL. Node's URL gives "null" as the origin of a scheme it does not know
 * (WHATWG URL: only special schemes have tuple origins), so app:// is compared this way.
 */
export function originOf(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.host === '' ? null : `${url.protocol}//${url.host}`;
  } catch {
    return null;
  }
}
