import type { Database, Statement } from 'better-sqlite3';
import type { TokenStoreRecord } from '../../../shared/stores/model';
import { fromFlag, toFlag } from './json';
import { errorCode } from './sqlite';

interface TokenStoreRow {
  id: string;
  name: string;
  host: string;
  port: number;
  database_name: string;
  table_name: string;
  user_name: string;
  has_password: number;
  writable: number;
  created_at: number;
}

/**
 * The token stores the workspace reads (a server's Zoho SDK DBStore): where each is and whether
 * Tokenbench may write to it. Never the password: that is in the keychain.
 */
export class TokenStoresTable {
  private readonly selectAll: Statement<[], TokenStoreRow>;
  private readonly selectOne: Statement<[string], TokenStoreRow>;
  private readonly insertRow: Statement<[TokenStoreRow]>;
  private readonly updateWritable: Statement<[number, string]>;
  private readonly deleteRow: Statement<[string]>;

  constructor(db: Database) {
    this.selectAll = db.prepare('SELECT * FROM token_stores ORDER BY name COLLATE NOCASE, id');
    this.selectOne = db.prepare('SELECT * FROM token_stores WHERE id = ?');
    this.insertRow = db.prepare(
      `INSERT INTO token_stores (id, name, host, port, database_name, table_name, user_name,
                                 has_password, writable, created_at)
       VALUES (@id, @name, @host, @port, @database_name, @table_name, @user_name,
               @has_password, @writable, @created_at)`,
    );
    this.updateWritable = db.prepare('UPDATE token_stores SET writable = ? WHERE id = ?');
    this.deleteRow = db.prepare('DELETE FROM token_stores WHERE id = ?');
  }

  /** By name. */
  list(): TokenStoreRecord[] {
    return this.selectAll.all().map(toRecord);
  }

  get(id: string): TokenStoreRecord | undefined {
    const row = this.selectOne.get(id);
    return row === undefined ? undefined : toRecord(row);
  }

  /** False when another store has this name already (names are unique, case-insensitively). */
  insert(record: TokenStoreRecord): boolean {
    try {
      this.insertRow.run(toRow(record));
      return true;
    } catch (error: unknown) {
      if (errorCode(error) === 'SQLITE_CONSTRAINT_UNIQUE') return false;
      throw error;
    }
  }

  setWritable(id: string, writable: boolean): TokenStoreRecord | undefined {
    this.updateWritable.run(toFlag(writable), id);
    return this.get(id);
  }

  remove(id: string): boolean {
    return this.deleteRow.run(id).changes > 0;
  }
}

function toRow(record: TokenStoreRecord): TokenStoreRow {
  return {
    id: record.id,
    name: record.name,
    host: record.host,
    port: record.port,
    database_name: record.database,
    table_name: record.table,
    user_name: record.user,
    has_password: toFlag(record.hasPassword),
    writable: toFlag(record.writable),
    created_at: record.createdAt,
  };
}

function toRecord(row: TokenStoreRow): TokenStoreRecord {
  return {
    id: row.id,
    name: row.name,
    host: row.host,
    port: row.port,
    database: row.database_name,
    table: row.table_name,
    user: row.user_name,
    hasPassword: fromFlag(row.has_password),
    writable: fromFlag(row.writable),
    createdAt: row.created_at,
  };
}
