import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspaceStore, type WorkspaceStore } from '../../electron/services/store';
import { ExchangesTable, type NewExchange } from '../../electron/services/store/exchanges';
import { storeSink } from '../../electron/services/traffic/recorder';

/**
 * The traffic console's record in a real SQLite file: kept across a restart and between processes'
 * connections, capped by count and by bytes with the oldest evicted, read a page at a time, and
 * redacted before it is written.
 */
const homes: string[] = [];
const stores: WorkspaceStore[] = [];

function open(home: string): WorkspaceStore {
  const opened = openWorkspaceStore({ home });
  if (!opened.ok) throw new Error(opened.message);
  stores.push(opened.value.store);
  return opened.value.store;
}

function freshHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'tokenbench-traffic-'));
  homes.push(home);
  return home;
}

afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

const exchange = (i: number, body = '{}'): NewExchange => ({
  at: 1_700_000_000_000 + i,
  durationMs: 10,
  kind: i % 2 === 0 ? 'refresh' : 'check',
  outcome: i % 3 === 0 ? 'error' : 'ok',
  clientRef: null,
  method: 'POST',
  url: 'https://accounts.zoho.com/oauth/v2/token',
  status: 200,
  zohoError: null,
  request: { headers: [], body: null },
  response: { statusText: 'OK', headers: [], body, cut: false },
  network: null,
});

describe('traffic store', () => {
  it('keeps exchanges across a restart and shows one process what another recorded', () => {
    const home = freshHome();
    const first = open(home);
    const second = open(home);
    const id = first.exchanges.append(exchange(1));
    expect(second.exchanges.get(id)?.kind).toBe('check');
    first.close();
    second.close();
    const again = open(home);
    expect(again.exchanges.page({}, null, 10).rows.map((r) => r.id)).toEqual([id]);
  });

  it('pages newest first by position and filters by kind and outcome', () => {
    const store = open(freshHome());
    for (let i = 1; i <= 25; i += 1) store.exchanges.append(exchange(i));
    const page1 = store.exchanges.page({}, null, 10);
    expect(page1.total).toBe(25);
    expect(page1.rows.map((r) => r.id)).toEqual([25, 24, 23, 22, 21, 20, 19, 18, 17, 16]);
    const page3 = store.exchanges.page({}, store.exchanges.page({}, page1.next, 10).next, 10);
    expect(page3.rows.map((r) => r.id)).toEqual([5, 4, 3, 2, 1]);
    expect(page3.next).toBeNull();
    const errors = store.exchanges.page({ kind: 'refresh', outcome: 'error' }, null, 100);
    expect(errors.rows.map((r) => r.id)).toEqual([24, 18, 12, 6]);
    expect(errors.total).toBe(4);
  });

  it('evicts the oldest beyond the count cap and beyond the byte cap, keeping the totals true', () => {
    const home = freshHome();
    const store = open(home);
    const db = new Database(join(home, 'workspace.db'));
    try {
      const byCount = new ExchangesTable(db, { maxCount: 5, maxBytes: 1_000_000 });
      for (let i = 1; i <= 12; i += 1) byCount.append(exchange(i));
      expect(byCount.page({}, null, 100).rows.map((r) => r.id)).toEqual([12, 11, 10, 9, 8]);
      expect(byCount.totalsNow().count).toBe(5);

      const bySize = new ExchangesTable(db, { maxCount: 1000, maxBytes: 3000 });
      const big = 'x'.repeat(900);
      for (let i = 13; i <= 20; i += 1) bySize.append(exchange(i, big));
      const kept = bySize.page({}, null, 100).rows.map((r) => r.id);
      expect(kept[0]).toBe(20);
      expect(kept.length).toBeLessThanOrEqual(3);
      const sum = db
        .prepare<[], { n: number; b: number }>('SELECT count(*) AS n, sum(bytes) AS b FROM exchanges')
        .get();
      expect(bySize.totalsNow()).toEqual({ count: sum?.n, bytes: sum?.b });
      expect(bySize.totalsNow().bytes).toBeLessThanOrEqual(3000);
      expect(store.exchanges.get(1)).toBeUndefined();
    } finally {
      db.close();
    }
  });

  it('redacts before writing: form secrets, Authorization, the query, JSON answers', () => {
    const home = freshHome();
    const store = open(home);
    const secret = 'c0ffee'.repeat(6);
    const refresh = `1000.${'a'.repeat(32)}.${'b'.repeat(32)}`;
    const access = `1000.${'c'.repeat(32)}.${'d'.repeat(32)}`;
    const id = storeSink(store)({
      origin: 'accounts',
      at: 1,
      durationMs: 5,
      request: {
        method: 'POST',
        url: `https://accounts.zoho.com/oauth/v2/token/revoke?token=${refresh}`,
        headers: [['authorization', `Basic ${Buffer.from(`1000.ID:${secret}`).toString('base64')}`]],
        body: `grant_type=refresh_token&client_secret=${secret}&refresh_token=${refresh}`,
      },
      answer: { status: 200, statusText: 'OK', headers: [], body: `{"access_token":"${access}"}` },
    });
    if (id === null) throw new Error('not recorded');
    const detail = store.exchanges.get(id);
    const all = JSON.stringify(detail);
    for (const value of [secret, refresh, access]) expect(all).not.toContain(value);
    expect(detail?.url).toBe(
      `https://accounts.zoho.com/oauth/v2/token/revoke?token=[redacted …${refresh.slice(-4)}]`,
    );
    expect(detail?.request.headers[0]?.[1]).toMatch(/^Basic \[redacted …[^\]]{4}\]$/);
    expect(detail?.response?.body).toBe(`{"access_token":"[redacted …${access.slice(-4)}]"}`);
    expect(detail?.kind).toBe('revoke');
  });
});
