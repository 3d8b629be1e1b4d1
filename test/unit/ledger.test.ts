import { describe, expect, it } from 'vitest';
import { LimitLedger, type LedgerEvent } from '../../shared/limits/ledger';
import { KAIZEN_43, TEN_ALIVE, TEN_MINUTES_MS, type LimitProfile } from '../../shared/limits/profile';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const WINDOW = TEN_MINUTES_MS;
const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const min = (n: number) => T0 + n * MINUTE;

const grant = (at: number, clientId = 'c1'): LedgerEvent => ({ type: 'grant-code-issued', at, clientId });
const refreshToken = (id: string, at: number, userId = 'u1', clientId = 'c1'): LedgerEvent => ({
  type: 'refresh-token-created',
  id,
  at,
  clientId,
  userId,
  dc: 'us',
});
const accessToken = (
  id: string,
  refreshTokenId: string | null,
  at: number,
  more: { expiresAt?: number; viaCodeExchange?: boolean; userId?: string } = {},
): LedgerEvent => ({
  type: 'access-token-created',
  id,
  refreshTokenId,
  at,
  clientId: 'c1',
  userId: more.userId ?? 'u1',
  dc: 'us',
  expiresAt: more.expiresAt ?? at + HOUR,
  viaCodeExchange: more.viaCodeExchange ?? false,
});

function ledgerOf(events: readonly LedgerEvent[], profile: LimitProfile = KAIZEN_43): LimitLedger {
  const ledger = new LimitLedger(profile);
  for (const event of events) expect(ledger.append(event)).toEqual({ ok: true, value: undefined });
  return ledger;
}

/** A refresh token at minute 0 and one access token a minute from minute 0: slow enough for the rate. */
function accessTokensEveryMinute(count: number): LedgerEvent[] {
  const events = [refreshToken('rt', min(0))];
  for (let i = 1; i <= count; i += 1) events.push(accessToken(`at${i}`, 'rt', min(i - 1)));
  return events;
}

