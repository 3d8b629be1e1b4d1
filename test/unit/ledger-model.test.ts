import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LimitLedger, type LedgerEvent, type Proposal, type RuleKey } from '../../shared/limits/ledger';
import { KAIZEN_43, TEN_ALIVE, TEN_MINUTES_MS, type LimitProfile } from '../../shared/limits/profile';
import type { Result } from '../../shared/result';
import { NaiveLedger } from '../support/naive-ledger';

/**
 * The ledger against the naive model (test/support/naive-ledger.ts) over random histories: several
 * clients, users and refresh tokens, gaps of 0 to 30 minutes with a bias to the window's edges, late
 * events, events that must be refused, and queries before, at and after the last event.
 */

const MINUTE = 60_000;
const WINDOW = TEN_MINUTES_MS;
const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const CLIENTS = ['c0', 'c1'];
const USERS = ['u0', 'u1'];

/** Small limits, so that rates and caps bite within a few dozen events. */
const tinyProfile: fc.Arbitrary<LimitProfile> = fc
  .record({
    perWindow: fc.integer({ min: 1, max: 4 }),
    aliveAccess: fc.integer({ min: 1, max: 4 }),
    aliveRefresh: fc.integer({ min: 1, max: 3 }),
    exchangeCounts: fc.boolean(),
  })
  .map((n) => ({
    ...KAIZEN_43,
    id: 'tiny',
    grant: { perWindow: n.perWindow, windowMs: WINDOW },
    access: { perWindow: n.perWindow, windowMs: WINDOW, maxAlive: n.aliveAccess },
    refresh: { perWindow: n.perWindow, windowMs: WINDOW, maxAlive: n.aliveRefresh },
    exchangeAccessTokenCounts: n.exchangeCounts,
  }));

const profiles = fc.oneof(
  { weight: 4, arbitrary: tinyProfile },
  { weight: 1, arbitrary: fc.constantFrom(KAIZEN_43, TEN_ALIVE) },
);

const pick = fc.nat({ max: 50 });
/** Most events are sound; a few carry one mistake the ledger must refuse, exactly as the model does. */
const rarely = (arbitrary: fc.Arbitrary<boolean>) =>
  fc.oneof({ weight: 12, arbitrary: fc.constant(false) }, { weight: 1, arbitrary });
const lifetime = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 15 }) },
  { weight: 6, arbitrary: fc.integer({ min: 16, max: 90 }) },
  { weight: 1, arbitrary: fc.constant(0) },
);
const operation = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant('grant' as const), client: pick }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('refresh-token' as const),
      client: pick,
      user: pick,
      reuseId: rarely(fc.constant(true)),
    }),
  },
  {
    weight: 10,
    arbitrary: fc.record({
      op: fc.constant('access-token' as const),
      parent: pick,
      ttlMinutes: lifetime,
      viaCodeExchange: fc.boolean(),
      unknownParent: rarely(fc.constant(true)),
      wrongUser: rarely(fc.constant(true)),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('online-access' as const),
      client: pick,
      user: pick,
      ttlMinutes: lifetime,
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('revoke-refresh' as const), target: pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('revoke-access' as const), target: pick }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('denied' as const),
      rule: fc.constantFrom('grant', 'refresh', 'access'),
      target: pick,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('unconfirmed' as const),
      rule: fc.constantFrom('grant', 'refresh', 'access'),
      target: pick,
    }),
  },
);
type Operation = typeof operation extends fc.Arbitrary<infer O> ? O : never;

const step = fc.record({
  gapMs: fc.oneof(
    { weight: 2, arbitrary: fc.constant(0) },
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 30 }).map((m) => m * MINUTE) },
    { weight: 1, arbitrary: fc.constantFrom(WINDOW - 1, WINDOW, WINDOW + 1) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 30 * MINUTE }) },
  ),
  /** Late events: some minutes before the latest, or at exactly the time of an earlier event. */
  late: fc.oneof(
    { weight: 10, arbitrary: fc.constant({ byMs: 0 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 20 }).map((m) => ({ byMs: m * MINUTE })) },
    { weight: 1, arbitrary: fc.nat().map((n) => ({ sameTimeAs: n })) },
  ),
  operation,
});

