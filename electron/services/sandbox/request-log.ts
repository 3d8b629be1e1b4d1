import type { ApiEnvironment, DataCenter } from '../../../shared/dc/catalog';
import { crmResource } from './crm-paths';
import type { Reply } from './http';
import type { SandboxState } from './state';

/** Paths the server knows are logged as they are; nothing else is trusted to be free of secrets. */
const KNOWN_PATHS = new Set([
  '/',
  '/oauth/v2/auth',
  '/oauth/v2/token',
  '/oauth/v2/token/revoke',
  '/oauth/v2/revoke/token',
  '/oauth/user/info',
  '/oauth/serverinfo',
  '/oauth/v3/device/code',
  '/oauth/v3/device/token',
  '/oauth/v3/device',
  '/api-console/self-client',
  '/sandbox/device',
  '/sandbox/clock',
  '/sandbox/log',
  '/sandbox/reset',
  '/sandbox/self-client/code',
  '/sandbox/info',
]);

/**
 * Redacts anything token-shaped or long enough to be a secret from a path someone typed: a client
 * may put a token in a wrong URL, and the log must never hold one (architecture.md, "Secrets").
 */
export function redactPath(path: string): string {
  if (KNOWN_PATHS.has(path) || crmResource(path) !== undefined) return path;
  return path
    .replace(/1000\.[^/]*/g, '[redacted]')
    .replace(/[A-Za-z0-9._~%-]{20,}/g, '[redacted]')
    .slice(0, 200);
}

/** One line per request: method, path without its query (queries carry codes and tokens), outcome. */
export function logRequest(
  state: SandboxState,
  dc: DataCenter,
  method: string,
  path: string,
  reply: Reply,
  api: ApiEnvironment = 'production',
): void {
  state.append({
    at: new Date(state.clock.now()).toISOString(),
    dc: dc.id,
    method,
    path: redactPath(path),
    status: reply.status,
    outcome: reply.outcome,
    ...(reply.clientId === undefined ? {} : { clientId: reply.clientId }),
    ...(api === 'production' ? {} : { api }),
  });
}