describe('the rate rules (Kaizen #43: 10 per 10 minutes)', () => {
  it('the 11th access token in ten minutes is refused until the first leaves the window', () => {
    const events = [refreshToken('rt', min(0))];
    for (let i = 1; i <= 10; i += 1) events.push(accessToken(`at${i}`, 'rt', min(0) + i * 30_000));
    const ledger = ledgerOf(events);
    const firstAt = min(0) + 30_000;

    const refused = ledger.check({ kind: 'refresh', refreshTokenId: 'rt' }, min(6));
    expect(refused).toMatchObject({ verdict: 'rate-exceeded', allowedAt: firstAt + WINDOW });
    expect(refused.verdict === 'rate-exceeded' && refused.rates[0]).toMatchObject({
      key: { rule: 'access', refreshTokenId: 'rt' },
      used: 10,
      allowed: 10,
      nextSlotAt: firstAt + WINDOW,
    });
    expect(ledger.check({ kind: 'refresh', refreshTokenId: 'rt' }, firstAt + WINDOW - 1).verdict).toBe(
      'rate-exceeded',
    );
    expect(ledger.check({ kind: 'refresh', refreshTokenId: 'rt' }, firstAt + WINDOW).verdict).toBe('allowed');
  });

  it('counts a creation for exactly ten minutes: in at +9:59.999, out at +10:00', () => {
    const ledger = ledgerOf([grant(min(0))]);
    const key = { rule: 'grant', clientId: 'c1' } as const;
    expect(ledger.usage(key, min(0)).used).toBe(1);
    expect(ledger.usage(key, min(0) + WINDOW - 1).used).toBe(1);
    expect(ledger.usage(key, min(0) + WINDOW).used).toBe(0);
    expect(ledger.usage(key, min(0) - 1).used).toBe(0);
  });

  it('the 11th grant code for a client is refused, another client is not affected', () => {
    const ledger = ledgerOf(Array.from({ length: 10 }, (_, i) => grant(min(i))));
    const consent = { kind: 'consent', accessType: 'online' } as const;
    expect(ledger.check({ ...consent, clientId: 'c1' }, min(9))).toMatchObject({
      verdict: 'rate-exceeded',
      allowedAt: min(10),
    });
    expect(ledger.check({ ...consent, clientId: 'c2' }, min(9))).toEqual({
      verdict: 'allowed',
      notChecked: [],
    });
    expect(ledger.usage({ rule: 'grant', clientId: 'c1' }, min(9))).toMatchObject({
      used: 10,
      allowedAt: min(10),
    });
  });

  it('a self-client exchange uses no grant code but is held to the refresh-token rate', () => {
    const events = Array.from({ length: 10 }, (_, i) => refreshToken(`rt${i}`, min(i / 2)));
    const ledger = ledgerOf([...events, ...Array.from({ length: 10 }, (_, i) => grant(min(i / 2)))]);
    const answer = ledger.check({ kind: 'self-client-exchange', clientId: 'c1', userId: 'u1' }, min(5));
    expect(answer).toMatchObject({ verdict: 'rate-exceeded', allowedAt: min(10) });
    expect(answer.verdict === 'rate-exceeded' && answer.rates.map((r) => r.key.rule)).toEqual(['refresh']);
  });

  it('Access Denied it cannot explain proves creations it never saw, counted until the slot frees', () => {
    const denied: LedgerEvent = {
      type: 'access-denied',
      at: min(3),
      key: { rule: 'access', refreshTokenId: 'rt' },
    };
    const ledger = ledgerOf([refreshToken('rt', min(0)), accessToken('at1', 'rt', min(1)), denied]);
    // Zoho's window was full at minute 3, the ledger saw 1: 9 were made elsewhere, by minute 3 at the
    // latest. The one it saw (minute 1) leaves at minute 11, so Zoho frees a slot by then.
    expect(ledger.usage({ rule: 'access', refreshTokenId: 'rt' }, min(4))).toMatchObject({
      used: 10,
      inferred: 9,
      nextSlotAt: min(11),
      blockedUntil: min(11),
      allowedAt: min(11),
    });
    expect(ledger.check({ kind: 'refresh', refreshTokenId: 'rt' }, min(11) - 1)).toMatchObject({
      verdict: 'rate-exceeded',
      allowedAt: min(11),
    });
    expect(ledger.check({ kind: 'refresh', refreshTokenId: 'rt' }, min(11)).verdict).toBe('allowed');
    expect(ledger.check({ kind: 'refresh', refreshTokenId: 'rt' }, min(2)).verdict).toBe('allowed');
    // The inferred ones stay counted until minute 13, as late as they can have been made.
    expect(ledger.usage({ rule: 'access', refreshTokenId: 'rt' }, min(12))).toMatchObject({ used: 9 });
  });

  it('a denial it can explain adds nothing, and retries during the lock-out move nothing', () => {
    const events = accessTokensEveryMinute(10);
    const key = { rule: 'access', refreshTokenId: 'rt' } as const;
    const denial = (at: number): LedgerEvent => ({ type: 'access-denied', at, key });
    const ledger = ledgerOf([...events, denial(min(9.5)), denial(min(9.7)), denial(min(9.9))]);
    // One "safe again" time, the sandbox's: when the first of the ten leaves the window.
    expect(ledger.usage(key, min(9.95))).toMatchObject({
      used: 10,
      inferred: 0,
      nextSlotAt: min(10),
      blockedUntil: min(10),
      allowedAt: min(10),
    });
    expect(ledger.check({ kind: 'refresh', refreshTokenId: 'rt' }, min(10)).verdict).toBe('allowed');
  });

  it('counts unconfirmed creations and requests in flight, and says how many of each', () => {
    const unconfirmed: LedgerEvent = {
      type: 'unconfirmed-creation',
      at: min(2),
      key: { rule: 'grant', clientId: 'c1' },
    };
    const ledger = ledgerOf([...Array.from({ length: 8 }, (_, i) => grant(min(i / 4))), unconfirmed]);
    expect(ledger.usage({ rule: 'grant', clientId: 'c1' }, min(3), 1)).toMatchObject({
      used: 10,
      unconfirmed: 1,
      pending: 1,
      nextSlotAt: min(10),
    });
    expect(
      ledger.check({ kind: 'consent', clientId: 'c1', accessType: 'online' }, min(3), () => 1).verdict,
    ).toBe('rate-exceeded');
    expect(ledger.check({ kind: 'consent', clientId: 'c1', accessType: 'online' }, min(3)).verdict).toBe(
      'allowed',
    );
  });
});

