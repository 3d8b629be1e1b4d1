import { describe, expect, it } from 'vitest';
import { ZOHO_DCS, type DataCenter } from '../../shared/dc/catalog';
import {
  buildDeviceCodeRequest,
  buildDevicePollRequest,
  classifyDeviceCodeResponse,
  classifyDevicePollResponse,
} from '../../shared/oauth/device';

const eu = ZOHO_DCS[1] as DataCenter;
const form = (body: string | undefined) => Object.fromEntries(new URLSearchParams(body ?? ''));
const answer = (body: unknown, status = 200) => ({ status, body: JSON.stringify(body) });
const initiation = {
  user_code: 'BCDF-GHJK',
  device_code: '1004.aa.bb',
  verification_url: 'https://accounts.zoho.eu/oauth/v3/device',
};

describe('device flow requests', () => {
  it('initiation: the parameters Zoho lists, in the body', () => {
    const request = buildDeviceCodeRequest({
      dc: eu,
      clientId: '1004.ABC',
      scopes: ['AaaServer.profile.Read', 'ZohoCRM.users.READ'],
      accessType: 'offline',
      promptConsent: true,
    });
    expect(request.url).toBe('https://accounts.zoho.eu/oauth/v3/device/code');
    expect(form(request.body)).toEqual({
      client_id: '1004.ABC',
      grant_type: 'device_request',
      scope: 'AaaServer.profile.Read,ZohoCRM.users.READ',
      access_type: 'offline',
      prompt: 'consent',
    });
  });

  it('polling: the secret and device code in the body, never the URL', () => {
    const request = buildDevicePollRequest(eu, { clientId: '1004.ABC', clientSecret: 'sec' }, '1004.x.y');
    expect(request.url).toBe('https://accounts.zoho.eu/oauth/v3/device/token');
    expect(form(request.body)).toEqual({
      client_id: '1004.ABC',
      client_secret: 'sec',
      grant_type: 'device_token',
      code: '1004.x.y',
    });
  });
});

describe('classifyDeviceCodeResponse', () => {
  it('reads seconds, and milliseconds as an older Zoho page gives them', () => {
    const seconds = classifyDeviceCodeResponse(answer({ ...initiation, expires_in: 300, interval: 30 }));
    expect(seconds).toMatchObject({ ok: true, value: { expiresInMs: 300_000, intervalMs: 30_000 } });
    const ms = classifyDeviceCodeResponse(answer({ ...initiation, expires_in: 300_000, interval: 30_000 }));
    expect(ms).toMatchObject({ ok: true, value: { expiresInMs: 300_000, intervalMs: 30_000 } });
    const none = classifyDeviceCodeResponse(answer(initiation));
    expect(none).toMatchObject({ ok: true, value: { expiresInMs: 300_000, intervalMs: 30_000 } });
  });

  it("keeps Zoho's error word and refuses a verification URL that is not http(s)", () => {
    const denied = classifyDeviceCodeResponse(answer({ error: 'Access Denied', status: 'failure' }));
    expect(denied).toMatchObject({ ok: false, code: 'access_denied_limit', zohoError: 'Access Denied' });
    const js = classifyDeviceCodeResponse(answer({ ...initiation, verification_url: 'javascript:alert(1)' }));
    expect(js).toMatchObject({ ok: false, code: 'malformed_response' });
    expect(classifyDeviceCodeResponse({ status: 502, body: '<html>' })).toMatchObject({ code: 'http_error' });
  });
});

describe('classifyDevicePollResponse', () => {
  it('keeps polling on authorization_pending, slow_down and other_dc (with the user location)', () => {
    expect(classifyDevicePollResponse(answer({ error: 'authorization_pending' }))).toEqual({
      ok: true,
      value: { kind: 'authorization_pending' },
    });
    expect(classifyDevicePollResponse(answer({ error: 'slow_down' }))).toMatchObject({
      value: { kind: 'slow_down' },
    });
    expect(classifyDevicePollResponse(answer({ error: 'other_dc', user_location: 'eu' }))).toEqual({
      ok: true,
      value: { kind: 'other_dc', userLocation: 'eu' },
    });
    expect(classifyDevicePollResponse(answer({ error: 'other_dc' }))).toMatchObject({
      ok: false,
      code: 'malformed_response',
    });
  });

  it('ends on access_denied and expired, and answers the tokens', () => {
    expect(classifyDevicePollResponse(answer({ error: 'access_denied' }))).toMatchObject({
      ok: false,
      code: 'access_denied',
    });
    expect(classifyDevicePollResponse(answer({ error: 'expired' }))).toMatchObject({
      ok: false,
      code: 'device_code_expired',
      zohoError: 'expired',
    });
    const tokens = classifyDevicePollResponse(answer({ access_token: '1000.a.b', expires_in: 3600 }));
    expect(tokens).toMatchObject({
      ok: true,
      value: { kind: 'tokens', tokens: { accessToken: '1000.a.b' } },
    });
  });
});
