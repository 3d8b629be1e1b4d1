import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiEnvironment, DataCenter } from '../../../shared/dc/catalog';
import { handleCrmOrg, handleCrmUsers, handleUserInfo } from './api';
import { handleAuthorize } from './authorize';
import { handleControl } from './control';
import { CONSOLE_PATH, handleConsolePage } from './console-page';
import { handleDeviceCode, handleDeviceToken, VERIFICATION_PATH } from './device';
import { handleVerificationPage } from './device-page';
import { crmResource, type CrmResource } from './crm-paths';
import { STRICT_CSP } from './html-layout';
import {
  hostAllowed,
  htmlReply,
  jsonReply,
  originAllowed,
  readBody,
  send,
  type Handler,
  type Reply,
  type RequestContext,
} from './http';
import { parseFormBody } from './form-body';
import { landingPage } from './landing-page';
import { logRequest } from './request-log';
import { handleLegacyRevoke, handleRevoke } from './revoke';
import type { SandboxState } from './state';
import { handleToken } from './token-endpoint';

/** One DC's listener, filled in once every DC has its port (DC records carry their URLs). */
export interface Binding {
  port: number;
  /** production: the accounts server and API domain; developer, sandbox: API paths only. */
  readonly api: ApiEnvironment;
  state?: SandboxState;
  dc?: DataCenter;
}

const serverInfo: Handler = (ctx) => {
  const locations = Object.fromEntries(ctx.state.dcs.map((dc) => [dc.id, dc.accountsUrl]));
  return jsonReply({ locations }, 'serverinfo');
};

const landing: Handler = (ctx) => htmlReply(landingPage(ctx.dc, ctx.state), 'landing page', STRICT_CSP);

/** The accounts and API paths share one listener per DC (accountsUrl = apiDomain in the sandbox). */
const ROUTES: ReadonlyMap<string, Handler> = new Map<string, Handler>([
  ['GET /', landing],
  ['GET /oauth/v2/auth', handleAuthorize],
  ['POST /oauth/v2/auth', handleAuthorize],
  ['POST /oauth/v2/token', handleToken],
  ['POST /oauth/v2/token/revoke', handleLegacyRevoke],
  ['POST /oauth/v2/revoke/token', handleRevoke],
  ['GET /oauth/user/info', handleUserInfo],
  ['GET /oauth/serverinfo', serverInfo],
  ['POST /oauth/v3/device/code', handleDeviceCode],
  ['POST /oauth/v3/device/token', handleDeviceToken],
  [`GET ${VERIFICATION_PATH}`, handleVerificationPage],
  [`POST ${VERIFICATION_PATH}`, handleVerificationPage],
  [`GET ${CONSOLE_PATH}`, handleConsolePage],
  [`POST ${CONSOLE_PATH}`, handleConsolePage],
]);

/** CRM's API paths, at every API domain of a DC: `/crm/v{2,2.1,3..8}/{users,org}` (crm-paths.ts). */
const CRM_ROUTES: Readonly<Record<CrmResource, Handler>> = { users: handleCrmUsers, org: handleCrmOrg };

const KNOWN_PATHS = new Set([...ROUTES.keys()].map((key) => key.slice(key.indexOf(' ') + 1)));

const methodNotAllowed = (): Reply => jsonReply({ error: 'method_not_allowed' }, 'method_not_allowed', 405);
const notFound = (): Reply => jsonReply({ error: 'not_found' }, 'not_found', 404);

function route(method: string, path: string, api: ApiEnvironment): Handler | Reply {
  const crm = crmResource(path);
  if (crm !== undefined) return method === 'GET' ? CRM_ROUTES[crm] : methodNotAllowed();
  // A developer or sandbox API domain serves APIs only; accounts paths live on the accounts server.
  if (api !== 'production') return notFound();
  if (path.startsWith('/sandbox/')) return handleControl;
  const handler = ROUTES.get(`${method} ${path}`);
  if (handler) return handler;
  return KNOWN_PATHS.has(path) ? methodNotAllowed() : notFound();
}

const isLoopback = (address: string | undefined): boolean =>
  address !== undefined && /^(127\.|::ffff:127\.|::1$)/.test(address);

/** Refusals that come before any routing: foreign peer, foreign Host (DNS rebinding), foreign Origin. */
function gatekeep(req: IncomingMessage, port: number): Reply | undefined {
  if (!isLoopback(req.socket.remoteAddress))
    return jsonReply({ error: 'forbidden' }, 'forbidden (peer)', 403);
  if (req.headers.host === undefined) return jsonReply({ error: 'missing_host' }, 'missing host', 400);
  if (!hostAllowed(req.headers.host, port))
    return jsonReply({ error: 'misdirected_request' }, 'host rejected', 421);
  if (req.method !== 'GET' && req.method !== 'HEAD' && !originAllowed(req.headers.origin, port)) {
    return jsonReply({ error: 'forbidden' }, 'origin rejected', 403);
  }
  return undefined;
}

async function answer(binding: Binding, req: IncomingMessage): Promise<{ reply: Reply; path: string }> {
  const { state, dc, port, api } = binding;
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
  const method = req.method ?? 'GET';
  if (!state || !dc) return { reply: jsonReply({ error: 'starting' }, 'starting', 503), path: url.pathname };
  const refused = gatekeep(req, port);
  if (refused) return { reply: refused, path: url.pathname };
  const target = route(method, url.pathname, api);
  if (typeof target !== 'function') return { reply: target, path: url.pathname };
  const raw = method === 'POST' ? await readBody(req) : Buffer.alloc(0);
  if (raw === undefined) {
    const tooLarge = jsonReply({ error: 'payload_too_large' }, 'payload too large', 413);
    return { reply: { ...tooLarge, headers: { Connection: 'close' } }, path: url.pathname };
  }
  const form = await parseFormBody(req.headers['content-type'], raw);
  if (!form.ok) {
    // A body that cannot be read is not "no parameters": say so (HTTP 400, a reading: Zoho's pages
    // do not show its answer to a broken body).
    const body = { error: 'invalid_request', error_description: form.reason };
    return { reply: jsonReply(body, 'invalid_request (malformed body)', 400), path: url.pathname };
  }
  const ctx: RequestContext = {
    state,
    dc,
    method,
    url,
    headers: req.headers,
    body: raw.toString('utf8'),
    form: form.params,
    api,
  };
  return { reply: target(ctx), path: url.pathname };
}

export function createListener(binding: Binding): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    answer(binding, req)
      .catch(() => ({ reply: jsonReply({ error: 'server_error' }, 'server_error', 500), path: '' }))
      .then(({ reply, path }) => {
        const { state, dc } = binding;
        const quiet = req.method === 'GET' && path === '/sandbox/log';
        if (state && dc && !quiet) logRequest(state, dc, req.method ?? 'GET', path, reply, binding.api);
        send(res, reply);
      })
      .catch(() => res.destroy());
  };
}