const moments = fc.array(
  fc.record({
    base: fc.nat(),
    offset: fc.oneof(
      fc.constantFrom(0, -1, 1, WINDOW - 1, WINDOW, WINDOW + 1, -WINDOW),
      fc.integer({ min: -30 * MINUTE, max: 90 * MINUTE }),
    ),
  }),
  { minLength: 1, maxLength: 6 },
);

interface History {
  readonly events: LedgerEvent[];
  readonly refreshTokenIds: string[];
  readonly tokenIds: string[];
}

const nth = <T>(items: readonly T[], index: number, fallback: T): T =>
  items[index % items.length] ?? fallback;

/** Turns random steps into events; picks past the end name unknown tokens, which must be refused. */
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

function historyOf(steps: readonly Step[]): History {
  const history: History = { events: [], refreshTokenIds: [], tokenIds: [] };
  const families = new Map<string, { clientId: string; userId: string }>();
  let now = T0;
  steps.forEach(({ gapMs, late, operation: o }, i) => {
    now += gapMs;
    const earlier =
      'sameTimeAs' in late ? history.events[late.sameTimeAs % history.events.length] : undefined;
    const at = earlier?.at ?? now - ('byMs' in late ? late.byMs : 0);
    const clientId = 'client' in o ? (CLIENTS[o.client % CLIENTS.length] ?? 'c0') : 'c0';
    const userId = 'user' in o ? (USERS[o.user % USERS.length] ?? 'u0') : 'u0';
    const sound = o.op === 'access-token' && history.refreshTokenIds.length === 0 ? firstRefreshToken(o) : o;
    const event = eventOf(sound, { at, id: `t${i}`, clientId, userId }, history, families);
    history.events.push(event);
  });
  return history;
}

/** An access token needs a refresh token to hang from: the first one makes it. */
const firstRefreshToken = (o: { parent: number }): Operation => ({
  op: 'refresh-token',
  client: o.parent,
  user: o.parent >> 1,
  reuseId: false,
});

function eventOf(
  o: Operation,
  base: { at: number; id: string; clientId: string; userId: string },
  history: History,
  families: Map<string, { clientId: string; userId: string }>,
): LedgerEvent {
  const { at, clientId, userId } = base;
  // Mostly one of the three newest, so that caps fill up.
  const refreshId = (n: number) => nth(history.refreshTokenIds.slice(-3), n, 'missing');
  switch (o.op) {
    case 'grant':
      return { type: 'grant-code-issued', at, clientId };
    case 'refresh-token': {
      const id = o.reuseId ? nth(history.tokenIds, 0, base.id) : base.id;
      history.refreshTokenIds.push(id);
      history.tokenIds.push(id);
      if (!families.has(id)) families.set(id, { clientId, userId });
      return { type: 'refresh-token-created', at, id, clientId, userId, dc: 'us' };
    }
    case 'access-token': {
      const parent = o.unknownParent ? 'missing' : refreshId(o.parent);
      const family = families.get(parent) ?? { clientId, userId };
      history.tokenIds.push(base.id);
      return {
        type: 'access-token-created',
        ...family,
        userId: o.wrongUser ? `${family.userId}-other` : family.userId,
        at,
        id: base.id,
        refreshTokenId: parent,
        dc: 'us',
        expiresAt: at + o.ttlMinutes * MINUTE,
        viaCodeExchange: o.viaCodeExchange,
      };
    }
    case 'online-access':
      history.tokenIds.push(base.id);
      return {
        ...base,
        type: 'access-token-created',
        refreshTokenId: null,
        dc: 'eu',
        expiresAt: at + o.ttlMinutes * MINUTE,
      };
    case 'revoke-refresh':
      return { type: 'refresh-token-revoked', at, id: refreshId(o.target) };
    case 'revoke-access':
      return { type: 'access-token-revoked', at, id: nth(history.tokenIds, o.target, 'missing') };
    case 'denied':
    case 'unconfirmed': {
      const key: RuleKey =
        o.rule === 'access'
          ? { rule: 'access', refreshTokenId: refreshId(o.target) }
          : o.rule === 'grant'
            ? { rule: 'grant', clientId }
            : { rule: 'refresh', clientId, userId };
      return { type: o.op === 'denied' ? 'access-denied' : 'unconfirmed-creation', at, key };
    }
  }
}

