/**
 * Helpers for tests that talk to the sandbox DC over real HTTP (global fetch). They drive the consent
 * page by posting its form directly, as the page's own Accept/Deny buttons would.
 */
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../electron/services/sandbox';

export type Json = Record<string, unknown>;

export interface ClientRef {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri?: string;
}

export const ADA = '60012345';
export const GRACE = '60012346';
export const EMIL = '70054321';

export const PROFILE_SCOPES = 'AaaServer.profile.Read,ZohoCRM.users.READ';

/** A frozen base time: in tests the sandbox clock moves only when a test advances it. */
export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

export async function withSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  return startSandbox({ now: () => T0, ...options });
}

export function dcUrl(sandbox: SandboxHandle, id: 'sandbox-us' | 'sandbox-eu'): string {
  const dc = sandbox.dcs.find((d) => d.id === id);
  if (!dc) throw new Error(`no DC ${id}`);
  return dc.accountsUrl;
}

export interface ConsentInput {
  readonly client?: ClientRef;
  readonly at?: string;
  readonly user?: string;
  readonly scope?: string;
  readonly accessType?: 'online' | 'offline';
  readonly prompt?: string;
  readonly state?: string;
  readonly decision?: 'accept' | 'deny';
  readonly extra?: Readonly<Record<string, string>>;
}

/** Posts the consent form; answers the raw response (redirects are not followed). */
export async function postConsent(sandbox: SandboxHandle, input: ConsentInput = {}): Promise<Response> {
  const client = input.client ?? sandbox.demoClient;
  const form = new URLSearchParams({
    client_id: client.clientId,
    response_type: 'code',
    redirect_uri: client.redirectUri ?? sandbox.demoClient.redirectUri,
    scope: input.scope ?? PROFILE_SCOPES,
    access_type: input.accessType ?? 'offline',
    state: input.state ?? 'st-1',
    user_zuid: input.user ?? ADA,
    decision: input.decision ?? 'accept',
    ...(input.prompt === undefined ? {} : { prompt: input.prompt }),
    ...input.extra,
  });
  return fetch(`${input.at ?? sandbox.url}/oauth/v2/auth`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
}

export interface Callback {
  readonly code: string;
  readonly location: string;
  readonly accountsServer: string;
  readonly state: string | null;
  readonly url: URL;
}

/** Consents (Accept) and answers the redirect's parameters; throws when there is no redirect. */
export async function consentCode(sandbox: SandboxHandle, input: ConsentInput = {}): Promise<Callback> {
  const res = await postConsent(sandbox, input);
  const location = res.headers.get('location');
  if (res.status !== 302 || !location)
    throw new Error(`expected a redirect, got ${res.status}: ${await res.text()}`);
  const url = new URL(location);
  return {
    code: url.searchParams.get('code') ?? '',
    location: url.searchParams.get('location') ?? '',
    accountsServer: url.searchParams.get('accounts-server') ?? '',
    state: url.searchParams.get('state'),
    url,
  };
}

/** POST /oauth/v2/token with a form body; Zoho answers errors with HTTP 200, so the status is returned too. */
export async function tokenCall(
  baseUrl: string,
  params: Readonly<Record<string, string>>,
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${baseUrl}/oauth/v2/token`, { method: 'POST', body: new URLSearchParams(params) });
  return { status: res.status, body: (await res.json()) as Json };
}

export async function exchange(
  sandbox: SandboxHandle,
  code: string,
  overrides: Readonly<Record<string, string>> = {},
  at: string = sandbox.url,
  client: ClientRef = sandbox.demoClient,
): Promise<Json> {
  const { body } = await tokenCall(at, {
    grant_type: 'authorization_code',
    client_id: client.clientId,
    client_secret: client.clientSecret,
    redirect_uri: client.redirectUri ?? sandbox.demoClient.redirectUri,
    code,
    ...overrides,
  });
  return body;
}

export async function refresh(
  sandbox: SandboxHandle,
  refreshToken: string,
  at: string = sandbox.url,
  client: ClientRef = sandbox.demoClient,
): Promise<Json> {
  const { body } = await tokenCall(at, {
    grant_type: 'refresh_token',
    client_id: client.clientId,
    client_secret: client.clientSecret,
    refresh_token: refreshToken,
  });
  return body;
}

/** Consent + exchange in one step: the tokens of a fresh offline grant. */
export async function grantTokens(sandbox: SandboxHandle, input: ConsentInput = {}): Promise<Json> {
  const cb = await consentCode(sandbox, input);
  return exchange(sandbox, cb.code, {}, cb.accountsServer, input.client ?? sandbox.demoClient);
}

export async function apiGet(
  baseUrl: string,
  path: string,
  token?: string,
): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> =
    token === undefined ? {} : { Authorization: `Zoho-oauthtoken ${token}` };
  const res = await fetch(`${baseUrl}${path}`, { headers });
  return { status: res.status, body: (await res.json()) as Json };
}

/** Moves the sandbox clock through its control API, as a rehearsal in the app would. */
export async function advance(sandbox: SandboxHandle, seconds: number): Promise<void> {
  const res = await fetch(`${sandbox.url}/sandbox/clock`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
  if (res.status !== 200) throw new Error(`clock advance failed: ${res.status}`);
}

export const str = (value: unknown): string => {
  if (typeof value !== 'string') throw new Error(`expected a string, got ${JSON.stringify(value)}`);
  return value;
};

export interface MintedCode {
  readonly code?: string;
  readonly expiresAt?: number;
  /** Zoho's word when the console refuses (the grant-code rate: `Access Denied`). */
  readonly error?: string;
}

/** Asks the sandbox's stand-in for Zoho's API console for a self-client grant code (3 minutes by default). */
export async function mintSelfClientCode(
  sandbox: SandboxHandle,
  options: { readonly userZuid?: string; readonly scope?: string; readonly validMinutes?: number } = {},
): Promise<MintedCode> {
  const res = await fetch(`${sandbox.url}/sandbox/self-client/code`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      clientId: sandbox.clients.self.clientId,
      scope: options.scope ?? PROFILE_SCOPES,
      validMinutes: options.validMinutes ?? 3,
      ...(options.userZuid === undefined ? {} : { userZuid: options.userZuid }),
    }),
  });
  return (await res.json()) as MintedCode;
}

/** A self-client code that must be granted; throws with Zoho's word when it is not. */
export async function selfClientCode(
  sandbox: SandboxHandle,
  options: Parameters<typeof mintSelfClientCode>[1] = {},
): Promise<{ code: string; expiresAt: number }> {
  const minted = await mintSelfClientCode(sandbox, options);
  if (minted.code === undefined || minted.expiresAt === undefined)
    throw new Error(`no code: ${minted.error ?? '?'}`);
  return { code: minted.code, expiresAt: minted.expiresAt };
}

/** How many requests reached the token endpoint, from the sandbox's request log. */
export async function tokenEndpointCalls(sandbox: SandboxHandle): Promise<number> {
  const { body } = await apiGet(sandbox.url, '/sandbox/log');
  return (body.entries as { path: string }[]).filter((e) => e.path === '/oauth/v2/token').length;
}
