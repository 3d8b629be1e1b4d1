import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openWorkspaceStore, resolveDataDir, SCHEMA_VERSION } from '../../electron/services/store';
import type { OpenOptions, WorkspaceStore } from '../../electron/services/store';
import type { LedgerEvent } from '../../shared/limits/ledger-types';
import type { ClientRecord, EnvironmentRecord, EnvVariable, TokenMeta } from '../../shared/workspace/model';

const REPO = path.resolve(import.meta.dirname, '../..');
const T0 = 1_700_000_000_000;

let root: string;
let home: string;
const opened: WorkspaceStore[] = [];

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'tokenbench-store-'));
  home = path.join(root, 'home');
});

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
  vi.unstubAllEnvs();
  rmSync(root, { recursive: true, force: true });
});

function open(options: OpenOptions = {}): WorkspaceStore {
  const result = openWorkspaceStore({ home, now: () => T0 + 500, ...options });
  if (!result.ok) throw new Error(`expected the store to open: ${result.message}`);
  expect(result.value.recovered).toBeNull();
  opened.push(result.value.store);
  return result.value.store;
}

function reopen(store: WorkspaceStore): WorkspaceStore {
  store.close();
  return open();
}

const client = (over: Partial<ClientRecord> = {}): ClientRecord => ({
  id: 'cl_crm',
  name: 'CRM sync',
  dcId: 'eu',
  zohoClientId: '1000.ABCDEF123',
  type: 'server',
  redirectUri: 'http://127.0.0.1:53682/callback',
  multiDc: true,
  pkce: false,
  revokeEndpoint: 'sdk',
  secretFingerprint: '…9f2a',
  createdAt: T0,
  ...over,
});

const token = (over: Partial<TokenMeta> = {}): TokenMeta => ({
  id: 'rt_1',
  kind: 'refresh',
  clientRef: 'cl_crm',
  dcId: 'eu',
  userId: '7001',
  userLabel: 'ada@example.com',
  scopes: ['ZohoCRM.modules.ALL', 'AaaServer.profile.Read'],
  apiDomain: 'https://www.zohoapis.eu',
  fingerprint: '…c0de',
  createdAt: T0,
  expiresAt: null,
  lastError: null,
  lastCheckedAt: null,
  ...over,
});

const variable = (
  key: string,
  value: EnvVariable['value'],
  over: Partial<EnvVariable> = {},
): EnvVariable => ({
  key,
  value,
  secret: false,
  type: 'default',
  enabled: true,
  fingerprint: null,
  ...over,
});

const environment = (over: Partial<EnvironmentRecord> = {}): EnvironmentRecord => ({
  id: 'env_1',
  postmanId: null,
  name: 'CRM (EU)',
  clientRef: null,
  dcId: 'eu',
  apiEnvironment: 'production',
  autoRefresh: true,
  updatedAt: T0,
  variables: [
    variable('accounts-url', 'https://accounts.zoho.eu'),
    variable('expiry-time', 1_700_000_360_000, { type: 'text' }),
    variable('refresh-token', null, { secret: true, type: 'secret', fingerprint: '…c0de' }),
    variable('debug', false, { enabled: false }),
    variable('extra', { nested: [1, 'two', null, true] }, { type: 'any' }),
  ],
  ...over,
});

