import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelName, ValueOf } from '../../shared/ipc/contract';
import type { IpcResult } from '../../shared/ipc/define';
import type { TokenMeta } from '../../shared/workspace/model';
import { createMemoryVault } from '../../electron/services/vault/memory-vault';
import { createKeytarVault, loadKeytar, type KeytarModule } from '../../electron/services/vault/keytar-vault';
import type { SecretVault } from '../../electron/services/vault/secret-vault';
import { dispatch } from '../../electron/services/workbench/handlers';
import { createWorkbench, type Workbench } from '../../electron/services/workbench/workbench';

/**
 * The workspace channels against a real SQLite file and the REAL keychain: run inside
 * scripts/with-keyring.sh. This file uses its own keychain service and removes every entry it made.
 * A failing vault stands in only for "keychain unavailable", which a working keyring cannot show.
 */
const SERVICE = `Tokenbench-test-ws-${process.pid}-${randomBytes(4).toString('hex')}`;
const SECRET = 'c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1';
const ACCESS = '1000.aaaa1111bbbb2222.cccc3333dddd4444';
const REFRESH = '1000.eeee5555ffff6666.77778888999900aa';
type Keytar = KeytarModule & { findCredentials(service: string): Promise<{ account: string }[]> };
const keytar = () => loadKeytar() as Keytar;
const entries = async () => (await keytar().findCredentials(SERVICE)).map((e) => e.account).sort();

let home: string;
let workbench: Workbench;
let copied: string[];

function open(vault: SecretVault): Workbench {
  const opened = createWorkbench({
    home,
    vault,
    openBrowser: () => Promise.resolve(undefined),
    clipboard: { writeText: (text) => void copied.push(text) },
  });
  if (!opened.ok) throw new Error(opened.message);
  return opened.value;
}

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'tokenbench-ws-'));
  copied = [];
  workbench = open(createKeytarVault({ service: SERVICE }));
});

afterEach(async () => {
  for (const client of workbench.ctx.store.clients.list()) await call('clients:remove', { id: client.id });
  for (const env of workbench.ctx.store.environments.list())
    await call('environments:remove', { id: env.id });
  await workbench.close();
  rmSync(home, { recursive: true, force: true });
  // Removing a client or an environment takes its keychain entries with it.
  expect(await entries()).toEqual([]);
});

afterAll(async () => {
  for (const account of await entries()) await keytar().deletePassword(SERVICE, account);
});

const send = (channel: ChannelName, args: unknown): Promise<IpcResult<unknown>> =>
  dispatch(workbench.handlers, channel, args);

async function call<C extends ChannelName>(channel: C, args: unknown): Promise<ValueOf<C>> {
  const result = await send(channel, args);
  if (!result.ok) throw new Error(`${channel}: ${result.code}: ${result.message}`);
  return result.value as ValueOf<C>;
}

const clientInput = {
  name: 'CRM sync',
  dcId: 'eu',
  zohoClientId: '1000.ABCDEF',
  type: 'server',
  redirectUri: 'http://127.0.0.1:53682/callback',
  multiDc: false,
  pkce: false,
  revokeEndpoint: 'sdk',
  clientSecret: SECRET,
};

/** Every byte of the data folder (workspace.db, its -wal and -shm), to prove no secret is in it. */
const folderText = () =>
  readdirSync(home)
    .map((file) => readFileSync(join(home, file), 'latin1'))
    .join('');

const envInput = (over: object = {}) => ({
  name: 'Vars',
  clientRef: null,
  dcId: null,
  autoRefresh: false,
  ...over,
});

