/**
 * The e2e harness: Tokenbench in browser mode over real parts, one fresh app per launch (Bruno's
 * playwright fixtures are the model). A temp data folder, the real keychain under a keytar service
 * of its own (emptied on close), the embedded sandbox with a free-port redirect URI so files can run
 * in parallel, the built renderer in Debian Chromium, and a robot for the sandbox's consent page.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ArgsOf, ChannelName, ValueOf } from '../../shared/ipc/contract';
import type { SandboxHandle, SandboxOptions } from '../../electron/services/sandbox';
import type { SecretAccount } from '../../electron/services/vault/account';
import { createKeytarVault } from '../../electron/services/vault/keytar-vault';
import type { SecretVault } from '../../electron/services/vault/secret-vault';
import { newId, type BrowserOpener } from '../../electron/services/workbench/context';
import { dispatch } from '../../electron/services/workbench/handlers';
import { startWebHost, type WebHost } from '../../electron/web/host';
import { chromiumSkipReason, launchChromium } from '../support/chromium';
import { freeRedirectUri } from '../support/ports';
import { RENDERER_INDEX } from './global-setup';
// Brings `window.tokenbench` into the types of every test that uses the harness (page.evaluate).
import type {} from '../../renderer/src/global';

export { chromiumSkipReason as e2eSkipReason };

/** A contract call straight into the handler table (not through the page); throws on a failure. */
export type Call = <C extends ChannelName>(channel: C, args: ArgsOf<C>) => Promise<ValueOf<C>>;

export interface SeedContext {
  readonly host: WebHost;
  readonly sandbox: SandboxHandle;
  readonly call: Call;
}

export interface LaunchOptions {
  /** Runs before the page opens: the clients, environments and tokens a test starts from. */
  readonly seed?: (app: SeedContext) => Promise<void> | void;
  readonly viewport?: { readonly width: number; readonly height: number };
  readonly colorScheme?: 'light' | 'dark';
  /**
   * The clock of the workbench and the sandbox together, so a seed can make history in the past;
   * it should read the wall clock by the time the page opens, which keeps its own.
   */
  readonly now?: () => number;
  /** The "system browser" for sign-ins; by default the robot, which opens pages in this context. */
  readonly openBrowser?: BrowserOpener;
  /** More for the embedded sandbox (its redirect URI is the harness's), e.g. a short token lifetime. */
  readonly sandbox?: Omit<SandboxOptions, 'redirectUri' | 'now'>;
}

export interface LaunchedApp extends SeedContext {
  /** The app's page, ready (`html[data-app-state="ready"]`). */
  readonly page: Page;
  readonly browser: Browser;
  readonly context: BrowserContext;
  /** Plays the "system browser": the app's openBrowser opens pages in this same context. */
  readonly robot: Robot;
  /** Console errors and uncaught page errors (CSP violations included), for tests to assert empty. */
  readonly pageErrors: readonly string[];
  /** Saves test-results/screenshots/<name>.png (full page) and answers the path. */
  screenshot(name: string, page?: Page): Promise<string>;
  close(): Promise<void>;
}

/** clients:save for the sandbox's self client, with the id and secret its API console shows. */
export function sandboxSelfClient(sandbox: SandboxHandle, name: string): ArgsOf<'clients:save'> {
  const self = sandbox.clients.self;
  return {
    name,
    dcId: 'sandbox-us',
    zohoClientId: self.clientId,
    clientSecret: self.clientSecret,
    type: 'self',
    redirectUri: null,
    multiDc: false,
    pkce: false,
    revokeEndpoint: 'sdk',
  };
}

export const SCREENSHOT_DIR = 'test-results/screenshots';

export async function launchApp(options: LaunchOptions = {}): Promise<LaunchedApp> {
  if (chromiumSkipReason !== undefined) throw new Error(chromiumSkipReason);
  if (!existsSync(RENDERER_INDEX)) throw new Error(`${RENDERER_INDEX} is missing: run npm run build.`);
  const home = mkdtempSync(join(tmpdir(), 'tokenbench-e2e-'));
  const vault = trackingVault(`Tokenbench-e2e-${newId('flow')}`);
  const browser = await launchChromium();
  let host: WebHost | undefined;
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      await browser.close();
      await host?.close();
      await vault.sweep();
      rmSync(home, { recursive: true, force: true });
    })());
  try {
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1360, height: 860 },
      colorScheme: options.colorScheme ?? 'light',
    });
    const robot = consentRobot(context);
    host = await startWebHost({
      home,
      vault,
      sandbox: { ...options.sandbox, redirectUri: await freeRedirectUri() },
      openBrowser: options.openBrowser ?? robot.open,
      ...(options.now === undefined ? {} : { now: options.now }),
    });
    const sandbox = host.sandbox;
    if (sandbox === null) throw new Error('the web host started without its sandbox');
    robot.knowSandbox(sandbox);
    const call = callThrough(host);
    await options.seed?.({ host, sandbox, call });
    const { page, pageErrors } = await openApp(context, host.url);
    robot.knowApp(page);
    return {
      page,
      host,
      sandbox,
      browser,
      context,
      robot,
      call,
      pageErrors,
      screenshot: (name, target = page) => screenshot(target, name),
      close,
    };
  } catch (error: unknown) {
    await close().catch(() => undefined);
    throw error;
  }
}

