import type { Database, Statement } from 'better-sqlite3';
import type { TokenIdentity } from '../../../shared/workspace/identity';
import type { TokenGrant, TokenMeta, TokenOrigin } from '../../../shared/workspace/model';

interface TokenRow {
  id: string;
  kind: string;
  client_ref: string;
  dc_id: string;
  user_id: string;
  user_label: string | null;
  scopes_json: string;
  api_domain: string | null;
  fingerprint: string;
  created_at: number;
  expires_at: number | null;
  last_error_json: string | null;
  last_checked_at: number | null;
  origin_json: string | null;
  grant_json: string | null;
  identity_json: string | null;
}

export type TokenError = NonNullable<TokenMeta['lastError']>;

/**
 * What Tokenbench knows about each token besides its ledger state: never the value, only its
 * fingerprint. Rows outlive their client's removal (see ClientsTable).
 */
export class TokensTable {
  private readonly selectOne: Statement<[string], TokenRow>;
  private readonly selectByClient: Statement<[string], TokenRow>;
  private readonly selectRecentByClient: Statement<[string, number], TokenRow>;
  private readonly countByClient: Statement<[string], { n: number }>;
  private readonly upsertRow: Statement<[TokenRow]>;
  private readonly updateError: Statement<[string | null, string]>;
  private readonly updateChecked: Statement<[number, string]>;
  private readonly updateIdentity: Statement<[string, string]>;
  private readonly deleteRow: Statement<[string]>;
  private readonly selectRefreshByPrints: Statement<[string], TokenRow>;

  constructor(db: Database) {
    this.selectOne = db.prepare('SELECT * FROM tokens WHERE id = ?');
    this.selectByClient = db.prepare('SELECT * FROM tokens WHERE client_ref = ? ORDER BY created_at, id');
    this.selectRecentByClient = db.prepare(
      `SELECT * FROM tokens WHERE client_ref = ? AND (kind = 'refresh' OR expires_at IS NULL OR expires_at >= ?)
       ORDER BY created_at, id`,
    );
    this.countByClient = db.prepare('SELECT count(*) AS n FROM tokens WHERE client_ref = ?');
    this.upsertRow = db.prepare(
      `INSERT INTO tokens (id, kind, client_ref, dc_id, user_id, user_label, scopes_json, api_domain,
                           fingerprint, created_at, expires_at, last_error_json, last_checked_at, origin_json,
                           grant_json, identity_json)
       VALUES (@id, @kind, @client_ref, @dc_id, @user_id, @user_label, @scopes_json, @api_domain,
               @fingerprint, @created_at, @expires_at, @last_error_json, @last_checked_at, @origin_json,
               @grant_json, @identity_json)
       ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, client_ref = excluded.client_ref,
         dc_id = excluded.dc_id, user_id = excluded.user_id, user_label = excluded.user_label,
         scopes_json = excluded.scopes_json, api_domain = excluded.api_domain,
         fingerprint = excluded.fingerprint, created_at = excluded.created_at,
         expires_at = excluded.expires_at, last_error_json = excluded.last_error_json,
         last_checked_at = excluded.last_checked_at, origin_json = excluded.origin_json,
         grant_json = excluded.grant_json, identity_json = excluded.identity_json`,
    );
    this.updateError = db.prepare('UPDATE tokens SET last_error_json = ? WHERE id = ?');
    this.updateChecked = db.prepare('UPDATE tokens SET last_checked_at = ? WHERE id = ?');
    this.updateIdentity = db.prepare('UPDATE tokens SET identity_json = ? WHERE id = ?');
    this.deleteRow = db.prepare('DELETE FROM tokens WHERE id = ?');
    // json_each takes the list as one parameter, so one prepared statement serves any page size.
    this.selectRefreshByPrints = db.prepare(
      `SELECT * FROM tokens WHERE kind = 'refresh' AND fingerprint IN (SELECT value FROM json_each(?))
       ORDER BY created_at, id`,
    );
  }