describe('workspace records', () => {
  it('keeps clients through a reopen, hides a removed one but keeps its tokens, and restores it', () => {
    let store = open();
    store.clients.upsert(client());
    store.clients.upsert(client({ id: 'cl_books', name: 'books', type: 'self', redirectUri: null }));
    store.tokens.upsert(token());
    store = reopen(store);
    expect(store.clients.list().map((c) => c.name)).toEqual(['books', 'CRM sync']);
    expect(store.clients.get('cl_crm')).toEqual(client());

    expect(store.clients.remove('cl_crm')).toBe(true);
    expect(store.clients.list().map((c) => c.id)).toEqual(['cl_books']);
    expect(store.clients.get('cl_crm')).toBeUndefined();
    expect(store.clients.get('cl_crm', { includeRemoved: true })).toEqual(client());
    expect(store.clients.removedAt('cl_crm')).toBe(T0 + 500);
    expect(store.tokens.listByClient('cl_crm')).toEqual([token()]);

    store.clients.upsert(client({ name: 'CRM again' }));
    expect(store.clients.get('cl_crm')?.name).toBe('CRM again');
    expect(store.clients.removedAt('cl_crm')).toBeNull();
  });

  it('validates user-defined DCs, refuses to remove one in use, and keeps them in order', () => {
    let store = open();
    const lab = {
      id: 'Lab',
      name: 'Lab',
      accountsUrl: 'http://127.0.0.1:9000/',
      apiDomain: 'http://127.0.0.1:9001',
    };
    expect(store.dcs.add(lab)).toMatchObject({
      ok: true,
      value: { id: 'lab', accountsUrl: 'http://127.0.0.1:9000' },
    });
    expect(store.dcs.add({ ...lab, id: 'eu' })).toMatchObject({ ok: false, code: 'duplicate_dc_id' });
    expect(store.dcs.add(lab)).toMatchObject({ ok: false, code: 'duplicate_dc_id' });
    const sandbox = {
      ...lab,
      id: 'sbx',
      developerApiDomain: null,
      sandboxApiDomain: null,
      kind: 'sandbox' as const,
    };
    expect(store.dcs.add({ ...lab, id: 'sbx' }, [sandbox])).toMatchObject({
      ok: false,
      code: 'duplicate_dc_id',
    });
    expect(store.dcs.add({ ...lab, id: 'au2', accountsUrl: 'https://accounts.zoho.au' }).ok).toBe(true);

    const edit = {
      name: 'Lab 2',
      accountsUrl: 'https://accounts.lab.test',
      apiDomain: 'https://api.lab.test',
    };
    expect(store.dcs.update('lab', edit)).toMatchObject({ ok: true, value: { id: 'lab', name: 'Lab 2' } });
    expect(store.dcs.update('nope', edit)).toMatchObject({ ok: false, code: 'dc_not_found' });
    expect(store.dcs.update('lab', { ...edit, apiDomain: 'ftp://x' })).toMatchObject({
      code: 'invalid_dc_url',
    });

    store.clients.upsert(client({ dcId: 'lab' }));
    const inUse = store.dcs.remove('lab');
    expect(inUse).toMatchObject({ ok: false, code: 'dc_in_use' });
    expect(inUse.ok ? '' : inUse.message).toContain('client "CRM sync"');

    store = reopen(store);
    expect(store.dcs.list().map((dc) => [dc.id, dc.name, dc.kind])).toEqual([
      ['lab', 'Lab 2', 'custom'],
      ['au2', 'Lab', 'custom'],
    ]);
    expect(store.dcs.remove('au2')).toEqual({ ok: true, value: null });
    expect(store.dcs.remove('au2')).toMatchObject({ ok: false, code: 'dc_not_found' });
  });

  it('keeps environment variables with their JSON types, order, enabled flags and Postman types', () => {
    let store = open();
    store.clients.upsert(client());
    store.environments.upsert(environment({ clientRef: 'cl_crm' }));
    store.environments.upsert(environment({ id: 'env_0', name: 'a first', variables: [] }));
    store = reopen(store);
    expect(store.environments.get('env_1')).toEqual(environment({ clientRef: 'cl_crm' }));
    expect(store.environments.list().map((e) => [e.name, e.variables.length])).toEqual([
      ['a first', 0],
      ['CRM (EU)', 5],
    ]);
    expect(store.environments.getVariable('env_1', 'extra')?.value).toEqual({
      nested: [1, 'two', null, true],
    });
    expect(store.environments.getVariable('env_1', 'missing')).toBeUndefined();
  });

  it('patches variables in place, appends new ones, and replaces the whole list', () => {
    const store = open();
    store.environments.upsert(environment());
    const patched = store.environments.updateVariables('env_1', {
      'expiry-time': { value: 42 },
      'access-token': { fingerprint: '…beef' },
    });
    expect(patched?.variables.map((v) => v.key)).toEqual([
      'accounts-url',
      'expiry-time',
      'refresh-token',
      'debug',
      'extra',
      'access-token',
    ]);
    expect(patched?.variables[1]).toEqual(variable('expiry-time', 42, { type: 'text' }));
    expect(patched?.variables[5]).toEqual(
      variable('access-token', null, { secret: true, type: 'secret', fingerprint: '…beef' }),
    );
    expect(patched?.updatedAt).toBe(T0 + 500);

    expect(
      store.environments.setVariables('env_1', [variable('b', 2), variable('a', '1')])?.variables,
    ).toEqual([variable('b', 2), variable('a', '1')]);
    expect(store.environments.setVariables('nope', [])).toBeUndefined();
    expect(store.environments.remove('env_1')).toBe(true);
    expect(store.environments.get('env_1')).toBeUndefined();
    expect(store.environments.getVariable('env_1', 'b')).toBeUndefined();
  });

  it('refuses a secret variable that carries a value, without storing anything or echoing the value', () => {
    const store = open();
    store.environments.upsert(environment());
    const leaked = variable('client-secret', 'hunter2-secret', { secret: true, type: 'secret' });
    const attempts = [
      () => {
        store.environments.upsert(environment({ variables: [leaked] }));
      },
      () => store.environments.setVariables('env_1', [leaked]),
      () => store.environments.updateVariables('env_1', { 'refresh-token': { value: 'hunter2-secret' } }),
    ];
    for (const attempt of attempts) {
      expect(attempt).toThrow(/secret variable "(client-secret|refresh-token)"/);
      expect(attempt).not.toThrow(/hunter2/);
    }
    expect(store.environments.get('env_1')).toEqual(environment());
  });

  it('keeps token metadata, its last error and last check', () => {
    let store = open();
    store.clients.upsert(client());
    store.tokens.upsert(token());
    store.tokens.upsert(token({ id: 'at_2', kind: 'access', createdAt: T0 + 2, expiresAt: T0 + 3_600_000 }));
    store.tokens.upsert(token({ id: 'at_1', kind: 'access', createdAt: T0 + 1, expiresAt: T0 + 3_600_000 }));
    const error = { code: 'invalid_code', message: 'The refresh token was revoked.', at: T0 + 9 };
    expect(store.tokens.setLastError('at_1', error)).toBe(true);
    expect(store.tokens.setLastChecked('at_1', T0 + 10)).toBe(true);
    expect(store.tokens.setLastChecked('nope', T0)).toBe(false);
    store = reopen(store);
    expect(store.tokens.listByClient('cl_crm').map((t) => t.id)).toEqual(['rt_1', 'at_1', 'at_2']);
    expect(store.tokens.get('at_1')).toMatchObject({
      lastError: error,
      lastCheckedAt: T0 + 10,
      kind: 'access',
    });
    expect(store.tokens.get('rt_1')).toEqual(token());
    store.tokens.setLastError('at_1', null);
    expect(store.tokens.get('at_1')?.lastError).toBeNull();
    expect(store.tokens.remove('at_1')).toBe(true);
    expect(store.tokens.get('at_1')).toBeUndefined();
  });

  it('keeps settings typed and ignores a stored value of the wrong type', () => {
    let store = open();
    expect(store.settings.get('theme')).toBeUndefined();
    store.settings.set('theme', 'dark');
    store.settings.set('limitProfileId', 'ten-alive');
    store = reopen(store);
    expect(store.settings.get('theme')).toBe('dark');
    expect(store.settings.get('limitProfileId')).toBe('ten-alive');
    store.close();
    const raw = new Database(path.join(home, 'workspace.db'));
    raw.prepare("UPDATE settings SET value_json = '\"purple\"' WHERE key = 'theme'").run();
    raw.close();
    store = open();
    expect(store.settings.get('theme')).toBeUndefined();
    store.settings.clear('limitProfileId');
    expect(store.settings.get('limitProfileId')).toBeUndefined();
  });
});

