// "A check must not grow with the length of history (history of 10^6 events must answer as fast as 10^3
// within 2x)." Two ledgers end with the same 10^3 events; the big one has 10^6 - 10^3 events of the
// same clients and users before them. The same checks at the same "now" are timed in both.
import { LimitLedger, type LedgerEvent, type Proposal, type RuleKey } from '../shared/limits/ledger';
import { KAIZEN_43 } from '../shared/limits/profile';
import type { Benchmark, BenchResult } from './run';

const SMALL = 1_000;
const BIG = 1_000_000;
const CLIENTS = 100;
const USERS = 5_000;
const CLIENTS_PER_USER = 3;
const MEAN_GAP_MS = 15_000; // 10^6 events span about six months
const HOUR = 3_600_000;
const CHECKS_PER_ROUND = 100_000;
const ROUNDS = 15;

/** mulberry32: small, fast and deterministic, so both ledgers get the very same tail. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Family {
  readonly clientId: string;
  readonly userId: string;
}
interface LiveRefresh extends Family {
  readonly id: string;
}
type Query = { readonly proposal: Proposal } | { readonly usage: RuleKey };

/**
 * Appends `count` events of a plausible workload: mostly refreshes of recent refresh tokens, some
 * consents (grant code, refresh token, exchange access token), online consents, self-client exchanges,
 * revocations and the odd Access Denied. Returns what the checks will ask about.
 */
function generate(
  ledger: LimitLedger,
  count: number,
  prefix: string,
  startAt: number,
  seed: number,
): Query[] {
  const random = randomSource(seed);
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
  const pool: LiveRefresh[] = [];
  const queries: Query[] = [];
  let at = startAt;
  let made = 0;
  const append = (event: LedgerEvent) => {
    const result = ledger.append(event);
    if (!result.ok) throw new Error(`benchmark history refused: ${result.message}`);
    made += 1;
  };
  const family = (): Family => {
    const user = Math.floor(random() * USERS);
    const client = (user * 7 + Math.floor(random() * CLIENTS_PER_USER) * 31) % CLIENTS;
    return { clientId: `client-${client}`, userId: `user-${user}` };
  };
  const accessToken = (id: string, parent: LiveRefresh | null, who: Family, viaCodeExchange: boolean) => {
    append({
      type: 'access-token-created',
      id,
      refreshTokenId: parent?.id ?? null,
      clientId: who.clientId,
      userId: who.userId,
      dc: 'us',
      at,
      expiresAt: at + HOUR,
      viaCodeExchange,
    });
  };
  const refreshToken = (who: Family, withGrant: boolean) => {
    if (withGrant) append({ type: 'grant-code-issued', clientId: who.clientId, at });
    const token = { id: `${prefix}rt${made}`, ...who };
    append({ type: 'refresh-token-created', ...token, dc: 'us', at });
    accessToken(`${prefix}at${made}`, token, who, true);
    if (pool.length < 20_000) pool.push(token);
    else pool[Math.floor(random() * pool.length)] = token;
    queries.push({ proposal: { kind: 'refresh', refreshTokenId: token.id } });
    queries.push({ proposal: { kind: 'consent', ...who, accessType: 'offline' } });
    queries.push({ usage: { rule: 'refresh', ...who } });
  };
  while (made < count) {
    at += Math.round(-Math.log(1 - random()) * MEAN_GAP_MS);
    const roll = random();
    const live = pick(pool);
    if (roll < 0.72 && live !== undefined) {
      accessToken(`${prefix}at${made}`, live, live, false);
      queries.push({ usage: { rule: 'access', refreshTokenId: live.id } });
    } else if (roll < 0.86) refreshToken(family(), true);
    else if (roll < 0.9) refreshToken(family(), false);
    else if (roll < 0.95) {
      const who = family();
      append({ type: 'grant-code-issued', clientId: who.clientId, at });
      accessToken(`${prefix}on${made}`, null, who, true);
      queries.push({ proposal: { kind: 'consent', clientId: who.clientId, accessType: 'offline' } });
      queries.push({ usage: { rule: 'grant', clientId: who.clientId } });
    } else if (roll < 0.99 && live !== undefined) {
      append({ type: 'refresh-token-revoked', id: live.id, at });
      pool.splice(pool.indexOf(live), 1);
    } else if (live !== undefined) {
      append({ type: 'access-denied', key: { rule: 'access', refreshTokenId: live.id }, at });
    }
  }
  return queries;
}

function ask(ledger: LimitLedger, query: Query, now: number): number {
  if ('usage' in query) return ledger.usage(query.usage, now).used;
  return ledger.check(query.proposal, now).verdict.length;
}

/** Nanoseconds per check over one round; the sink keeps the work from being optimised away. */
function timeRound(
  ledger: LimitLedger,
  queries: readonly Query[],
  now: number,
  sink: { total: number },
): number {
  const started = performance.now();
  for (let i = 0; i < CHECKS_PER_ROUND; i += 1)
    sink.total += ask(ledger, queries[i % queries.length] as Query, now);
  return ((performance.now() - started) * 1e6) / CHECKS_PER_ROUND;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

function run(): BenchResult {
  const seed = 20250106;
  const builtAt = performance.now();
  const big = new LimitLedger(KAIZEN_43);
  generate(big, BIG - SMALL, 'bg-', Date.UTC(2025, 0, 6), seed + 1);
  const tailStart = (big.latestAt ?? 0) + 60_000;
  const queries = generate(big, SMALL, 'tail-', tailStart, seed);
  const buildSeconds = (performance.now() - builtAt) / 1000;
  const small = new LimitLedger(KAIZEN_43);
  generate(small, SMALL, 'tail-', tailStart, seed);
  const now = small.latestAt ?? tailStart;
  if (now !== big.latestAt) throw new Error('the two ledgers do not end at the same moment');

  const sink = { total: 0 };
  const rounds = { small: [] as number[], big: [] as number[] };
  for (let warmUp = 0; warmUp < 2; warmUp += 1) {
    timeRound(small, queries, now, sink);
    timeRound(big, queries, now, sink);
  }
  for (let round = 0; round < ROUNDS; round += 1) {
    rounds.small.push(timeRound(small, queries, now, sink));
    rounds.big.push(timeRound(big, queries, now, sink));
  }
  const bigNs = median(rounds.big);
  const smallNs = median(rounds.small);
  const heapMb = Math.round(process.memoryUsage().heapUsed / 2 ** 20);
  return {
    ratio: bigNs / smallNs,
    detail:
      `1e6 events: ${bigNs.toFixed(0)} ns/check, 1e3 events: ${smallNs.toFixed(0)} ns/check; ` +
      `${queries.length} distinct checks, median of ${ROUNDS} rounds; 1e6 built in ${buildSeconds.toFixed(1)} s, heap ${heapMb} MB`,
    goal: 2,
  };
}

export const ledgerScale: Benchmark = { name: 'ledger-scale', run };
