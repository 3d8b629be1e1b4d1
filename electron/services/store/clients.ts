import type { Database, Statement } from 'better-sqlite3';
import type { ClientRecord, ClientType, RevokeEndpoint } from '../../../shared/workspace/model';
import { fromFlag, toFlag } from './json';

interface ClientRow {
  id: string;
  name: string;
  dc_id: string;
  zoho_client_id: string;
  type: string;
  redirect_uri: string | null;
  multi_dc: number;
  pkce: number;
  revoke_endpoint: string;
  secret_fingerprint: string | null;
  created_at: number;
  removed_at: number | null;
}

const COLUMNS =
  'id, name, dc_id, zoho_client_id, type, redirect_uri, multi_dc, pkce, revoke_endpoint, secret_fingerprint, created_at';

/**
 * Registered Zoho clients. Removing a client hides it (`removed_at`) instead of deleting the row:
 * its token metadata and the ledger's history still name it, and Zoho keeps counting those tokens
 * against its limits whether or not Tokenbench lists the client. Upserting the same id restores it.
 */
export class ClientsTable {
  private readonly selectLive: Statement<[], ClientRow>;
  private readonly selectOne: Statement<[string], ClientRow>;
  private readonly upsertRow: Statement<[Omit<ClientRow, 'removed_at'>]>;
  private readonly markRemoved: Statement<[number, string]>;

  constructor(
    db: Database,
    private readonly now: () => number,
  ) {
    this.selectLive = db.prepare(
      `SELECT * FROM clients WHERE removed_at IS NULL ORDER BY name COLLATE NOCASE, id`,
    );
    this.selectOne = db.prepare('SELECT * FROM clients WHERE id = ?');
    this.upsertRow = db.prepare(
      `INSERT INTO clients (${COLUMNS}, removed_at)
       VALUES (@id, @name, @dc_id, @zoho_client_id, @type, @redirect_uri, @multi_dc, @pkce,
               @revoke_endpoint, @secret_fingerprint, @created_at, NULL)
       ON CONFLICT (id) DO UPDATE SET
         name = excluded.name, dc_id = excluded.dc_id, zoho_client_id = excluded.zoho_client_id,
         type = excluded.type, redirect_uri = excluded.redirect_uri, multi_dc = excluded.multi_dc,
         pkce = excluded.pkce, revoke_endpoint = excluded.revoke_endpoint,
         secret_fingerprint = excluded.secret_fingerprint, created_at = excluded.created_at,
         removed_at = NULL`,
    );
    this.markRemoved = db.prepare('UPDATE clients SET removed_at = ? WHERE id = ? AND removed_at IS NULL');
  }

  /** The clients in view, by name. */
  list(): ClientRecord[] {
    return this.selectLive.all().map(toRecord);
  }

  /** A client in view; `includeRemoved` also finds a removed one, e.g. to name it in the ledger's history. */
  get(id: string, options: { includeRemoved?: boolean } = {}): ClientRecord | undefined {
    const row = this.selectOne.get(id);
    if (row === undefined || (row.removed_at !== null && options.includeRemoved !== true)) return undefined;
    return toRecord(row);
  }

  /** When the client was removed, or null while it is in view (undefined: never stored). */
  removedAt(id: string): number | null | undefined {
    return this.selectOne.get(id)?.removed_at;
  }

  /** Inserts or replaces the client (one statement, so one transaction); restores a removed one. */
  upsert(record: ClientRecord): void {
    this.upsertRow.run(toRow(record));
  }

  /**
   * Hides the client; its token metadata and ledger events stay. Deleting the keychain entries of
   * its secret and tokens is the caller's job (the store never sees them). False if not in view.
   */
  remove(id: string): boolean {
    return this.markRemoved.run(this.now(), id).changes > 0;
  }
}

function toRow(record: ClientRecord): Omit<ClientRow, 'removed_at'> {
  return {
    id: record.id,
    name: record.name,
    dc_id: record.dcId,
    zoho_client_id: record.zohoClientId,
    type: record.type,
    redirect_uri: record.redirectUri,
    multi_dc: toFlag(record.multiDc),
    pkce: toFlag(record.pkce),
    revoke_endpoint: record.revokeEndpoint,
    secret_fingerprint: record.secretFingerprint,
    created_at: record.createdAt,
  };
}

function toRecord(row: ClientRow): ClientRecord {
  return {
    id: row.id,
    name: row.name,
    dcId: row.dc_id,
    zohoClientId: row.zoho_client_id,
    type: row.type as ClientType,
    redirectUri: row.redirect_uri,
    multiDc: fromFlag(row.multi_dc),
    pkce: fromFlag(row.pkce),
    revokeEndpoint: row.revoke_endpoint as RevokeEndpoint,
    secretFingerprint: row.secret_fingerprint,
    createdAt: row.created_at,
  };
}
