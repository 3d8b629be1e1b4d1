import { describe, expect, it } from 'vitest';
import {
  changedKeys,
  displayValue,
  expiryMs,
  importSummary,
  newKeyProblem,
  parseEdited,
  variableRows,
} from '../../renderer/src/features/environments/env-variables';
import { ZOHO_VARIABLES, type EnvVariable } from '../../shared/workspace/model';

const plain = (key: string, value: EnvVariable['value']): EnvVariable => ({
  key,
  value,
  secret: false,
  type: 'default',
  enabled: true,
  fingerprint: null,
});
const secret = (key: string, fingerprint: string | null): EnvVariable => ({
  key,
  value: null,
  secret: true,
  type: 'secret',
  enabled: true,
  fingerprint,
});

describe('the variable table model', () => {
  it("lists Zoho's eight first, in the collections' order, then the user's in file order", () => {
    const rows = variableRows([
      plain('org-id', '42'),
      plain('api-domain', 'https://www.zohoapis.eu'),
      secret('access-token', '…a1b2'),
      plain('zz', 1),
    ]);
    expect(rows.map((r) => r.key)).toEqual([...ZOHO_VARIABLES, 'org-id', 'zz']);
    expect(rows.filter((r) => r.zoho)).toHaveLength(8);
  });

  it('keeps an empty slot for a Zoho variable the environment lacks, secret where Zoho keeps secrets', () => {
    const rows = variableRows([]);
    const byKey = new Map(rows.map((r) => [r.key, r]));
    expect(byKey.get('client-id')).toMatchObject({ variable: null, secret: false });
    expect(byKey.get('refresh-token')).toMatchObject({ variable: null, secret: true });
  });

  it('shows non-string values as JSON', () => {
    expect(displayValue('x')).toBe('x');
    expect(displayValue(1700000000000)).toBe('1700000000000');
    expect(displayValue({ a: [true] })).toBe('{"a":[true]}');
    expect(displayValue(null)).toBe('null');
  });

  it('keeps an edited value of the kind it was', () => {
    expect(parseEdited(1, ' 1700000000000 ')).toBe(1700000000000);
    expect(parseEdited(1, 'soon')).toBe('soon');
    expect(parseEdited(true, 'false')).toBe(false);
    expect(parseEdited({ a: 1 }, '{"a":2}')).toEqual({ a: 2 });
    expect(parseEdited({ a: 1 }, 'broken')).toBe('broken');
    expect(parseEdited('42', '43')).toBe('43');
    expect(parseEdited(undefined, '43')).toBe('43');
  });

  it('reads expiry-time as epoch milliseconds only', () => {
    expect(expiryMs(1700003600000)).toBe(1700003600000);
    expect(expiryMs('1700003600000')).toBe(1700003600000);
    expect(expiryMs(3600)).toBeNull();
    expect(expiryMs('soon')).toBeNull();
    expect(expiryMs(undefined)).toBeNull();
  });

  it('checks a new key', () => {
    expect(newKeyProblem('  ', [])).toBe('empty');
    expect(newKeyProblem('org-id', ['org-id'])).toBe('exists');
    expect(newKeyProblem('x'.repeat(201), [])).toBe('too-long');
    expect(newKeyProblem(' org-id ', [])).toBeNull();
  });

  it('finds the rows a refresh changed: new fingerprints, new values, new keys', () => {
    const before = [
      secret('access-token', '…a1b2'),
      plain('api-domain', 'https://www.zohoapis.com'),
      plain('k', 1),
    ];
    const after = [
      secret('access-token', '…c3d4'),
      plain('api-domain', 'https://www.zohoapis.com'),
      plain('k', 1),
      plain('expiry-time', 1),
    ];
    expect(changedKeys(before, after)).toEqual(['access-token', 'expiry-time']);
    expect(changedKeys(after, after)).toEqual([]);
  });

  it('sums an import up for the toast', () => {
    expect(importSummary([plain('a', 1), secret('b', '…1234'), secret('c', null)])).toBe(
      'Imported 3 variables; 1 secret moved to the keychain',
    );
    expect(importSummary([plain('a', 1)])).toBe('Imported 1 variable; 0 secrets moved to the keychain');
  });
});
