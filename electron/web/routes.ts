import { STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { BrowserSessions, OneTimeCodes } from './browser-session';
import { isAllowedHost, isAllowedOrigin, keyMatches, securityHeaders } from './guards';
import type { IpcSockets } from './ipc-socket';
import { sendText, serveStatic, type PageInsert, type StaticRoot } from './static-files';

export interface Routes {
  readonly port: number;
  /** This launch's key: in the address printed to the user's own stdout, never in argv. */
  readonly key: string;
  readonly sessions: BrowserSessions;
  readonly codes: OneTimeCodes;
  readonly sockets: IpcSockets;
  /** The start reads answered, as an element for index.html (start-answers.ts); signed-in pages only. */
  readonly startAnswers: PageInsert;
  readonly root: StaticRoot;
  /** A one-time code was used: its redirect file has done its work. */
  readonly onCodeRedeemed: (code: string) => void;
}

/** Where a refused key or code sends the browser: the page then says how to get in. */
export const REFUSED_FRAGMENT = '#key-refused';

/**
 * Every request passes the Host check. `/?key=` and `/?code=` sign the browser in and send it on to
 * a bare `/`, so neither stays in the address bar or in the page's session history; the page then
 * carries its start reads' answers, for a signed-in session only; `/session` tells the page whether
 * it is signed in; only `/ipc` upgrades, with Origin and a session or key.
 */
export function route(server: Server, routes: Routes): void {
  const headers = securityHeaders(routes.port);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!isAllowedHost(req.headers.host, routes.port)) {
      sendText(res, 421, 'Misdirected request.', headers);
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${String(routes.port)}`);
    if (url.pathname === '/session') answerSession(req, res, routes, headers);
    else if (isSignIn(req, url)) signIn(url, res, routes, headers);
    else serveStatic(routes.root, req, res, headers, () => insertFor(req, routes));
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refused = upgradeRefusal(req, routes);
    if (refused === null) routes.sockets.accept(req, socket, head);
    else refuse(socket, refused);
  });
}

/** A page that is not signed in gets the bare build: it shows how to sign in, and no workspace data. */
const insertFor = (req: IncomingMessage, routes: Routes): Promise<string> =>
  routes.sessions.check(req.headers.cookie) === 'valid' ? routes.startAnswers() : Promise.resolve('');

const isSignIn = (req: IncomingMessage, url: URL): boolean =>
  req.method === 'GET' &&
  url.pathname === '/' &&
  (url.searchParams.has('key') || url.searchParams.has('code'));

function signIn(url: URL, res: ServerResponse, routes: Routes, headers: Record<string, string>): void {
  const code = url.searchParams.get('code');
  const redeemed = code !== null && routes.codes.redeem(code);
  if (redeemed) routes.onCodeRedeemed(code);
  const accepted = redeemed || keyMatches(url.searchParams.get('key'), routes.key);
  res.writeHead(303, {
    ...headers,
    Location: accepted ? '/' : `/${REFUSED_FRAGMENT}`,
    'Cache-Control': 'no-store',
    ...(accepted ? { 'Set-Cookie': routes.sessions.issue() } : {}),
  });
  res.end();
}

/** The page asks before it connects, so it can tell "not signed in" from "the host is gone". */
function answerSession(
  req: IncomingMessage,
  res: ServerResponse,
  routes: Routes,
  headers: Record<string, string>,
): void {
  const verdict = routes.sessions.check(req.headers.cookie);
  const body = JSON.stringify({ signedIn: verdict === 'valid', session: verdict });
  res.writeHead(verdict === 'valid' ? 200 : 401, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * The status to refuse an upgrade with, or null when it is our page: our Host, our Origin, and
 * this host's session cookie or the launch key (scripts and tests that read the printed address).
 */
function upgradeRefusal(req: IncomingMessage, routes: Routes): number | null {
  const { port } = routes;
  if (!isAllowedHost(req.headers.host, port)) return 421;
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${String(port)}`);
  if (url.pathname !== '/ipc') return 404;
  if (!isAllowedOrigin(req.headers.origin, port)) return 403;
  const signedIn =
    routes.sessions.check(req.headers.cookie) === 'valid' ||
    keyMatches(url.searchParams.get('key'), routes.key);
  return signedIn ? null : 401;
}

/** Before the upgrade the socket is still plain HTTP: answer a status line and hang up. */
function refuse(socket: Duplex, status: number): void {
  const body = `${STATUS_CODES[status] ?? 'Refused'}\n`;
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${String(status)} ${STATUS_CODES[status] ?? 'Refused'}\r\nConnection: close\r\n` +
      `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${String(Buffer.byteLength(body))}\r\n\r\n${body}`,
  );
}