describe('the alive caps', () => {
  it('the 16th access token evicts the oldest live one', () => {
    const ledger = ledgerOf(accessTokensEveryMinute(15));
    expect(ledger.check({ kind: 'refresh', refreshTokenId: 'rt' }, min(15))).toEqual({
      verdict: 'allowed-with-evictions',
      evictions: [{ kind: 'access-token', accessTokenId: 'at1', refreshTokenId: 'rt' }],
      notChecked: [],
    });
    ledger.append(accessToken('at16', 'rt', min(15)));
    expect(ledger.tokenAt('at1', min(15))).toMatchObject({
      status: 'evicted',
      endedAt: min(15),
      evictedBy: 'at16',
      endedWithParent: false,
    });
    expect(ledger.liveAccessTokens('rt', min(15))).toMatchObject({
      live: 15,
      maxAlive: 15,
      oldestLiveId: 'at2',
      wouldEvictOnNext: true,
    });
  });

  it('with the TEN_ALIVE profile the 11th access token evicts the oldest', () => {
    const ledger = ledgerOf(accessTokensEveryMinute(11), TEN_ALIVE);
    expect(ledger.tokenAt('at1', min(10))?.status).toBe('evicted');
    expect(ledger.liveAccessTokens('rt', min(10))).toMatchObject({
      live: 10,
      maxAlive: 10,
      oldestLiveId: 'at2',
    });
    expect(ledgerOf(accessTokensEveryMinute(11)).tokenAt('at1', min(10))?.status).toBe('active');
  });

  it('the 21st refresh token evicts the oldest and its access tokens', () => {
    const events: LedgerEvent[] = [];
    for (let i = 1; i <= 20; i += 1) events.push(refreshToken(`rt${i}`, min(i)));
    events.push(
      accessToken('a1', 'rt1', min(1)),
      accessToken('a2', 'rt1', min(2)),
      accessToken('b1', 'rt2', min(2)),
    );
    const ledger = ledgerOf(events);
    const consent = { kind: 'consent', clientId: 'c1', userId: 'u1', accessType: 'offline' } as const;
    expect(ledger.check(consent, min(21))).toEqual({
      verdict: 'allowed-with-evictions',
      evictions: [{ kind: 'refresh-token', refreshTokenId: 'rt1', accessTokenIds: ['a1', 'a2'] }],
      notChecked: [],
    });
    ledger.append(refreshToken('rt21', min(21)));
    expect(ledger.tokenAt('rt1', min(21))).toMatchObject({ status: 'evicted', evictedBy: 'rt21' });
    expect(ledger.tokenAt('a2', min(21))).toMatchObject({
      status: 'evicted',
      evictedBy: 'rt21',
      endedWithParent: true,
    });
    expect(ledger.tokenAt('b1', min(21))?.status).toBe('active');
    expect(ledger.liveRefreshTokens('c1', 'u1', min(21))).toMatchObject({ live: 20, oldestLiveId: 'rt2' });
    expect(ledger.check({ kind: 'refresh', refreshTokenId: 'rt1' }, min(22))).toEqual({
      verdict: 'refresh-token-not-live',
      refreshTokenId: 'rt1',
      status: 'evicted',
    });
  });

  it('expired access tokens do not count as live and are never evicted', () => {
    const events = [refreshToken('rt', min(0))];
    for (let i = 1; i <= 15; i += 1)
      events.push(accessToken(`at${i}`, 'rt', min(i - 1), { expiresAt: min(i + 4) }));
    const ledger = ledgerOf(events);
    expect(ledger.liveAccessTokens('rt', min(14))).toMatchObject({ live: 5, oldestLiveId: 'at11' });
    ledger.append(accessToken('at16', 'rt', min(15)));
    expect(ledger.tokenAt('at1', min(15))).toMatchObject({
      status: 'expired',
      endedAt: min(5),
      evictedBy: null,
    });
    expect(ledger.liveAccessTokens('rt', min(15))).toMatchObject({ live: 5, oldestLiveId: 'at12' });
    expect(ledger.check({ kind: 'refresh', refreshTokenId: 'rt' }, min(16))).toEqual({
      verdict: 'allowed',
      notChecked: [],
    });
  });

  it('an access token is active until the millisecond it expires', () => {
    const ledger = ledgerOf([refreshToken('rt', min(0)), accessToken('at', 'rt', min(0))]);
    expect(ledger.tokenAt('at', min(60) - 1)?.status).toBe('active');
    expect(ledger.tokenAt('at', min(60))).toMatchObject({ status: 'expired', endedAt: min(60) });
  });

  it('the exchange access token takes no rate or slot when the profile says it does not count', () => {
    const profile = { ...KAIZEN_43, exchangeAccessTokenCounts: false };
    const events = [refreshToken('rt', min(0)), accessToken('x', 'rt', min(0), { viaCodeExchange: true })];
    const ledger = ledgerOf([...events, ...accessTokensEveryMinute(15).slice(1)], profile);
    expect(ledger.usage({ rule: 'access', refreshTokenId: 'rt' }, min(9)).used).toBe(10);
    expect(ledger.liveAccessTokens('rt', min(14))).toMatchObject({ live: 15, oldestLiveId: 'at1' });
    expect(ledger.tokenAt('x', min(14))).toMatchObject({ status: 'active', countsTowardLimits: false });
    const counting = ledgerOf([...events, ...accessTokensEveryMinute(15).slice(1)]);
    expect(counting.tokenAt('x', min(14))).toMatchObject({ status: 'evicted', evictedBy: 'at15' });
  });
});

