// Recorded exchanges for the traffic console, written straight into the store as the recorder would
// (redacted already): mostly refreshes, some checks, runner calls and revokes, a few refusals and
// Access Denied, one every few seconds back from now, spread over the seeded clients.
import type { WorkspaceStore } from '../../electron/services/store';
import type { ExchangeKind, ExchangeOutcome } from '../../shared/traffic/exchange';
import type { ClientRecord } from '../../shared/workspace/model';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json;charset=UTF-8';

function exchangeAt(i: number, client: ClientRecord | undefined, at: number) {
  const kinds: ExchangeKind[] = ['refresh', 'refresh', 'refresh', 'check', 'api', 'exchange', 'revoke'];
  const kind = kinds[i % kinds.length] ?? 'refresh';
  const outcome: ExchangeOutcome = i % 97 === 0 ? 'access_denied' : i % 31 === 0 ? 'error' : 'ok';
  const token = `[redacted …${(i % 9973).toString(16).padStart(4, '0')}]`;
  const api = kind === 'check' || kind === 'api';
  const body =
    outcome === 'access_denied'
      ? '{"error":"Access Denied","error_description":"You have made too many requests continuously. Please try again after some time."}'
      : outcome === 'error'
        ? '{"error":"invalid_code"}'
        : api
          ? `{"users":[{"id":"${String(i)}","email":"user${String(i % 50)}@example.com"}]}`
          : `{"access_token":"${token}","scope":"ZohoCRM.modules.ALL","api_domain":"https://www.zohoapis.com","token_type":"Bearer","expires_in":3600}`;
  return {
    at,
    durationMs: 80 + (i % 400),
    kind,
    outcome,
    clientRef: client?.id ?? null,
    method: api ? 'GET' : 'POST',
    url: api
      ? 'https://www.zohoapis.com/crm/v8/users?type=CurrentUser'
      : 'https://accounts.zoho.com/oauth/v2/token',
    status: 200,
    zohoError: outcome === 'ok' ? null : outcome === 'error' ? 'invalid_code' : 'Access Denied',
    request: {
      headers: api
        ? [['authorization', `Zoho-oauthtoken ${token}`] as const]
        : [['content-type', FORM] as const, ['accept', 'application/json'] as const],
      body: api
        ? null
        : `grant_type=refresh_token&client_id=${client?.zohoClientId ?? '1000.X'}&client_secret=${token}&refresh_token=${token}`,
    },
    response: {
      statusText: 'OK',
      headers: [['content-type', JSON_TYPE] as const, ['cache-control', 'no-store'] as const],
      body,
      cut: false,
    },
    network: null,
  };
}

export function seedTraffic(store: WorkspaceStore, clients: readonly ClientRecord[], count: number): void {
  const start = Date.now() - count * 5_000;
  store.transaction(() => {
    for (let i = 0; i < count; i += 1)
      store.exchanges.append(exchangeAt(i, clients[i % clients.length], start + i * 5_000));
  });
}
