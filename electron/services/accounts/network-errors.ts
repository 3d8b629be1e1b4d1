/**
 * Why a request got no HTTP answer, in plain words with the host (never a URL path or a secret).
 * Node's fetch (undici) rejects with `TypeError: fetch failed` and puts the system error in `cause`,
 * sometimes wrapped in an AggregateError when several addresses were tried.
 */
export type NetworkCause = 'timeout' | 'dns' | 'refused' | 'reset' | 'unreachable' | 'tls' | 'other';

export interface NetworkProblem {
  readonly cause: NetworkCause;
  /** The low-level code (`ECONNREFUSED`, `CERT_HAS_EXPIRED`...), for the inspector. */
  readonly systemCode: string | null;
}

/** Which server a call talks to, so the advice names the setting to check. */
export interface ServerLabel {
  /** `accounts server` or `API server`. */
  readonly name: string;
  /** The setting that holds its address: `the DC's accounts URL` or `the token's API domain`. */
  readonly setting: string;
}

const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);
const RESET = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED']);
const UNREACHABLE = new Set(['ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EHOSTDOWN']);
const TIMEOUT = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

export function classifyNetworkError(error: unknown): NetworkProblem {
  if (isTimeoutAbort(error)) return { cause: 'timeout', systemCode: null };
  const code = systemCode(error);
  return { cause: causeOf(code), systemCode: code };
}

/** `AbortSignal.timeout` rejects fetch (or the body read) with a DOMException named TimeoutError. */
function isTimeoutAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function causeOf(code: string | null): NetworkCause {
  if (code === null) return 'other';
  if (TIMEOUT.has(code)) return 'timeout';
  if (DNS.has(code)) return 'dns';
  if (code === 'ECONNREFUSED') return 'refused';
  if (RESET.has(code)) return 'reset';
  if (UNREACHABLE.has(code)) return 'unreachable';
  if (/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY|HOSTNAME_MISMATCH/.test(code)) return 'tls';
  return 'other';
}

/** The first string `code` down the cause chain (and inside AggregateError's `errors`). */
function systemCode(error: unknown, depth = 0): string | null {
  if (typeof error !== 'object' || error === null || depth > 5) return null;
  const record = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof record.code === 'string') return record.code;
  const nested = Array.isArray(record.errors)
    ? [record.cause, ...(record.errors as unknown[])]
    : [record.cause];
  for (const inner of nested) {
    const found = systemCode(inner, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

export function timeoutMessage(server: ServerLabel, timeoutMs: number): string {
  const seconds = Number((timeoutMs / 1000).toFixed(1));
  return `The ${server.name} did not answer within ${seconds} s. Check your connection or ${server.setting}, then try again.`;
}

export function networkMessage(problem: NetworkProblem, host: string, server: ServerLabel): string {
  const check = `Check ${server.setting}`;
  switch (problem.cause) {
    case 'dns':
      return `The name ${host} could not be found (DNS lookup failed). ${check} for typos, and your connection.`;
    case 'refused':
      return `${host} refused the connection: nothing is listening there. ${check} and its port; for the sandbox DC, check that it is running.`;
    case 'reset':
      return `${host} closed the connection before answering. Try again; if it persists, a proxy or firewall may be in the way.`;
    case 'unreachable':
      return `${host} cannot be reached from this network (no route to it). Check your connection or VPN.`;
    case 'tls':
      return `The secure connection (TLS) to ${host} failed: ${tlsReason(problem.systemCode)}. Tokenbench never skips certificate checks; ${check.toLowerCase()}, the system clock, and any proxy that inspects HTTPS.`;
    case 'timeout':
      return `${host} did not accept the connection in time. Check your connection or ${server.setting}, then try again.`;
    case 'other':
      return `Could not reach ${host}${problem.systemCode === null ? '' : ` (${problem.systemCode})`}. ${check} and your connection, then try again.`;
  }
}

function tlsReason(code: string | null): string {
  if (code === null) return 'the handshake did not complete';
  if (code.includes('EXPIRED')) return 'its certificate has expired';
  if (code.includes('SELF_SIGNED')) return 'its certificate is self-signed';
  if (code.includes('ALTNAME') || code.includes('HOSTNAME')) return 'its certificate is for another name';
  if (code.includes('UNABLE_TO')) return 'its certificate is not issued by a trusted authority';
  return `the handshake failed (${code})`;
}
