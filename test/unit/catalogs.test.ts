import { describe, expect, it } from 'vitest';
import { ZOHO_ERRORS, zohoErrorFromWire } from '../../shared/words/zoho-errors';
import {
  grantsProfile,
  isWellFormedScope,
  parseScopeList,
  PRODUCTS,
  SCOPE_CATALOG,
  searchScopes,
} from '../../shared/scopes/catalog';

describe('the error catalog', () => {
  it('explains every error of zoho-oauth.md with a cause and a fix', () => {
    const wires = [
      'invalid_code',
      'invalid_client',
      'invalid_client_secret',
      'invalid_redirect_uri',
      'invalid_scope',
      'invalid_response_type',
      'Access Denied',
      'invalid_oauth_token',
      'INVALID_TOKEN',
    ];
    for (const wire of wires) {
      const info = zohoErrorFromWire(wire);
      expect(info.code, wire).not.toBe('unknown_zoho_error');
      expect(info.cause.length, wire).toBeGreaterThan(20);
      expect(info.fix.length, wire).toBeGreaterThan(20);
    }
  });

  it('matches wire spellings case-insensitively and keys every entry by its own code', () => {
    expect(zohoErrorFromWire('access denied').code).toBe('access_denied_limit');
    for (const [key, info] of Object.entries(ZOHO_ERRORS)) expect(info.code).toBe(key);
  });
});

describe('the scope catalog', () => {
  it('holds only well-formed, distinct scopes of every product it names, more than CRM', () => {
    for (const s of SCOPE_CATALOG) expect(isWellFormedScope(s.scope), s.scope).toBe(true);
    expect(new Set(SCOPE_CATALOG.map((s) => s.product))).toEqual(new Set(PRODUCTS));
    const names = SCOPE_CATALOG.map((s) => s.scope.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });

  it('finds scopes by product and by purpose, the named ones first', () => {
    const invoice = searchScopes('invoice');
    expect(invoice.length).toBeGreaterThan(0);
    expect(invoice.every((s) => s.product === 'Books')).toBe(true);
    expect(invoice.map((s) => s.scope)).toContain('ZohoBooks.invoices.CREATE');
    expect(searchScopes('helpdesk tickets').every((s) => s.product === 'Desk')).toBe(true);
    expect(searchScopes('send email').map((s) => s.scope)).toEqual(['ZohoMail.messages.CREATE']);
    expect(new Set(searchScopes('human resources').map((s) => s.product))).toEqual(new Set(['People']));
    expect(searchScopes('workdrive').every((s) => s.product === 'WorkDrive')).toBe(true);
  });

  it('searches names and descriptions by every word typed', () => {
    expect(searchScopes('coql').map((s) => s.scope)).toEqual(['ZohoCRM.coql.READ']);
    expect(searchScopes('crm users').map((s) => s.scope)).toEqual([
      'ZohoCRM.users.ALL',
      'ZohoCRM.users.READ',
    ]);
  });

  it('knows when the scopes allow asking who the user is, whatever the case', () => {
    expect(grantsProfile(['ZohoCRM.modules.ALL', 'aaaserver.PROFILE.read'])).toBe(true);
    expect(grantsProfile(['ZohoCRM.users.READ'])).toBe(false);
  });

  it('splits free text on commas, spaces and new lines, dropping repeats', () => {
    expect(parseScopeList('ZohoCRM.modules.ALL, AaaServer.profile.Read\nZohoCRM.modules.ALL')).toEqual([
      'ZohoCRM.modules.ALL',
      'AaaServer.profile.Read',
    ]);
    expect(isWellFormedScope('ZohoCRM')).toBe(false);
  });
});
