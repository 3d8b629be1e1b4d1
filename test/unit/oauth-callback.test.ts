import { describe, expect, it } from 'vitest';
import { DcCatalog, validateCustomDc, ZOHO_DCS } from '../../shared/dc/catalog';
import type { PendingAuthorization } from '../../shared/oauth/authorize';
import { validateCallback } from '../../shared/oauth/callback';

const lab = validateCustomDc(
  { id: 'lab', name: 'Lab', accountsUrl: 'http://127.0.0.1:9000', apiDomain: 'http://127.0.0.1:9000' },
  ZOHO_DCS,
);
if (!lab.ok) throw new Error(lab.message);
const catalog = new DcCatalog([lab.value]);
const pending: PendingAuthorization = {
  url: 'https://accounts.zoho.com/oauth/v2/auth?x',
  state: 'S1',
  codeVerifier: null,
  redirectUri: 'http://127.0.0.1:53682/callback',
  dcId: 'us',
  clientId: '1000.ABC',
};
const callback = (query: string, base = pending.redirectUri) =>
  validateCallback(`${base}?${query}`, pending, catalog);

describe('a consent callback', () => {
  it('is accepted with the DC that location and accounts-server agree on', () => {
    const result = callback('code=C1&location=eu&accounts-server=https%3A%2F%2Faccounts.zoho.eu&state=S1');
    expect(result).toMatchObject({ ok: true, value: { code: 'C1', crossDc: true } });
    if (result.ok) expect(result.value.dc.id).toBe('eu');
  });

  it('falls back to the DC the consent started at when Zoho names none', () => {
    expect(callback('code=C1&state=S1')).toMatchObject({ ok: true, value: { code: 'C1', crossDc: false } });
  });

  it('accepts a user-defined DC named by its id and loopback accounts server', () => {
    const result = callback('code=C1&location=lab&accounts-server=http%3A%2F%2F127.0.0.1%3A9000&state=S1');
    expect(result.ok && result.value.dc.id).toBe('lab');
  });

  it('goes to the consent’s own DC when several DCs share the accounts server, else to the location’s', () => {
    const dev = validateCustomDc(
      {
        id: 'us-dev',
        name: 'US developer',
        accountsUrl: 'https://accounts.zoho.com',
        apiDomain: 'https://developer.zohoapis.com',
      },
      ZOHO_DCS,
    );
    if (!dev.ok) throw new Error(dev.message);
    const shared = new DcCatalog([dev.value]);
    const query = (location: string, server: string) =>
      `${pending.redirectUri}?code=C1&state=S1&location=${location}&accounts-server=${encodeURIComponent(server)}`;
    const at = (dcId: string, url: string) => validateCallback(url, { ...pending, dcId }, shared);
    const us = query('us', 'https://accounts.zoho.com');
    expect(at('us', us)).toMatchObject({ ok: true, value: { dc: { id: 'us' }, crossDc: false } });
    expect(at('us-dev', us)).toMatchObject({ ok: true, value: { dc: { id: 'us-dev' }, crossDc: false } });
    expect(at('eu', us)).toMatchObject({ ok: true, value: { dc: { id: 'us' }, crossDc: true } });
    expect(at('us-dev', query('eu', 'https://accounts.zoho.com'))).toMatchObject({
      ok: false,
      code: 'dc_mismatch',
    });
  });

  it('is refused when the state belongs to another attempt, or is missing', () => {
    expect(callback('code=C1&state=S2')).toMatchObject({ ok: false, code: 'state_mismatch' });
    expect(callback('code=C1')).toMatchObject({ ok: false, code: 'state_mismatch' });
  });

  it('is refused when it is for another redirect URI', () => {
    expect(callback('code=C1&state=S1', 'http://127.0.0.1:53682/other')).toMatchObject({
      code: 'callback_wrong_target',
    });
    expect(callback('code=C1&state=S1', 'http://127.0.0.1:53683/callback')).toMatchObject({
      code: 'callback_wrong_target',
    });
  });

  it('reports a denial with Zoho error and description', () => {
    const result = callback('error=access_denied&error_description=User%20said%20no&state=S1');
    expect(result).toMatchObject({
      ok: false,
      code: 'consent_error',
      zohoError: 'access_denied',
      zoho: { error: 'access_denied', description: 'User said no', status: null },
    });
    if (!result.ok) expect(result.message).toMatch(/^Consent denied: Start the consent again/);
  });

  it('refuses an unknown accounts server, so the code and secret never go there (mix-up defence)', () => {
    const result = callback('code=C1&location=us&accounts-server=https%3A%2F%2Faccounts.evil.test&state=S1');
    expect(result).toMatchObject({ ok: false, code: 'unknown_dc' });
    expect(
      callback('code=C1&location=mars&accounts-server=https%3A%2F%2Faccounts.zoho.com&state=S1'),
    ).toMatchObject({
      code: 'unknown_dc',
    });
  });

  it('refuses a location that disagrees with the accounts server', () => {
    const result = callback('code=C1&location=us&accounts-server=https%3A%2F%2Faccounts.zoho.eu&state=S1');
    expect(result).toMatchObject({ ok: false, code: 'dc_mismatch' });
  });

  it('refuses a redirect without a code, and text that is no URL', () => {
    expect(callback('state=S1')).toMatchObject({ ok: false, code: 'missing_code' });
    expect(validateCallback('hello', pending, catalog)).toMatchObject({
      ok: false,
      code: 'callback_malformed',
    });
  });
});
