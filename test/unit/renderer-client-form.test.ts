import { describe, expect, it } from 'vitest';
import {
  changedFields,
  fieldForCode,
  hasErrors,
  initialForm,
  redirectUriProblem,
  toSaveArgs,
  validateForm,
  type ClientForm,
} from '../../renderer/src/features/clients/client-form';
import type { ClientRecord } from '../../shared/workspace/model';

const record: ClientRecord = {
  id: 'cl_1',
  name: 'CRM sync',
  dcId: 'eu',
  zohoClientId: '1000.ABCDEF',
  type: 'server',
  redirectUri: 'http://127.0.0.1:53682/callback',
  multiDc: true,
  pkce: false,
  revokeEndpoint: 'basic',
  secretFingerprint: '…d0e1',
  createdAt: 1,
};

const valid: ClientForm = {
  ...initialForm(null, 'us'),
  name: 'CRM sync',
  zohoClientId: '1000.ABCDEF',
  clientSecret: 's3cret',
  redirectUri: 'http://127.0.0.1:53682/callback',
};

describe('the client form', () => {
  it('starts a new client in the DC in view, as a server client with the SDK revoke endpoint', () => {
    const form = initialForm(null, 'jp');
    expect(form).toMatchObject({ dcId: 'jp', type: 'server', revokeEndpoint: 'sdk', clientSecret: '' });
  });

  it('starts an edit from the record, never with the secret', () => {
    const form = initialForm(record, 'us');
    expect(form).toMatchObject({ name: 'CRM sync', dcId: 'eu', multiDc: true, revokeEndpoint: 'basic' });
    expect(form.clientSecret).toBe('');
  });

  it('accepts a complete form', () => {
    expect(validateForm(valid, false)).toEqual({});
  });

  it('names each empty field before submit', () => {
    const errors = validateForm(initialForm(null, ''), false);
    expect(Object.keys(errors).sort()).toEqual([
      'clientSecret',
      'dcId',
      'name',
      'redirectUri',
      'zohoClientId',
    ]);
    expect(hasErrors(errors)).toBe(true);
  });

  it('needs no secret when editing (empty keeps the stored one)', () => {
    expect(validateForm({ ...valid, clientSecret: '' }, true)).toEqual({});
  });

  it('needs no redirect URI for a self client', () => {
    expect(validateForm({ ...valid, type: 'self', redirectUri: '' }, false)).toEqual({});
  });

  it('rejects a client id with spaces, as the service does', () => {
    expect(validateForm({ ...valid, zohoClientId: '1000. ABC' }, false).zohoClientId).toMatch(/spaces/);
  });

  it.each([
    ['not a url', /not a URL/],
    [' http://127.0.0.1:1/cb', /spaces/],
    ['http://example.com/cb', /https/],
    ['', /redirect URI/],
  ])('explains what is wrong with the redirect URI %j', (uri, message) => {
    expect(redirectUriProblem(uri)).toMatch(message);
  });

  it.each(['https://example.com/cb/', 'http://localhost:8080/cb', 'http://127.0.0.1:53682/callback'])(
    'accepts %s',
    (uri) => {
      expect(redirectUriProblem(uri)).toBeNull();
    },
  );

  it('sends the secret only when typed, and no redirect URI for a self client', () => {
    expect(toSaveArgs({ ...valid, clientSecret: '' }, 'cl_1')).not.toHaveProperty('clientSecret');
    expect(toSaveArgs(valid, null)).not.toHaveProperty('id');
    expect(toSaveArgs({ ...valid, type: 'self' }, null).redirectUri).toBeNull();
    expect(toSaveArgs({ ...valid, name: '  padded  ' }, null).name).toBe('padded');
  });

  it("maps the service's codes onto fields, and anything else above the form", () => {
    expect(fieldForCode('duplicate_client_name')).toBe('name');
    expect(fieldForCode('invalid_redirect_uri')).toBe('redirectUri');
    expect(fieldForCode('redirect_uri_required')).toBe('redirectUri');
    expect(fieldForCode('invalid_client_dc')).toBe('dcId');
    expect(fieldForCode('invalid_client_id')).toBe('zohoClientId');
    expect(fieldForCode('client_secret_required')).toBe('clientSecret');
    expect(fieldForCode('keychain_unavailable')).toBeNull();
  });

  it('tells which fields an edit touched', () => {
    expect(changedFields(valid, { ...valid, name: 'x', pkce: true })).toEqual(['name']);
  });
});