describe('the ledger events table', () => {
  const events: LedgerEvent[] = [
    { type: 'grant-code-issued', at: T0, clientId: 'cl_crm' },
    { type: 'refresh-token-created', at: T0 + 1, id: 'rt_1', clientId: 'cl_crm', userId: '7001', dc: 'eu' },
    {
      type: 'access-token-created',
      at: T0 + 1,
      id: 'at_1',
      refreshTokenId: 'rt_1',
      clientId: 'cl_crm',
      userId: '7001',
      dc: 'eu',
      expiresAt: T0 + 3_600_001,
      viaCodeExchange: true,
    },
    { type: 'access-denied', at: T0 + 2, key: { rule: 'access', refreshTokenId: 'rt_1' } },
    { type: 'access-token-revoked', at: T0 + 3, id: 'at_1' },
    { type: 'refresh-token-revoked', at: T0 + 4, id: 'rt_1' },
  ];

  it('keeps every event in insertion order with increasing sequence numbers', () => {
    let store = open();
    expect(events.map((event) => store.ledger.append(event))).toEqual([1, 2, 3, 4, 5, 6]);
    store = reopen(store);
    expect([...store.ledger.all()]).toEqual(events);
    expect(store.ledger.count()).toBe(6);
    expect(store.ledger.lastSeq()).toBe(6);
    expect([...store.ledger.after(4)]).toEqual([
      { seq: 5, event: events[4] },
      { seq: 6, event: events[5] },
    ]);
  });

  it('reads a long history page by page, even when the caller writes while reading', () => {
    const store = open();
    for (let i = 0; i < 1203; i += 1)
      store.ledger.append({ type: 'grant-code-issued', at: T0 + i, clientId: 'c' });
    const times: number[] = [];
    for (const event of store.ledger.all()) {
      times.push(event.at);
      if (times.length === 10) store.settings.set('theme', 'light');
    }
    expect(times).toEqual(Array.from({ length: 1203 }, (_, i) => T0 + i));
  });
});