type Queries = Pick<LimitLedger, 'usage' | 'liveAccessTokens' | 'liveRefreshTokens' | 'tokenAt' | 'check'>;

/** Everything one can ask at a moment, for every client, user and token of the history. */
function everything(q: Queries, at: number, history: History) {
  const families = CLIENTS.flatMap((clientId) => USERS.map((userId) => ({ clientId, userId })));
  const proposals: Proposal[] = [
    ...CLIENTS.map((clientId): Proposal => ({ kind: 'consent', clientId, accessType: 'online' })),
    ...CLIENTS.map((clientId): Proposal => ({ kind: 'consent', clientId, accessType: 'offline' })),
    ...families.map((f): Proposal => ({ kind: 'consent', ...f, accessType: 'offline' })),
    ...families.map((f): Proposal => ({ kind: 'self-client-exchange', ...f })),
    ...[...history.refreshTokenIds, 'missing'].map((id): Proposal => ({
      kind: 'refresh',
      refreshTokenId: id,
    })),
  ];
  return {
    grants: CLIENTS.map((clientId) => q.usage({ rule: 'grant', clientId }, at)),
    families: families.map((f) => [
      q.usage({ rule: 'refresh', ...f }, at),
      q.liveRefreshTokens(f.clientId, f.userId, at),
    ]),
    refreshTokens: history.refreshTokenIds.map((id) => [
      q.usage({ rule: 'access', refreshTokenId: id }, at),
      q.liveAccessTokens(id, at),
    ]),
    tokens: [...history.tokenIds, 'missing'].map((id) => q.tokenAt(id, at)),
    proposals: proposals.map((p) => q.check(p, at)),
    // Requests in flight elsewhere: one per grant and access key, two per refresh key.
    withPending: proposals.map((p) => q.check(p, at, (key) => (key.rule === 'refresh' ? 2 : 1))),
  };
}

const outcome = (result: Result<void>) => (result.ok ? 'ok' : result.code);

function appendToBoth(
  history: History,
  profile: LimitProfile,
  afterEach?: (ledger: LimitLedger, naive: NaiveLedger) => void,
) {
  const ledger = new LimitLedger(profile);
  const naive = new NaiveLedger(profile);
  for (const event of history.events) {
    expect(outcome(ledger.append(event))).toBe(outcome(naive.append(event)));
    afterEach?.(ledger, naive);
  }
  expect(ledger.latestAt).toBe(naive.latestAt);
  return { ledger, naive };
}

describe('the ledger agrees with the naive model', () => {
  it(
    'on usage, live counts, token states and proposal answers at any moment, past or present',
    { timeout: 30_000 },
    () => {
      fc.assert(
        fc.property(
          profiles,
          fc.array(step, { maxLength: 40, size: 'max' }),
          moments,
          (profile, steps, asked) => {
            const history = historyOf(steps);
            const { ledger, naive } = appendToBoth(history, profile);
            const latest = ledger.latestAt ?? T0;
            const times = history.events.map((e) => e.at);
            const ats = [
              latest,
              latest + WINDOW / 2,
              ...asked.map((m) => (times[m.base % times.length] ?? T0) + m.offset),
            ];
            for (const at of ats)
              expect(everything(ledger, at, history)).toEqual(everything(naive, at, history));
          },
        ),
        { numRuns: 500 },
      );
    },
  );

  it('after every single append, at the moment of the latest event', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(profiles, fc.array(step, { maxLength: 30, size: 'max' }), (profile, steps) => {
        const history = historyOf(steps);
        appendToBoth(history, profile, (ledger, naive) => {
          const at = ledger.latestAt ?? T0;
          expect(everything(ledger, at, history)).toEqual(everything(naive, at, history));
        });
      }),
      { numRuns: 300 },
    );
  });
});
