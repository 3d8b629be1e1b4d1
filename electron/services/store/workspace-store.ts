import type { Database } from 'better-sqlite3';
import { ClientsTable } from './clients';
import { CustomDcsTable } from './dcs';
import { EnvTokensTable } from './env-tokens';
import { EnvironmentsTable } from './environments';
import { ExchangesTable } from './exchanges';
import { LedgerEventsTable } from './ledger-events';
import { ReservationsTable } from './reservations';
import { SettingsTable } from './settings';
import { TokenStoresTable } from './token-stores';
import { writeTransaction } from './sqlite';
import { TokensTable } from './tokens';

/**
 * The open workspace: one table object per record kind over one SQLite connection. Every mutating
 * method commits before it returns (a single statement, or an IMMEDIATE transaction), so what a call
 * acknowledged is on disk even if the process is killed next.
 */
export class WorkspaceStore {
  readonly clients: ClientsTable;
  readonly dcs: CustomDcsTable;
  readonly environments: EnvironmentsTable;
  /** Which tokens each environment holds (lineage), and auto-refresh's decisions about them. */
  readonly envTokens: EnvTokensTable;
  readonly tokens: TokensTable;
  readonly ledger: LedgerEventsTable;
  readonly settings: SettingsTable;
  readonly tokenStores: TokenStoresTable;
  readonly reservations: ReservationsTable;
  /** The traffic console's record of every exchange with Zoho, redacted and capped. */
  readonly exchanges: ExchangesTable;

  constructor(
    private readonly db: Database,
    /** The workspace.db file, for messages and diagnostics. */
    readonly file: string,
    now: () => number,
  ) {
    this.clients = new ClientsTable(db, now);
    this.dcs = new CustomDcsTable(db);
    this.environments = new EnvironmentsTable(db, now);
    this.envTokens = new EnvTokensTable(db, this.environments, now);
    this.tokens = new TokensTable(db);
    this.ledger = new LedgerEventsTable(db);
    this.settings = new SettingsTable(db);
    this.tokenStores = new TokenStoresTable(db);
    this.reservations = new ReservationsTable(db);
    this.exchanges = new ExchangesTable(db);
  }

  /**
   * Runs `fn` as one IMMEDIATE transaction: the write lock is taken first, so a check and the write
   * that depends on it are atomic across every process sharing the file. Nested calls join the outer one.
   */
  transaction<T>(fn: () => T): T {
    return this.db.inTransaction ? fn() : writeTransaction(this.db, fn);
  }

  /**
   * Runs `fn` as one transaction with SQLite's secure_delete on, then folds the WAL into the file:
   * text `fn` overwrites (a secret leaving the file for the keychain) is zeroed, not left behind in
   * free pages or in old WAL frames (https://sqlite.org/pragma.html#pragma_secure_delete).
   */
  scrubbing<T>(fn: () => T): T {
    this.db.pragma('secure_delete = ON');
    try {
      return this.transaction(fn);
    } finally {
      this.db.pragma('secure_delete = OFF');
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    }
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  /**
   * Folds the WAL back into the main file, then closes. TRUNCATE leaves an empty -wal even when
   * another process still has the workspace open (it cannot delete it then). Safe to call twice.
   */
  close(): void {
    if (!this.db.open) return;
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.db.close();
    }
  }
}
