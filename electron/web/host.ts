import {
  createServer,
  STATUS_CODES,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Failure } from '../../shared/result';
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../services/sandbox';
import type { SecretVault } from '../services/vault/secret-vault';
import type { BrowserOpener } from '../services/workbench/context';
import type { ClipboardPort } from '../services/workbench/secrets';
import { createWorkbench, type Workbench } from '../services/workbench/workbench';
import { isAllowedHost, isAllowedOrigin, keyMatches, newLaunchKey, securityHeaders } from './guards';
import { createIpcSockets, type IpcSockets } from './ipc-socket';
import { defaultRendererDir, sendText, serveStatic, staticRoot, type StaticRoot } from './static-files';
import { openInSystemBrowser } from '../services/system-browser';

export interface WebHostOptions {
  /** The data folder; else $TOKENBENCH_HOME, else the platform's app-data folder. */
  readonly home?: string | undefined;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** The embedded sandbox DC: on by default, off with false, or started with these options. */
  readonly sandbox?: boolean | SandboxOptions;
  readonly vault?: SecretVault;
  /** The "system browser"; by default xdg-open/open/rundll32. Only allowed URLs ever reach it. */
  readonly openBrowser?: BrowserOpener;
  /** By default the workbench's: the system's clipboard tools. */
  readonly clipboard?: ClipboardPort;
  readonly now?: () => number;
  /** The renderer build to serve; by default out/renderer. */
  readonly rendererDir?: string;
}

export interface WebHost {
  /** Open this: it carries the launch key. */
  readonly url: string;
  readonly port: number;
  readonly workbench: Workbench;
  readonly sandbox: SandboxHandle | null;
  /** Connected pages, for tests and the status line. */
  readonly clientCount: () => number;
  close(): Promise<void>;
}

/** A workspace that cannot open (too new, unreadable): the message is for the user as it is. */
export class WebHostStartError extends Error {
  readonly code: string;
  constructor(failure: Failure) {
    super(failure.message);
    this.name = 'WebHostStartError';
    this.code = failure.code;
  }
}

/**
 * Browser mode (architecture.md, "One contract, several shells"): the renderer build and the
 * handler table on 127.0.0.1, the contract over one WebSocket guarded by Host, Origin and a
 * per-launch key. Plain Node; the same services as the Electron shell.
 */
export async function startWebHost(options: WebHostOptions = {}): Promise<WebHost> {
  const sandbox = await startEmbeddedSandbox(options.sandbox ?? true, options.now);
  let workbench: Workbench | null = null;
  const sockets = createIpcSockets(() => workbench?.handlers ?? null);
  // Transport only: the allow-list, the clipboard's failures and auto-refresh are the workbench's.
  const opened = createWorkbench({
    home: options.home,
    ...(options.vault === undefined ? {} : { vault: options.vault }),
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.clipboard === undefined ? {} : { clipboard: options.clipboard }),
    openBrowser: options.openBrowser ?? systemOpener,
    extraDcs: () => sandbox?.dcs ?? [],
    // The Electron shell's "Try the sandbox" client, the same here: the demo client at sandbox-us.
    sandboxDemo: () => (sandbox === null ? null : { dcId: 'sandbox-us', ...sandbox.demoClient }),
    emit: (event, payload) => {
      sockets.broadcast(event, payload);
    },
  });
  if (!opened.ok) {
    await sandbox?.close();
    throw new WebHostStartError(opened);
  }
  const host = opened.value;
  workbench = host;
  const key = newLaunchKey();
  let server: Server;
  try {
    server = await listen(options.port ?? 0);
  } catch (error: unknown) {
    await host.close();
    await sandbox?.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  route(server, { port, key, sockets, root: staticRoot(options.rendererDir ?? defaultRendererDir()) });
  return {
    url: `http://127.0.0.1:${port}/?key=${key}`,
    port,
    workbench: host,
    sandbox,
    clientCount: sockets.clientCount,
    close: once(async () => {
      sockets.close();
      await closeServer(server);
      workbench = null;
      await host.close();
      await sandbox?.close();
    }),
  };
}

interface Routes {
  readonly port: number;
  readonly key: string;
  readonly sockets: IpcSockets;
  readonly root: StaticRoot;
}

/** Every request passes the Host check; only `/ipc` upgrades, and only with Origin and key. */
function route(server: Server, { port, key, sockets, root }: Routes): void {
  const headers = securityHeaders(port);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!isAllowedHost(req.headers.host, port)) sendText(res, 421, 'Misdirected request.', headers);
    else serveStatic(root, req, res, headers);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refused = upgradeRefusal(req, port, key);
    if (refused === null) sockets.accept(req, socket, head);
    else refuse(socket, refused);
  });
}

async function startEmbeddedSandbox(
  choice: boolean | SandboxOptions,
  now: (() => number) | undefined,
): Promise<SandboxHandle | null> {
  if (choice === false) return null;
  const options = choice === true ? {} : choice;
  return startSandbox({ ...(now === undefined ? {} : { now }), ...options });
}

const systemOpener: BrowserOpener = async (url) => {
  const problem = await openInSystemBrowser(url);
  // The consent screen shows the authorization URL, so the user can still open it by hand.
  if (problem !== null) process.stderr.write(`tokenbench: could not open the browser: ${problem}.\n`);
};

/** The status to refuse an upgrade with, or null when it is our page with this launch's key. */
function upgradeRefusal(req: IncomingMessage, port: number, key: string): number | null {
  if (!isAllowedHost(req.headers.host, port)) return 421;
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
  if (url.pathname !== '/ipc') return 404;
  if (!isAllowedOrigin(req.headers.origin, port)) return 403;
  if (!keyMatches(url.searchParams.get('key'), key)) return 401;
  return null;
}

/** Before the upgrade the socket is still plain HTTP: answer a status line and hang up. */
function refuse(socket: Duplex, status: number): void {
  const body = `${STATUS_CODES[status] ?? 'Refused'}\n`;
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Refused'}\r\nConnection: close\r\n` +
      `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    // Loopback only: browser mode is never reachable from the network.
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => {
      resolve();
    });
    server.closeAllConnections();
  });
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  return () => (running ??= fn());
}
