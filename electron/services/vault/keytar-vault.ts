import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { fail, ok } from '../../../shared/result';
import { probeAccount, type SecretAccount } from './account';
import { errorDetail, unavailableMessage, type UnavailableReason } from './messages';
import { checkValue, type SecretVault, type VaultFailure, type VaultResult } from './secret-vault';
import { KeyedSequencer, TIMED_OUT, withTimeout } from './sequencer';

/** The part of keytar the vault uses (Keychain on macOS, Credential Vault on Windows, Secret Service on Linux). */
export interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeytarVaultOptions {
  /** The keychain service name; tests pass their own so they never touch real entries. */
  readonly service?: string;
  /** Per call, measured from the call (queue wait included). */
  readonly timeoutMs?: number;
  /** Chooses the advice in messages; defaults to the running platform. */
  readonly platform?: NodeJS.Platform;
  /** Loads keytar; tests pass a stand-in. Called on first use, and again after a failed load. */
  readonly loadKeytar?: () => KeytarModule;
}

export const DEFAULT_SERVICE = 'Tokenbench';
export const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * keytar is a CommonJS native addon. Loading it on first use, not at import, means a machine without
 * libsecret gets a typed keychain_unavailable instead of a crash when the app starts.
 */
export function loadKeytar(): KeytarModule {
  // The Electron shell is bundled to CommonJS, where import.meta is empty and __filename is set;
  // under ESM (tests, tsx) it is the other way round.
  const here = typeof __filename === 'string' ? __filename : import.meta.url;
  return createRequire(here)('keytar') as KeytarModule;
}

/**
 * The OS keychain behind SecretVault. Every call has a timeout, because keytar can hang when no
 * Secret Service answers on D-Bus; calls on one account run in order (KeyedSequencer). A later call
 * waits for an earlier one to really finish, even one that timed out, so a late `set` can never land
 * after the `delete` that followed it. Logs nothing; messages carry no values.
 */
export function createKeytarVault(options: KeytarVaultOptions = {}): SecretVault {
  const service = options.service ?? DEFAULT_SERVICE;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const platform = options.platform ?? process.platform;
  const load = options.loadKeytar ?? loadKeytar;
  const sequencer = new KeyedSequencer();
  let keytar: KeytarModule | undefined;

  const unavailable = (reason: UnavailableReason): VaultFailure =>
    fail('keychain_unavailable', unavailableMessage(platform, reason));

  function module(): VaultResult<KeytarModule> {
    if (keytar) return ok(keytar);
    try {
      keytar = load();
      return ok(keytar);
    } catch (error: unknown) {
      return unavailable({ kind: 'load', detail: errorDetail(error) });
    }
  }

  async function call<T>(
    account: SecretAccount,
    op: (k: KeytarModule) => Promise<T>,
    secret?: string,
  ): Promise<VaultResult<T>> {
    let abandoned = false;
    const work = sequencer.run(account, async (): Promise<VaultResult<T>> => {
      // The caller already got its timeout while this waited in line: do not act behind its back.
      if (abandoned) return unavailable({ kind: 'timeout', ms: timeoutMs });
      const k = module();
      if (!k.ok) return k;
      try {
        return ok(await op(k.value));
      } catch (error: unknown) {
        return unavailable({ kind: 'call', detail: errorDetail(error, secret) });
      }
    });
    const outcome = await withTimeout(work, timeoutMs);
    if (outcome !== TIMED_OUT) return outcome;
    abandoned = true;
    return unavailable({ kind: 'timeout', ms: timeoutMs });
  }

  const vault: SecretVault = {
    kind: 'keychain',
    label: keychainLabel(platform),
    get: (account) => call(account, (k) => k.getPassword(service, account)),
    set: (account, value) => {
      const invalid = checkValue(value);
      if (invalid) return Promise.resolve(invalid);
      return call(account, (k) => k.setPassword(service, account, value), value);
    },
    delete: (account) => call(account, (k) => k.deletePassword(service, account)),
    probe: async () => {
      const nonce = `${process.pid}-${randomBytes(6).toString('hex')}`;
      const account = probeAccount(nonce);
      const value = `probe-${randomBytes(12).toString('hex')}`;
      const set = await vault.set(account, value);
      if (!set.ok) return set;
      const got = await vault.get(account);
      const removed = await vault.delete(account);
      if (!got.ok) return got;
      if (!removed.ok) return removed;
      return got.value === value ? ok(undefined) : unavailable({ kind: 'mismatch' });
    },
  };
  return vault;
}

function keychainLabel(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'System keychain (Secret Service)';
}
