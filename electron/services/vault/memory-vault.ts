import { fail, ok } from '../../../shared/result';
import type { SecretAccount } from './account';
import { checkValue, type SecretVault, type VaultResult } from './secret-vault';

export interface MemoryVault extends SecretVault {
  readonly kind: 'memory';
  /** Makes every call answer keychain_unavailable, so callers can test that path without a keychain. */
  simulateUnavailable(unavailable: boolean): void;
  /** How many entries are held, for tests that check nothing was left behind. */
  readonly size: number;
}

export const MEMORY_VAULT_LABEL =
  'In-memory vault, for tests only: secrets are not saved and vanish when Tokenbench quits.';

/**
 * A vault for unit tests only (architecture.md, "Secrets"). It keeps values in a Map, says so in its
 * label, and is never chosen as a fallback when the keychain fails.
 */
export function createMemoryVault(): MemoryVault {
  const entries = new Map<string, string>();
  let unavailable = false;
  const answer = <T>(result: () => VaultResult<T>): Promise<VaultResult<T>> =>
    Promise.resolve(
      unavailable
        ? fail('keychain_unavailable', 'The in-memory test vault is simulating an unavailable keychain.')
        : result(),
    );
  return {
    kind: 'memory',
    label: MEMORY_VAULT_LABEL,
    get: (account: SecretAccount) => answer(() => ok(entries.get(account) ?? null)),
    set: (account: SecretAccount, value: string) =>
      answer(() => {
        const invalid = checkValue(value);
        if (invalid) return invalid;
        entries.set(account, value);
        return ok(undefined);
      }),
    delete: (account: SecretAccount) => answer(() => ok(entries.delete(account))),
    probe: () => answer(() => ok(undefined)),
    simulateUnavailable: (on: boolean) => {
      unavailable = on;
    },
    get size() {
      return entries.size;
    },
  };
}
