import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Failure } from '../../shared/result';
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../services/sandbox';
import { openInSystemBrowser } from '../services/system-browser';
import type { SecretVault } from '../services/vault/secret-vault';
import type { BrowserOpener } from '../services/workbench/context';
import { sandboxDemoOf } from '../services/workbench/sandbox-demo';
import type { ClipboardPort } from '../services/workbench/secrets';
import { createWorkbench, type Workbench } from '../services/workbench/workbench';
import { browserSessions, oneTimeCodes, type BrowserSessions } from './browser-session';
import { newLaunchKey } from './guards';
import { createIpcSockets } from './ipc-socket';
import { writeLaunchPage, type LaunchPage } from './launch-page';
import { route } from './routes';
import { startAnswersElement } from './start-answers';
import { defaultRendererDir, staticRoot } from './static-files';

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
  /**
   * The address with this launch's key, for the user's own eyes and scripts (stdout, a test): a
   * browser that opens it is signed in and sent on to the bare address. Never put it in a
   * command's arguments, which every local user can read; give a browser `launchPage()` instead.
   */
  readonly url: string;
  readonly port: number;
  readonly workbench: Workbench;
  readonly sandbox: SandboxHandle | null;
  /**
   * Writes a redirect file only the user can read, holding a one-time code, and answers its file://
   * URL: what to hand the system browser. The file goes once its code is used, or at close.
   */
  launchPage(): string;
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
 * handler table on 127.0.0.1, the contract over one WebSocket guarded by Host, Origin and a session
 * cookie, which a browser gets with the per-launch key or a one-time code (routes.ts). Plain Node;
 * the same services as the Electron shell.
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
    sandboxDemo: () => (sandbox === null ? null : sandboxDemoOf(sandbox)),
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
  let server: Server | null = null;
  let sessions: BrowserSessions;
  try {
    server = await listen(options.port ?? 0);
    sessions = browserSessions(host.dataDir, (server.address() as AddressInfo).port);
  } catch (error: unknown) {
    if (server !== null) await closeServer(server);
    await host.close();
    await sandbox?.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const key = newLaunchKey();
  const codes = oneTimeCodes();
  const launchPages = new Map<string, LaunchPage>();
  route(server, {
    port,
    key,
    sessions,
    codes,
    sockets,
    startAnswers: () => startAnswersElement(workbench?.handlers ?? null),
    root: staticRoot(options.rendererDir ?? defaultRendererDir()),
    onCodeRedeemed: (code) => {
      launchPages.get(code)?.remove();
      launchPages.delete(code);
    },
  });
  return {
    url: `http://127.0.0.1:${String(port)}/?key=${key}`,
    port,
    workbench: host,
    sandbox,
    launchPage: () => {
      const code = codes.issue();
      const page = writeLaunchPage(host.dataDir, port, `http://127.0.0.1:${String(port)}/?code=${code}`);
      launchPages.set(code, page);
      return page.url;
    },
    clientCount: sockets.clientCount,
    close: once(async () => {
      for (const page of launchPages.values()) page.remove();
      launchPages.clear();
      sockets.close();
      await closeServer(server);
      workbench = null;
      await host.close();
      await sandbox?.close();
    }),
  };
}

async function startEmbeddedSandbox(
  choice: boolean | SandboxOptions,
  now: (() => number) | undefined,
): Promise<SandboxHandle | null> {
  if (choice === false) return null;
  const options = choice === true ? {} : choice;
  return startSandbox({ ...(now === undefined ? {} : { now }), ...options });
}

/** The consent screen says when this fails and offers the address, so the user can open it by hand. */
const systemOpener: BrowserOpener = async (url) => (await openInSystemBrowser(url)) ?? undefined;

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