describe('opening a workspace', () => {
  it('creates the schema in a new folder, reopens without migrating again, and reports an empty file', () => {
    const store = open();
    expect(version(store.file)).toBe(SCHEMA_VERSION);
    store.clients.upsert(client());
    const again = reopen(store);
    expect(again.clients.list()).toHaveLength(1);
    expect(version(again.file)).toBe(SCHEMA_VERSION);

    const emptyHome = path.join(root, 'empty');
    mkdirSync(emptyHome);
    writeFileSync(path.join(emptyHome, 'workspace.db'), '');
    // Zero bytes are damage (issue 8 item 8): a new workspace, and the user is told.
    const result = openWorkspaceStore({ home: emptyHome, now: () => T0 });
    if (!result.ok) throw new Error(result.message);
    opened.push(result.value.store);
    expect(result.value.recovered?.reason).toBe('it is empty, 0 bytes long');
    expect(version(result.value.store.file)).toBe(SCHEMA_VERSION);
    expect(result.value.store.clients.list()).toEqual([]);
  });

  it('lets two store instances on one folder see each other’s writes', () => {
    const app = open();
    const cli = open();
    app.clients.upsert(client());
    expect(cli.clients.get('cl_crm')).toEqual(client());
    cli.ledger.append({ type: 'grant-code-issued', at: T0, clientId: 'cl_crm' });
    expect(app.ledger.count()).toBe(1);
    cli.environments.upsert(environment());
    expect(app.environments.updateVariables('env_1', { debug: { enabled: true } })).toBeDefined();
    expect(cli.environments.getVariable('env_1', 'debug')?.enabled).toBe(true);
  });

  it('refuses a workspace from a newer Tokenbench and leaves the file byte for byte as it was', () => {
    const file = path.join(home, 'workspace.db');
    open().close();
    const raw = new Database(file);
    // A rollback-journal file: opening it for writing would flip its header to WAL, so any write shows.
    raw.pragma('journal_mode = DELETE');
    raw.pragma('user_version = 999');
    raw.close();
    const before = readFileSync(file);
    const result = openWorkspaceStore({ home });
    expect(result).toMatchObject({ ok: false, code: 'workspace_too_new', path: file });
    expect(result.ok ? '' : result.message).toContain(
      'This workspace was written by a newer Tokenbench (schema 999); update Tokenbench',
    );
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(home).filter((name) => name.includes('corrupt'))).toEqual([]);
  });
});