describe('revocation', () => {
  it('revoking a refresh token ends its access tokens', () => {
    const ledger = ledgerOf([
      refreshToken('rt', min(0)),
      accessToken('a1', 'rt', min(1)),
      accessToken('a2', 'rt', min(2), { expiresAt: min(3) }),
      { type: 'refresh-token-revoked', id: 'rt', at: min(5) },
    ]);
    expect(ledger.tokenAt('a1', min(5))).toMatchObject({
      status: 'revoked',
      endedAt: min(5),
      endedWithParent: true,
    });
    expect(ledger.tokenAt('a2', min(5))?.status).toBe('expired');
    expect(ledger.tokenAt('a1', min(4))?.status).toBe('active');
    expect(ledger.check({ kind: 'refresh', refreshTokenId: 'rt' }, min(6))).toMatchObject({
      status: 'revoked',
    });
    expect(ledger.liveRefreshTokens('c1', 'u1', min(6)).live).toBe(0);
  });

  it('revoking one access token frees its slot under the cap', () => {
    const ledger = ledgerOf([
      ...accessTokensEveryMinute(15),
      { type: 'access-token-revoked', id: 'at3', at: min(15) },
    ]);
    expect(ledger.liveAccessTokens('rt', min(15))).toMatchObject({ live: 14, wouldEvictOnNext: false });
    expect(ledger.check({ kind: 'refresh', refreshTokenId: 'rt' }, min(15)).verdict).toBe('allowed');
  });
});

describe('proposals', () => {
  it('a consent whose user is not known yet says the per-user rule was not checked', () => {
    const ledger = ledgerOf([]);
    expect(ledger.check({ kind: 'consent', clientId: 'c1', accessType: 'offline' }, min(0))).toEqual({
      verdict: 'allowed',
      notChecked: [{ rule: 'refresh', reason: 'user-unknown' }],
    });
  });

  it('reports every exceeded rate, and what would be evicted, in one answer', () => {
    const events: LedgerEvent[] = [];
    for (let i = 0; i < 20; i += 1) events.push(refreshToken(`rt${i}`, min(i)));
    for (let i = 0; i < 10; i += 1) events.push(grant(min(15 + i / 10)));
    const ledger = ledgerOf(events);
    const answer = ledger.check(
      { kind: 'consent', clientId: 'c1', userId: 'u1', accessType: 'offline' },
      min(19),
    );
    expect(answer).toMatchObject({ verdict: 'rate-exceeded', allowedAt: min(25) });
    if (answer.verdict !== 'rate-exceeded') return;
    expect(answer.rates.map((r) => [r.key.rule, r.allowedAt])).toEqual([
      ['grant', min(25)],
      ['refresh', min(20)],
    ]);
    expect(answer.evictions).toEqual([{ kind: 'refresh-token', refreshTokenId: 'rt0', accessTokenIds: [] }]);
  });
});

