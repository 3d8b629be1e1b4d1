import { describe, expect, it } from 'vitest';
import { ZOHO_DCS, type DataCenter } from '../../shared/dc/catalog';
import {
  buildClientCredentialsRequest,
  buildCodeExchangeRequest,
  buildCrmCurrentUserRequest,
  buildRefreshRequest,
  buildRevokeRequest,
  buildUserInfoRequest,
  parseSoid,
} from '../../shared/oauth/requests';

const eu = ZOHO_DCS[1] as DataCenter;
const client = { clientId: '1000.ABC', clientSecret: 's3cr:et&' };
const form = (body: string | undefined) => Object.fromEntries(new URLSearchParams(body ?? ''));

describe('token endpoint requests', () => {
  it('exchange a code with every parameter in the form body and none in the URL', () => {
    const request = buildCodeExchangeRequest(
      eu,
      client,
      'CODE',
      'http://127.0.0.1:53682/callback',
      'VERIFIER',
    );
    expect(request.url).toBe('https://accounts.zoho.eu/oauth/v2/token');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(form(request.body)).toEqual({
      grant_type: 'authorization_code',
      client_id: '1000.ABC',
      client_secret: 's3cr:et&',
      code: 'CODE',
      redirect_uri: 'http://127.0.0.1:53682/callback',
      code_verifier: 'VERIFIER',
    });
  });

  it('exchange a self-client code without redirect URI or verifier', () => {
    const body = form(buildCodeExchangeRequest(eu, client, 'CODE', null, null).body);
    expect(body).not.toHaveProperty('redirect_uri');
    expect(body).not.toHaveProperty('code_verifier');
  });

  it('refresh with the refresh token in the body', () => {
    const request = buildRefreshRequest(eu, client, 'RT');
    expect(request.url).toBe('https://accounts.zoho.eu/oauth/v2/token');
    expect(form(request.body)).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'RT' });
  });

  it('revoke the SDK way with the token in the body, or the newer way with Basic client auth', () => {
    const sdk = buildRevokeRequest(eu, client, 'RT', 'sdk');
    expect(sdk.url).toBe('https://accounts.zoho.eu/oauth/v2/token/revoke');
    expect(form(sdk.body)).toEqual({ token: 'RT' });
    const basic = buildRevokeRequest(eu, client, 'RT', 'basic');
    expect(basic.url).toBe('https://accounts.zoho.eu/oauth/v2/revoke/token');
    expect(form(basic.body)).toEqual({ token: 'RT', token_type: 'refresh_token' });
    const decoded = Buffer.from(
      (basic.headers.authorization ?? '').replace('Basic ', ''),
      'base64',
    ).toString();
    expect(decoded.split(':').map(decodeURIComponent)).toEqual(['1000.ABC', 's3cr:et&']);
  });

  it('ask who am I with the Zoho-oauthtoken header on the accounts server and the API domain', () => {
    const info = buildUserInfoRequest(eu, 'AT');
    expect(info.url).toBe('https://accounts.zoho.eu/oauth/user/info');
    expect(info.headers.authorization).toBe('Zoho-oauthtoken AT');
    const crm = buildCrmCurrentUserRequest('https://www.zohoapis.eu', 'AT');
    expect(crm.url).toBe('https://www.zohoapis.eu/crm/v8/users?type=CurrentUser');
  });
});

describe('client credentials (Zoho, "Self Client - Client credentials flow")', () => {
  it('sends the grant, the scopes comma-separated and soid in the body, none in the URL', () => {
    const request = buildClientCredentialsRequest(
      eu,
      client,
      ['ZohoCRM.users.READ', 'ZohoCRM.org.READ'],
      'ZohoCRM.600123434',
    );
    expect(request.url).toBe('https://accounts.zoho.eu/oauth/v2/token');
    expect(form(request.body)).toEqual({
      grant_type: 'client_credentials',
      client_id: '1000.ABC',
      client_secret: 's3cr:et&',
      scope: 'ZohoCRM.users.READ,ZohoCRM.org.READ',
      soid: 'ZohoCRM.600123434',
    });
    expect(
      form(buildClientCredentialsRequest(eu, client, ['Desk.tickets.READ'], null).body).soid,
    ).toBeUndefined();
  });

  it('reads soid as {service}.{zsoid} and nothing else', () => {
    expect(parseSoid(' ZohoCRM.600123434 ')).toBe('ZohoCRM.600123434');
    for (const bad of ['', 'ZohoCRM', '600123434', 'ZohoCRM.', 'ZohoCRM.60a', 'Zoho CRM.6', 'ZohoCRM.6.7'])
      expect(parseSoid(bad), bad).toBeNull();
  });
});
