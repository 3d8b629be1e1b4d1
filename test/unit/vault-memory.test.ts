import { describe, expect, it } from 'vitest';
import {
  parseSecretAccount,
  probeAccount,
  secretAccount,
  type SecretRef,
} from '../../electron/services/vault/account';
import { createMemoryVault, MEMORY_VAULT_LABEL } from '../../electron/services/vault/memory-vault';

describe('secretAccount', () => {
  const cases: readonly [SecretRef, string][] = [
    [{ kind: 'client-secret', clientRef: 'cl_x' }, 'client-secret:cl_x'],
    [{ kind: 'refresh-token', tokenId: 'rt_1' }, 'refresh-token:rt_1'],
    [{ kind: 'access-token', tokenId: 'at_1' }, 'access-token:at_1'],
    [
      { kind: 'env-variable', environmentId: 'env_1', key: 'client-secret' },
      'env-variable:env_1:client-secret',
    ],
  ];

  it.each(cases)('names %o as %s, and parses it back', (ref, name) => {
    expect(secretAccount(ref)).toBe(name);
    expect(parseSecretAccount(name)).toEqual(ref);
  });

  it('keeps a key holding ":" and unicode intact', () => {
    const ref: SecretRef = { kind: 'env-variable', environmentId: 'env_1', key: 'a:b:ключ' };
    expect(secretAccount(ref)).toBe('env-variable:env_1:a:b:ключ');
    expect(parseSecretAccount(secretAccount(ref))).toEqual(ref);
  });

  it('gives different kinds with the same id different names', () => {
    const refresh = secretAccount({ kind: 'refresh-token', tokenId: 't1' });
    const access = secretAccount({ kind: 'access-token', tokenId: 't1' });
    expect(refresh).not.toBe(access);
  });

  it('refuses ids that would make names collide or be ambiguous', () => {
    expect(() => secretAccount({ kind: 'client-secret', clientRef: '' })).toThrow(TypeError);
    expect(() => secretAccount({ kind: 'refresh-token', tokenId: 'a:b' })).toThrow(TypeError);
    expect(() => secretAccount({ kind: 'access-token', tokenId: 'a b' })).toThrow(TypeError);
    expect(() => secretAccount({ kind: 'env-variable', environmentId: 'e:1', key: 'k' })).toThrow(TypeError);
    expect(() => secretAccount({ kind: 'env-variable', environmentId: 'e1', key: '' })).toThrow(TypeError);
  });

  it('parses nothing it did not make', () => {
    for (const name of [
      '',
      'cl_x',
      'password:cl_x',
      'client-secret:',
      'env-variable:env_1',
      'env-variable::k',
    ]) {
      expect(parseSecretAccount(name)).toBeNull();
    }
    expect(parseSecretAccount(probeAccount('123-abc'))).toBeNull();
  });
});

describe('memory vault', () => {
  const account = secretAccount({ kind: 'refresh-token', tokenId: 'rt_1' });

  it('says it is for tests only', () => {
    const vault = createMemoryVault();
    expect(vault.kind).toBe('memory');
    expect(vault.label).toBe(MEMORY_VAULT_LABEL);
    expect(vault.label).toMatch(/tests only/);
  });

  it('round-trips, overwrites and deletes', async () => {
    const vault = createMemoryVault();
    expect(await vault.get(account)).toEqual({ ok: true, value: null });
    expect(await vault.set(account, '1000.first')).toEqual({ ok: true, value: undefined });
    expect(await vault.get(account)).toEqual({ ok: true, value: '1000.first' });
    await vault.set(account, '1000.second');
    expect(await vault.get(account)).toEqual({ ok: true, value: '1000.second' });
    expect(await vault.delete(account)).toEqual({ ok: true, value: true });
    expect(await vault.delete(account)).toEqual({ ok: true, value: false });
    expect(await vault.get(account)).toEqual({ ok: true, value: null });
    expect(vault.size).toBe(0);
  });

  it('keeps accounts apart', async () => {
    const vault = createMemoryVault();
    const other = secretAccount({ kind: 'access-token', tokenId: 'rt_1' });
    await vault.set(account, 'refresh');
    await vault.set(other, 'access');
    expect(await vault.get(account)).toMatchObject({ value: 'refresh' });
    expect(await vault.get(other)).toMatchObject({ value: 'access' });
  });

  it('refuses an empty value the way the keychain adapter does', async () => {
    const vault = createMemoryVault();
    expect(await vault.set(account, '')).toMatchObject({ ok: false, code: 'invalid_secret' });
    expect(vault.size).toBe(0);
  });

  it('can simulate an unavailable keychain for callers under test', async () => {
    const vault = createMemoryVault();
    await vault.set(account, 'kept');
    vault.simulateUnavailable(true);
    for (const result of [await vault.get(account), await vault.set(account, 'x'), await vault.probe()]) {
      expect(result).toMatchObject({ ok: false, code: 'keychain_unavailable' });
    }
    vault.simulateUnavailable(false);
    expect(await vault.get(account)).toEqual({ ok: true, value: 'kept' });
    expect(await vault.probe()).toEqual({ ok: true, value: undefined });
  });
});
