import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelName, EventName, ValueOf } from '../../shared/ipc/contract';
import type { IpcResult } from '../../shared/ipc/define';
import type { Inspection, TokenRow } from '../../shared/ipc/views';
import { fingerprint, type TokenMeta } from '../../shared/workspace/model';
import { secretAccount } from '../../electron/services/vault/account';
import { createKeytarVault, loadKeytar, type KeytarModule } from '../../electron/services/vault/keytar-vault';
import { dispatch } from '../../electron/services/workbench/handlers';
import { createWorkbench, type Workbench } from '../../electron/services/workbench/workbench';

/**
 * Token rows, limit meters, the inspector and the limit profile, over a history recorded through
 * the ledger book (as the flows record it) with token metadata in a real store and token values in
 * the real keychain: run inside scripts/with-keyring.sh. Own keychain service, cleaned up after.
 *
 * The history, for client "CRM sync" (Zoho id 1000.VIEWS) in the EU DC, `now` = T0 + 25 min:
 *   rt_1 (user u1) at T0-3h; at_0 from its code exchange at T0-3h+1min, expired since T0-2h+1min;
 *   at_1..at_10 refreshed one a minute from T0; at_11 at T0+20min;
 *   rt_2 (user u2) at T0+22min with at_r at once, both revoked at T0+23min;
 *   ten grant codes at T0+24min.
 */
const SERVICE = `Tokenbench-test-views-${process.pid}-${randomBytes(4).toString('hex')}`;
const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2026, 10, 23, 9, 0);
const ZOHO_ID = '1000.VIEWS';
let now = T0 + 25 * MIN;
let home: string;
let workbench: Workbench;
let clientRef: string;
const events: EventName[] = [];
const values = new Map<string, string>();

const send = (channel: ChannelName, args: unknown): Promise<IpcResult<unknown>> =>
  dispatch(workbench.handlers, channel, args);

async function call<C extends ChannelName>(channel: C, args: unknown): Promise<ValueOf<C>> {
  const result = await send(channel, args);
  if (!result.ok) throw new Error(`${channel}: ${result.code}: ${result.message}`);
  return result.value as ValueOf<C>;
}

/** A Zoho-shaped token value ending in `tail`, so tests can make two share a fingerprint. */
const tokenValue = (tail: string) =>
  `1000.${randomBytes(16).toString('hex')}.${randomBytes(12).toString('hex')}${tail}`;

