import { createHash } from 'node:crypto';
import type { DataCenter } from '../../../shared/dc/catalog';
import { userChoice } from './consent-page';
import { issueGrant, parseScopes } from './grants';
import { escapeHtml as e, htmlReply, type Reply, type RequestContext } from './http';
import { layout } from './html-layout';
import { ACCESS_DENIED_DESCRIPTION } from './limits';
import type { SandboxClient } from './model';
import type { SandboxState } from './state';

/** Where the sandbox's API console lives (Zoho's is api-console.zoho.com, "Self Client" tab). */
export const CONSOLE_PATH = '/api-console/self-client';

/** The API console's choices for a self-client code's life (Zoho: 3, 5, 7 or 10 minutes). */
export const CODE_MINUTES = [3, 5, 7, 10] as const;

/** Scopes offered as boxes; any other goes in the free-text field, as in Zoho's console. */
const OFFERED_SCOPES = [
  'AaaServer.profile.Read',
  'ZohoCRM.users.READ',
  'ZohoCRM.org.READ',
  'ZohoCRM.modules.ALL',
  'ZohoCRM.settings.READ',
];

/** The one script: copies the code to the clipboard. Allowed by its hash, nothing else runs. */
const COPY_SCRIPT =
  "document.getElementById('copy').addEventListener('click',function(){var c=document.getElementById('code');c.select();navigator.clipboard.writeText(c.value).then(function(){document.getElementById('copied').textContent='Copied to the clipboard.';},function(){document.getElementById('copied').textContent='Select the code and copy it.';});});";
const COPY_HASH = createHash('sha256').update(COPY_SCRIPT).digest('base64');

const CONSOLE_CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${COPY_HASH}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

interface ConsoleForm {
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly otherScopes: string;
  readonly minutes: number;
  readonly description: string;
  readonly userZuid: string;
}

/**
 * GET: the Self Client tab of the API console: scopes, a duration of 3, 5, 7 or 10 minutes, a
 * description and (the sandbox's addition) the user the code acts for. POST "Create": a grant code
 * under the client's grant rule, shown to copy; it exchanges without redirect_uri, like the
 * console's codes (seed 002), and expires after the chosen minutes.
 */
export function handleConsolePage(ctx: RequestContext): Reply {
  const { state } = ctx;
  const selfClients = Object.values(state.clients).filter((c) => c.type === 'self');
  if (ctx.method === 'GET') {
    const wanted = ctx.url.searchParams.get('client_id');
    const first = selfClients.find((c) => c.clientId === wanted) ?? selfClients[0];
    const form: ConsoleForm = {
      clientId: first?.clientId ?? '',
      scopes: ['AaaServer.profile.Read'],
      otherScopes: '',
      minutes: 3,
      description: '',
      userZuid: state.users.find((u) => u.homeDc === first?.homeDc)?.zuid ?? '',
    };
    return page(formHtml(ctx.dc, state, selfClients, form), 'api console');
  }
  // The form body itself: repeated `scope` boxes must all count (requestParams keeps one per name).
  const params = ctx.form;
  const form: ConsoleForm = {
    clientId: params.get('client_id') ?? '',
    scopes: params.getAll('scope'),
    otherScopes: params.get('other_scopes') ?? '',
    minutes: Number(params.get('minutes')),
    description: (params.get('description') ?? '').slice(0, 200),
    userZuid: params.get('user_zuid') ?? '',
  };
  const again = (problem: string, status = 400): Reply =>
    page(formHtml(ctx.dc, state, selfClients, form, problem), `api console: ${problem}`, status);
  const client = selfClients.find((c) => c.clientId === form.clientId);
  if (client === undefined) return again('Choose one of the self clients.');
  const typed = [...form.scopes, form.otherScopes].filter((s) => s.trim() !== '').join(',');
  const scope = parseScopes(typed);
  if (scope === undefined)
    return again('Enter valid scopes: Service.scope.OPERATION, comma-separated (e.g. ZohoCRM.users.READ).');
  if (!(CODE_MINUTES as readonly number[]).includes(form.minutes))
    return again('Choose a duration of 3, 5, 7 or 10 minutes.');
  const user = state.user(form.userZuid);
  if (user === undefined) return again('Choose the sandbox user the code acts for.');
  const grant = issueGrant(state, {
    client,
    user,
    scope,
    redirectUri: undefined,
    offline: true,
    forceRefresh: true,
    challenge: undefined,
    ttlMs: form.minutes * 60_000,
  });
  if (grant === undefined)
    return page(
      formHtml(ctx.dc, state, selfClients, form, `Access Denied: ${ACCESS_DENIED_DESCRIPTION}`),
      'Access Denied',
      200,
      client.clientId,
    );
  const html = codeHtml(ctx.dc, state, client, grant.code, grant.expiresAt, form, scope);
  return page(html, 'self-client code (console)', 200, client.clientId);
}

