import type { DataCenter } from '../../../shared/dc/catalog';
import type { LimitProfile } from '../../../shared/limits/profile';
import type { SandboxClock } from './clock';
import { RateLimiter } from './limits';
import type {
  AccessToken,
  DeviceGrant,
  GrantCode,
  LogEntry,
  RefreshToken,
  SandboxClient,
  SandboxClientKey,
  SandboxUser,
} from './model';

const MAX_LOG_ENTRIES = 2000;

/** An expired device code still answers `expired` this long, then it is unknown (invalid_code). */
const EXPIRED_DEVICE_CODE_KEPT_MS = 10 * 60_000;

/**
 * One "Zoho" shared by every sandbox DC: clients, users, codes, tokens, limits and one clock.
 * Revoked, evicted, used and expired things are deleted, so "unknown" and "dead" answer alike.
 */
export class SandboxState {
  readonly codes = new Map<string, GrantCode>();
  readonly refreshTokens = new Map<string, RefreshToken>();
  readonly accessTokens = new Map<string, AccessToken>();
  /** Device-flow authorizations by device code (device.ts). */
  readonly deviceGrants = new Map<string, DeviceGrant>();
  readonly limiter = new RateLimiter();
  /** Wrong user codes typed at a DC's verification page, for its brute-force brake (device-page.ts). */
  readonly wrongUserCodes: number[] = [];
  readonly log: LogEntry[] = [];
  private nextRefreshId = 1;

  constructor(
    readonly dcs: readonly DataCenter[],
    readonly clients: Readonly<Record<SandboxClientKey, SandboxClient>>,
    readonly users: readonly SandboxUser[],
    readonly profile: LimitProfile,
    readonly clock: SandboxClock,
    /** The device flow's polling interval; Zoho's is 30 s, tests set it short (`POST /sandbox/device`). */
    public deviceIntervalMs = 30_000,
  ) {}

  /** A device grant by the code a person typed, at the DC whose page they typed it on. */
  deviceGrantByUserCode(userCode: string, dcId: string): [string, DeviceGrant] | undefined {
    for (const entry of this.deviceGrants)
      if (entry[1].userCode === userCode && entry[1].dcId === dcId) return entry;
    return undefined;
  }

  dc(id: string): DataCenter | undefined {
    return this.dcs.find((dc) => dc.id === id);
  }

  user(zuid: string): SandboxUser | undefined {
    return this.users.find((u) => u.zuid === zuid);
  }

  /** Any registered client with this id, wherever it is registered. */
  client(clientId: string): SandboxClient | undefined {
    return Object.values(this.clients).find((c) => c.clientId === clientId);
  }

  /**
   * The client as the accounts server of `dcId` sees it: a client without multi-DC exists only in
   * the DC that registered it (zoho-oauth.md, "Multi-DC": wrong DC answers invalid_client).
   */
  clientAt(clientId: string, dcId: string): SandboxClient | undefined {
    const client = this.client(clientId);
    return client && (client.multiDc || client.homeDc === dcId) ? client : undefined;
  }

  newRefreshId(): number {
    return this.nextRefreshId++;
  }

  /** Live refresh tokens of a user for a client, oldest first (Map keeps insertion order). */
  refreshTokensOf(clientId: string, zuid: string): [string, RefreshToken][] {
    return [...this.refreshTokens].filter(([, r]) => r.clientId === clientId && r.zuid === zuid);
  }

  /** Live (unexpired) access tokens counted against a refresh token, oldest first. */
  countedAccessTokensOf(refreshId: number, now: number): [string, AccessToken][] {
    return [...this.accessTokens].filter(
      ([, a]) => a.refreshId === refreshId && a.counted && a.expiresAt > now,
    );
  }

  /** Kills a refresh token and every access token minted from it (revoke and eviction alike). */
  deleteRefreshToken(value: string): void {
    const refresh = this.refreshTokens.get(value);
    if (!refresh) return;
    this.refreshTokens.delete(value);
    for (const [token, access] of this.accessTokens) {
      if (access.refreshId === refresh.id) this.accessTokens.delete(token);
    }
  }

  /** Drops expired codes and access tokens so a long-running sandbox does not grow. */
  prune(now: number): void {
    for (const [code, grant] of this.codes) if (grant.expiresAt <= now) this.codes.delete(code);
    for (const [token, access] of this.accessTokens)
      if (access.expiresAt <= now) this.accessTokens.delete(token);
    for (const [code, grant] of this.deviceGrants)
      if (grant.expiresAt + EXPIRED_DEVICE_CODE_KEPT_MS <= now) this.deviceGrants.delete(code);
  }

  append(entry: LogEntry): void {
    this.log.push(entry);
    if (this.log.length > MAX_LOG_ENTRIES) this.log.splice(0, this.log.length - MAX_LOG_ENTRIES);
  }

  /**
   * Fresh state with the same clients and users: no codes, tokens, rate history or log; clock at base.
   * The device interval is configuration, like the clients, and stays.
   */
  reset(): void {
    this.codes.clear();
    this.refreshTokens.clear();
    this.accessTokens.clear();
    this.deviceGrants.clear();
    this.wrongUserCodes.length = 0;
    this.limiter.clear();
    this.log.length = 0;
    this.clock.reset();
  }
}
