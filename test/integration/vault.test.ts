import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { secretAccount, type SecretAccount } from '../../electron/services/vault/account';
import { createKeytarVault, loadKeytar, type KeytarModule } from '../../electron/services/vault/keytar-vault';

/**
 * Against the real keychain: run inside scripts/with-keyring.sh (a private D-Bus session with an
 * unlocked gnome-keyring). This file uses its own service name and removes every entry it made.
 */
const SERVICE = `Tokenbench-test-vault-${process.pid}-${randomBytes(4).toString('hex')}`;
const vault = createKeytarVault({ service: SERVICE });
let counter = 0;
const fresh = (): SecretAccount => secretAccount({ kind: 'refresh-token', tokenId: `rt_${++counter}` });

afterAll(async () => {
  const keytar = loadKeytar() as KeytarModule & {
    findCredentials(service: string): Promise<{ account: string }[]>;
  };
  for (const { account } of await keytar.findCredentials(SERVICE)) {
    await keytar.deletePassword(SERVICE, account);
  }
  expect(await keytar.findCredentials(SERVICE)).toEqual([]);
});

describe('keytar vault on the real keychain', () => {
  it('is a keychain, and the probe round trip passes', async () => {
    expect(vault.kind).toBe('keychain');
    expect(await vault.probe()).toEqual({ ok: true, value: undefined });
  });

  it('stores and reads back a secret', async () => {
    const account = fresh();
    expect(await vault.set(account, '1000.abc.def')).toEqual({ ok: true, value: undefined });
    expect(await vault.get(account)).toEqual({ ok: true, value: '1000.abc.def' });
  });

  it('overwrites in place, one entry per secret', async () => {
    const account = fresh();
    await vault.set(account, 'first');
    await vault.set(account, 'second');
    expect(await vault.get(account)).toEqual({ ok: true, value: 'second' });
    const keytar = loadKeytar() as KeytarModule & {
      findCredentials(service: string): Promise<{ account: string }[]>;
    };
    const entries = (await keytar.findCredentials(SERVICE)).filter((e) => e.account === account);
    expect(entries).toHaveLength(1);
  });

  it('deletes, and says whether there was anything to delete', async () => {
    const account = fresh();
    await vault.set(account, 'doomed');
    expect(await vault.delete(account)).toEqual({ ok: true, value: true });
    expect(await vault.get(account)).toEqual({ ok: true, value: null });
    expect(await vault.delete(account)).toEqual({ ok: true, value: false });
  });

  it('answers null for a secret never stored', async () => {
    expect(await vault.get(fresh())).toEqual({ ok: true, value: null });
  });

  it('keeps unicode and a 2 KB token intact', async () => {
    const unicode = fresh();
    const long = fresh();
    const text = 'pässwörd 🔑 秘密 \u00a0"quotes" \\ back';
    const token = `1000.${randomBytes(1024).toString('hex')}`.slice(0, 2048);
    await vault.set(unicode, text);
    await vault.set(long, token);
    expect(await vault.get(unicode)).toEqual({ ok: true, value: text });
    expect(await vault.get(long)).toEqual({ ok: true, value: token });
  });

  it('refuses an empty value instead of storing it', async () => {
    expect(await vault.set(fresh(), '')).toMatchObject({ ok: false, code: 'invalid_secret' });
  });

  it('applies concurrent operations on one account in call order', async () => {
    const account = fresh();
    for (let round = 0; round < 10; round++) {
      const calls = [
        vault.set(account, `a${round}`),
        vault.delete(account),
        vault.set(account, `b${round}`),
        vault.get(account),
        vault.delete(account),
        vault.get(account),
        vault.set(account, `c${round}`),
      ];
      const [, , , middle, , afterDelete] = await Promise.all(calls);
      expect(middle).toEqual({ ok: true, value: `b${round}` });
      expect(afterDelete).toEqual({ ok: true, value: null });
      expect(await vault.get(account)).toEqual({ ok: true, value: `c${round}` });
    }
  });
});

/** A keytar whose calls finish after the given delays, to make reordering observable. */
function slowKeytar(delays: { set: number; delete: number }): KeytarModule & { store: Map<string, string> } {
  const store = new Map<string, string>();
  const later = <T>(ms: number, fn: () => T) =>
    new Promise<T>((resolve) =>
      setTimeout(() => {
        resolve(fn());
      }, ms),
    );
  return {
    store,
    getPassword: (_s, a) => later(0, () => store.get(a) ?? null),
    setPassword: (_s, a, v) => later(delays.set, () => void store.set(a, v)),
    deletePassword: (_s, a) => later(delays.delete, () => store.delete(a)),
  };
}

