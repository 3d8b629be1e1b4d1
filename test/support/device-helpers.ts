/**
 * The device flow over raw HTTP against the sandbox (global fetch): initiation, polls, and the
 * verification page driven as its own forms would post, for tests that play a device or a user.
 */
import type { SandboxHandle } from '../../electron/services/sandbox';
import type { Json } from './sandbox-helpers';

export interface DeviceClient {
  readonly clientId: string;
  readonly clientSecret: string;
}

export const deviceClient = (sandbox: SandboxHandle): DeviceClient => sandbox.clients.device;

/** POST /oauth/v3/device/code with the parameters in a urlencoded body (or the query). */
export async function initiate(
  at: string,
  params: Readonly<Record<string, string>>,
  where: 'body' | 'query' = 'body',
): Promise<{ status: number; body: Json }> {
  const q = new URLSearchParams(params);
  const res =
    where === 'body'
      ? await fetch(`${at}/oauth/v3/device/code`, { method: 'POST', body: q })
      : await fetch(`${at}/oauth/v3/device/code?${q.toString()}`, { method: 'POST' });
  return { status: res.status, body: (await res.json()) as Json };
}

export async function deviceCode(
  sandbox: SandboxHandle,
  overrides: Readonly<Record<string, string>> = {},
): Promise<{ userCode: string; deviceCode: string; body: Json }> {
  const { body } = await initiate(sandbox.url, {
    client_id: deviceClient(sandbox).clientId,
    grant_type: 'device_request',
    scope: 'AaaServer.profile.Read',
    access_type: 'offline',
    prompt: 'consent',
    ...overrides,
  });
  if (typeof body.user_code !== 'string' || typeof body.device_code !== 'string')
    throw new Error(`no device code: ${JSON.stringify(body)}`);
  return { userCode: body.user_code, deviceCode: body.device_code, body };
}

export async function poll(
  at: string,
  client: DeviceClient,
  code: string,
  extra: Readonly<Record<string, string>> = {},
): Promise<{ status: number; body: Json }> {
  const form = new URLSearchParams({
    client_id: client.clientId,
    client_secret: client.clientSecret,
    grant_type: 'device_token',
    code,
    ...extra,
  });
  const res = await fetch(`${at}/oauth/v3/device/token`, { method: 'POST', body: form });
  return { status: res.status, body: (await res.json()) as Json };
}

/** Posts the verification page's form: step `code` shows the consent, step `decide` records it. */
export async function verify(
  at: string,
  fields: Readonly<Record<string, string>>,
): Promise<{ status: number; html: string }> {
  const res = await fetch(`${at}/oauth/v3/device`, { method: 'POST', body: new URLSearchParams(fields) });
  return { status: res.status, html: await res.text() };
}

/** The user enters the code, picks a user and decides, as the page's buttons would. */
export async function approve(
  at: string,
  userCode: string,
  userZuid: string,
  decision: 'accept' | 'deny' = 'accept',
): Promise<{ status: number; html: string }> {
  const shown = await verify(at, { step: 'code', user_code: userCode });
  if (shown.status !== 200) throw new Error(`the code was refused: ${shown.status}`);
  return verify(at, { step: 'decide', user_code: userCode, user_zuid: userZuid, decision });
}

/** The sandbox's polls of the device token endpoint, from its request log: outcome per poll. */
export async function devicePolls(
  sandbox: SandboxHandle,
): Promise<{ dc: string; outcome: string; at: string }[]> {
  const res = await fetch(`${sandbox.url}/sandbox/log`);
  const { entries } = (await res.json()) as {
    entries: { path: string; dc: string; outcome: string; at: string }[];
  };
  return entries.filter((e) => e.path === '/oauth/v3/device/token');
}
