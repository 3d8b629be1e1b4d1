import type { ParsedArgsOf, ValueOf } from '../../../shared/ipc/contract';
import {
  fillPlaceholders,
  findPlaceholders,
  type PlaceholderVariable,
} from '../../../shared/postman/placeholders';
import { fail, ok, type Failure, type Ok } from '../../../shared/result';
import type { EnvironmentRecord } from '../../../shared/workspace/model';
import type { FetchLike } from '../accounts/send';
import {
  classifyNetworkError,
  networkMessage,
  timeoutMessage,
  type ServerLabel,
} from '../accounts/network-errors';
import { createScrubber, type Scrub } from '../accounts/redact';
import { forClient, type RawExchange } from '../traffic/recorder';
import type { WorkbenchContext } from './context';
import { checkTokenDc, type TokenDcFailure } from './runner-dc';
import { readSecret } from './secrets';
import type { TokenDcCheck, TokenOrgCheck } from '../../../shared/ipc/env-status';
import { checkTokenOrg, withAnsweredOrg } from './runner-org';

export type RunnerRequest = ParsedArgsOf<'requests:send'>;
export type RunnerAnswer = ValueOf<'requests:send'>;
type RunnerFailure = Failure & { readonly detail?: { readonly unresolved: readonly string[] } };

export interface RunnerOptions {
  readonly timeoutMs?: number;
  readonly maxBodyBytes?: number;
  readonly fetch?: FetchLike;
}

export const RUNNER_TIMEOUT_MS = 30_000;
export const RUNNER_MAX_BODY_BYTES = 1024 * 1024;
const SERVER: ServerLabel = { name: 'server', setting: 'the request URL' };
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * The request runner, Postman-style, from the main process: `{{variables}}` come from the
 * environment, secret ones from the keychain, so the page never holds a token. Redirects are not
 * followed (a 3xx is the answer), so an access token is never re-sent to another host (RFC 6749
 * §10.6). Every secret that went out is masked in whatever comes back: URL, headers, body, errors.
 */
export async function sendRequest(
  ctx: WorkbenchContext,
  request: RunnerRequest,
  options: RunnerOptions = {},
): Promise<Ok<RunnerAnswer> | RunnerFailure | TokenDcFailure> {
  const env =
    request.environmentId === undefined ? null : (ctx.store.environments.get(request.environmentId) ?? null);
  if (request.environmentId !== undefined && env === null)
    return fail(
      'environment_not_found',
      'The environment of this request no longer exists. Pick another one.',
    );
  const headers = request.headers.filter((h) => h.enabled && h.key.trim() !== '');
  const body = BODY_METHODS.has(request.method) ? request.body : undefined;
  const texts = [request.url, ...headers.flatMap((h) => [h.key, h.value]), body ?? ''];
  const variables = await resolveVariables(ctx, env, texts);
  if (!variables.ok) return variables;
  const { values, secrets } = variables.value;
  const scrub = createScrubber(secrets);
  const fill = (text: string) => fillPlaceholders(text, values);
  const url = parseUrl(fill(request.url), scrub);
  if (!url.ok) return url;
  const tokenDc = checkTokenDc(ctx, env, variables.value.secretNames, url.value);
  if (tokenDc !== null && 'ok' in tokenDc) return tokenDc;
  const tokenOrg = checkTokenOrg(ctx, env, variables.value.secretNames, url.value);
  const built = buildHeaders(
    headers.map((h) => [fill(h.key).trim(), fill(h.value)]),
    scrub,
  );
  if (!built.ok) return built;
  const init: RequestInit = { method: request.method, headers: built.value, redirect: 'manual' };
  if (body !== undefined && body !== '') init.body = fill(body);
  const recorder = recorderFor(ctx, env, secrets);
  return exchange(url.value, init, scrub, options, { tokenDc, tokenOrg }, recorder);
}

/** Hands each runner exchange to the traffic console, attributed to the environment's client. */
type Recorder = (exchange: Omit<RawExchange, 'origin' | 'secrets'>) => number | null;

function recorderFor(
  ctx: WorkbenchContext,
  env: EnvironmentRecord | null,
  secrets: readonly string[],
): Recorder {
  const sink = ctx.traffic;
  if (sink === undefined) return () => null;
  return (exchange) => forClient(env?.clientRef, () => sink({ ...exchange, origin: 'runner', secrets }));
}

interface Resolved {
  readonly values: PlaceholderVariable[];
  readonly secrets: string[];
  /** The placeholders that were filled from the keychain. */
  readonly secretNames: string[];
}

