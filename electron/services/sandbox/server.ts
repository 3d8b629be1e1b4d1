import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateCustomDc, ZOHO_DCS, type ApiEnvironment, type DataCenter } from '../../../shared/dc/catalog';
import { KAIZEN_43, type LimitProfile } from '../../../shared/limits/profile';
import { createClock } from './clock';
import type { SandboxClient, SandboxClientKey, SandboxUser } from './model';
import { createListener, type Binding } from './router';
import { DEFAULT_REDIRECT_URI, EU, makeClients, SANDBOX_USERS, US, type FixedClients } from './seed';
import { SandboxState } from './state';

export interface SandboxOptions {
  /** Port of the sandbox-us listener; 0 or absent picks a free one. */
  readonly port?: number;
  /** Port of the sandbox-eu listener; absent means `port + 1` when free (or any free port). */
  readonly euPort?: number;
  readonly profile?: LimitProfile;
  /** Base time source; the sandbox clock adds its own forward offset on top. */
  readonly now?: () => number;
  /** The redirect URI registered for the web clients; default http://127.0.0.1:53682/callback. */
  readonly redirectUri?: string;
  /** Fixed credentials per client instead of fresh random ones. */
  readonly fixedClients?: FixedClients;
  /** The device flow's polling interval in seconds (Zoho's 30 by default; `POST /sandbox/device` too). */
  readonly deviceIntervalSeconds?: number;
  /**
   * How many seconds the access tokens it issues live (`expires_in` says so); default the profile's
   * hour. A minute lets a user watch auto-refresh work without waiting an hour.
   */
  readonly accessTokenLifetimeSec?: number;
}

export interface DemoClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
}

export interface SandboxHandle {
  /** Accounts URL of sandbox-us, where the demo client is registered. */
  readonly url: string;
  readonly dcs: readonly DataCenter[];
  readonly demoClient: DemoClient;
  readonly clients: Readonly<Record<SandboxClientKey, SandboxClient>>;
  readonly users: readonly SandboxUser[];
  readonly profile: LimitProfile;
  readonly clock: { now(): number; advance(ms: number): number };
  /** Clears codes, tokens, limits, log and clock offset; clients stay. */
  reset(): void;
  close(): Promise<void>;
}

/**
 * Starts the sandbox "Zoho": two DCs sharing one state. Each DC is an accounts server that is also
 * its production API domain, plus a developer and a sandbox API domain (API paths only), as Zoho's
 * SDKs know three API domains per DC behind one accounts server; every listener is on 127.0.0.1.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const redirectUri = checkRedirectUri(options.redirectUri ?? DEFAULT_REDIRECT_URI);
  const profile = profileOf(options);
  const opened: Listening[] = [];
  const closeAll = () => Promise.all(opened.map((l) => closeServer(l.server)));
  const groups: { id: string; name: string; listeners: Listening[] }[] = [];
  let dcs: DataCenter[];
  try {
    const us = await remember(opened, listen(options.port ?? 0, 'production'));
    const eu = await remember(opened, listenEu(options, us.binding.port));
    for (const [id, name, accounts] of [[US, 'Sandbox US', us] as const, [EU, 'Sandbox EU', eu] as const]) {
      const developer = await remember(opened, listen(0, 'developer'));
      const sandbox = await remember(opened, listen(0, 'sandbox'));
      groups.push({ id, name, listeners: [accounts, developer, sandbox] });
    }
    dcs = buildDcs(groups);
  } catch (error: unknown) {
    await closeAll();
    throw error;
  }
  const [usDc] = dcs as [DataCenter];
  const clients = makeClients(redirectUri, options.fixedClients);
  const clock = createClock(options.now);
  const interval = (options.deviceIntervalSeconds ?? 30) * 1000;
  const state = new SandboxState(dcs, clients, SANDBOX_USERS, profile, clock, interval);
  groups.forEach((group, i) => {
    for (const { binding } of group.listeners) {
      binding.state = state;
      binding.dc = dcs[i];
    }
  });
  return {
    url: usDc.accountsUrl,
    dcs,
    demoClient: { clientId: clients.demo.clientId, clientSecret: clients.demo.clientSecret, redirectUri },
    clients,
    users: SANDBOX_USERS,
    profile: state.profile,
    clock: { now: () => clock.now(), advance: (ms) => clock.advance(ms) },
    reset: () => {
      state.reset();
    },
    close: async () => {
      await closeAll();
    },
  };
}

async function remember(opened: Listening[], next: Promise<Listening>): Promise<Listening> {
  const listening = await next;
  opened.push(listening);
  return listening;
}

function profileOf(options: SandboxOptions): LimitProfile {
  const profile = options.profile ?? KAIZEN_43;
  const seconds = options.accessTokenLifetimeSec;
  if (seconds === undefined) return profile;
  const problem = accessTokenLifetimeProblem(seconds);
  if (problem !== null) throw new Error(problem);
  return { ...profile, accessTokenTtlMs: seconds * 1000 };
}

/** Whole seconds from 5 (a refresh needs a moment) to Zoho's own hour; else what is wrong, in words. */
export function accessTokenLifetimeProblem(seconds: number): string | null {
  if (Number.isInteger(seconds) && seconds >= 5 && seconds <= 3600) return null;
  return `The access-token lifetime must be a whole number of seconds from 5 to 3600, not ${String(seconds)}.`;
}

function checkRedirectUri(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`Redirect URI "${raw}" is not an absolute URL.`);
  }
  if (url.hash) throw new Error('A redirect URI must not contain a fragment (RFC 6749 3.1.2).');
  return raw;
}

interface Listening {
  readonly server: Server;
  readonly binding: Binding;
}

function listen(port: number, api: ApiEnvironment): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const binding: Binding = { port: 0, api };
    const server = createServer(createListener(binding));
    server.once('error', reject);
    // Loopback only: the sandbox is never reachable from the network.
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      binding.port = (server.address() as AddressInfo).port;
      resolve({ server, binding });
    });
  });
}

async function listenEu(options: SandboxOptions, usPort: number): Promise<Listening> {
  if (options.euPort !== undefined) return listen(options.euPort, 'production');
  if (options.port === undefined || options.port === 0 || usPort >= 65535) return listen(0, 'production');
  try {
    return await listen(usPort + 1, 'production');
  } catch {
    return listen(0, 'production');
  }
}

/** DC records through the same validation as any user-defined DC, so the app can trust them alike. */
function buildDcs(
  specs: readonly { id: string; name: string; listeners: readonly Listening[] }[],
): DataCenter[] {
  const built: DataCenter[] = [];
  for (const spec of specs) {
    const [origin, developer, sandbox] = spec.listeners.map((l) => `http://127.0.0.1:${l.binding.port}`);
    const input = {
      id: spec.id,
      name: spec.name,
      accountsUrl: origin ?? '',
      apiDomain: origin ?? '',
      developerApiDomain: developer,
      sandboxApiDomain: sandbox,
    };
    const result = validateCustomDc(input, [...ZOHO_DCS, ...built], 'sandbox');
    if (!result.ok) throw new Error(result.message);
    built.push(result.value);
  }
  return built;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => {
      resolve();
    });
    server.closeAllConnections();
  });
}
