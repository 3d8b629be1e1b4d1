import { describe, expect, it } from 'vitest';
import { exchangeKind, exchangeOutcome, type ExchangeDetail } from '../../shared/traffic/exchange';
import { toHar } from '../../shared/traffic/har';

const TOKEN_URL = 'https://accounts.zoho.eu/oauth/v2/token';

describe('traffic: what an exchange was, read from the wire', () => {
  it('names the kind by URL and grant_type, and the sender for everything else', () => {
    const form = (grant: string) => `grant_type=${grant}&client_id=1000.X`;
    expect(exchangeKind('POST', TOKEN_URL, form('authorization_code'), 'accounts')).toBe('exchange');
    expect(exchangeKind('POST', TOKEN_URL, form('refresh_token'), 'accounts')).toBe('refresh');
    expect(exchangeKind('POST', TOKEN_URL, form('client_credentials'), 'accounts')).toBe(
      'client-credentials',
    );
    expect(exchangeKind('POST', `${TOKEN_URL}/revoke?token=x`, null, 'accounts')).toBe('revoke');
    expect(exchangeKind('POST', 'https://accounts.zoho.com/oauth/v3/device/code', '', 'accounts')).toBe(
      'device',
    );
    expect(exchangeKind('POST', 'https://accounts.zoho.com/oauth/v3/device/token', '', 'accounts')).toBe(
      'device',
    );
    expect(exchangeKind('GET', 'https://accounts.zoho.com/oauth/user/info', null, 'accounts')).toBe('check');
    expect(exchangeKind('GET', 'https://www.zohoapis.com/crm/v8/users', null, 'runner')).toBe('api');
    // A refresh sent by hand through the runner is still a refresh.
    expect(exchangeKind('POST', TOKEN_URL, form('refresh_token'), 'runner')).toBe('refresh');
    expect(exchangeKind('GET', 'not a url', null, 'runner')).toBe('api');
  });

  it("reads the outcome from Zoho's body before the status: its errors come with HTTP 200", () => {
    expect(exchangeOutcome(200, '{"access_token":"x"}')).toBe('ok');
    expect(exchangeOutcome(200, '{"error":"invalid_code"}')).toBe('error');
    expect(exchangeOutcome(200, '{"error":"Access Denied","error_description":"too many"}')).toBe(
      'access_denied',
    );
    expect(exchangeOutcome(401, '{"code":"INVALID_TOKEN","status":"error"}')).toBe('error');
    expect(exchangeOutcome(500, 'oops')).toBe('error');
    expect(exchangeOutcome(null, null)).toBe('network');
  });
});

const base: ExchangeDetail = {
  id: 7,
  at: Date.UTC(2026, 0, 5, 9, 0, 0),
  durationMs: 120,
  kind: 'refresh',
  outcome: 'ok',
  clientRef: 'cl_1',
  clientName: 'CRM',
  method: 'POST',
  url: `${TOKEN_URL}?x=1`,
  status: 200,
  zohoError: null,
  request: {
    headers: [['content-type', 'application/x-www-form-urlencoded']],
    body: 'grant_type=refresh_token',
  },
  response: {
    statusText: 'OK',
    headers: [['content-type', 'application/json']],
    body: '{"a":1}',
    cut: false,
  },
  network: null,
};

describe('traffic: HTTP Archive 1.2', () => {
  it('writes entries oldest first, with the request, the answer, and a failed one as status 0', () => {
    const failed: ExchangeDetail = {
      ...base,
      id: 6,
      at: base.at - 1000,
      outcome: 'network',
      status: null,
      response: null,
      network: { message: 'accounts.zoho.eu refused the connection', systemCode: 'ECONNREFUSED' },
    };
    const har = toHar([base, failed], '0.1.0');
    expect(har.log.version).toBe('1.2');
    const [first, second] = har.log.entries;
    expect(first?.response.status).toBe(0);
    expect(first?.comment).toContain('refused the connection');
    expect(second?.startedDateTime).toBe('2026-01-05T09:00:00.000Z');
    expect(second?.request.postData).toEqual({
      mimeType: 'application/x-www-form-urlencoded',
      text: 'grant_type=refresh_token',
    });
    expect(second?.request.queryString).toEqual([{ name: 'x', value: '1' }]);
    expect(second?.response.content).toEqual({ size: 7, mimeType: 'application/json', text: '{"a":1}' });
    expect(second?.timings).toEqual({ send: 0, wait: 120, receive: 0 });
  });
});