/** Opens the app's URL and waits on the renderer's readiness marker, never on a sleep. */
async function openApp(context: BrowserContext, url: string): Promise<{ page: Page; pageErrors: string[] }> {
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(url);
  await page.locator('html[data-app-state="ready"]').waitFor({ state: 'attached' });
  return { page, pageErrors };
}

function callThrough(host: WebHost): Call {
  return async (channel, args) => {
    const result = await dispatch(host.workbench.handlers, channel, args);
    if (!result.ok) throw new Error(`${channel}: ${result.code}: ${result.message}`);
    return result.value as ValueOf<typeof channel>;
  };
}

async function screenshot(page: Page, name: string): Promise<string> {
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name)) throw new Error(`"${name}" is not a plain file name`);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * The real keychain under a service of this launch's own, remembering every account written so
 * close() can delete them all: nothing a test minted outlives it in the user's keyring.
 */
function trackingVault(service: string): SecretVault & { sweep(): Promise<void> } {
  const inner = createKeytarVault({ service });
  const written = new Set<SecretAccount>();
  return {
    ...inner,
    set: (account, value) => {
      written.add(account);
      return inner.set(account, value);
    },
    sweep: async () => {
      for (const account of written) await inner.delete(account);
      written.clear();
    },
  };
}

export interface ConsentChoice {
  /** The sandbox user to sign in as, by the radio's accessible name (e.g. /Emil Artin/). */
  readonly user?: string | RegExp;
  readonly decision?: 'accept' | 'deny';
}

/** The "system browser" of browser mode: what the app asked to open, as pages of the same Chromium. */
export interface Robot {
  /** Every URL the app asked the system browser to open, in order. */
  readonly opened: readonly string[];
  /** The page of the next URL the app opens (or the oldest one not taken yet). */
  nextPage(): Promise<Page>;
  /**
   * Takes the next page the app opens (the sandbox's consent page), picks the user, clicks Accept
   * or Deny by role, and waits until the browser has left the sandbox for the redirect URI, whose
   * answer the app's real loopback listener gave. Answers that redirect URL.
   */
  consent(choice?: ConsentChoice): Promise<URL>;
}

interface HarnessRobot extends Robot {
  readonly open: (url: string) => Promise<undefined>;
  knowSandbox(sandbox: SandboxHandle): void;
  knowApp(page: Page): void;
}

function consentRobot(context: BrowserContext): HarnessRobot {
  const opened: string[] = [];
  const ready: Page[] = [];
  const waiting: ((page: Page) => void)[] = [];
  let sandboxOrigins: readonly string[] = [];
  let app: Page | null = null;
  // Like xdg-open: it returns at once, and the page loads on its own time.
  const open = async (url: string) => {
    opened.push(url);
    const page = await context.newPage();
    void page.goto(url).catch(() => undefined);
    const waiter = waiting.shift();
    if (waiter === undefined) ready.push(page);
    else waiter(page);
    return undefined;
  };
  const nextPage = () => {
    const page = ready.shift();
    return page === undefined ? new Promise<Page>((resolve) => waiting.push(resolve)) : Promise.resolve(page);
  };
  const consent = async (choice: ConsentChoice = {}) => {
    const page = await nextPage();
    // As a user does: over to the browser, then back. A tab in the background gets no animation
    // frames, and Playwright's clicks there wait for them (about 2 s a click).
    await page.bringToFront();
    const atSandbox = (url: URL) => sandboxOrigins.includes(url.origin);
    await page.waitForURL(atSandbox);
    const left = page.waitForURL((url) => !atSandbox(url));
    if (choice.user !== undefined) await page.getByRole('radio', { name: choice.user }).check();
    const button = choice.decision === 'deny' ? 'Deny' : 'Accept';
    await page.getByRole('button', { name: button, exact: true }).click();
    await left;
    await app?.bringToFront();
    return new URL(page.url());
  };
  return {
    opened,
    open,
    nextPage,
    consent,
    knowApp: (page) => {
      app = page;
    },
    knowSandbox: (sandbox) => {
      sandboxOrigins = sandbox.dcs.map((dc) => new URL(dc.accountsUrl).origin);
    },
  };
}
