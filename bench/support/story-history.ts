// A short, hand-written token history that ends now: what a developer sees after an afternoon with
// one client. Two users; a refresh token refreshed often enough that Zoho's cap evicted its oldest
// access tokens; one revoked with its access tokens; one pushed to 10 in 10 minutes and then answered
// Access Denied; a fresh one; an idle one from the morning; an online token; grant codes for each
// consent. The e2e test seeds it for the timeline and limits screenshots.
import type { WorkspaceStore } from '../../electron/services/store';
import { LimitLedger, type LedgerEvent } from '../../shared/limits/ledger';
import { KAIZEN_43 } from '../../shared/limits/profile';
import type { ClientRecord, EnvironmentRecord, EnvVariable, TokenMeta } from '../../shared/workspace/model';
import { writeHistory, type HistoryItem } from './seed-history';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const STORY_CLIENT: ClientRecord = {
  id: 'cl_story_acme',
  name: 'Acme CRM',
  dcId: 'us',
  zohoClientId: '1000.STORY7QK2M9XW4ACME',
  type: 'server',
  redirectUri: 'http://127.0.0.1:53682/callback',
  multiDc: false,
  pkce: false,
  revokeEndpoint: 'sdk',
  secretFingerprint: '…9f3e',
  createdAt: 0,
};

interface User {
  readonly id: string;
  readonly label: string;
}

/** Builds the items in the order written here, each checked by a ledger as it goes. */
class Story {
  readonly items: HistoryItem[] = [];
  private readonly ledger = new LimitLedger(KAIZEN_43);
  private count = 0;

  constructor(private readonly now: number) {}

  consent(user: User, minutes: number, online = false): TokenMeta {
    const at = this.at(minutes);
    this.record({ type: 'grant-code-issued', at, clientId: STORY_CLIENT.zohoClientId });
    if (online) return this.access(user, null, minutes, true);
    const rt = this.meta('refresh', user, at);
    this.record({ type: 'refresh-token-created', at, id: rt.id, ...this.common(user) }, rt);
    this.access(user, rt, minutes, true);
    return rt;
  }

  /** One refresh; the story must stay inside Zoho's rate unless it says otherwise. */
  access(user: User, rt: TokenMeta | null, minutes: number, exchange = false): TokenMeta {
    const at = this.at(minutes);
    if (
      rt !== null &&
      !exchange &&
      this.ledger.usage({ rule: 'access', refreshTokenId: rt.id }, at).allowedAt !== null
    )
      throw new Error(`the story refreshes ${rt.fingerprint} over the rate at ${minutes} min`);
    const token = this.meta('access', user, at);
    this.record(
      {
        type: 'access-token-created',
        at,
        id: token.id,
        refreshTokenId: rt?.id ?? null,
        ...this.common(user),
        expiresAt: at + HOUR,
        viaCodeExchange: exchange,
      },
      token,
    );
    return token;
  }

  revoke(rt: TokenMeta, minutes: number): void {
    this.record({ type: 'refresh-token-revoked', at: this.at(minutes), id: rt.id });
  }

  denied(rt: TokenMeta, minutes: number): void {
    this.record({
      type: 'access-denied',
      at: this.at(minutes),
      key: { rule: 'access', refreshTokenId: rt.id },
    });
  }

  private at(minutes: number): number {
    return Math.round(this.now + minutes * MINUTE);
  }

  private common(user: User) {
    return { clientId: STORY_CLIENT.zohoClientId, userId: user.id, dc: STORY_CLIENT.dcId };
  }

  private record(event: LedgerEvent, meta: TokenMeta | null = null): void {
    const applied = this.ledger.append(event);
    if (!applied.ok) throw new Error(`the story's ${event.type} was refused: ${applied.message}`);
    this.items.push({ event, meta });
  }

  private meta(kind: 'access' | 'refresh', user: User, at: number): TokenMeta {
    this.count += 1;
    const serial = (this.count * 2654435761) >>> 0;
    const hex = serial.toString(16).padStart(8, '0');
    return {
      id: `${kind === 'access' ? 'at' : 'rt'}_story_${hex}${String(this.count).padStart(4, '0')}`,
      kind,
      clientRef: STORY_CLIENT.id,
      dcId: STORY_CLIENT.dcId,
      userId: user.id,
      userLabel: user.label,
      scopes: ['ZohoCRM.modules.ALL', 'ZohoCRM.users.READ'],
      apiDomain: 'https://www.zohoapis.com',
      fingerprint: `…${hex.slice(-4)}`,
      createdAt: at,
      expiresAt: kind === 'access' ? at + HOUR : null,
      lastError: null,
      lastCheckedAt: null,
    };
  }
}

function environment(
  id: string,
  name: string,
  rt: TokenMeta,
  access: TokenMeta,
  now: number,
): EnvironmentRecord {
  const secret = (key: string, meta: TokenMeta): EnvVariable => ({
    key,
    value: null,
    secret: true,
    type: 'secret',
    enabled: true,
    fingerprint: meta.fingerprint,
  });
  return {
    id,
    postmanId: null,
    name,
    clientRef: STORY_CLIENT.id,
    dcId: STORY_CLIENT.dcId,
    apiEnvironment: 'production',
    autoRefresh: false,
    variables: [
      {
        key: 'client-id',
        value: STORY_CLIENT.zohoClientId,
        secret: false,
        type: 'default',
        enabled: true,
        fingerprint: null,
      },
      secret('refresh-token', rt),
      secret('access-token', access),
    ],
    updatedAt: now,
  };
}

/** Writes the story into the store; times are relative to `now`. */
export function writeStory(store: WorkspaceStore, now: number): ClientRecord {
  const story = new Story(now);
  const ann: User = { id: 'zuid-7000001', label: 'ann@acme.test' };
  const bob: User = { id: 'zuid-7000002', label: 'bob@acme.test' };

  const morning = story.consent(ann, -300);
  story.access(ann, morning, -270);
  story.access(ann, morning, -240);
  const old = story.consent(ann, -190);
  story.access(ann, old, -130);
  story.access(ann, old, -75);
  story.revoke(old, -70);

  // Refreshed every 3.5 minutes: the 16th and 17th live access tokens evict the oldest two.
  const main = story.consent(ann, -58);
  let mainAccess = main;
  for (let m = -54.5; m < -1; m += 3.5) mainAccess = story.access(ann, main, m);

  story.consent(bob, -33, true);
  const side = story.consent(ann, -40);
  story.access(ann, side, -28);
  story.access(ann, side, -16);
  story.revoke(side, -9);

  // Ten in ten minutes, then an eleventh forced through: Zoho answers Access Denied, and refuses
  // until the first of the ten leaves its window, five minutes from now.
  const busy = story.consent(bob, -25);
  let busyAccess = busy;
  for (const m of [-5, -4.75, -4.5, -4.25, -4, -3.75, -3.5, -3.4, -3.3, -3.2])
    busyAccess = story.access(bob, busy, m);
  story.denied(busy, -3);

  const fresh = story.consent(bob, -14);
  story.access(bob, fresh, -2);

  store.clients.upsert({ ...STORY_CLIENT, createdAt: now - 6 * HOUR });
  writeHistory(store, story.items);
  store.environments.upsert(environment('env_story_dev', 'Acme CRM · dev', main, mainAccess, now));
  store.environments.upsert(environment('env_story_staging', 'Acme CRM · staging', busy, busyAccess, now));
  return STORY_CLIENT;
}
