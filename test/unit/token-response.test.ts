import { describe, expect, it } from 'vitest';
import { classifyRevokeResponse, classifyWhoAmIResponse } from '../../shared/oauth/other-responses';
import { classifyTokenResponse } from '../../shared/oauth/token-response';

const answer = (body: unknown, status = 200) => ({
  status,
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('a token endpoint answer', () => {
  it('is a success only when it carries an access token', () => {
    const result = classifyTokenResponse(
      answer({
        access_token: 'AT',
        refresh_token: 'RT',
        api_domain: 'https://www.zohoapis.com',
        token_type: 'Bearer',
        expires_in: 3600,
      }),
    );
    expect(result).toEqual({
      ok: true,
      value: {
        accessToken: 'AT',
        refreshToken: 'RT',
        apiDomain: 'https://www.zohoapis.com',
        tokenType: 'Bearer',
        expiresInMs: 3_600_000,
        scope: null,
        idToken: null,
      },
    });
  });

  it('reads legacy expires_in in milliseconds through expires_in_sec', () => {
    const result = classifyTokenResponse(
      answer({ access_token: 'AT', expires_in: 3_600_000, expires_in_sec: 3600 }),
    );
    expect(result.ok && result.value.expiresInMs).toBe(3_600_000);
  });

  it.each([
    ['invalid_code', 'invalid_code'],
    ['invalid_client', 'invalid_client'],
    ['invalid_client_secret', 'invalid_client_secret'],
    ['invalid_redirect_uri', 'invalid_redirect_uri'],
    ['invalid_scope', 'invalid_scope'],
    ['invalid_response_type', 'invalid_response_type'],
    ['Access Denied', 'access_denied_limit'],
    ['something_new', 'unknown_zoho_error'],
  ])('turns HTTP 200 error %s into the coded failure %s', (wire, code) => {
    expect(classifyTokenResponse(answer({ error: wire }))).toMatchObject({
      ok: false,
      code,
      zohoError: wire,
    });
  });

  it("keeps Access Denied's error and error_description as Zoho sent them, and says what to do", () => {
    const description = 'You have made too many requests continuously. Please try again after some time.';
    const result = classifyTokenResponse(
      answer({ error_description: description, error: 'Access Denied', status: 'failure' }),
    );
    expect(result).toMatchObject({
      ok: false,
      code: 'access_denied_limit',
      zoho: { error: 'Access Denied', description, status: 200 },
    });
    // The explanation is Tokenbench's; Zoho's description stays in its own field, not in the prose.
    if (!result.ok) expect(result.message).toMatch(/^Token limit exceeded: Wait until the rolling window/);
    if (!result.ok) expect(result.message).not.toContain(description);
  });

  it('calls a non-JSON answer malformed, and a non-200 without JSON an HTTP error', () => {
    expect(classifyTokenResponse(answer('<html>'))).toMatchObject({ ok: false, code: 'malformed_response' });
    expect(classifyTokenResponse(answer('<html>', 502))).toMatchObject({ ok: false, code: 'http_error' });
    expect(classifyTokenResponse(answer({ status: 'success' }))).toMatchObject({
      ok: false,
      code: 'malformed_response',
    });
    expect(classifyTokenResponse(answer([1, 2]))).toMatchObject({ ok: false, code: 'malformed_response' });
  });
});

describe('a revoke answer', () => {
  it('succeeds only on status success', () => {
    expect(classifyRevokeResponse(answer({ status: 'success' }))).toEqual({ ok: true, value: null });
    expect(classifyRevokeResponse(answer({ status: 'failure', error: 'invalid_code' }))).toMatchObject({
      code: 'invalid_code',
    });
    expect(classifyRevokeResponse(answer('', 500))).toMatchObject({ code: 'http_error' });
  });
});

describe('a who-am-I answer', () => {
  it('reads the accounts user info and the CRM current user', () => {
    expect(classifyWhoAmIResponse(answer({ ZUID: 123, Email: 'a@b.test', Display_Name: 'Ada' }))).toEqual({
      ok: true,
      value: { zuid: '123', email: 'a@b.test', displayName: 'Ada' },
    });
    const crm = classifyWhoAmIResponse(
      answer({ users: [{ id: '9', email: 'e@b.test', full_name: 'Emil' }] }),
    );
    expect(crm).toEqual({ ok: true, value: { zuid: '9', email: 'e@b.test', displayName: 'Emil' } });
  });

  it('turns a 401 INVALID_TOKEN into the catalog entry that says to refresh', () => {
    const result = classifyWhoAmIResponse(
      answer({ code: 'INVALID_TOKEN', message: 'invalid oauth token', status: 'error' }, 401),
    );
    expect(result).toMatchObject({ ok: false, code: 'invalid_token', zohoError: 'INVALID_TOKEN' });
    if (!result.ok) expect(result.message).toMatch(/Refresh/);
  });
});
