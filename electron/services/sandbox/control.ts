import { issueGrant, parseScopes } from './grants';
import { jsonReply, type Reply, type RequestContext } from './http';
import { ACCESS_DENIED_BODY } from './limits';
import { SANDBOX_ORGANIZATIONS } from './seed';
import type { SandboxState } from './state';

/**
 * The control API under /sandbox/: what a rehearsal or a test needs that Zoho offers elsewhere (the
 * API console's self-client codes) or not at all (a clock to jump past windows). JSON only; a POST
 * must say `Content-Type: application/json`, which a cross-site form cannot send without a CORS
 * preflight this server never grants.
 */
export function handleControl(ctx: RequestContext): Reply {
  const route = `${ctx.method} ${ctx.url.pathname}`;
  if (ctx.method === 'POST' && !isJson(ctx.headers['content-type'])) {
    return bad('invalid_request', 'Send the body as application/json.', 415);
  }
  switch (route) {
    case 'GET /sandbox/clock':
      return clockReply(ctx.state, 'clock');
    case 'POST /sandbox/clock':
      return advanceClock(ctx);
    case 'GET /sandbox/log':
      return jsonReply({ entries: ctx.state.log }, 'log');
    case 'POST /sandbox/reset':
      ctx.state.reset();
      return jsonReply({ status: 'success' }, 'reset');
    case 'POST /sandbox/self-client/code':
      return selfClientCode(ctx);
    case 'GET /sandbox/device':
      return deviceReply(ctx.state, 'device settings');
    case 'POST /sandbox/device':
      return setDeviceInterval(ctx);
    case 'GET /sandbox/info':
      return jsonReply(info(ctx.state), 'info');
    default:
      return bad('not_found', 'No such sandbox control endpoint.', 404);
  }
}

const isJson = (type: string | undefined): boolean => /^application\/json\b/i.test(type ?? '');

const bad = (error: string, message: string, status = 400): Reply =>
  jsonReply({ error, message }, error, status);

function parseJson(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body === '' ? '{}' : body);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function clockReply(state: SandboxState, outcome: string): Reply {
  const now = state.clock.now();
  return jsonReply({ now, iso: new Date(now).toISOString() }, outcome);
}

/** Up to ten years per call: enough for any window, small enough to keep dates printable. */
const MAX_ADVANCE_SECONDS = 10 * 365 * 24 * 3600;

function advanceClock(ctx: RequestContext): Reply {
  const seconds = parseJson(ctx.body)?.advanceSeconds;
  if (
    typeof seconds !== 'number' ||
    !Number.isFinite(seconds) ||
    seconds < 0 ||
    seconds > MAX_ADVANCE_SECONDS
  ) {
    return bad(
      'invalid_request',
      'advanceSeconds must be a number of seconds, 0 or more (the clock only moves forward).',
    );
  }
  ctx.state.clock.advance(seconds * 1000);
  return clockReply(ctx.state, `clock +${seconds}s`);
}

function deviceReply(state: SandboxState, outcome: string): Reply {
  return jsonReply({ intervalSeconds: state.deviceIntervalMs / 1000 }, outcome);
}

/**
 * The device flow's polling interval (Zoho: one poll per 30 seconds). Rehearsals and tests shorten
 * it so a device flow takes seconds; device codes issued before keep polling under the new value.
 */
function setDeviceInterval(ctx: RequestContext): Reply {
  const seconds = parseJson(ctx.body)?.intervalSeconds;
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1 || seconds > 300) {
    return bad('invalid_request', 'intervalSeconds must be a whole number of seconds from 1 to 300.');
  }
  ctx.state.deviceIntervalMs = seconds * 1000;
  return deviceReply(ctx.state, `device interval ${seconds}s`);
}

/**
 * Like "Generate Code" in Zoho's API console for a self client: 3 to 10 minutes, counted toward the
 * client's grant rule; over the rule it answers Zoho's Access Denied body. The code carries a refresh
 * token on exchange (self-client codes always do) and needs no redirect_uri (seed 002).
 */
function selfClientCode(ctx: RequestContext): Reply {
  const { state } = ctx;
  const input = parseJson(ctx.body) ?? {};
  const client = typeof input.clientId === 'string' ? state.client(input.clientId) : undefined;
  if (!client || client.type !== 'self')
    return bad('invalid_client', 'clientId must name the sandbox self client.');
  const scope = typeof input.scope === 'string' ? parseScopes(input.scope) : undefined;
  if (!scope) return bad('invalid_scope', 'scope must be comma-separated Service.scope.OPERATION scopes.');
  const minutes = input.validMinutes;
  if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 3 || minutes > 10) {
    return bad('invalid_request', 'validMinutes must be a whole number from 3 to 10, as in the API console.');
  }
  const zuid = typeof input.userZuid === 'string' ? input.userZuid : undefined;
  const user = zuid === undefined ? state.users.find((u) => u.homeDc === client.homeDc) : state.user(zuid);
  if (!user) return bad('invalid_request', 'userZuid names no sandbox user.');
  const grant = issueGrant(state, {
    client,
    user,
    scope,
    redirectUri: undefined,
    offline: true,
    forceRefresh: true,
    challenge: undefined,
    ttlMs: minutes * 60_000,
  });
  if (!grant) return jsonReply(ACCESS_DENIED_BODY, 'Access Denied', 200, client.clientId);
  const body = {
    code: grant.code,
    expiresAt: grant.expiresAt,
    location: grant.dcId,
    accountsServer: state.dc(grant.dcId)?.accountsUrl,
  };
  return jsonReply(body, 'self-client code', 200, client.clientId);
}

/** Everything about the sandbox except secrets: client secrets, codes and tokens never appear. */
export function info(state: SandboxState): Record<string, unknown> {
  return {
    dcs: state.dcs,
    clients: Object.values(state.clients).map((c) => ({
      key: c.key,
      name: c.name,
      clientId: c.clientId,
      type: c.type,
      homeDc: c.homeDc,
      multiDc: c.multiDc,
      redirectUri: c.redirectUri,
      legacy: c.legacy,
    })),
    users: state.users,
    organizations: SANDBOX_ORGANIZATIONS,
    profile: state.profile,
    deviceIntervalSeconds: state.deviceIntervalMs / 1000,
    now: state.clock.now(),
  };
}