function page(html: string, outcome: string, status = 200, clientId?: string): Reply {
  return htmlReply(html, outcome, CONSOLE_CSP, status, clientId);
}

function formHtml(
  dc: DataCenter,
  state: SandboxState,
  clients: readonly SandboxClient[],
  form: ConsoleForm,
  problem?: string,
): string {
  const clientOptions = clients
    .map(
      (c) =>
        `<option value="${e(c.clientId)}"${c.clientId === form.clientId ? ' selected' : ''}>${e(c.name)} (${e(c.clientId)})</option>`,
    )
    .join('');
  const boxes = OFFERED_SCOPES.map(
    (s) =>
      `<label class="choice"><input type="checkbox" name="scope" value="${e(s)}"${form.scopes.includes(s) ? ' checked' : ''}><code>${e(s)}</code></label>`,
  ).join('\n');
  const minutes = CODE_MINUTES.map(
    (m) =>
      `<option value="${String(m)}"${m === form.minutes ? ' selected' : ''}>${String(m)} minutes</option>`,
  ).join('');
  const users = state.users.map((u) => userChoice(u, state.dcs, u.zuid === form.userZuid)).join('\n');
  const content = `<h1>API console: Self Client</h1>
<p class="lead">Generate a grant code for a self client, as Zoho's API console does. Exchange it with <code>tokenbench exchange</code> or Tokenbench's "Paste a code" before it expires.</p>
${problem === undefined ? '' : `<p class="error" role="alert">${e(problem)}</p>`}
<form method="post" action="${CONSOLE_PATH}">
<label class="field" for="client_id">Client</label>
<select id="client_id" name="client_id" class="text-input">${clientOptions}</select>
<fieldset><legend>Scopes</legend>
${boxes}
</fieldset>
<label class="field" for="other_scopes">Other scopes</label>
<input id="other_scopes" name="other_scopes" class="text-input" value="${e(form.otherScopes)}" placeholder="ZohoCRM.modules.leads.READ,Desk.tickets.READ" autocomplete="off" spellcheck="false">
<label class="field" for="minutes">Time duration</label>
<select id="minutes" name="minutes" class="text-input">${minutes}</select>
<label class="field" for="description">Scope description</label>
<input id="description" name="description" class="text-input" value="${e(form.description)}" maxlength="200" placeholder="What the code is for" autocomplete="off">
<fieldset><legend>Generate for</legend>
${users}
</fieldset>
<div class="actions"><button type="submit" class="primary">Create</button></div>
</form>
${secretsHtml(clients)}`;
  return layout(`API console · ${dc.name}`, dc.name, content, true);
}

/**
 * The console's "Client Secret" tab: what `tokenbench client add --type self` needs (the secret on
 * standard input). Zoho's console shows it to its signed-in owner; this page is loopback-only.
 */
function secretsHtml(clients: readonly SandboxClient[]): string {
  const rows = clients
    .map(
      (c) =>
        `<tr><td>${e(c.name)}</td><td><code>${e(c.clientId)}</code></td><td><code>${e(c.clientSecret)}</code></td></tr>`,
    )
    .join('');
  return `<details class="meta"><summary>Client ID and secret</summary><table><tr><th>Client</th><th>Client ID</th><th>Client secret</th></tr>${rows}</table></details>`;
}

function codeHtml(
  dc: DataCenter,
  state: SandboxState,
  client: SandboxClient,
  code: string,
  expiresAt: number,
  form: ConsoleForm,
  scope: readonly string[],
): string {
  const until = new Date(expiresAt).toISOString().slice(11, 19);
  const home = state.dc(client.homeDc);
  const content = `<h1>Grant code created</h1>
<p class="lead">For <strong>${e(client.name)}</strong>, valid ${String(form.minutes)} minutes (until ${until} UTC), one use.</p>
<label class="field" for="code">Code</label>
<input id="code" class="text-input code-value" value="${e(code)}" readonly aria-describedby="copied">
<div class="actions"><button type="button" id="copy" class="primary">Copy</button></div>
<p id="copied" class="meta" role="status"></p>
<h2>Scopes</h2><ul class="scopes">${scope.map((s) => `<li><code>${e(s)}</code></li>`).join('')}</ul>
${form.description === '' ? '' : `<h2>Description</h2><p>${e(form.description)}</p>`}
<p class="meta">Exchange it at ${e(home?.accountsUrl ?? '')}/oauth/v2/token, without redirect_uri: <code>tokenbench exchange --client NAME</code> reads it on standard input. <a href="${CONSOLE_PATH}?client_id=${encodeURIComponent(client.clientId)}">Create another</a></p>
<script>${COPY_SCRIPT}</script>`;
  return layout(`Grant code · ${dc.name}`, dc.name, content, true);
}