/** Every placeholder used must resolve: a literal `{{access-token}}` sent to Zoho only confuses. */
async function resolveVariables(
  ctx: WorkbenchContext,
  env: EnvironmentRecord | null,
  texts: readonly string[],
): Promise<Ok<Resolved> | RunnerFailure> {
  const names = [...new Set(texts.flatMap((t) => findPlaceholders(t)))];
  const values: PlaceholderVariable[] = [];
  const secrets: string[] = [];
  const secretNames: string[] = [];
  const unresolved: string[] = [];
  for (const name of names) {
    const variable = env?.variables.findLast((v) => v.key === name && v.enabled);
    if (env === null || variable === undefined) {
      unresolved.push(name);
    } else if (variable.secret) {
      const value = await readSecret(ctx, { kind: 'env-variable', environmentId: env.id, key: name });
      if (!value.ok) return fail(value.code, `{{${name}}}: ${value.message}`);
      values.push({ key: name, value: value.value, enabled: true });
      secrets.push(value.value);
      secretNames.push(name);
    } else if (variable.value === null) {
      unresolved.push(name);
    } else {
      values.push({ key: name, value: variable.value, enabled: true });
    }
  }
  if (unresolved.length > 0) return unresolvedFailure(env, unresolved);
  return ok({ values, secrets, secretNames });
}

function unresolvedFailure(env: EnvironmentRecord | null, names: readonly string[]): RunnerFailure {
  const list = names.map((n) => `{{${n}}}`).join(', ');
  const many = names.length > 1;
  const message =
    env === null
      ? `No environment is selected, so ${list} cannot be filled. Pick an environment in the sidebar.`
      : `${list} ${many ? 'are not variables' : 'is not a variable'} of environment "${env.name}" (or ${many ? 'are' : 'is'} disabled or empty). Add ${many ? 'them' : 'it'} in the Environment tab, or fix the spelling.`;
  return { ...fail('unresolved_placeholder', message), detail: { unresolved: names } };
}

function parseUrl(text: string, scrub: Scrub): Ok<URL> | Failure {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail(
      'invalid_url',
      `"${scrub(text)}" is not a full URL. Start it with https:// or {{api-domain}}.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return fail('invalid_url', `Only http and https URLs can be sent, not ${url.protocol}.`);
  return ok(url);
}

function buildHeaders(pairs: readonly (readonly [string, string])[], scrub: Scrub): Ok<Headers> | Failure {
  const headers = new Headers();
  for (const [key, value] of pairs) {
    try {
      headers.append(key, value);
    } catch {
      return fail(
        'invalid_header',
        `The header "${scrub(key)}" has a name or value HTTP does not allow (a line break, or a space in the name).`,
      );
    }
  }
  return ok(headers);
}

async function exchange(
  url: URL,
  init: RequestInit,
  scrub: Scrub,
  options: RunnerOptions,
  checks: { readonly tokenDc: TokenDcCheck | null; readonly tokenOrg: TokenOrgCheck | null },
  record: Recorder,
): Promise<Ok<RunnerAnswer> | Failure> {
  const timeoutMs = options.timeoutMs ?? RUNNER_TIMEOUT_MS;
  const started = performance.now();
  const at = Date.now();
  const sent = {
    method: init.method ?? 'GET',
    url: url.toString(),
    headers: [...new Headers(init.headers)],
    body: typeof init.body === 'string' ? init.body : null,
  };
  const took = () => Math.round(performance.now() - started);
  try {
    const response = await (options.fetch ?? fetch)(url.toString(), {
      ...init,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const { text, truncated } = await readCapped(response, options.maxBodyBytes ?? RUNNER_MAX_BODY_BYTES);
    const headers = [...response.headers];
    const exchangeId = record({
      at,
      durationMs: took(),
      request: sent,
      answer: {
        status: response.status,
        statusText: response.statusText,
        headers,
        body: text,
        cut: truncated,
      },
    });
    return ok({
      status: response.status,
      statusText: response.statusText,
      headers: headers.map(([k, v]) => [k, scrub(v)] as const),
      body: scrub(text),
      truncated,
      durationMs: took(),
      resolvedUrl: scrub(url.toString()),
      tokenDc: checks.tokenDc,
      tokenOrg: withAnsweredOrg(checks.tokenOrg, response.status, text),
      exchangeId,
    });
  } catch (error: unknown) {
    const problem = classifyNetworkError(error);
    const failure =
      problem.cause === 'timeout' && problem.systemCode === null
        ? fail('timeout', scrub(timeoutMessage(SERVER, timeoutMs)))
        : fail(
            problem.cause === 'timeout' ? 'timeout' : 'network_error',
            scrub(networkMessage(problem, url.host, SERVER)),
          );
    const exchangeId = record({
      at,
      durationMs: took(),
      request: sent,
      answer: { network: { message: failure.message, systemCode: problem.systemCode } },
    });
    return exchangeId === null ? failure : { ...failure, exchangeId };
  }
}

/** Reads at most `max` bytes and drops the rest, so a huge answer cannot fill the page. */
async function readCapped(response: Response, max: number): Promise<{ text: string; truncated: boolean }> {
  const reader = (response.body as ReadableStream<Uint8Array> | null)?.getReader();
  if (reader === undefined) return { text: '', truncated: false };
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: text + decoder.decode(), truncated: false };
    const room = max - size;
    if (value.byteLength > room) {
      text += decoder.decode(value.subarray(0, room), { stream: true });
      await reader.cancel();
      return { text, truncated: true };
    }
    size += value.byteLength;
    text += decoder.decode(value, { stream: true });
  }
}
