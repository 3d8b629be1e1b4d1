import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateCustomDc, ZOHO_DCS, type DataCenter } from '../../../shared/dc/catalog';
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

/** Starts the sandbox "Zoho": two DCs, each its own listener on 127.0.0.1, sharing one state. */
export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const redirectUri = checkRedirectUri(options.redirectUri ?? DEFAULT_REDIRECT_URI);
  const us = await listen(options.port ?? 0);
  let eu: Listening;
  try {
    eu = await listenEu(options, us.binding.port);
  } catch (error: unknown) {
    await closeServer(us.server);
    throw error;
  }
  let dcs: DataCenter[];
  try {
    dcs = buildDcs([
      { id: US, name: 'Sandbox US', port: us.binding.port },
      { id: EU, name: 'Sandbox EU', port: eu.binding.port },
    ]);
  } catch (error: unknown) {
    await Promise.all([closeServer(us.server), closeServer(eu.server)]);
    throw error;
  }
  const [usDc, euDc] = dcs as [DataCenter, DataCenter];
  const clients = makeClients(redirectUri, options.fixedClients);
  const clock = createClock(options.now);
  const state = new SandboxState(dcs, clients, SANDBOX_USERS, options.profile ?? KAIZEN_43, clock);
  us.binding.state = state;
  us.binding.dc = usDc;
  eu.binding.state = state;
  eu.binding.dc = euDc;
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
      await Promise.all([closeServer(us.server), closeServer(eu.server)]);
    },
  };
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

function listen(port: number): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const binding: Binding = { port: 0 };
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
  if (options.euPort !== undefined) return listen(options.euPort);
  if (options.port === undefined || options.port === 0 || usPort >= 65535) return listen(0);
  try {
    return await listen(usPort + 1);
  } catch {
    return listen(0);
  }
}

/** DC records through the same validation as any user-defined DC, so the app can trust them alike. */
function buildDcs(specs: readonly { id: string; name: string; port: number }[]): DataCenter[] {
  const built: DataCenter[] = [];
  for (const spec of specs) {
    const origin = `http://127.0.0.1:${spec.port}`;
    const input = { id: spec.id, name: spec.name, accountsUrl: origin, apiDomain: origin };
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