async function addToken(
  kind: 'access' | 'refresh',
  id: string,
  at: number,
  over: Partial<TokenMeta> & { parent?: string; tail?: string; exchange?: boolean } = {},
): Promise<void> {
  const userId = over.userId ?? 'u1';
  const value = tokenValue(over.tail ?? randomBytes(2).toString('hex'));
  const expiresAt = kind === 'access' ? at + HOUR : null;
  if (kind === 'refresh') {
    workbench.ctx.ledger.record({
      type: 'refresh-token-created',
      at,
      id,
      clientId: ZOHO_ID,
      userId,
      dc: 'eu',
    });
  } else {
    workbench.ctx.ledger.record({
      type: 'access-token-created',
      at,
      id,
      refreshTokenId: over.parent ?? null,
      clientId: ZOHO_ID,
      userId,
      dc: 'eu',
      expiresAt: at + HOUR,
      viaCodeExchange: over.exchange ?? false,
    });
  }
  workbench.ctx.store.tokens.upsert({
    id,
    kind,
    clientRef,
    dcId: 'eu',
    userId,
    userLabel: null,
    scopes: ['ZohoCRM.modules.ALL'],
    apiDomain: 'https://www.zohoapis.eu',
    fingerprint: fingerprint(value),
    createdAt: at,
    expiresAt,
    lastError: null,
    lastCheckedAt: null,
  });
  const stored = await workbench.ctx.vault.set(
    secretAccount({ kind: kind === 'access' ? 'access-token' : 'refresh-token', tokenId: id }),
    value,
  );
  if (!stored.ok) throw new Error(stored.message);
  values.set(id, value);
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'tokenbench-views-'));
  const opened = createWorkbench({
    home,
    now: () => now,
    vault: createKeytarVault({ service: SERVICE }),
    openBrowser: () => Promise.resolve(undefined),
    clipboard: { writeText: () => undefined },
    emit: (event) => void events.push(event),
  });
  if (!opened.ok) throw new Error(opened.message);
  workbench = opened.value;
  const client = await call('clients:save', {
    name: 'CRM sync',
    dcId: 'eu',
    zohoClientId: ZOHO_ID,
    type: 'self',
    redirectUri: null,
    multiDc: false,
    pkce: false,
    revokeEndpoint: 'sdk',
    clientSecret: 'client-secret-views',
  });
  clientRef = client.id;
  await addToken('refresh', 'rt_1', T0 - 3 * HOUR, { tail: '9f3c' });
  await addToken('access', 'at_0', T0 - 3 * HOUR + MIN, { parent: 'rt_1', exchange: true });
  for (let i = 1; i <= 10; i++) {
    await addToken('access', `at_${i}`, T0 + (i - 1) * MIN, {
      parent: 'rt_1',
      tail: i === 3 ? 'a1b2' : undefined,
    });
  }
  await addToken('access', 'at_11', T0 + 20 * MIN, { parent: 'rt_1', tail: 'a1b2' });
  await addToken('refresh', 'rt_2', T0 + 22 * MIN, { userId: 'u2' });
  await addToken('access', 'at_r', T0 + 22 * MIN, { parent: 'rt_2', userId: 'u2', exchange: true });
  workbench.ctx.ledger.record({ type: 'refresh-token-revoked', at: T0 + 23 * MIN, id: 'rt_2' });
  for (let i = 0; i < 10; i++)
    workbench.ctx.ledger.record({ type: 'grant-code-issued', at: T0 + 24 * MIN, clientId: ZOHO_ID });
  // Dev follows the client and holds at_11 (at_3 shares its last four characters); Other holds rt_1.
  const dev = await call('environments:save', { name: 'Dev', clientRef, dcId: 'eu', autoRefresh: false });
  await call('environments:set-variable', {
    environmentId: dev.id,
    key: 'access-token',
    value: values.get('at_11'),
    secret: true,
  });
  const other = await call('environments:save', {
    name: 'Other',
    clientRef: null,
    dcId: null,
    autoRefresh: false,
  });
  await call('environments:set-variable', {
    environmentId: other.id,
    key: 'refresh-token',
    value: values.get('rt_1'),
    secret: true,
  });
});

afterAll(async () => {
  await workbench.close();
  rmSync(home, { recursive: true, force: true });
  const keytar = loadKeytar() as KeytarModule & {
    findCredentials(service: string): Promise<{ account: string }[]>;
  };
  for (const { account } of await keytar.findCredentials(SERVICE))
    await keytar.deletePassword(SERVICE, account);
});

const rowsById = async () => new Map((await call('tokens:list', {})).map((row: TokenRow) => [row.id, row]));

describe('tokens:current', () => {
  it('is every token while all ended within the last day, in the order of tokens:list', async () => {
    const current = await call('tokens:current', { clientRef });
    expect(current).toMatchObject({ clientRef, since: now - 24 * HOUR, older: 0 });
    expect(current.rows.map((r) => r.id).sort()).toEqual(
      (await call('tokens:list', { clientRef })).map((r) => r.id).sort(),
    );
    expect(current.rows.slice(0, 3).map((r) => r.id)).toEqual(['at_r', 'rt_2', 'at_11']);
  });

  it('a day later keeps the live and the lately ended, and only counts the rest', async () => {
    const before = now;
    now = T0 + 25 * HOUR + 5 * MIN;
    try {
      const current = await call('tokens:current', { clientRef });
      // at_1…at_5 expired an hour after T0+0…4 min, before `since` (T0+1h+5min); at_6 at exactly it.
      expect(current.rows.map((r) => r.id)).toEqual([
        'at_11',
        'at_10',
        'at_9',
        'at_8',
        'at_7',
        'at_6',
        'rt_1',
      ]);
      expect(current.older).toBe(8);
      expect(current.rows.find((r) => r.id === 'rt_1')).toMatchObject({ status: 'active' });
    } finally {
      now = before;
    }
  });

  it('names an unknown client', async () => {
    expect(await send('tokens:current', { clientRef: 'cl_nope' })).toMatchObject({
      ok: false,
      code: 'client_not_found',
    });
  });
});

