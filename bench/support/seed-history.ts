// A plausible token history written straight into a workspace store (no Zoho, no keychain): clients,
// one environment each, and for every token its TokenMeta and the ledger events Zoho's limits count.
// Each client has a few users who consent now and then (grant code, refresh token, exchange access
// token) and refresh their live refresh tokens every few minutes, sometimes in bursts that evict, and
// sometimes revoke. Every event is first checked by a LimitLedger, so the workspace opens as a real
// one would. The history ends at `endAt` and goes back as far as `tokens` needs at a fixed rate, so a
// bigger history is a longer one, as in a workspace used for longer.
import type { WorkspaceStore } from '../../electron/services/store';
import { LimitLedger, type LedgerEvent } from '../../shared/limits/ledger';
import { KAIZEN_43 } from '../../shared/limits/profile';
import type { ClientRecord, EnvironmentRecord, TokenMeta } from '../../shared/workspace/model';

export interface SeedOptions {
  readonly clients: number;
  /** Refresh and access tokens, all clients together. */
  readonly tokens: number;
  readonly endAt: number;
  /** Tokens per hour per client; the history's length follows from it. */
  readonly perHourPerClient?: number;
  readonly seed?: number;
}

export interface SeededHistory {
  readonly clients: readonly ClientRecord[];
  readonly tokens: number;
  readonly events: number;
  readonly startAt: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DCS = ['us', 'eu', 'in', 'au', 'jp', 'ca', 'sa', 'uk', 'cn'] as const;
const USERS_PER_CLIENT = 3;

/** mulberry32, so every run seeds the same history. */
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

const hex = (random: () => number, length: number): string =>
  Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');

/** A ledger event and, for a creation, the token's metadata. */
export interface HistoryItem {
  readonly event: LedgerEvent;
  readonly meta: TokenMeta | null;
}

/** One client's history as it is generated, checked by a ledger of its own; written later, merged by time. */
interface Writer {
  readonly ledger: LimitLedger;
  readonly random: () => number;
  readonly items: HistoryItem[];
  tokens: number;
}

function record(writer: Writer, event: LedgerEvent, meta: TokenMeta | null = null): void {
  const applied = writer.ledger.append(event);
  if (!applied.ok) throw new Error(`seed history refused ${event.type}: ${applied.message}`);
  writer.items.push({ event, meta });
}

function client(index: number, at: number): ClientRecord {
  return {
    id: `cl_bench_${String(index).padStart(2, '0')}`,
    name: `${['Acme CRM', 'Books sync', 'Desk bot', 'People export', 'Billing'][index % 5] ?? 'Client'} ${index + 1}`,
    dcId: DCS[index % DCS.length] ?? 'us',
    zohoClientId: `1000.BENCH${String(index).padStart(4, '0')}`,
    type: 'server',
    redirectUri: 'http://127.0.0.1:53682/callback',
    multiDc: index % 3 === 0,
    pkce: false,
    revokeEndpoint: 'sdk',
    secretFingerprint: '…c0de',
    createdAt: at,
  };
}

function tokenMeta(
  writer: Writer,
  owner: ClientRecord,
  user: number,
  kind: 'access' | 'refresh',
  at: number,
): TokenMeta {
  const id = `${kind === 'access' ? 'at' : 'rt'}_${hex(writer.random, 32)}`;
  writer.tokens += 1;
  return {
    id,
    kind,
    clientRef: owner.id,
    dcId: owner.dcId,
    userId: `zuid-${owner.id}-${user}`,
    userLabel: `user${user + 1}@${owner.name.split(' ')[0]?.toLowerCase() ?? 'acme'}.test`,
    scopes: ['ZohoCRM.modules.ALL', 'AaaServer.profile.Read'],
    apiDomain: 'https://www.zohoapis.com',
    fingerprint: `…${hex(writer.random, 4)}`,
    createdAt: at,
    expiresAt: kind === 'access' ? at + HOUR : null,
    lastError: null,
    lastCheckedAt: null,
  };
}

interface Live {
  readonly meta: TokenMeta;
  readonly user: number;
}

/** One client's history: returns the metas of its last access and refresh token for its environment. */
function seedClient(writer: Writer, owner: ClientRecord, count: number, startAt: number, endAt: number) {
  const live: Live[] = [];
  let at = startAt;
  let last: { access: TokenMeta | null; refresh: TokenMeta | null } = { access: null, refresh: null };
  const issue = (meta: TokenMeta, event: LedgerEvent) => {
    record(writer, event, meta);
  };
  const consent = (user: number) => {
    record(writer, { type: 'grant-code-issued', at, clientId: owner.zohoClientId });
    const rt = tokenMeta(writer, owner, user, 'refresh', at);
    const common = { clientId: owner.zohoClientId, userId: rt.userId, dc: owner.dcId };
    issue(rt, { type: 'refresh-token-created', at, id: rt.id, ...common });
    const access = tokenMeta(writer, owner, user, 'access', at);
    issue(access, {
      type: 'access-token-created',
      at,
      id: access.id,
      refreshTokenId: rt.id,
      ...common,
      expiresAt: at + HOUR,
      viaCodeExchange: true,
    });
    live.push({ meta: rt, user });
    last = { access, refresh: rt };
  };
  let made = 0;
  while (made < count) {
    // Keep pace: what is left to make, spread over the time left.
    const step = (endAt - at) / (count - made + 1);
    at = Math.min(endAt - 1, Math.round(at + step * (0.5 + writer.random())));
    const roll = writer.random();
    const parent = live[Math.floor(writer.random() * live.length)];
    // Keep about four to eight refresh tokens live per client.
    const consentP = live.length < 4 ? 0.08 : 0.02;
    const revokeP = live.length > 6 ? 0.03 : 0.004;
    if (parent === undefined || roll < consentP) {
      consent(Math.floor(writer.random() * USERS_PER_CLIENT));
      made += 2;
    } else if (roll < consentP + revokeP && live.length > 1) {
      record(writer, { type: 'refresh-token-revoked', at, id: parent.meta.id });
      live.splice(live.indexOf(parent), 1);
    } else if (
      writer.ledger.usage({ rule: 'access', refreshTokenId: parent.meta.id }, at).allowedAt === null
    ) {
      const access = tokenMeta(writer, owner, parent.user, 'access', at);
      issue(access, {
        type: 'access-token-created',
        at,
        id: access.id,
        refreshTokenId: parent.meta.id,
        clientId: owner.zohoClientId,
        userId: parent.meta.userId,
        dc: owner.dcId,
        expiresAt: at + HOUR,
      });
      last = { access, refresh: parent.meta };
      made += 1;
    }
    // The ledger may have evicted some (the 21st refresh token): forget those.
    for (let i = live.length - 1; i >= 0; i -= 1) {
      const id = live[i]?.meta.id ?? '';
      if (writer.ledger.tokenAt(id, at)?.status !== 'active') live.splice(i, 1);
    }
  }
  return last;
}

function environment(
  owner: ClientRecord,
  last: ReturnType<typeof seedClient>,
  at: number,
): EnvironmentRecord {
  const secret = (key: string, meta: TokenMeta | null) => ({
    key,
    value: null,
    secret: true,
    type: 'secret',
    enabled: true,
    fingerprint: meta?.fingerprint ?? null,
  });
  const plain = (key: string, value: string) => ({
    key,
    value,
    secret: false,
    type: 'default',
    enabled: true,
    fingerprint: null,
  });
  return {
    id: `env_bench_${owner.id.slice(-2)}`,
    postmanId: null,
    name: `${owner.name} · dev`,
    clientRef: owner.id,
    dcId: owner.dcId,
    apiEnvironment: 'production',
    autoRefresh: false,
    variables: [
      plain('client-id', owner.zohoClientId),
      secret('access-token', last.access),
      secret('refresh-token', last.refresh),
      plain('api-domain', 'https://www.zohoapis.com'),
    ],
    updatedAt: at,
  };
}

/**
 * Writes the history through the store's own tables. Put the data folder on a tmpfs (/dev/shm):
 * the store fsyncs every commit, which on a disk would make seeding 100,000 tokens take minutes.
 */
export function seedHistory(store: WorkspaceStore, options: SeedOptions): SeededHistory {
  const perHour = options.perHourPerClient ?? 60;
  const perClient = Math.ceil(options.tokens / options.clients);
  const startAt = options.endAt - Math.ceil((perClient / perHour) * HOUR);
  const random = randomSource(options.seed ?? 20250106);
  const clients: ClientRecord[] = [];
  const streams: HistoryItem[][] = [];
  let tokens = 0;
  for (let i = 0; i < options.clients; i += 1) {
    const owner = client(i, startAt - HOUR);
    const writer: Writer = { ledger: new LimitLedger(KAIZEN_43), random, items: [], tokens: 0 };
    const last = seedClient(writer, owner, perClient, startAt, options.endAt);
    store.clients.upsert(owner);
    store.environments.upsert(environment(owner, last, options.endAt));
    clients.push(owner);
    streams.push(writer.items);
    tokens += writer.tokens;
  }
  const events = writeHistory(store, streams.flat());
  return { clients, tokens, events, startAt };
}

/**
 * Writes events and metadata through the store's tables. The app appends as things happen, so the
 * store's order is time order: the items are merged by time first. Answers how many were written.
 */
export function writeHistory(store: WorkspaceStore, items: readonly HistoryItem[]): number {
  const merged = [...items].sort((a, b) => a.event.at - b.event.at);
  for (const { event, meta } of merged) {
    store.ledger.append(event);
    if (meta !== null) store.tokens.upsert(meta);
  }
  return merged.length;
}