function version(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

describe('the data folder', () => {
  const env = {
    TOKENBENCH_HOME: '/env/home',
    XDG_CONFIG_HOME: '/xdg',
    APPDATA: 'C:\\Users\\ada\\AppData\\Roaming',
  };

  it('prefers the home option, then TOKENBENCH_HOME, then the platform folder', () => {
    expect(resolveDataDir({ home: '/cli/home', env, platform: 'linux', homedir: '/home/ada' })).toBe(
      '/cli/home',
    );
    expect(resolveDataDir({ env, platform: 'linux', homedir: '/home/ada' })).toBe('/env/home');
    const noHome = { ...env, TOKENBENCH_HOME: '' };
    expect(resolveDataDir({ env: noHome, platform: 'linux', homedir: '/home/ada' })).toBe('/xdg/Tokenbench');
    expect(resolveDataDir({ env: {}, platform: 'linux', homedir: '/home/ada' })).toBe(
      '/home/ada/.config/Tokenbench',
    );
    expect(resolveDataDir({ env: noHome, platform: 'darwin', homedir: '/Users/ada' })).toBe(
      '/Users/ada/Library/Application Support/Tokenbench',
    );
    expect(resolveDataDir({ env: noHome, platform: 'win32', homedir: 'C:\\Users\\ada' })).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\Tokenbench',
    );
  });

  it('opens where the option, then TOKENBENCH_HOME, then XDG_CONFIG_HOME point, creating it 0700', () => {
    const fromEnv = path.join(root, 'env-home');
    vi.stubEnv('TOKENBENCH_HOME', fromEnv);
    expect(open().file).toBe(path.join(home, 'workspace.db'));
    expect(open({ home: undefined }).file).toBe(path.join(fromEnv, 'workspace.db'));
    vi.stubEnv('TOKENBENCH_HOME', '');
    vi.stubEnv('XDG_CONFIG_HOME', path.join(root, 'xdg'));
    const platformDir = path.join(root, 'xdg', 'Tokenbench');
    if (process.platform === 'linux')
      expect(open({ home: undefined }).file).toBe(path.join(platformDir, 'workspace.db'));
    for (const dir of [home, fromEnv, ...(process.platform === 'linux' ? [platformDir] : [])]) {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
    }
  });
});

describe('durability', () => {
  it.each(['process.exit', 'SIGKILL'] as const)(
    'keeps acknowledged writes when the process dies by %s',
    (death) => {
      const child = `
      const { openWorkspaceStore } = await import(${JSON.stringify(pathToFileURL(path.join(REPO, 'electron/services/store/index.ts')).href)});
      const opened = openWorkspaceStore({ home: ${JSON.stringify(home)} });
      if (!opened.ok) { console.error(opened.message); process.exit(3); }
      const { store } = opened.value;
      store.clients.upsert(${JSON.stringify(client())});
      store.ledger.append({ type: 'grant-code-issued', at: ${T0}, clientId: 'cl_crm' });
      store.settings.set('theme', 'dark');
      process.stdout.write('written\\n');
      ${death === 'SIGKILL' ? "process.kill(process.pid, 'SIGKILL');" : 'process.exit(0);'}
    `;
      const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child], {
        cwd: REPO,
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe('written\n');
      if (death === 'SIGKILL') {
        expect(run.signal).toBe('SIGKILL');
        // Nothing was checkpointed: the writes live only in the WAL, as after a real crash.
        expect(existsSync(path.join(home, 'workspace.db-wal'))).toBe(true);
      } else expect(run.status).toBe(0);

      const store = open();
      expect(store.clients.get('cl_crm')).toEqual(client());
      expect([...store.ledger.all()]).toEqual([{ type: 'grant-code-issued', at: T0, clientId: 'cl_crm' }]);
      expect(store.settings.get('theme')).toBe('dark');
    },
  );
});