describe('tokens:list', () => {
  it('joins every token with its ledger state, newest first', async () => {
    const list = await call('tokens:list', { clientRef });
    expect(list.map((r) => r.id).slice(0, 3)).toEqual(['at_r', 'rt_2', 'at_11']);
    const rows = await rowsById();
    expect(rows.get('at_0')).toMatchObject({
      status: 'expired',
      endedAt: T0 - 2 * HOUR + MIN,
      parentId: 'rt_1',
    });
    expect(rows.get('at_1')).toMatchObject({
      status: 'active',
      endedAt: null,
      parentId: 'rt_1',
      nextToEvict: false,
    });
    expect(rows.get('rt_1')).toMatchObject({ status: 'active', parentId: null, nextToEvict: false });
    expect(rows.get('rt_2')).toMatchObject({ status: 'revoked', endedAt: T0 + 23 * MIN });
    expect(rows.get('at_r')).toMatchObject({ status: 'revoked', endedAt: T0 + 23 * MIN, parentId: 'rt_2' });
  });

  it('names the environments that hold a token, crediting a shared fingerprint to the newest', async () => {
    const rows = await rowsById();
    expect(rows.get('at_11')?.environments).toEqual(['Dev']);
    expect(rows.get('at_3')?.environments).toEqual([]);
    expect(rows.get('rt_1')?.environments).toEqual(['Other']);
    expect(rows.get('at_10')?.environments).toEqual([]);
  });

  it('refuses an unknown client', async () => {
    expect(await send('tokens:list', { clientRef: 'cl_nope' })).toMatchObject({
      ok: false,
      code: 'client_not_found',
    });
  });
});

describe('limits:status', () => {
  it('counts each rule per Zoho client, user and live refresh token', async () => {
    const status = await call('limits:status', { clientRef });
    expect(status.profile.id).toBe('kaizen-43');
    const [client] = status.clients;
    expect(client?.grant).toMatchObject({
      used: 10,
      allowed: 10,
      allowedAt: T0 + 34 * MIN,
      key: { clientId: ZOHO_ID },
    });
    expect(client?.users.map((u) => [u.userId, u.refresh.used, u.live.live, u.live.maxAlive])).toEqual([
      ['u1', 0, 1, 20],
      ['u2', 1, 0, 20],
    ]);
    expect(client?.refreshTokens).toHaveLength(1);
    expect(client?.refreshTokens[0]).toMatchObject({
      refreshTokenId: 'rt_1',
      access: { used: 1, allowed: 10 },
      live: { live: 11, maxAlive: 15, oldestLiveId: 'at_1', wouldEvictOnNext: false },
    });
  });
});

describe('tokens:inspect', () => {
  const inspect = (args: object) => call('tokens:inspect', args);

  it('describes a token picked by id in one plain paragraph', async () => {
    const found = await inspect({ tokenId: 'at_11' });
    expect(found).toMatchObject({ matchedBy: 'id', confirmed: true, token: { id: 'at_11' }, children: [] });
    expect(found.summary).toMatch(
      /^Access token …a1b2 for client CRM sync in Europe, user u1, created \d\d:\d\d, expires in 55 min, active; parent refresh token …9f3c; used by environment Dev\.$/,
    );
    const parent = await inspect({ tokenId: 'rt_1' });
    expect(parent.children.map((c) => c.id).sort()).toEqual(
      ['at_0', ...Array.from({ length: 11 }, (_, i) => `at_${i + 1}`)].sort(),
    );
    expect(parent.summary).toContain('11 of 15 live access tokens');
    expect(parent.summary).toContain('used by environment Other');
  });

  it('says how a token ended', async () => {
    expect((await inspect({ tokenId: 'at_0' })).summary).toMatch(/expired 2 h 24 min ago/);
    expect((await inspect({ tokenId: 'rt_2' })).summary).toMatch(
      /, user u2, created .*, revoked at \d\d:\d\d/,
    );
    expect((await inspect({ tokenId: 'at_r' })).summary).toMatch(
      /revoked at \d\d:\d\d with its refresh token/,
    );
    expect(await send('tokens:inspect', { tokenId: 'at_nope' })).toMatchObject({
      ok: false,
      code: 'token_not_found',
    });
  });

  it('matches a pasted value by fingerprint and confirms it against the keychain', async () => {
    const found = await inspect({ pasted: `  ${values.get('at_3') ?? ''}\n` });
    expect(found).toMatchObject({ matchedBy: 'fingerprint', confirmed: true, token: { id: 'at_3' } });
    expect(JSON.stringify(found)).not.toContain(values.get('at_3'));
    expect(await inspect({ pasted: 'at_5' })).toMatchObject({ matchedBy: 'id', token: { id: 'at_5' } });
  });

  it('rules out a look-alike, and says when it cannot confirm', async () => {
    const lookAlike = await inspect({ pasted: tokenValue('a1b2') });
    expect(lookAlike).toMatchObject({ matchedBy: null, confirmed: false, token: null });
    expect(lookAlike.summary).toMatch(/2 tokens here end in …a1b2, but none is the pasted one/);
    expect((await inspect({ pasted: tokenValue('zzzz') })).summary).toMatch(
      /^No token in this workspace ends in …zzzz/,
    );
    await workbench.ctx.vault.delete(secretAccount({ kind: 'access-token', tokenId: 'at_7' }));
    const unconfirmed = await inspect({ pasted: `1000.x.y${values.get('at_7')?.slice(-4) ?? ''}` });
    expect(unconfirmed).toMatchObject({ matchedBy: 'fingerprint', confirmed: false, token: { id: 'at_7' } });
    expect(unconfirmed.summary).toMatch(/^Only the last characters match: .*no longer in the keychain/);
  });
});

