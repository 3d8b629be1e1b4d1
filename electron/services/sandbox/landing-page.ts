import type { DataCenter } from '../../../shared/dc/catalog';
import { escapeHtml as e } from './http';
import { CONSOLE_PATH } from './console-page';
import { layout } from './html-layout';
import { displayName } from './seed';
import type { SandboxState } from './state';

/** GET / : what this server is, for someone who opens its URL in a browser. No secrets. */
export function landingPage(dc: DataCenter, state: SandboxState): string {
  const dcs = state.dcs.map(
    (d) =>
      `<tr><td>${e(d.name)}</td><td><code>${e(d.id)}</code></td><td><code>${e(d.accountsUrl)}</code></td></tr>`,
  );
  const clients = Object.values(state.clients).map(
    (c) =>
      `<tr><td>${e(c.name)}${c.multiDc ? ' (multi-DC)' : ''}</td><td><code>${e(c.clientId)}</code></td><td>${c.redirectUri ? `<code>${e(c.redirectUri)}</code>` : c.type === 'device' ? 'non-browser (device flow)' : `self client · <a href="${CONSOLE_PATH}?client_id=${encodeURIComponent(c.clientId)}">Generate code</a>`}</td></tr>`,
  );
  const users = state.users.map(
    (u) => `<tr><td>${e(displayName(u))}</td><td>${e(u.email)}</td><td><code>${e(u.homeDc)}</code></td></tr>`,
  );
  const content = `<h1>Tokenbench sandbox data center</h1>
<p class="lead">A Zoho-compatible accounts and API server for rehearsing OAuth flows, token limits included, without a Zoho account.</p>
<h2>Data centers</h2><table>${dcs.join('')}</table>
<h2>Clients</h2><table>${clients.join('')}</table>
<h2>Users</h2><table>${users.join('')}</table>
<p class="meta">Endpoints: <code>/oauth/v2/auth</code>, <code>/oauth/v2/token</code>, <code>/oauth/v2/token/revoke</code>, <code>/oauth/v2/revoke/token</code>, <code>/oauth/user/info</code>, <code>/crm/v8/users</code>, <code>/oauth/serverinfo</code>, <code>/oauth/v3/device/code</code>, <code>/oauth/v3/device/token</code>, <code>/oauth/v3/device</code> (enter a device's code), <code>${CONSOLE_PATH}</code> (the API console's self-client codes); control API under <code>/sandbox/</code>.</p>`;
  return layout(`Tokenbench sandbox · ${dc.name}`, dc.name, content, true);
}
