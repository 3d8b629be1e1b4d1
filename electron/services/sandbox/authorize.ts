import { accessDeniedPage, consentPage, errorPage, type AuthParams } from './consent-page';
import { issueGrant, parseScopes } from './grants';
import { consentCsp, STRICT_CSP } from './html-layout';
import { htmlReply, redirectReply, requestParams, type Reply, type RequestContext } from './http';
import type { PkceChallenge, SandboxClient } from './model';

/**
 * GET /oauth/v2/auth shows the consent page; POST (the page's own form) decides. Errors with the
 * client or the redirect URI are shown here and never redirected, so a code or an error can only
 * reach the URI the client registered, compared exactly, trailing slash included (zoho-oauth.md).
 * Readings: an invalid response_type or scope is also shown as a page (the request is most likely an
 * app bug the developer is watching); a self client has no web flow and answers invalid_client.
 */
export function handleAuthorize(ctx: RequestContext): Reply {
  const parsed = parseAuthRequest(ctx);
  if ('status' in parsed) return parsed;
  const { client, params } = parsed;
  if (ctx.method === 'GET') {
    const html = consentPage(ctx.dc, ctx.state.dcs, client, ctx.state.users, params);
    return htmlReply(html, 'consent page', consentCsp(params.redirectUri), 200, client.clientId);
  }
  return decide(ctx, client, params);
}

function decide(ctx: RequestContext, client: SandboxClient, p: AuthParams): Reply {
  const form = requestParams(ctx);
  const decision = form.get('decision');
  if (decision === 'deny') {
    const to = withParams(p.redirectUri, { error: 'access_denied', state: p.state });
    return redirectReply(to, 'redirect access_denied', client.clientId);
  }
  const user = ctx.state.user(form.get('user_zuid') ?? '');
  if (decision !== 'accept' || !user) {
    return pageError(ctx, 'invalid_request', 'Choose a sandbox user, then Accept or Deny.', client.clientId);
  }
  const grant = issueGrant(ctx.state, {
    client,
    user,
    scope: p.scope,
    redirectUri: p.redirectUri,
    offline: p.accessType === 'offline',
    forceRefresh: p.prompt === 'consent',
    challenge: challengeOf(p),
    ttlMs: ctx.state.profile.grantCodeTtlMs,
  });
  if (!grant) return htmlReply(accessDeniedPage(ctx.dc), 'Access Denied', STRICT_CSP, 200, client.clientId);
  const home = ctx.state.dc(grant.dcId);
  const to = withParams(p.redirectUri, {
    state: p.state,
    code: grant.code,
    location: grant.dcId,
    'accounts-server': home?.accountsUrl,
  });
  return redirectReply(to, `redirect code (${grant.dcId})`, client.clientId);
}

type Parsed = { readonly client: SandboxClient; readonly params: AuthParams };

function parseAuthRequest(ctx: RequestContext): Parsed | Reply {
  const q = requestParams(ctx);
  const client = ctx.state.clientAt(q.get('client_id') ?? '', ctx.dc.id);
  if (!client || client.type !== 'server' || client.redirectUri === undefined) {
    return pageError(
      ctx,
      'invalid_client',
      `No web client with this client id is registered at ${ctx.dc.name}. Check the client id and the DC (multi-DC setting).`,
    );
  }
  const id = client.clientId;
  if (q.get('redirect_uri') !== client.redirectUri) {
    return pageError(
      ctx,
      'invalid_redirect_uri',
      'The redirect URI differs from the one registered for this client. It must match exactly, trailing slash included.',
      id,
    );
  }
  if (q.get('response_type') !== 'code') {
    return pageError(ctx, 'invalid_response_type', 'response_type must be "code".', id);
  }
  const scope = parseScopes(q.get('scope') ?? '');
  if (!scope) {
    return pageError(
      ctx,
      'invalid_scope',
      'Give one or more comma-separated scopes shaped like Service.scope.OPERATION, e.g. ZohoCRM.users.READ.',
      id,
    );
  }
  const method = q.get('code_challenge_method') ?? undefined;
  const challenge = q.get('code_challenge') ?? undefined;
  if (challenge !== undefined && !/^[A-Za-z0-9._~-]{43,128}$/.test(challenge)) {
    return pageError(
      ctx,
      'invalid_request',
      'code_challenge must be 43 to 128 unreserved characters (RFC 7636 4.2).',
      id,
    );
  }
  if (method !== undefined && method !== 'S256' && method !== 'plain') {
    return pageError(ctx, 'invalid_request', 'code_challenge_method must be S256 or plain.', id);
  }
  const params: AuthParams = {
    clientId: id,
    redirectUri: client.redirectUri,
    scope,
    accessType: q.get('access_type') === 'offline' ? 'offline' : 'online',
    prompt: q.get('prompt') ?? undefined,
    state: q.get('state') ?? undefined,
    codeChallenge: challenge,
    codeChallengeMethod: method,
  };
  return { client, params };
}

/** Zoho's default method is plain when a challenge comes without one (zoho-oauth.md). */
function challengeOf(p: AuthParams): PkceChallenge | undefined {
  if (p.codeChallenge === undefined) return undefined;
  return { value: p.codeChallenge, method: p.codeChallengeMethod === 'S256' ? 'S256' : 'plain' };
}

function pageError(ctx: RequestContext, code: string, message: string, clientId?: string): Reply {
  return htmlReply(errorPage(ctx.dc, code, message), code, STRICT_CSP, 400, clientId);
}

/** Appends in Zoho's order; URLSearchParams percent-encodes the accounts-server URL. */
function withParams(base: string, params: Readonly<Record<string, string | undefined>>): string {
  const url = new URL(base);
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.append(key, value);
  return url.toString();
}
