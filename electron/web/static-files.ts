import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Serves the renderer build and nothing else: regular files under one folder, no listings, no
 * symlinks out of it, GET and HEAD only. Assets are looked up by name; the request never reaches
 * the file system until its path is known to stay inside the folder.
 */

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

export const NOT_BUILT_MESSAGE =
  'The Tokenbench page is not built yet: run `npm run build` (`npm run start:web` builds it first).';

/**
 * out/renderer next to electron/ (this file is electron/web/static-files.ts under tsx). Bundled to
 * CommonJS, import.meta is empty and __dirname is set; under ESM it is the other way round.
 */
export function defaultRendererDir(): string {
  const here = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '..', '..', 'out', 'renderer');
}

export interface StaticRoot {
  /** The folder's real path, or null while the renderer is not built (checked again on each request). */
  readonly dir: () => string | null;
}

export function staticRoot(dir: string): StaticRoot {
  let found: string | null = null;
  return {
    dir: () => (found ??= existsSync(path.join(dir, 'index.html')) ? realpathSync(dir) : null),
  };
}

export interface Asset {
  readonly file: string;
  readonly size: number;
}

/**
 * Maps a request path to a file inside the root, or null. Percent-decoding happens once, before
 * the checks, so `%2e%2e` and `%2f` are judged as the `..` and `/` they stand for.
 */
export function resolveAsset(root: string, rawPath: string): Asset | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.' || s.startsWith('.'))) return null;
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  const candidate = path.resolve(root, relative);
  if (!candidate.startsWith(root + path.sep)) return null;
  try {
    // A symlink inside the build must not lead out of it.
    const real = realpathSync(candidate);
    if (!real.startsWith(root + path.sep)) return null;
    const stat = statSync(real);
    return stat.isFile() ? { file: real, size: stat.size } : null;
  } catch {
    return null;
  }
}

export function contentType(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string>,
): void {
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

/**
 * What index.html carries at the end of its body for this request ('' for nothing): routes.ts
 * gives a signed-in page its start answers.
 */
export type PageInsert = () => Promise<string>;

export function serveStatic(
  root: StaticRoot,
  req: IncomingMessage,
  res: ServerResponse,
  headers: Record<string, string>,
  pageInsert?: PageInsert,
): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'Only GET and HEAD are served here.', { ...headers, Allow: 'GET, HEAD' });
    return;
  }
  const dir = root.dir();
  if (dir === null) {
    sendText(res, 503, NOT_BUILT_MESSAGE, headers);
    return;
  }
  const pathname = (req.url ?? '/').split('?')[0] ?? '/';
  const asset = resolveAsset(dir, pathname);
  if (asset === null && pathname === '/favicon.ico') {
    // Browsers ask for it on their own and log a 404 as a page error; a build without one has no icon.
    res.writeHead(204, { ...headers, 'Cache-Control': 'no-store' });
    res.end();
    return;
  }
  if (asset === null) {
    sendText(res, 404, 'Not found.', headers);
    return;
  }
  const { file, size } = asset;
  const isIndex = path.basename(file) === 'index.html';
  if (isIndex && pageInsert !== undefined) {
    void sendPage(file, pageInsert, req, res, headers);
    return;
  }
  res.writeHead(200, {
    ...headers,
    'Content-Type': contentType(file),
    'Content-Length': String(size),
    // index.html names this build's hashed assets; a cached copy could load a stale build.
    'Cache-Control': isIndex ? 'no-store' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  // A rebuild may delete the file between the lookup and the read: end the answer, keep the host.
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

/**
 * The page up to its closing body tag leaves at once, so the browser fetches the scripts and the
 * stylesheet it names while the insert is made; the insert and the rest follow (chunked).
 */
async function sendPage(
  file: string,
  pageInsert: PageInsert,
  req: IncomingMessage,
  res: ServerResponse,
  headers: Record<string, string>,
): Promise<void> {
  let html: string;
  try {
    html = await readFile(file, 'utf8');
  } catch {
    // A rebuild deleted it meanwhile: end the answer, keep the host.
    res.destroy();
    return;
  }
  res.writeHead(200, {
    ...headers,
    'Content-Type': contentType(file),
    // It may carry this user's workspace: never kept; and it names this build's hashed assets.
    'Cache-Control': 'no-store',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const end = html.lastIndexOf('</body>');
  const at = end === -1 ? html.length : end;
  res.write(html.slice(0, at));
  // Without its insert the page still works: it asks for what it lacks over the connection.
  const insert = await pageInsert().catch(() => '');
  res.end(insert + html.slice(at));
}