  /** Refresh tokens with any of these fingerprints (through the fingerprint index), oldest first. */
  refreshByFingerprints(prints: readonly string[]): TokenMeta[] {
    if (prints.length === 0) return [];
    return this.selectRefreshByPrints.all(JSON.stringify([...new Set(prints)])).map(toMeta);
  }

  get(id: string): TokenMeta | undefined {
    const row = this.selectOne.get(id);
    return row === undefined ? undefined : toMeta(row);
  }

  /** Oldest first, the order Zoho evicts them in. */
  listByClient(clientRef: string): TokenMeta[] {
    return this.selectByClient.all(clientRef).map(toMeta);
  }

  /**
   * The tokens that may still matter at `since`: every refresh token (they never expire; the ledger
   * says which still live) and the access tokens not expired by then. Oldest first.
   */
  listRecentByClient(clientRef: string, since: number): TokenMeta[] {
    return this.selectRecentByClient.all(clientRef, since).map(toMeta);
  }

  count(clientRef: string): number {
    return this.countByClient.get(clientRef)?.n ?? 0;
  }

  /** The client must be stored (even if removed): token metadata always names a known client. */
  upsert(meta: TokenMeta): void {
    this.upsertRow.run(toRow(meta));
  }

  /** Records (or clears, with null) the last explained failure; false if the token is unknown. */
  setLastError(id: string, error: TokenError | null): boolean {
    const text = error === null ? null : JSON.stringify(error);
    return this.updateError.run(text, id).changes > 0;
  }

  setLastChecked(id: string, at: number): boolean {
    return this.updateChecked.run(at, id).changes > 0;
  }

  /** Records who the token acts for (a later lookup, e.g. "Check now"); false if the token is unknown. */
  setIdentity(id: string, identity: TokenIdentity): boolean {
    return this.updateIdentity.run(JSON.stringify(identity), id).changes > 0;
  }

  /** Forgets a token's metadata; its ledger events stay, so limit history is unchanged. */
  remove(id: string): boolean {
    return this.deleteRow.run(id).changes > 0;
  }
}

function toRow(meta: TokenMeta): TokenRow {
  return {
    id: meta.id,
    kind: meta.kind,
    client_ref: meta.clientRef,
    dc_id: meta.dcId,
    user_id: meta.userId,
    user_label: meta.userLabel,
    scopes_json: JSON.stringify(meta.scopes),
    api_domain: meta.apiDomain,
    fingerprint: meta.fingerprint,
    created_at: meta.createdAt,
    expires_at: meta.expiresAt,
    last_error_json: meta.lastError === null ? null : JSON.stringify(meta.lastError),
    last_checked_at: meta.lastCheckedAt,
    origin_json: meta.origin === undefined ? null : JSON.stringify(meta.origin),
    grant_json: meta.grant === undefined ? null : JSON.stringify(meta.grant),
    identity_json: meta.identity === undefined ? null : JSON.stringify(meta.identity),
  };
}

function toMeta(row: TokenRow): TokenMeta {
  return {
    id: row.id,
    kind: row.kind === 'refresh' ? 'refresh' : 'access',
    clientRef: row.client_ref,
    dcId: row.dc_id,
    userId: row.user_id,
    userLabel: row.user_label,
    scopes: parseStored(row.scopes_json) as string[],
    apiDomain: row.api_domain,
    fingerprint: row.fingerprint,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastError: row.last_error_json === null ? null : (parseStored(row.last_error_json) as TokenError),
    lastCheckedAt: row.last_checked_at,
    ...(row.origin_json === null ? {} : { origin: parseStored(row.origin_json) as TokenOrigin }),
    ...(row.grant_json === null ? {} : { grant: parseStored(row.grant_json) as TokenGrant }),
    ...(row.identity_json === null ? {} : { identity: parseStored(row.identity_json) as TokenIdentity }),
  };
}

/** Columns this store wrote itself from typed records. */
function parseStored(text: string): unknown {
  return JSON.parse(text);
}