describe('clients', () => {
  it('keep their secret in the keychain and only its last characters in the workspace', async () => {
    const client = await call('clients:save', clientInput);
    expect(client.secretFingerprint).toBe('…d0e1');
    expect(client.redirectUri).toBe('http://127.0.0.1:53682/callback');
    expect(folderText()).not.toContain(SECRET);
    expect(await entries()).toEqual([`client-secret:${client.id}`]);
    const ref = { kind: 'client-secret', clientRef: client.id };
    expect(await call('secrets:reveal', { ref })).toEqual({ value: SECRET });
    expect(await call('secrets:copy', { ref })).toBeNull();
    expect(copied).toEqual([SECRET]);
  });

  it('keep the old secret when edited without a new one, take a new one, and lose all on removal', async () => {
    const client = await call('clients:save', clientInput);
    const { clientSecret: _secret, ...withoutSecret } = clientInput;
    const edited = await call('clients:save', { ...withoutSecret, id: client.id, name: 'CRM sync EU' });
    expect(edited).toMatchObject({
      name: 'CRM sync EU',
      secretFingerprint: '…d0e1',
      createdAt: client.createdAt,
    });
    const rotated = await call('clients:save', {
      ...withoutSecret,
      id: client.id,
      clientSecret: 'new-secret-9876',
    });
    expect(rotated.secretFingerprint).toBe('…9876');
    expect(await call('secrets:reveal', { ref: { kind: 'client-secret', clientRef: client.id } })).toEqual({
      value: 'new-secret-9876',
    });
    await call('clients:remove', { id: client.id });
    expect(await entries()).toEqual([]);
    expect(await call('clients:list', {})).toEqual([]);
  });

  it('on removal take their tokens out of the keychain, keep the metadata, and free their environments', async () => {
    const client = await call('clients:save', clientInput);
    const env = await call('environments:save', envInput({ clientRef: client.id }));
    const meta: TokenMeta = {
      id: 'rt_removal',
      kind: 'refresh',
      clientRef: client.id,
      dcId: 'eu',
      userId: 'unknown',
      userLabel: null,
      scopes: [],
      apiDomain: null,
      fingerprint: '…00aa',
      createdAt: 1,
      expiresAt: null,
      lastError: null,
      lastCheckedAt: null,
    };
    workbench.ctx.store.tokens.upsert(meta);
    await keytar().setPassword(SERVICE, 'refresh-token:rt_removal', REFRESH);
    await call('clients:remove', { id: client.id });
    expect(await entries()).toEqual([]);
    expect(workbench.ctx.store.tokens.get('rt_removal')).toEqual(meta);
    expect(workbench.ctx.store.environments.get(env.id)?.clientRef).toBeNull();
  });

  it.each([
    [{ redirectUri: null }, 'redirect_uri_required', 'redirectUri', /exactly as registered/],
    [
      { redirectUri: 'http://example.com/cb' },
      'invalid_redirect_uri',
      'redirectUri',
      /https, or http on 127.0.0.1/,
    ],
    [{ redirectUri: 'not a url' }, 'invalid_redirect_uri', 'redirectUri', /not a URL/],
    [{ redirectUri: 'https://app.example.com/cb#x' }, 'invalid_redirect_uri', 'redirectUri', /#fragment/],
    [{ dcId: 'mars' }, 'invalid_client_dc', 'dcId', /not in the catalog/],
    [{ zohoClientId: '1000 ABC' }, 'invalid_client_id', 'zohoClientId', /copy it again/],
    [{ clientSecret: undefined }, 'client_secret_required', 'clientSecret', /Paste the client secret/],
  ])('refuse %o with %s on the field, saying how to fix it', async (change, code, field, message) => {
    const result = await send('clients:save', { ...clientInput, ...change });
    expect(result).toMatchObject({ ok: false, code, detail: { field } });
    if (!result.ok) expect(result.message).toMatch(message);
    expect(await entries()).toEqual([]);
  });

  it('keep a server redirect URI verbatim, trailing slash included; a Self Client has none', async () => {
    const server = await call('clients:save', {
      ...clientInput,
      redirectUri: 'https://app.example.com/oauth/',
    });
    expect(server.redirectUri).toBe('https://app.example.com/oauth/');
    const self = await call('clients:save', {
      ...clientInput,
      name: 'Self',
      type: 'self',
      redirectUri: null,
    });
    expect(self.redirectUri).toBeNull();
  });

  it('refuse a second client of the same name', async () => {
    await call('clients:save', clientInput);
    expect(await send('clients:save', { ...clientInput, name: 'crm SYNC' })).toMatchObject({
      ok: false,
      code: 'duplicate_client_name',
      detail: { field: 'name' },
    });
  });
});

describe('DCs', () => {
  const lab = {
    id: 'lab',
    name: 'Lab',
    accountsUrl: 'https://accounts.lab.test',
    apiDomain: 'https://api.lab.test',
  };

  it('can be added for a private server and removed again', async () => {
    expect(await call('dcs:add', lab)).toMatchObject({ id: 'lab', kind: 'custom' });
    expect((await call('dcs:list', {})).map((d) => d.id)).toEqual([
      ...['us', 'eu', 'in', 'au', 'jp', 'cn', 'ca', 'sa', 'uk'],
      'lab',
    ]);
    await call('dcs:remove', { id: 'lab' });
    expect((await call('dcs:list', {})).map((d) => d.id)).not.toContain('lab');
  });

  it('refuse a bad server, a taken id, removing a built-in DC, and removing one in use', async () => {
    expect(await send('dcs:add', { ...lab, apiDomain: 'http://api.lab.test' })).toMatchObject({
      ok: false,
      code: 'invalid_dc_url',
      detail: { field: 'apiDomain' },
    });
    expect(await send('dcs:add', { ...lab, id: 'EU' })).toMatchObject({ ok: false, code: 'duplicate_dc_id' });
    expect(await send('dcs:remove', { id: 'us' })).toMatchObject({ ok: false, code: 'dc_not_removable' });
    await call('dcs:add', lab);
    await call('clients:save', { ...clientInput, dcId: 'lab' });
    const inUse = await send('dcs:remove', { id: 'lab' });
    expect(inUse).toMatchObject({ ok: false, code: 'dc_in_use' });
    if (!inUse.ok) expect(inUse.message).toContain('CRM sync');
  });
});

describe('environments', () => {
  const values: Record<string, string> = {
    'client-id': '1000.ABCDEF',
    'client-secret': SECRET,
    'redirect-uri': 'http://127.0.0.1:53682/callback',
    'accounts-url': 'https://accounts.zoho.eu',
    'access-token': ACCESS,
    'refresh-token': REFRESH,
    'api-domain': 'https://www.zohoapis.eu',
    'expiry-time': '',
  };
  const zohoPostman = JSON.stringify({
    id: 'e1',
    name: 'Zoho CRM',
    values: Object.entries(values).map(([key, value]) => ({ key, value, type: 'default', enabled: true })),
    _postman_variable_scope: 'environment',
  });

  it("import Zoho's 8-variable environment: secrets in the keychain, linked to the client", async () => {
    const client = await call('clients:save', clientInput);
    const env = await call('environments:import-postman', { text: zohoPostman });
    expect(env).toMatchObject({ name: 'Zoho CRM', clientRef: client.id, dcId: 'eu' });
    expect(env.variables.map((v) => v.key)).toEqual(Object.keys(values));
    expect(env.variables.find((v) => v.key === 'refresh-token')).toMatchObject({
      secret: true,
      value: null,
      fingerprint: '…00aa',
    });
    expect(env.variables.find((v) => v.key === 'api-domain')?.value).toBe('https://www.zohoapis.eu');
    for (const secret of [SECRET, ACCESS, REFRESH]) expect(folderText()).not.toContain(secret);
    expect(await entries()).toEqual(
      ['access-token', 'client-secret', 'refresh-token']
        .map((key) => `env-variable:${env.id}:${key}`)
        .concat(`client-secret:${client.id}`)
        .sort(),
    );
  });

  it('export to Postman with secrets blank unless asked for', async () => {
    const env = await call('environments:import-postman', { text: zohoPostman });
    const plain = await call('environments:export-postman', { environmentId: env.id });
    expect(plain.fileName).toBe('Zoho CRM.postman_environment.json');
    for (const secret of [SECRET, ACCESS, REFRESH]) expect(plain.text).not.toContain(secret);
    const parsed = JSON.parse(plain.text) as { values: { key: string; value: unknown; type: string }[] };
    expect(parsed.values.find((v) => v.key === 'refresh-token')).toMatchObject({ value: '', type: 'secret' });
    const full = await call('environments:export-postman', { environmentId: env.id, includeSecrets: true });
    for (const secret of [SECRET, ACCESS, REFRESH]) expect(full.text).toContain(secret);
  });

  it('follow a DC switch with accounts-url and api-domain, leaving other variables alone', async () => {
    const client = await call('clients:save', clientInput);
    const env = await call('environments:save', envInput({ clientRef: client.id, dcId: 'eu' }));
    await call('environments:set-variable', {
      environmentId: env.id,
      key: 'org-id',
      value: 7,
      secret: false,
    });
    const switched = await call(
      'environments:save',
      envInput({ id: env.id, clientRef: client.id, dcId: 'jp' }),
    );
    expect(switched.dcId).toBe('jp');
    expect(Object.fromEntries(switched.variables.map((v) => [v.key, v.value]))).toEqual({
      'accounts-url': 'https://accounts.zoho.jp',
      'api-domain': 'https://www.zohoapis.jp',
      'org-id': 7,
    });
  });

  it('never move tokens to another DC silently: refused, or moved with the tokens cleared', async () => {
    const client = await call('clients:save', clientInput);
    const imported = await call('environments:import-postman', { text: zohoPostman });
    const move = envInput({ id: imported.id, name: 'Zoho CRM', clientRef: client.id, dcId: 'jp' });
    const refused = await send('environments:save', move);
    expect(refused).toMatchObject({
      ok: false,
      code: 'environment_holds_tokens',
      detail: { environmentId: imported.id, fromDcId: imported.dcId, toDcId: 'jp', lineage: null },
    });
    const unchanged = workbench.ctx.store.environments.get(imported.id);
    expect(unchanged?.dcId).toBe(imported.dcId);
    expect(unchanged?.variables).toEqual(imported.variables);

    const moved = await call('environments:save', { ...move, tokensOnDcChange: 'clear' });
    const vars = Object.fromEntries(moved.variables.map((v) => [v.key, v]));
    expect(moved.dcId).toBe('jp');
    expect(vars['accounts-url']?.value).toBe('https://accounts.zoho.jp');
    expect(vars['api-domain']?.value).toBe('https://www.zohoapis.jp');
    expect(vars['client-id']?.value).toBe('1000.ABCDEF');
    for (const key of ['access-token', 'refresh-token'])
      expect(vars[key]).toMatchObject({ secret: true, value: null, fingerprint: null });
    expect(vars['expiry-time']?.value).toBeNull();
    expect(moved.variables.map((v) => v.key)).toEqual(Object.keys(values));
    expect(await entries()).not.toContain(`env-variable:${imported.id}:access-token`);
  });

  it('keep a secret variable in the keychain and a plain one in the record, and switch between them', async () => {
    const env = await call('environments:save', envInput());
    await call('environments:set-variable', {
      environmentId: env.id,
      key: 'api-key',
      value: 'k-123456789',
      secret: true,
    });
    const updated = await call('environments:set-variable', {
      environmentId: env.id,
      key: 'org',
      value: 42,
      secret: false,
    });
    expect(updated.variables).toEqual([
      expect.objectContaining({
        key: 'api-key',
        value: null,
        secret: true,
        type: 'secret',
        fingerprint: '…6789',
      }),
      expect.objectContaining({ key: 'org', value: 42, secret: false, type: 'default' }),
    ]);
    expect(folderText()).not.toContain('k-123456789');
    const ref = { kind: 'env-variable', environmentId: env.id, key: 'api-key' };
    expect(await call('secrets:reveal', { ref })).toEqual({ value: 'k-123456789' });
    const plain = await call('environments:set-variable', {
      environmentId: env.id,
      key: 'api-key',
      value: 'public',
      secret: false,
    });
    expect(plain.variables[0]).toMatchObject({ value: 'public', secret: false, fingerprint: null });
    expect(await entries()).toEqual([]);
  });

  it("refuse to store Zoho's secret variables in plain text, and values JSON cannot hold", async () => {
    const env = await call('environments:save', envInput());
    expect(
      await send('environments:set-variable', {
        environmentId: env.id,
        key: 'refresh-token',
        value: REFRESH,
        secret: false,
      }),
    ).toMatchObject({ ok: false, code: 'secret_variable_required', detail: { field: 'secret' } });
    expect(
      await send('environments:set-variable', {
        environmentId: env.id,
        key: 'when',
        value: new Date(0),
        secret: false,
      }),
    ).toMatchObject({ ok: false, code: 'invalid_variable_value' });
    expect(folderText()).not.toContain(REFRESH);
  });

  it('say what to do when a secret is missing', async () => {
    const env = await call('environments:save', envInput());
    await call('environments:set-variable', {
      environmentId: env.id,
      key: 'api-key',
      value: 'k-1',
      secret: true,
    });
    await keytar().deletePassword(SERVICE, `env-variable:${env.id}:api-key`);
    const missing = await send('secrets:reveal', {
      ref: { kind: 'env-variable', environmentId: env.id, key: 'api-key' },
    });
    expect(missing).toMatchObject({ ok: false, code: 'secret_not_found' });
    if (!missing.ok) expect(missing.message).toMatch(/Set it in the environment editor/);
    expect(await send('secrets:reveal', { ref: { kind: 'token', tokenId: 'at_nope' } })).toMatchObject({
      ok: false,
      code: 'token_not_found',
    });
  });
});

describe('an unavailable keychain', () => {
  it('refuses clearly and saves nothing: no client, no variable, no import', async () => {
    const env = await call('environments:save', envInput());
    await workbench.close();
    const failing = createMemoryVault();
    failing.simulateUnavailable(true);
    workbench = open(failing);
    const client = await send('clients:save', clientInput);
    expect(client).toMatchObject({ ok: false, code: 'keychain_unavailable' });
    expect(workbench.ctx.store.clients.list()).toEqual([]);
    const variable = await send('environments:set-variable', {
      environmentId: env.id,
      key: 'k',
      value: 'v',
      secret: true,
    });
    expect(variable).toMatchObject({ ok: false, code: 'keychain_unavailable' });
    expect(workbench.ctx.store.environments.get(env.id)?.variables).toEqual([]);
    const text = JSON.stringify({
      name: 'X',
      values: [{ key: 'refresh-token', value: REFRESH, type: 'default', enabled: true }],
    });
    expect(await send('environments:import-postman', { text })).toMatchObject({
      ok: false,
      code: 'keychain_unavailable',
    });
    expect(workbench.ctx.store.environments.list().map((e) => e.id)).toEqual([env.id]);
    failing.simulateUnavailable(false);
  });
});
