import { fail, type Failure, type Result } from '../../../shared/result';
import type { SecretAccount } from './account';

/**
 * `keychain_unavailable`: no Secret Service / D-Bus, a locked keychain, a missing native library, or
 * a call that did not answer in time. `invalid_secret`: an empty value, which no keychain stores.
 */
export type VaultErrorCode = 'keychain_unavailable' | 'invalid_secret';
export type VaultFailure = Failure<VaultErrorCode>;
export type VaultResult<T> = Result<T, VaultErrorCode>;

/**
 * Where secrets live, behind one small interface (modelled on VS Code's secrets.ts). It says what
 * it really is, so the UI can show it: there is no silent plaintext fallback (architecture.md,
 * "Secrets"), and the in-memory kind exists only for tests. Expected failures come back as data;
 * nothing here throws, and no result or message ever holds a secret value.
 */
export interface SecretVault {
  readonly kind: 'keychain' | 'memory';
  /** Plain words for the UI about this storage. */
  readonly label: string;
  /** The stored value, or null when there is none. */
  get(account: SecretAccount): Promise<VaultResult<string | null>>;
  /** Stores or overwrites. */
  set(account: SecretAccount, value: string): Promise<VaultResult<void>>;
  /** True when an entry was removed, false when there was none. */
  delete(account: SecretAccount): Promise<VaultResult<boolean>>;
  /** A set/get/delete round trip on a throwaway entry: does the keychain work right now? */
  probe(): Promise<VaultResult<void>>;
}

/** Keychains refuse empty passwords (keytar throws), so both vaults refuse them the same way. */
export function checkValue(value: string): VaultFailure | null {
  if (typeof value === 'string' && value.length > 0) return null;
  return fail('invalid_secret', 'An empty value cannot be stored; delete the secret instead.');
}