describe('keytar vault with a stand-in keytar', () => {
  const account = secretAccount({ kind: 'client-secret', clientRef: 'cl_order' });

  it('does not let a fast delete overtake a slow set on the same account', async () => {
    const keytar = slowKeytar({ set: 50, delete: 0 });
    const ordered = createKeytarVault({ service: 'x', loadKeytar: () => keytar });
    await Promise.all([ordered.set(account, 'secret'), ordered.delete(account)]);
    expect(keytar.store.has(account)).toBe(false);
  });

  it('turns a hanging keychain into keychain_unavailable within the timeout', async () => {
    const never = new Promise<never>(() => undefined);
    const calls: string[] = [];
    const hanging: KeytarModule = {
      getPassword: () => (calls.push('get'), never),
      setPassword: () => (calls.push('set'), never),
      deletePassword: () => (calls.push('delete'), never),
    };
    const v = createKeytarVault({ loadKeytar: () => hanging, timeoutMs: 100, platform: 'linux' });
    const started = Date.now();
    const [first, queued] = await Promise.all([v.set(account, 'value-xyz'), v.delete(account)]);
    expect(Date.now() - started).toBeLessThan(1_000);
    for (const result of [first, queued]) {
      expect(result).toMatchObject({ ok: false, code: 'keychain_unavailable' });
      if (!result.ok) expect(result.message).toMatch(/did not answer within 100 ms/);
    }
    // The delete waited behind the hung set and, having timed out, never reached the keychain.
    expect(calls).toEqual(['set']);
  });

  it('answers keychain_unavailable, not a crash, when keytar cannot load', async () => {
    const v = createKeytarVault({
      platform: 'linux',
      loadKeytar: () => {
        throw new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory');
      },
    });
    const result = await v.get(account);
    expect(result).toMatchObject({ ok: false, code: 'keychain_unavailable' });
    if (!result.ok) expect(result.message).toMatch(/libsecret-1-0/);
  });

  it('names the fix for each platform', async () => {
    const broken: KeytarModule = {
      getPassword: () => Promise.reject(new Error('boom')),
      setPassword: () => Promise.reject(new Error('boom')),
      deletePassword: () => Promise.reject(new Error('boom')),
    };
    const expected = { darwin: /Keychain Access/, win32: /Credential Manager/, linux: /GNOME Keyring/ };
    for (const [platform, pattern] of Object.entries(expected)) {
      const v = createKeytarVault({ platform: platform as NodeJS.Platform, loadKeytar: () => broken });
      const result = await v.get(account);
      expect(result.ok ? '' : result.message).toMatch(pattern);
    }
  });

  it('keeps the value out of the message even if the keychain echoes it', async () => {
    const echoing: KeytarModule = {
      getPassword: () => Promise.resolve(null),
      setPassword: (_s, _a, v) => Promise.reject(new Error(`cannot store ${v}`)),
      deletePassword: () => Promise.resolve(false),
    };
    const v = createKeytarVault({ loadKeytar: () => echoing });
    const result = await v.set(account, '1000.super-secret');
    expect(result.ok ? '' : result.message).not.toContain('super-secret');
  });
});

/** Runs the real adapter in a child process whose D-Bus session address leads nowhere. */
function runWithoutKeyring(timeoutMs: number): Promise<{ stdout: string; elapsed: number }> {
  const adapter = pathToFileURL(`${process.cwd()}/electron/services/vault/keytar-vault.ts`).href;
  const script = `
    import { createKeytarVault } from ${JSON.stringify(adapter)};
    const vault = createKeytarVault({ service: 'Tokenbench-test-nobus', timeoutMs: ${timeoutMs} });
    const results = {
      probe: await vault.probe(),
      set: await vault.set('refresh-token:rt_1', 'secret-value-xyz'),
      get: await vault.get('refresh-token:rt_1'),
    };
    console.log(JSON.stringify(results));`;
  const started = Date.now();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent', DISPLAY: '' },
        timeout: 20_000,
      },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`child failed: ${error.message}\n${stderr}`));
        else resolve({ stdout, elapsed: Date.now() - started });
      },
    );
  });
}

describe('keytar vault without a Secret Service', () => {
  it.runIf(process.platform === 'linux')(
    'answers keychain_unavailable with what to do, quickly, without crashing',
    async () => {
      const { stdout, elapsed } = await runWithoutKeyring(2_000);
      const results = JSON.parse(stdout) as Record<string, { ok: boolean; code?: string; message?: string }>;
      for (const result of Object.values(results)) {
        expect(result).toMatchObject({ ok: false, code: 'keychain_unavailable' });
        expect(result.message).toMatch(
          /start a keyring such as GNOME Keyring \(Secret Service\) and unlock it/,
        );
        expect(result.message).not.toContain('secret-value-xyz');
      }
      // Three calls at most 2 s each, plus the child's start-up: never a hang.
      expect(elapsed).toBeLessThan(15_000);
    },
  );
});