describe('limits:check and the profile', () => {
  it('answers a proposal by Tokenbench client id or Zoho client id alike', async () => {
    for (const clientId of [clientRef, ZOHO_ID]) {
      expect(
        await call('limits:check', { proposal: { kind: 'consent', clientId, accessType: 'offline' } }),
      ).toMatchObject({
        verdict: 'rate-exceeded',
        allowedAt: T0 + 34 * MIN,
        notChecked: [{ rule: 'refresh', reason: 'user-unknown' }],
      });
    }
    expect(await call('limits:check', { proposal: { kind: 'refresh', refreshTokenId: 'rt_1' } })).toEqual({
      verdict: 'allowed',
      notChecked: [],
    });
    expect(
      await call('limits:check', { proposal: { kind: 'refresh', refreshTokenId: 'rt_2' } }),
    ).toMatchObject({
      verdict: 'refresh-token-not-live',
      status: 'revoked',
    });
  });

  it('recomputes every state when the profile changes, and tells the page', async () => {
    expect(await call('limits:profiles', {})).toMatchObject({ active: 'kaizen-43' });
    expect(await send('limits:set-profile', { id: 'made-up' })).toMatchObject({
      ok: false,
      code: 'unknown_profile',
    });
    events.length = 0;
    expect(await call('limits:set-profile', { id: 'ten-alive' })).toMatchObject({ id: 'ten-alive' });
    expect(events).toEqual(['tokens:changed']);
    const rows = await rowsById();
    expect(rows.get('at_1')).toMatchObject({ status: 'evicted', evictedBy: 'at_11' });
    expect(rows.get('at_2')).toMatchObject({ status: 'active', nextToEvict: true });
    expect(rows.get('at_3')?.nextToEvict).toBe(false);
    expect((await inspect({ tokenId: 'at_1' })).summary).toMatch(
      /evicted at \d\d:\d\d when …a1b2 was created/,
    );
    expect(
      await call('limits:check', { proposal: { kind: 'refresh', refreshTokenId: 'rt_1' } }),
    ).toMatchObject({
      verdict: 'allowed-with-evictions',
      evictions: [{ kind: 'access-token', accessTokenId: 'at_2', refreshTokenId: 'rt_1' }],
    });
    const status = await call('limits:status', {});
    expect(status.clients[0]?.refreshTokens[0]?.live).toMatchObject({
      live: 10,
      maxAlive: 10,
      wouldEvictOnNext: true,
    });
    now += HOUR;
    expect((await rowsById()).get('at_2')).toMatchObject({ status: 'expired', nextToEvict: false });
    expect(await call('limits:profiles', {})).toMatchObject({ active: 'ten-alive' });
  });

  function inspect(args: object): Promise<Inspection> {
    return call('tokens:inspect', args);
  }
});