describe('history', () => {
  it('answers about a past moment as things stood then', () => {
    const ledger = ledgerOf(accessTokensEveryMinute(16));
    expect(ledger.tokenAt('at1', min(14))?.status).toBe('active');
    expect(ledger.tokenAt('at16', min(14))).toBeUndefined();
    expect(ledger.liveAccessTokens('rt', min(14)).oldestLiveId).toBe('at1');
    expect(ledger.liveAccessTokens('rt', min(15)).oldestLiveId).toBe('at2');
  });

  it('places late events in time order, as if they had come in order', () => {
    const inOrder = accessTokensEveryMinute(16);
    const late = ledgerOf([...inOrder.slice(0, 3), ...inOrder.slice(4), inOrder[3] as LedgerEvent]);
    const timely = ledgerOf(inOrder);
    for (const id of ['at1', 'at2', 'at3', 'at16'])
      expect(late.tokenAt(id, min(20))).toEqual(timely.tokenAt(id, min(20)));
    expect(late.tokenAt('at1', min(20))?.evictedBy).toBe('at16');
    expect(late.latestAt).toBe(min(15));
  });

  it('refuses events that name tokens it does not know, with a code and a plain message', () => {
    const ledger = ledgerOf([refreshToken('rt', min(5))]);
    expect(ledger.append(accessToken('a', 'nope', min(6)))).toMatchObject({
      ok: false,
      code: 'unknown_refresh_token',
    });
    expect(ledger.append(accessToken('a', 'rt', min(4)))).toMatchObject({
      ok: false,
      code: 'created_before_parent',
    });
    expect(ledger.append(accessToken('a', 'rt', min(6), { userId: 'u2' }))).toMatchObject({
      code: 'parent_mismatch',
    });
    expect(ledger.append(refreshToken('rt', min(6)))).toMatchObject({
      ok: false,
      code: 'duplicate_token_id',
    });
    expect(ledger.append({ type: 'access-token-revoked', id: 'rt', at: min(7) })).toMatchObject({
      ok: false,
      code: 'unknown_token',
      message: expect.stringContaining('"rt"'),
    });
    expect(ledger.append({ type: 'refresh-token-revoked', id: 'rt', at: min(4) })).toMatchObject({
      code: 'revoked_before_created',
    });
    expect(ledger.append(grant(Number.NaN))).toMatchObject({ ok: false, code: 'invalid_time' });
    expect(ledger.latestAt).toBe(min(5));
  });

  it('online access tokens count toward the grant rule only and can be revoked', () => {
    const ledger = ledgerOf([
      grant(min(0)),
      accessToken('on', null, min(0)),
      { type: 'access-token-revoked', id: 'on', at: min(9) },
    ]);
    expect(ledger.tokenAt('on', min(9))).toMatchObject({
      status: 'revoked',
      parentId: null,
      countsTowardLimits: false,
    });
    expect(ledger.check({ kind: 'consent', clientId: 'c1', accessType: 'online' }, min(1)).verdict).toBe(
      'allowed',
    );
  });
});

describe('users of a client', () => {
  it('are those with a refresh token of that client, once each, whatever the order of events', () => {
    const ledger = ledgerOf([
      refreshToken('rt2', min(5), 'u2'),
      refreshToken('rt1', min(1), 'u1'),
      refreshToken('rt3', min(6), 'u2'),
      refreshToken('other', min(2), 'u3', 'c2'),
      accessToken('online', null, min(3), { userId: 'u4' }),
    ]);
    expect(ledger.usersOf('c1')).toEqual(['u2', 'u1']);
    expect(ledger.usersOf('c2')).toEqual(['u3']);
    expect(ledger.usersOf('nobody')).toEqual([]);
  });
});
