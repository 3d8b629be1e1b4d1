import type { DataCenter } from '../../../shared/dc/catalog';
import { escapeHtml as e } from './http';
import { layout } from './html-layout';
import type { SandboxClient, SandboxUser } from './model';
import { ACCESS_DENIED_DESCRIPTION } from './limits';
import { displayName } from './seed';

/** What the consent form carries back in hidden fields; the POST re-validates all of it. */
export interface AuthParams {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scope: readonly string[];
  readonly accessType: 'online' | 'offline';
  readonly prompt: string | undefined;
  readonly state: string | undefined;
  readonly codeChallenge: string | undefined;
  readonly codeChallengeMethod: string | undefined;
}

const KNOWN_SCOPES: Readonly<Record<string, string>> = {
  'aaaserver.profile.read': 'See your name, email address and Zoho user id (ZUID)',
  'zohocrm.users.read': 'Read the users of your CRM organization',
  'zohocrm.users.all': 'Read and manage the users of your CRM organization',
  'zohocrm.modules.all': 'Read, create, update and delete records in all CRM modules',
  'zohocrm.modules.read': 'Read records in all CRM modules',
  'zohocrm.settings.all': 'Read and change CRM settings',
};

export function describeScope(scope: string): string {
  const known = KNOWN_SCOPES[scope.toLowerCase()];
  if (known) return known;
  const [service = scope, ...rest] = scope.split('.');
  const operation = rest.pop() ?? '';
  return `${operation.toUpperCase()} access to ${service} ${rest.join(' ')}`.trim();
}

function hidden(name: string, value: string | undefined): string {
  return value === undefined ? '' : `<input type="hidden" name="${e(name)}" value="${e(value)}">`;
}

function hiddenFields(p: AuthParams): string {
  return [
    hidden('client_id', p.clientId),
    hidden('response_type', 'code'),
    hidden('redirect_uri', p.redirectUri),
    hidden('scope', p.scope.join(',')),
    hidden('access_type', p.accessType),
    hidden('prompt', p.prompt),
    hidden('state', p.state),
    hidden('code_challenge', p.codeChallenge),
    hidden('code_challenge_method', p.codeChallengeMethod),
  ].join('');
}

export function userChoice(user: SandboxUser, dcs: readonly DataCenter[], checked: boolean): string {
  const home = dcs.find((dc) => dc.id === user.homeDc)?.name ?? user.homeDc;
  return `<label class="choice"><input type="radio" name="user_zuid" value="${e(user.zuid)}"${checked ? ' checked' : ''} required>
<span class="who"><strong>${e(displayName(user))}</strong><span>${e(user.email)}</span></span><span class="dc">${e(home)}</span></label>`;
}

export function consentPage(
  dc: DataCenter,
  dcs: readonly DataCenter[],
  client: SandboxClient,
  users: readonly SandboxUser[],
  p: AuthParams,
): string {
  const scopes = scopeItems(p.scope);
  const access =
    p.accessType === 'offline'
      ? 'Offline access: the app may also get a refresh token and keep working while you are away.'
      : 'Online access: one access token, valid for an hour.';
  const content = `<h1><span>${e(client.name)}</span> wants to access your sandbox account</h1>
<p class="lead">Choose the sandbox user to sign in as, then allow or refuse access.</p>
<form method="post" action="/oauth/v2/auth">
${hiddenFields(p)}
<fieldset><legend>Sign in as</legend>
${users.map((u, i) => userChoice(u, dcs, i === 0)).join('\n')}
</fieldset>
<h2 id="scopes-title">Requested access</h2>
<ul class="scopes" aria-labelledby="scopes-title">${scopes}</ul>
<p class="meta">${e(access)}<br>After your choice you return to <code>${e(p.redirectUri)}</code>.</p>
<div class="actions"><button type="submit" name="decision" value="deny" class="secondary">Deny</button><button type="submit" name="decision" value="accept" class="primary">Accept</button></div>
</form>`;
  return layout(`Authorize ${client.name} · ${dc.name}`, dc.name, content);
}

/** The requested scopes as list items, each with what it lets the app do. */
export function scopeItems(scope: readonly string[]): string {
  return scope.map((s) => `<li><code>${e(s)}</code><span>${e(describeScope(s))}</span></li>`).join('');
}

/** An authorization request that cannot go on: shown here, never redirected (RFC 6749 4.1.2.1). */
export function errorPage(dc: DataCenter, code: string, message: string): string {
  const content = `<h1 class="error">The sign-in cannot continue</h1>
<p>Error: <code>${e(code)}</code></p>
<p class="lead">${e(message)}</p>`;
  return layout(`Error: ${code} · ${dc.name}`, dc.name, content);
}

/**
 * The grant-limit page. Reading of Kaizen #43: the 11th grant in 10 minutes gets HTTP 200 with
 * "Access Denied" and Zoho's description, shown on the accounts server without any redirect, so the
 * app's loopback listener never hears of it and must time out or let the user retry.
 */
export function accessDeniedPage(dc: DataCenter): string {
  const content = `<h1 class="error">Access Denied</h1>
<p class="lead">${e(ACCESS_DENIED_DESCRIPTION)}</p>
<p class="meta">Zoho allows 10 grant codes per client in 10 minutes (Kaizen #43, "Tokens and Limitations"). This sandbox enforces the same limit: wait for the window to free a slot, or advance the sandbox clock.</p>`;
  return layout(`Access Denied · ${dc.name}`, dc.name, content);
}
